//! The search query language: words, "quoted phrases", AND, OR, NOT, `-word`,
//! `prefix*` and parentheses, parsed into a [`Query`] tree.
//!
//! Words are split exactly as the index splits them ([`crate::normalize::words`]),
//! so `Jong-un` searches for the phrase "jong un". The store renders the tree
//! into its own engine's syntax; user text never reaches that syntax unquoted.

use crate::normalize;

/// Longest query accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 2_000;
/// Most terms in one query.
pub const MAX_TERMS: usize = 64;

/// A parsed search query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Words that must appear next to each other, in order. One word is a phrase of one.
    Phrase {
        words: Vec<String>,
        prefix: bool,
    },
    And(Vec<Query>),
    Or(Vec<Query>),
    /// Documents matching `include` but none of `exclude`.
    Not {
        include: Box<Query>,
        exclude: Vec<Query>,
    },
}

/// Why a query could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    #[error("the query is empty: give a word or a \"quoted phrase\"")]
    Empty,
    #[error("the query is {0} bytes long; the limit is {MAX_QUERY_LEN}")]
    TooLong(usize),
    #[error("the query has more than {MAX_TERMS} terms")]
    TooManyTerms,
    #[error("a quote opened at byte {0} is never closed")]
    UnclosedQuote(usize),
    #[error("a parenthesis is not matched")]
    UnbalancedParen,
    #[error("{0} needs a term on both sides")]
    DanglingOperator(&'static str),
    #[error("the query only excludes; say what to look for as well")]
    OnlyExclusions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Phrase(Vec<String>, bool),
    And,
    Or,
    Not,
    Minus,
    Open,
    Close,
}

fn tokenize(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut out = Vec::new();
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = input[i..].chars().next().unwrap_or(' ');
        match c {
            c if c.is_whitespace() => i += c.len_utf8(),
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            '"' | '\u{201C}' | '\u{201D}' => {
                let start = i;
                i += c.len_utf8();
                let rest = &input[i..];
                let close = rest
                    .find(['"', '\u{201C}', '\u{201D}'])
                    .ok_or(QueryError::UnclosedQuote(start))?;
                let inner = &rest[..close];
                let close_len = rest[close..].chars().next().map_or(1, char::len_utf8);
                i += close + close_len;
                let prefix = inner.trim_end().ends_with('*');
                let words: Vec<String> = normalize::words(inner).collect();
                if !words.is_empty() {
                    out.push(Token::Phrase(words, prefix));
                }
            }
            // A hyphen inside a word is consumed with the word below, so one
            // seen here starts a token: it excludes what follows.
            '-' => {
                out.push(Token::Minus);
                i += 1;
            }
            _ => {
                let end = input[i..]
                    .find(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"'))
                    .map_or(input.len(), |e| i + e);
                let word = &input[i..end];
                i = end;
                match word {
                    "AND" => out.push(Token::And),
                    "OR" => out.push(Token::Or),
                    "NOT" => out.push(Token::Not),
                    _ => {
                        let prefix = word.ends_with('*');
                        let words: Vec<String> = normalize::words(word).collect();
                        if !words.is_empty() {
                            out.push(Token::Phrase(words, prefix));
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn or_expr(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.and_expr()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            if matches!(
                self.peek(),
                None | Some(Token::Close | Token::Or | Token::And)
            ) {
                return Err(QueryError::DanglingOperator("OR"));
            }
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Result<Query, QueryError> {
        let mut include = Vec::new();
        let mut exclude = Vec::new();
        loop {
            match self.peek() {
                None | Some(Token::Close) | Some(Token::Or) => break,
                Some(Token::And) => {
                    self.pos += 1;
                    if include.is_empty() && exclude.is_empty()
                        || matches!(self.peek(), None | Some(Token::Close | Token::Or))
                    {
                        return Err(QueryError::DanglingOperator("AND"));
                    }
                }
                Some(Token::Not) | Some(Token::Minus) => {
                    let op = if self.peek() == Some(&Token::Not) {
                        "NOT"
                    } else {
                        "-"
                    };
                    self.pos += 1;
                    if matches!(
                        self.peek(),
                        None | Some(Token::Close | Token::Or | Token::And)
                    ) {
                        return Err(QueryError::DanglingOperator(op));
                    }
                    exclude.push(self.atom()?);
                }
                Some(_) => include.push(self.atom()?),
            }
        }
        if include.is_empty() {
            return Err(if exclude.is_empty() {
                QueryError::Empty
            } else {
                QueryError::OnlyExclusions
            });
        }
        let include = if include.len() == 1 {
            include.remove(0)
        } else {
            Query::And(include)
        };
        Ok(if exclude.is_empty() {
            include
        } else {
            Query::Not {
                include: Box::new(include),
                exclude,
            }
        })
    }

    fn atom(&mut self) -> Result<Query, QueryError> {
        match self.tokens.get(self.pos).cloned() {
            Some(Token::Phrase(words, prefix)) => {
                self.pos += 1;
                Ok(Query::Phrase { words, prefix })
            }
            Some(Token::Open) => {
                self.pos += 1;
                let q = self.or_expr()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError::UnbalancedParen);
                }
                self.pos += 1;
                Ok(q)
            }
            Some(Token::Close) => Err(QueryError::UnbalancedParen),
            _ => Err(QueryError::Empty),
        }
    }
}

/// Parses a query typed by a person.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    if input.len() > MAX_QUERY_LEN {
        return Err(QueryError::TooLong(input.len()));
    }
    let tokens = tokenize(input)?;
    let terms = tokens
        .iter()
        .filter(|t| matches!(t, Token::Phrase(..)))
        .count();
    if terms == 0 {
        return Err(QueryError::Empty);
    }
    if terms > MAX_TERMS {
        return Err(QueryError::TooManyTerms);
    }
    let mut p = Parser { tokens, pos: 0 };
    let q = p.or_expr()?;
    if p.pos != p.tokens.len() {
        return Err(QueryError::UnbalancedParen);
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(words: &[&str]) -> Query {
        Query::Phrase {
            words: words.iter().map(|s| s.to_string()).collect(),
            prefix: false,
        }
    }

    #[test]
    fn phrases_words_and_operators() {
        assert_eq!(
            parse("\"Supreme People's Assembly\""),
            Ok(w(&["supreme", "people", "s", "assembly"]))
        );
        assert_eq!(
            parse("alliance Russia"),
            Ok(Query::And(vec![w(&["alliance"]), w(&["russia"])]))
        );
        assert_eq!(parse("alliance AND Russia"), parse("alliance Russia"));
        assert_eq!(
            parse("China OR Russia"),
            Ok(Query::Or(vec![w(&["china"]), w(&["russia"])]))
        );
        assert_eq!(
            parse("alliance -\"south Korea\""),
            Ok(Query::Not {
                include: Box::new(w(&["alliance"])),
                exclude: vec![w(&["south", "korea"])]
            })
        );
        assert_eq!(parse("alliance NOT US"), parse("alliance -US"));
        assert_eq!(parse("Jong-un"), Ok(w(&["jong", "un"])));
        assert_eq!(
            parse("missil*"),
            Ok(Query::Phrase {
                words: vec!["missil".into()],
                prefix: true
            })
        );
        assert_eq!(
            parse("(China OR Russia) alliance"),
            Ok(Query::And(vec![
                Query::Or(vec![w(&["china"]), w(&["russia"])]),
                w(&["alliance"])
            ]))
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse(""), Err(QueryError::Empty));
        assert_eq!(parse("  ... "), Err(QueryError::Empty));
        assert_eq!(parse("\"open"), Err(QueryError::UnclosedQuote(0)));
        assert_eq!(parse("(a OR b"), Err(QueryError::UnbalancedParen));
        assert_eq!(parse("a)"), Err(QueryError::UnbalancedParen));
        assert_eq!(parse("a OR"), Err(QueryError::DanglingOperator("OR")));
        assert_eq!(parse("-a"), Err(QueryError::OnlyExclusions));
        assert_eq!(parse(&"a ".repeat(1_001)), Err(QueryError::TooLong(2_002)));
        assert_eq!(parse(&"a ".repeat(65)), Err(QueryError::TooManyTerms));
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,80}") {
            let _ = parse(&s);
        }

        #[test]
        fn phrases_hold_only_index_tokens(s in "[a-zA-Z\"() *-]{0,60}") {
            fn walk(q: &Query) {
                match q {
                    Query::Phrase { words, .. } => {
                        assert!(!words.is_empty());
                        assert!(words.iter().all(|w| w.chars().all(char::is_alphanumeric)));
                    }
                    Query::And(v) | Query::Or(v) => v.iter().for_each(walk),
                    Query::Not { include, exclude } => { walk(include); exclude.iter().for_each(walk); }
                }
            }
            if let Ok(q) = parse(&s) { walk(&q); }
        }
    }
}

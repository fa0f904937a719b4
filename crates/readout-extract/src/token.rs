//! Tokens with byte offsets, and sentence boundaries.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters and digits.
    Word,
    /// One punctuation or symbol character.
    Punct(char),
    /// A line break: always ends a sentence.
    Break,
}

/// A token: its kind and byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Splits a text into words, punctuation and line breaks; spaces are dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || !bytes[i].is_ascii())
                {
                    if !bytes[i].is_ascii() {
                        let c = text[i..].chars().next().unwrap_or(' ');
                        if !c.is_alphanumeric() {
                            break;
                        }
                        i += c.len_utf8();
                    } else {
                        i += 1;
                    }
                }
                out.push(Token {
                    kind: Kind::Word,
                    start,
                    end: i,
                });
            } else if b == b'\n' {
                out.push(Token {
                    kind: Kind::Break,
                    start: i,
                    end: i + 1,
                });
                i += 1;
            } else if b.is_ascii_whitespace() || b.is_ascii_control() {
                i += 1;
            } else {
                out.push(Token {
                    kind: Kind::Punct(b as char),
                    start: i,
                    end: i + 1,
                });
                i += 1;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            let len = c.len_utf8();
            if c.is_alphanumeric() {
                let start = i;
                while i < bytes.len() {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if !c.is_alphanumeric() {
                        break;
                    }
                    i += c.len_utf8();
                }
                out.push(Token {
                    kind: Kind::Word,
                    start,
                    end: i,
                });
            } else if c.is_whitespace() || c.is_control() {
                i += len;
            } else {
                // Typographic apostrophes and dashes behave like their ASCII forms.
                let p = match c {
                    '\u{2018}' | '\u{2019}' => '\'',
                    '\u{2010}'..='\u{2015}' => '-',
                    other => other,
                };
                out.push(Token {
                    kind: Kind::Punct(p),
                    start: i,
                    end: i + len,
                });
                i += len;
            }
        }
    }
    out
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Mt", "No", "Jr", "Sr", "Gen", "Lt", "Col", "Maj", "Prof", "vs",
    "etc",
];

/// Sentence byte ranges, in order, covering every token.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == Kind::Break {
            if let (Some(s), Some(prev)) = (start.take(), i.checked_sub(1).map(|p| tokens[p].end)) {
                out.push((s, prev));
            }
            continue;
        }
        start.get_or_insert(t.start);
        let ends = match t.kind {
            Kind::Punct('.') | Kind::Punct('!') | Kind::Punct('?') => {
                let next_capital = tokens
                    .get(i + 1)
                    .is_some_and(|n| n.is_word() && n.text(text).starts_with(char::is_uppercase));
                let prev = i.checked_sub(1).map(|p| tokens[p]);
                let abbreviation = prev.is_some_and(|p| {
                    let w = p.text(text);
                    p.is_word() && p.end == t.start && (w.len() == 1 || ABBREVIATIONS.contains(&w))
                });
                let spaced = tokens.get(i + 1).is_none_or(|n| n.start > t.end);
                next_capital && spaced && !abbreviation || tokens.get(i + 1).is_none()
            }
            _ => false,
        };
        if ends {
            if let Some(s) = start.take() {
                out.push((s, t.end));
            }
        }
    }
    if let (Some(s), Some(last)) = (start, tokens.last()) {
        out.push((s, last.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_words_punctuation_and_apostrophes() {
        assert_eq!(
            words("Kim Jong-un's C.C., WPK"),
            ["Kim", "Jong", "-", "un", "'", "s", "C", ".", "C", ".", ",", "WPK"]
        );
        assert_eq!(
            words("People\u{2019}s Army"),
            ["People", "\u{2019}", "s", "Army"]
        );
        assert_eq!(tokenize("a\u{2019}s")[1].kind, Kind::Punct('\''));
    }

    #[test]
    fn sentences_do_not_end_at_initials_or_abbreviations() {
        let t = "He met Mr. Ri of the C.C., WPK. The talks ended.\nNext line";
        let toks = tokenize(t);
        let s: Vec<&str> = sentences(t, &toks)
            .iter()
            .map(|(a, b)| &t[*a..*b])
            .collect();
        assert_eq!(
            s,
            [
                "He met Mr. Ri of the C.C., WPK.",
                "The talks ended.",
                "Next line"
            ]
        );
    }

    proptest! {
        #[test]
        fn tokens_are_ordered_nonempty_and_on_char_boundaries(s in "\\PC{0,200}") {
            let toks = tokenize(&s);
            let mut last = 0;
            for t in &toks {
                prop_assert!(t.start >= last && t.end > t.start);
                prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
                last = t.end;
            }
            for (a, b) in sentences(&s, &toks) {
                prop_assert!(a <= b && b <= s.len());
            }
        }

        #[test]
        fn words_hold_only_alphanumerics(s in "\\PC{0,200}") {
            for t in tokenize(&s) {
                if t.is_word() {
                    prop_assert!(t.text(&s).chars().all(char::is_alphanumeric));
                }
            }
        }
    }
}

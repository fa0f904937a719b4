//! Renders a parsed [`Query`] into FTS5 query syntax, quoting every term.

use readout_core::query::Query;

/// Every word is double-quoted, so no user text is read as FTS5 syntax.
pub fn render(q: &Query) -> String {
    match q {
        Query::Phrase { words, prefix } => {
            let inner = words.join(" ").replace('"', "\"\"");
            if *prefix {
                format!("\"{inner}\" *")
            } else {
                format!("\"{inner}\"")
            }
        }
        Query::And(parts) => group(parts, " AND "),
        Query::Or(parts) => group(parts, " OR "),
        Query::Not { include, exclude } => {
            let mut s = format!("({})", render(include));
            for e in exclude {
                s.push_str(" NOT (");
                s.push_str(&render(e));
                s.push(')');
            }
            s
        }
    }
}

fn group(parts: &[Query], op: &str) -> String {
    let inner: Vec<String> = parts.iter().map(|p| format!("({})", render(p))).collect();
    inner.join(op)
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_core::query::parse;

    #[test]
    fn renders_quoted_terms() {
        let r = |s| render(&parse(s).unwrap());
        assert_eq!(
            r("\"Supreme People's Assembly\""),
            "\"supreme people s assembly\""
        );
        assert_eq!(r("alliance -US"), "(\"alliance\") NOT (\"us\")");
        assert_eq!(r("China OR Russia"), "(\"china\") OR (\"russia\")");
        assert_eq!(r("missil*"), "\"missil\" *");
        // FTS5's own keywords, typed in lower case, are searched as words.
        assert_eq!(r("near"), "\"near\"");
    }
}

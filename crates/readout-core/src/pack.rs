//! Data packs: domain knowledge (countries, outlets, ...) as TOML, parsed and validated.
//!
//! A pack is a folder of TOML files; this module parses their text (reading the
//! folder is the caller's job) and checks references between them. Errors name
//! the file and the line.

use std::collections::HashMap;

use serde::Deserialize;

use crate::doc::Audience;

/// A country a pack knows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An outlet: where statements are published, and to whom it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    pub id: String,
    /// The canonical name, stored on every document from this outlet.
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub country: String,
    pub audience: Audience,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    country: Vec<toml::Spanned<Country>>,
    #[serde(default)]
    outlet: Vec<toml::Spanned<Outlet>>,
}

/// A loaded, validated pack (or several merged).
#[derive(Debug, Clone, Default)]
pub struct Pack {
    pub name: String,
    pub description: String,
    pub countries: Vec<Country>,
    pub outlets: Vec<Outlet>,
    outlet_index: HashMap<String, usize>,
}

/// A pack file that does not parse or does not fit with the rest of the pack.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PackError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// Folds an outlet name for lookup: case, spacing and punctuation do not matter.
fn outlet_key(name: &str) -> String {
    crate::normalize::words(name).collect::<Vec<_>>().join(" ")
}

impl Pack {
    /// Parses and validates the files of a pack, given as `(file name, text)`.
    pub fn parse(files: &[(&str, &str)]) -> Result<Pack, PackError> {
        let mut pack = Pack::default();
        let mut outlet_spans = Vec::new();
        for (file, text) in files {
            let parsed: PackFile = toml::from_str(text).map_err(|e| PackError {
                file: file.to_string(),
                line: e.span().map_or(1, |s| line_of(text, s.start)),
                message: e.message().to_owned(),
            })?;
            if let Some(name) = parsed.name {
                pack.name = name;
            }
            if let Some(d) = parsed.description {
                pack.description = d;
            }
            for c in parsed.country {
                let line = line_of(text, c.span().start);
                let c = c.into_inner();
                if pack.countries.iter().any(|o| o.id == c.id) {
                    return Err(PackError {
                        file: file.to_string(),
                        line,
                        message: format!("country id {:?} is defined twice", c.id),
                    });
                }
                pack.countries.push(c);
            }
            for o in parsed.outlet {
                outlet_spans.push((file.to_string(), line_of(text, o.span().start)));
                pack.outlets.push(o.into_inner());
            }
        }
        for (i, o) in pack.outlets.iter().enumerate() {
            let (file, line) = &outlet_spans[i];
            let err = |message: String| PackError {
                file: file.clone(),
                line: *line,
                message,
            };
            if !pack.countries.iter().any(|c| c.id == o.country) {
                return Err(err(format!(
                    "outlet {:?} names country {:?}, which no [[country]] defines",
                    o.id, o.country
                )));
            }
            for name in std::iter::once(&o.name).chain(&o.aliases) {
                if let Some(prev) = pack.outlet_index.insert(outlet_key(name), i) {
                    if prev != i {
                        return Err(err(format!(
                            "outlet name {name:?} is used by both {:?} and {:?}",
                            pack.outlets[prev].id, o.id
                        )));
                    }
                }
            }
        }
        Ok(pack)
    }

    /// The outlet with this name or alias (case and punctuation ignored).
    pub fn outlet(&self, name: &str) -> Option<&Outlet> {
        self.outlet_index
            .get(&outlet_key(name))
            .map(|i| &self.outlets[*i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "test"
[[country]]
id = "dprk"
name = "Democratic People's Republic of Korea"

[[outlet]]
id = "kcna"
name = "KCNA"
aliases = ["Korean Central News Agency"]
country = "dprk"
audience = "external"
"#;

    #[test]
    fn outlets_are_found_by_name_or_alias() {
        let p = Pack::parse(&[("pack.toml", GOOD)]).unwrap();
        assert_eq!(p.outlet("korean central news agency").unwrap().name, "KCNA");
        assert_eq!(p.outlet("KCNA").unwrap().audience, Audience::External);
        assert!(p.outlet("TASS").is_none());
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = GOOD.replace("audience = \"external\"", "audience = \"everyone\"");
        let e = Pack::parse(&[("outlets.toml", &bad)]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("outlets.toml", 12));
        assert!(e.message.contains("everyone"), "{}", e.message);

        let dangling = GOOD.replace("country = \"dprk\"", "country = \"rok\"");
        let e = Pack::parse(&[("outlets.toml", &dangling)]).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.message.contains("\"rok\""));

        let unknown_key = GOOD.replace("name = \"KCNA\"", "name = \"KCNA\"\ncolour = \"red\"");
        let e = Pack::parse(&[("outlets.toml", &unknown_key)]).unwrap_err();
        assert!(e.message.contains("colour"), "{}", e.message);
    }
}

//! Deciding whether a labelled and an extracted organisation are the same one,
//! by resolving both against the pack.
//!
//! A gold name resolves to a pack organisation when it equals the organisation's
//! name or an alias, ignoring case and punctuation, or one of its acronyms as
//! written. A generic name ("Ministry of Foreign Affairs") is an org class alias:
//! it resolves to that class's organisation in the post's country, or stays a
//! (class, country) pair when the pack has none. A name that resolves to nothing
//! is compared as a normalised name.

use std::collections::{HashMap, HashSet};

use readout_core::normalize;
use readout_core::pack::Pack;

/// What an organisation resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrgKey {
    /// A pack organisation id.
    Org(String),
    /// An org class in a country the pack has no instance of it for.
    Class { class: String, country: String },
    /// A name the pack does not know, normalised.
    Name(String),
}

impl std::fmt::Display for OrgKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OrgKey::Org(id) => write!(f, "{id}"),
            OrgKey::Class { class, country } => write!(f, "{class}@{country}"),
            OrgKey::Name(n) => write!(f, "\"{n}\""),
        }
    }
}

/// Case, spacing and punctuation do not matter; neither does a leading "the".
pub fn normalize_name(name: &str) -> String {
    let words: Vec<String> = normalize::words(name).collect();
    let skip = usize::from(words.len() > 1 && words[0] == "the");
    words[skip..].join(" ")
}

/// Pack organisations and org classes indexed by name.
#[derive(Debug)]
pub struct OrgResolver<'p> {
    pub pack: &'p Pack,
    /// Normalised name or alias: organisation indices.
    names: HashMap<String, Vec<usize>>,
    /// Acronym as written: organisation indices.
    acronyms: HashMap<&'p str, Vec<usize>>,
    /// Normalised class alias: class id.
    classes: HashMap<String, &'p str>,
    org_ids: HashMap<&'p str, usize>,
    class_ids: HashSet<&'p str>,
    countries: HashSet<&'p str>,
}

impl<'p> OrgResolver<'p> {
    pub fn new(pack: &'p Pack) -> OrgResolver<'p> {
        let mut names: HashMap<String, Vec<usize>> = HashMap::new();
        let mut acronyms: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, o) in pack.organizations.iter().enumerate() {
            for n in std::iter::once(&o.name).chain(&o.aliases) {
                names.entry(normalize_name(n)).or_default().push(i);
            }
            for a in &o.acronyms {
                acronyms.entry(a.as_str()).or_default().push(i);
            }
        }
        let mut classes = HashMap::new();
        for c in &pack.org_classes {
            for a in std::iter::once(&c.id).chain(&c.aliases) {
                classes.insert(normalize_name(a), c.id.as_str());
            }
        }
        OrgResolver {
            pack,
            names,
            acronyms,
            classes,
            org_ids: pack
                .organizations
                .iter()
                .enumerate()
                .map(|(i, o)| (o.id.as_str(), i))
                .collect(),
            class_ids: pack.org_classes.iter().map(|c| c.id.as_str()).collect(),
            countries: pack.countries.iter().map(|c| c.id.as_str()).collect(),
        }
    }

    /// A country in the labels' scheme, which names dprk, rok, russia, china,
    /// us and japan and calls every other country "other": a labelled country
    /// the pack does not define, or a predicted one outside the scheme
    /// ("belarus"), is "other" when the pack has "other".
    pub fn country<'a>(&self, country: &'a str) -> &'a str {
        const LABELLED: &[&str] = &["dprk", "rok", "russia", "china", "us", "japan", "other"];
        if !self.countries.contains("other")
            || (LABELLED.contains(&country) && self.countries.contains(country))
        {
            country
        } else {
            "other"
        }
    }

    /// Resolves a name; `country` picks among organisations sharing the name
    /// and among the instances of an org class.
    pub fn resolve_name(&self, name: &str, country: Option<&str>) -> OrgKey {
        let country = country.map(|c| self.country(c));
        let pick = |found: &[usize]| {
            let i = found
                .iter()
                .copied()
                .find(|&i| Some(self.pack.organizations[i].country.as_str()) == country)
                .unwrap_or(found[0]);
            OrgKey::Org(self.pack.organizations[i].id.clone())
        };
        if let Some(found) = self.acronyms.get(name.trim()) {
            return pick(found);
        }
        let key = normalize_name(name);
        if let Some(found) = self.names.get(&key) {
            return pick(found);
        }
        if let Some(class) = self.classes.get(&key) {
            return self.class_instance(class, country);
        }
        OrgKey::Name(key)
    }

    /// Resolves what the extractor said: a pack id when it gave one, else its name.
    pub fn resolve_predicted(
        &self,
        id: Option<&str>,
        name: Option<&str>,
        country: Option<&str>,
    ) -> Option<OrgKey> {
        if let Some(id) = id {
            if self.org_ids.contains_key(id) {
                return Some(OrgKey::Org(id.to_owned()));
            }
            if self.class_ids.contains(id) {
                return Some(self.class_instance(id, country.map(|c| self.country(c))));
            }
        }
        match name.filter(|n| !n.trim().is_empty()) {
            Some(n) => Some(self.resolve_name(n, country)),
            None => id.map(|i| OrgKey::Name(normalize_name(i))),
        }
    }

    fn class_instance(&self, class: &str, country: Option<&str>) -> OrgKey {
        let instance = self
            .pack
            .organizations
            .iter()
            .find(|o| o.class.as_deref() == Some(class) && Some(o.country.as_str()) == country);
        match instance {
            Some(o) => OrgKey::Org(o.id.clone()),
            None => OrgKey::Class {
                class: class.to_owned(),
                country: country.unwrap_or("?").to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = r#"
[[country]]
id = "dprk"
name = "Democratic People's Republic of Korea"
[[country]]
id = "other"
name = "Other"
[[org_class]]
id = "foreign-ministry"
aliases = ["Ministry of Foreign Affairs", "Foreign Ministry"]
[[organization]]
id = "wpk"
name = "Workers' Party of Korea"
country = "dprk"
kind = "party"
acronyms = ["WPK"]
[[organization]]
id = "dprk-mfa"
name = "Ministry of Foreign Affairs of the DPRK"
country = "dprk"
kind = "ministry"
class = "foreign-ministry"
"#;

    #[test]
    fn names_resolve_ignoring_case_punctuation_and_class() {
        let pack = Pack::parse(&[("pack.toml", PACK)]).unwrap();
        let r = OrgResolver::new(&pack);
        let org = |s: &str| OrgKey::Org(s.to_owned());
        assert_eq!(r.resolve_name("workers party of korea", None), org("wpk"));
        assert_eq!(r.resolve_name("WPK", None), org("wpk"));
        assert_eq!(
            r.resolve_name("Foreign Ministry", Some("dprk")),
            org("dprk-mfa")
        );
        assert_eq!(
            r.resolve_name("Ministry of Foreign Affairs", Some("us")),
            OrgKey::Class {
                class: "foreign-ministry".into(),
                country: "other".into()
            }
        );
        assert_eq!(
            r.resolve_name("The Rodong Sinmun", None),
            OrgKey::Name("rodong sinmun".into())
        );
        assert_eq!(
            r.resolve_predicted(Some("foreign-ministry"), None, Some("dprk")),
            Some(org("dprk-mfa"))
        );
        assert_eq!(r.resolve_predicted(None, Some(""), None), None);
    }
}

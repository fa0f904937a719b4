//! Names the pack does not list: Korean names by their structure, and the
//! capitalised runs that name foreign people and organisations.

use readout_core::pack::NameRules;

use crate::words::WordSet;

/// Compiled name rules.
#[derive(Debug)]
pub struct Names {
    family: WordSet,
    onsets: Vec<String>,
    vowels: Vec<String>,
    finals: Vec<String>,
    pub heads: WordSet,
    /// Whether every head begins with a capital, so that a search for heads
    /// may skip other words.
    pub heads_capitalised: bool,
    pub joiners: WordSet,
    pub not_names: WordSet,
    pub venues: WordSet,
    pub place_heads: WordSet,
    pub place_bodies: Vec<String>,
    pub other_heads: WordSet,
    /// Company suffixes as token texts ("Co", ".", "Ltd", ".").
    pub company_suffixes: Vec<Vec<String>>,
    /// The first bytes of the suffixes: a token starting otherwise begins none.
    pub company_first_bytes: [bool; 256],
}

impl Names {
    pub fn new(rules: &NameRules) -> Names {
        let company_suffixes: Vec<Vec<String>> = rules
            .company_suffixes
            .iter()
            .map(|f| {
                crate::token::tokenize(f)
                    .iter()
                    .map(|t| t.text(f).to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|t| !t.is_empty())
            .collect();
        let mut company_first_bytes = [false; 256];
        for s in &company_suffixes {
            company_first_bytes[usize::from(s[0].as_bytes()[0])] = true;
        }
        let lower = |v: &[String]| -> Vec<String> {
            let mut v: Vec<String> = v.iter().map(|s| s.to_lowercase()).collect();
            // Longest first, so that "ng" is tried before "n".
            v.sort_by_key(|s| std::cmp::Reverse(s.len()));
            v
        };
        Names {
            family: rules.korean_family.iter().cloned().collect(),
            onsets: lower(&rules.korean_onsets),
            vowels: lower(&rules.korean_vowels),
            finals: lower(&rules.korean_finals),
            heads: rules.org_heads.iter().cloned().collect(),
            heads_capitalised: rules
                .org_heads
                .iter()
                .all(|h| h.starts_with(char::is_uppercase)),
            joiners: rules.name_joiners.iter().cloned().collect(),
            not_names: rules.not_names.iter().cloned().collect(),
            venues: rules.venues.iter().cloned().collect(),
            place_heads: rules.place_heads.iter().cloned().collect(),
            place_bodies: rules.place_bodies.clone(),
            other_heads: rules.other_heads.iter().cloned().collect(),
            company_suffixes,
            company_first_bytes,
        }
    }

    pub fn is_family(&self, w: &str) -> bool {
        self.family.contains(w)
    }

    /// True for one romanised Korean syllable: onset? vowel final?.
    pub fn is_syllable(&self, w: &str) -> bool {
        if w.is_empty() || w.len() > 6 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
            return false;
        }
        let w = w.to_ascii_lowercase();
        let mut rests: Vec<&str> = vec![&w];
        for o in &self.onsets {
            if let Some(r) = w.strip_prefix(o.as_str()) {
                rests.push(r);
            }
        }
        rests.iter().any(|rest| {
            self.vowels.iter().any(|v| {
                rest.strip_prefix(v.as_str())
                    .is_some_and(|f| f.is_empty() || self.finals.iter().any(|x| x == f))
            })
        })
    }

    /// A capitalised word that may be part of a name.
    pub fn name_word(&self, w: &str) -> bool {
        w.chars().next().is_some_and(char::is_uppercase) && !self.not_names.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let rules = NameRules {
            korean_family: vec!["Kim".into()],
            korean_onsets: ["g", "k", "n", "j", "ch", "h", "s", "m", "th", "y", "r", "l"]
                .map(String::from)
                .to_vec(),
            korean_vowels: [
                "a", "ae", "o", "u", "i", "yo", "yu", "ui", "wa", "eo", "eu", "e", "ye",
            ]
            .map(String::from)
            .to_vec(),
            korean_finals: ["", "k", "n", "l", "m", "ng"].map(String::from).to_vec(),
            ..NameRules::default()
        };
        Names::new(&rules)
    }

    #[test]
    fn korean_syllables_are_told_from_english_words() {
        let n = names();
        for s in [
            "Jong", "Un", "Il", "Sung", "Chol", "Thaek", "Gyun", "Hwan", "Hui", "Myung", "Geun",
            "hye",
        ] {
            assert!(n.is_syllable(s), "{s}");
        }
        for s in ["Meets", "Gives", "Visits", "Army", "Strong", "Talks", ""] {
            assert!(!n.is_syllable(s), "{s}");
        }
    }
}

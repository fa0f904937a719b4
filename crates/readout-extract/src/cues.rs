//! Sets of phrases found in running text as whole words, ignoring case.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A set of phrases, each with a value; matched as whole words, ignoring
/// ASCII case, except acronyms ("UN", "IT"), which match only as written.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    matcher: Option<AhoCorasick>,
    values: Vec<T>,
    /// The acronym each pattern must match exactly, if it is one.
    exact: Vec<Option<String>>,
}

fn is_acronym(p: &str) -> bool {
    p.len() <= 6
        && p.chars().any(|c| c.is_ascii_uppercase())
        && !p.chars().any(|c| c.is_lowercase())
}

impl<T: Clone> PhraseSet<T> {
    pub fn new(phrases: impl IntoIterator<Item = (String, T)>) -> PhraseSet<T> {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        let mut exact = Vec::new();
        for (p, v) in phrases {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            exact.push(is_acronym(p).then(|| p.to_owned()));
            keys.push(p.to_ascii_lowercase());
            values.push(v);
        }
        let matcher = (!keys.is_empty()).then(|| {
            // A DFA: the sets are small, and the treaty's keywords run over every text.
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&keys)
                .expect("phrases are plain strings")
        });
        PhraseSet {
            matcher,
            values,
            exact,
        }
    }

    /// Every whole-word match in `text`: (start, end, value).
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, T)> {
        self.matches(text).collect()
    }

    /// The first whole-word match in `text`.
    pub fn find(&self, text: &str) -> Option<(usize, usize, T)> {
        self.matches(text).next()
    }

    fn matches<'s, 't>(
        &'s self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, usize, T)> + use<'s, 't, T> {
        let bytes = text.as_bytes();
        let word = move |i: usize| bytes[i].is_ascii_alphanumeric();
        self.matcher.iter().flat_map(move |m| {
            m.find_iter(text)
                .filter(move |x| {
                    (x.start() == 0 || !word(x.start() - 1))
                        && (x.end() == bytes.len() || !word(x.end()))
                        && self.exact[x.pattern().as_usize()]
                            .as_ref()
                            .is_none_or(|a| &text[x.start()..x.end()] == a)
                })
                .map(move |x| {
                    (
                        x.start(),
                        x.end(),
                        self.values[x.pattern().as_usize()].clone(),
                    )
                })
        })
    }
}

/// Phrases that carry no value.
pub fn words(phrases: &[String]) -> PhraseSet<()> {
    PhraseSet::new(phrases.iter().map(|p| (p.clone(), ())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_and_any_case() {
        let set = words(&["stop".to_owned(), "put an end to".to_owned()]);
        assert!(set
            .find("We decided to temporarily STOP scattering.")
            .is_some());
        assert!(set.find("a bus stopover").is_none());
        assert!(set.find("They will put an end to it").is_some());
        assert!(words(&[]).find("anything").is_none());
        let acronyms = words(&["UN".to_owned(), "IT".to_owned()]);
        assert!(acronyms.find("Kim Jong Un said it would").is_none());
        assert!(acronyms.find("at the UN Security Council").is_some());
    }
}

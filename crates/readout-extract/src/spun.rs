//! Machine-paraphrased ("spun") names: a spinner swaps words for thesaurus
//! neighbours one at a time, so "Supreme People's Assembly" comes out as
//! "Supreme Folks's Meeting". A capitalised run that matches a known name word
//! for word, each word the same or a WordNet neighbour of the original, is
//! taken for that name; each such match is also evidence that the text is spun.

use std::collections::{HashMap, HashSet};

use readout_core::pack::Pack;

use crate::gazetteer::key_words;

/// Known multi-word names, and the words a spinner may have put in their place.
#[derive(Debug, Default)]
pub struct SpunMatcher {
    /// Key words of each organisation name or alias with two content words or
    /// more, with the organisation's index; grouped by length.
    by_len: HashMap<usize, Vec<(Vec<String>, usize)>>,
    /// For a word, the name words it can stand for (its WordNet neighbours
    /// among the words of known names).
    stands_for: HashMap<String, HashSet<String>>,
    /// Every single word WordNet lists: ordinary English, as opposed to names.
    common: HashSet<String>,
}

/// Words that carry no meaning of their own in a name.
const FUNCTION_WORDS: &[&str] = &["of", "and", "for", "s", "on", "in", "to", "a"];

/// A crude singular: WordNet lists lemmas, spinners inflect ("Folks", "Matters").
pub fn lemma(w: &str) -> &str {
    if w.len() > 4 && w.ends_with("ies") {
        return w;
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

impl SpunMatcher {
    pub fn new(pack: &Pack) -> SpunMatcher {
        let mut by_len: HashMap<usize, Vec<(Vec<String>, usize)>> = HashMap::new();
        let mut name_words: HashSet<String> = HashSet::new();
        for (i, o) in pack.organizations.iter().enumerate() {
            for phrase in std::iter::once(&o.name).chain(&o.aliases) {
                let words = key_words(phrase);
                let content = words.iter().filter(|w| !FUNCTION_WORDS.contains(&w.as_str())).count();
                if content < 2 {
                    continue;
                }
                for w in &words {
                    name_words.insert(lemma(w).to_owned());
                }
                let slot = by_len.entry(words.len()).or_default();
                if !slot.iter().any(|(w, o)| *w == words && *o == i) {
                    slot.push((words, i));
                }
            }
        }
        // WordNet as an undirected graph of words; the words of a multi-word
        // synonym count as neighbours ("folks" lists "common people").
        let dict = thesaurus_wordnet::uncompress();
        let mut graph: HashMap<&str, HashSet<&str>> = HashMap::new();
        for line in dict.lines() {
            let mut parts = line.split('|');
            let Some(head) = parts.next().filter(|h| !h.contains(' ')) else { continue };
            for syn in parts {
                for word in syn.split(|c: char| !c.is_alphabetic()).filter(|x| x.len() >= 3) {
                    if word != head {
                        graph.entry(head).or_default().insert(word);
                        graph.entry(word).or_default().insert(head);
                    }
                }
            }
        }
        // A name word may be replaced by a neighbour, or a neighbour's
        // neighbour: spinners draw on thesauri wider than WordNet.
        let mut stands_for: HashMap<String, HashSet<String>> = HashMap::new();
        for name in &name_words {
            if FUNCTION_WORDS.contains(&name.as_str()) {
                continue;
            }
            let Some(first) = graph.get(name.as_str()) else { continue };
            for n1 in first {
                stands_for.entry((*n1).to_owned()).or_default().insert(name.clone());
                for n2 in graph.get(n1).into_iter().flatten() {
                    stands_for.entry((*n2).to_owned()).or_default().insert(name.clone());
                }
            }
        }
        let common = graph.keys().map(|w| (*w).to_owned()).collect();
        SpunMatcher { by_len, stands_for, common }
    }

    /// Whether a lower-case word is ordinary English (WordNet lists it).
    pub fn is_common_word(&self, w: &str) -> bool {
        self.common.contains(w) || self.common.contains(lemma(w))
    }

    /// Whether word `w` of a text can stand for word `name` of a known name.
    fn can_stand_for(&self, w: &str, name: &str) -> (bool, bool) {
        if w == name || lemma(w) == lemma(name) {
            return (true, false);
        }
        let hit = |x: &str| self.stands_for.get(x).is_some_and(|s| s.contains(name) || s.contains(lemma(name)));
        let syn = hit(w) || hit(lemma(w));
        (syn, syn)
    }

    /// The organisation a run of words names, if it is a known name with some
    /// words swapped for neighbours: (organisation index, words swapped).
    /// At least one content word must be unchanged, and no more than two in
    /// three content words swapped, so that a run of ordinary words is not
    /// read as a name.
    pub fn find(&self, words: &[String]) -> Option<(usize, usize)> {
        let candidates = self.by_len.get(&words.len())?;
        let mut best: Option<(usize, usize)> = None;
        for (name, org) in candidates {
            let mut swapped = 0;
            let mut same_content = 0;
            let mut ok = true;
            for (w, n) in words.iter().zip(name) {
                let (matches, synonym) = self.can_stand_for(w, n);
                if !matches {
                    ok = false;
                    break;
                }
                if synonym {
                    swapped += 1;
                } else if !FUNCTION_WORDS.contains(&n.as_str()) {
                    same_content += 1;
                }
            }
            let content = name.iter().filter(|w| !FUNCTION_WORDS.contains(&w.as_str())).count();
            // Two-word names are too easily made by chance ("People's League").
            if ok && content >= 3 && swapped > 0 && same_content >= 1 && swapped * 3 <= content * 2 && best.is_none_or(|(_, s)| swapped < s) {
                best = Some((*org, swapped));
            }
        }
        best
    }
}


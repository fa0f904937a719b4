//! Machine-paraphrased ("spun") names: a spinner swaps words for thesaurus
//! neighbours one at a time, so "Supreme People's Assembly" comes out as
//! "Supreme Folks's Meeting". A capitalised run that matches a known name word
//! for word, each word the same or a WordNet neighbour of the original, is
//! taken for that name; each such match is also evidence that the text is spun.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use readout_core::pack::Pack;

use crate::gazetteer::key_words;

/// Words that carry no meaning of their own in a name.
const FUNCTION_WORDS: &[&str] = &["of", "and", "for", "s", "on", "in", "to", "a"];

/// A known name as word ids, with its organisation's index.
#[derive(Debug)]
struct Name {
    words: Vec<u32>,
    content: usize,
    org: usize,
}

/// Known multi-word names, and the words a spinner may have put in their place.
#[derive(Debug, Default)]
pub struct SpunMatcher {
    /// Ids of the (lemmatised) words of known names.
    ids: HashMap<String, u32>,
    function: HashSet<u32>,
    /// Names by (length, id of the first word).
    names: HashMap<(usize, u32), Vec<Name>>,
    /// For a word, the name words it can stand for besides itself: its WordNet
    /// neighbours and their neighbours among the words of known names.
    stands_for: HashMap<String, Vec<u32>>,
    /// Every single word WordNet lists: ordinary English, as opposed to names.
    common: HashSet<String>,
    /// Name words a spinner leaves alone: words no thesaurus lists ("npc",
    /// "juche") and the names of countries and their adjectives ("China",
    /// "Chinese"), which a thesaurus may list but a spinner does not swap.
    proper: HashSet<u32>,
}

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
        let mut m = SpunMatcher::default();
        for (org, o) in pack.organizations.iter().enumerate() {
            for phrase in std::iter::once(&o.name).chain(&o.aliases) {
                let words = key_words(phrase);
                let content = words
                    .iter()
                    .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
                    .count();
                // Two-word names are too easily made by chance ("People's League").
                if content < 3 {
                    continue;
                }
                let ids: Vec<u32> = words.iter().map(|w| m.intern(lemma(w))).collect();
                let slot = m.names.entry((ids.len(), ids[0])).or_default();
                if !slot.iter().any(|n| n.words == ids && n.org == org) {
                    slot.push(Name {
                        words: ids,
                        content,
                        org,
                    });
                }
            }
        }
        for f in FUNCTION_WORDS {
            let id = m.intern(f);
            m.function.insert(id);
        }
        // WordNet as an undirected graph of words; the words of a multi-word
        // synonym count as neighbours ("folks" lists "common people").
        let dict = thesaurus_wordnet::uncompress();
        let mut graph: HashMap<&str, HashSet<&str>> = HashMap::default();
        for line in dict.lines() {
            let mut parts = line.split('|');
            let Some(head) = parts.next().filter(|h| !h.contains(' ')) else {
                continue;
            };
            for syn in parts {
                for word in syn
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|x| x.len() >= 3)
                {
                    if word != head {
                        graph.entry(head).or_default().insert(word);
                        graph.entry(word).or_default().insert(head);
                    }
                }
            }
        }
        // A name word may be replaced by a neighbour, or a neighbour's
        // neighbour: spinners draw on thesauri wider than WordNet.
        let mut stands_for: HashMap<String, HashSet<u32>> = HashMap::default();
        for (name, id) in &m.ids {
            if m.function.contains(id) {
                continue;
            }
            let Some(first) = graph.get(name.as_str()) else {
                continue;
            };
            for n1 in first {
                stands_for.entry((*n1).to_owned()).or_default().insert(*id);
                for n2 in graph.get(n1).into_iter().flatten() {
                    stands_for.entry((*n2).to_owned()).or_default().insert(*id);
                }
            }
        }
        m.stands_for = stands_for
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect();
        m.common = graph.keys().map(|w| (*w).to_owned()).collect();
        let countries: HashSet<String> = pack
            .countries
            .iter()
            .flat_map(|c| {
                std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .chain(&c.adjectives)
            })
            .map(|n| key_words(n))
            // One-word names only: "people" in "Democratic People's Republic
            // of Korea" is an ordinary word.
            .filter(|words| words.len() == 1)
            .map(|words| lemma(&words[0]).to_owned())
            .collect();
        m.proper = m
            .ids
            .iter()
            .filter(|(w, id)| {
                !m.function.contains(id)
                    && (!m.common.contains(w.as_str()) || countries.contains(*w))
            })
            .map(|(_, id)| *id)
            .collect();
        m
    }

    fn intern(&mut self, w: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(w.to_owned()).or_insert(next)
    }

    /// Whether a lower-case word is ordinary English (WordNet lists it).
    pub fn is_common_word(&self, w: &str) -> bool {
        self.common.contains(w) || self.common.contains(lemma(w))
    }

    /// The name words a text word may stand for: itself (if a name word)
    /// first, then its neighbours.
    fn concepts(&self, w: &str) -> (Option<u32>, &[u32]) {
        let own = self.ids.get(w).or_else(|| self.ids.get(lemma(w))).copied();
        let near = self
            .stands_for
            .get(w)
            .or_else(|| self.stands_for.get(lemma(w)))
            .map_or(&[][..], |v| &v[..]);
        (own, near)
    }

    /// The organisation a run of words names, if it is a known name with some
    /// words swapped for neighbours: (organisation index, words swapped).
    /// At least one content word must be unchanged, and no more than two in
    /// three content words swapped, so that a run of ordinary words is not
    /// read as a name.
    pub fn find(&self, words: &[String]) -> Option<(usize, usize)> {
        let concepts: Vec<(Option<u32>, &[u32])> = words.iter().map(|w| self.concepts(w)).collect();
        let (own0, near0) = concepts.first()?;
        let mut best: Option<(usize, usize)> = None;
        for first in own0.iter().chain(near0.iter()) {
            let Some(names) = self.names.get(&(words.len(), *first)) else {
                continue;
            };
            for name in names {
                let mut swapped = 0;
                let mut same_content = 0;
                let mut ok = true;
                for (&(own, near), &id) in concepts.iter().zip(&name.words) {
                    if own == Some(id) {
                        if !self.function.contains(&id) {
                            same_content += 1;
                        }
                    } else if near.contains(&id) && !self.proper.contains(&id) {
                        swapped += 1;
                    } else {
                        ok = false;
                        break;
                    }
                }
                if ok
                    && swapped > 0
                    && same_content >= 1
                    && swapped * 3 <= name.content * 2
                    && best.is_none_or(|(_, s)| swapped < s)
                {
                    best = Some((name.org, swapped));
                }
            }
        }
        best
    }
}

//! Machine-paraphrased ("spun") names: a spinner swaps words for thesaurus
//! neighbours one at a time, so "Supreme People's Assembly" comes out as
//! "Supreme Folks's Meeting". A capitalised run that matches a known name word
//! for word, each word the same or a WordNet neighbour of the original, is
//! taken for that name; each such match is also evidence that the text is spun.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use readout_core::pack::Pack;

use crate::gazetteer::{key_words, phrases, Entry};

/// Words that carry no meaning of their own in a name.
pub(crate) const FUNCTION_WORDS: &[&str] = &["of", "and", "for", "s", "on", "in", "to", "a"];

/// What a word of text may stand for: the name word it is (if it is one),
/// and the name words it is a neighbour of.
pub type Concept<'a> = (Option<u32>, &'a [u32]);

/// A known name as word ids, with what it names.
#[derive(Debug)]
struct Name {
    words: Vec<u32>,
    content: usize,
    target: Entry,
}

/// Known multi-word names, and the words a spinner may have put in their place.
#[derive(Debug, Default)]
pub struct SpunMatcher {
    /// Ids of the (lemmatised) words of known names.
    ids: HashMap<String, u32>,
    function: HashSet<u32>,
    /// Capitalised names (organisations, people) of three content words or more.
    names: Vec<Name>,
    /// The names holding a content word at a place, by (word, place, length
    /// of the name): a spun name keeps one such word, so these are the only
    /// names a run can be.
    holding: HashMap<(u32, usize, usize), Vec<u32>>,

    /// For a word, the name words it can stand for besides itself: its WordNet
    /// neighbours and their neighbours among the words of known names.
    stands_for: HashMap<String, Vec<u32>>,
    /// Every single word WordNet lists: ordinary English, as opposed to names.
    common: HashSet<String>,
    /// Name words a spinner leaves alone: words no thesaurus lists ("npc",
    /// "juche") and the names of countries and their adjectives ("China",
    /// "Chinese"), which a thesaurus may list but a spinner does not swap.
    proper: HashSet<u32>,
    /// One-word names of countries and their adjectives (lower case).
    countries: HashSet<String>,

    /// Posts (roles and title forms, singular and plural) as word ids of
    /// their own vocabulary, for posts a spinner garbled ("unspecific
    /// secretary" for general secretary).
    role_ids: HashMap<String, u32>,
    role_forms: Vec<Name>,
    /// For a word, the post words it can stand for besides itself.
    role_near: HashMap<String, Vec<u32>>,
}

/// A garbled post: what it names and how many of its words were swapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpunRole {
    pub target: Entry,
    pub swapped: usize,
    /// Content words as the post has them.
    pub same: usize,
}

/// The thesauri whose neighbours a spun word may be.
#[derive(Debug, Clone, Copy)]
pub struct Thesauri<'a> {
    /// WordNet (the `thesaurus-wordnet` crate's data), to two steps: a
    /// neighbour or a neighbour's neighbour.
    pub wordnet: bool,
    /// Another thesaurus, as lines of `head|synonym|synonym...` in lower
    /// case, one step: the words it lists for a name word.
    pub other: Option<&'a str>,
}

impl Default for Thesauri<'_> {
    /// WordNet alone, as the extractor ships.
    fn default() -> Self {
        Thesauri {
            wordnet: true,
            other: None,
        }
    }
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
        SpunMatcher::with_thesauri(pack, Thesauri::default())
    }

    /// A matcher whose neighbours are drawn from `thesauri`: to measure it
    /// on text spun with a thesaurus it does not know. WordNet's word list
    /// still tells ordinary words from names either way.
    pub fn with_thesauri(pack: &Pack, thesauri: Thesauri<'_>) -> SpunMatcher {
        let mut m = SpunMatcher::default();
        let mut same_start: HashMap<(u32, usize), Vec<usize>> = HashMap::default();
        for (phrase, target) in phrases(pack) {
            // Capitalised names: organisations, and people by their full
            // names ("Choe Son Hui" spun as "Choe Boy Hui").
            if !matches!(target, Entry::Org(_) | Entry::Person(_)) {
                continue;
            }
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
            let slot = same_start.entry((ids[0], ids.len())).or_default();
            if !slot
                .iter()
                .any(|&k| m.names[k].words == ids && m.names[k].target == target)
            {
                slot.push(m.names.len());
                m.names.push(Name {
                    words: ids,
                    content,
                    target,
                });
            }
        }
        for f in FUNCTION_WORDS {
            let id = m.intern(f);
            m.function.insert(id);
        }
        for (phrase, target) in phrases(pack) {
            if !matches!(target, Entry::Role { .. } | Entry::TitleForm { .. }) {
                continue;
            }
            let keys = key_words(phrase);
            let content = keys
                .iter()
                .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
                .count();
            let words: Vec<u32> = keys
                .iter()
                .map(|w| {
                    let next = m.role_ids.len() as u32;
                    *m.role_ids.entry(lemma(w).to_owned()).or_insert(next)
                })
                .collect();
            if content > 0
                && !m
                    .role_forms
                    .iter()
                    .any(|f| f.words == words && f.target == target)
            {
                m.role_forms.push(Name {
                    words,
                    content,
                    target,
                });
            }
        }
        for (k, name) in m.names.iter().enumerate() {
            for (place, id) in name.words.iter().enumerate() {
                if !m.function.contains(id) {
                    let at = (*id, place, name.words.len());
                    m.holding.entry(at).or_default().push(k as u32);
                }
            }
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
        // A name word may be replaced by a WordNet neighbour, or a
        // neighbour's neighbour: spinners draw on thesauri wider than
        // WordNet.
        let name_words: Vec<(&String, &u32)> = m
            .ids
            .iter()
            .filter(|(_, id)| !m.function.contains(id))
            .collect();
        let role_words: Vec<(&String, &u32)> = m
            .role_ids
            .iter()
            .filter(|(w, _)| !FUNCTION_WORDS.contains(&w.as_str()))
            .collect();
        let near = |words: &[(&String, &u32)]| {
            let mut near: HashMap<String, HashSet<u32>> = HashMap::default();
            if thesauri.wordnet {
                wordnet_neighbours(&graph, words, &mut near);
            }
            if let Some(other) = thesauri.other {
                listed_synonyms(other, words, &mut near);
            }
            near.into_iter()
                .map(|(k, v)| (k, v.into_iter().collect()))
                .collect()
        };
        m.stands_for = near(&name_words);
        m.role_near = near(&role_words);
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
        m.countries = countries;
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

    /// What each word of a run (lower case) may stand for, in order.
    pub fn concepts_of<'s, 'w>(&'s self, words: impl Iterator<Item = &'w str>) -> Vec<Concept<'s>> {
        words.map(|w| self.concepts(w)).collect()
    }

    /// Whether the matcher takes a word of text (lower case) for a word of
    /// known names or posts (lower case): the word itself or a neighbour.
    pub fn takes_for(&self, text_word: &str, name_word: &str) -> bool {
        let name_word = lemma(name_word);
        let near = |ids: &HashMap<String, u32>, map: &HashMap<String, Vec<u32>>| {
            ids.get(name_word).is_some_and(|id| {
                [text_word, lemma(text_word)]
                    .iter()
                    .any(|w| *w == name_word || map.get(*w).is_some_and(|v| v.contains(id)))
            })
        };
        near(&self.ids, &self.stands_for) || near(&self.role_ids, &self.role_near)
    }

    /// Whether a word (lower case) is a content word of some known name as it is.
    pub fn is_name_word(&self, w: &str) -> bool {
        self.ids
            .get(w)
            .or_else(|| self.ids.get(lemma(w)))
            .is_some_and(|id| !self.function.contains(id))
    }

    /// The name words a text word may stand for: itself (if a name word)
    /// first, then its neighbours.
    fn concepts(&self, w: &str) -> Concept<'_> {
        let own = self.ids.get(w).or_else(|| self.ids.get(lemma(w))).copied();
        // A spinner leaves small words alone ("and" is a WordNet neighbour
        // of "health" by way of multi-word entries).
        if own.is_some_and(|id| self.function.contains(&id)) {
            return (own, &[]);
        }
        let near = self
            .stands_for
            .get(w)
            .or_else(|| self.stands_for.get(lemma(w)))
            .map_or(&[][..], |v| &v[..]);
        (own, near)
    }

    /// The names of the run's length that hold one of its words in its
    /// place, in the order the pack gives them: a spun name keeps one of its
    /// words, so these are the only names the run can be.
    fn candidates(&self, concepts: &[Concept<'_>]) -> impl Iterator<Item = &Name> {
        let mut ids: Vec<u32> = concepts
            .iter()
            .enumerate()
            .filter_map(|(place, (own, _))| self.holding.get(&((*own)?, place, concepts.len())))
            .flatten()
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|k| &self.names[k as usize])
    }

    /// What a run of words names, if it is a known name with some words
    /// swapped for neighbours: (target, words swapped). At least `min_same`
    /// content words must be unchanged, no more than two in three content words
    /// swapped, and proper words (countries, words no thesaurus lists) never,
    /// so that a run of ordinary words is not read as a name.
    pub fn find(&self, concepts: &[Concept<'_>], min_same: usize) -> Option<(Entry, usize)> {
        // Of two equally good, the first in pack order wins.
        let mut best: Option<(Entry, usize)> = None;
        for name in self.candidates(concepts) {
            let Some(m) = self.word_for_word(concepts, &name.words) else {
                continue;
            };
            // A word that is itself a word of known names ("National
            // Security Law" for "Internal Security Forces") is more likely
            // the body's own than a spinner's: a short name takes none, a
            // longer one one. (People's names share their syllables:
            // "Kim Il Song" is Kim Il Sung.)
            let own_words = match name.target {
                Entry::Person(_) => usize::MAX,
                _ if name.content <= 3 => 0,
                _ => 1,
            };
            if m.swapped > 0
                && m.same >= min_same
                && m.swapped * 3 <= name.content * 2
                && m.named <= own_words
                && best.is_none_or(|(_, s)| m.swapped < s)
            {
                best = Some((name.target, m.swapped));
            }
        }
        best
    }

    /// What a run of words names in a spun copy, where a swapped word need
    /// not be a neighbour the matcher knows ("Workers' Banquet of Korea"):
    /// an ordinary English word that is no word of known names, and that
    /// `may_swap` allows, may stand for any word of a name but its proper
    /// ones, if two content words or more are the name's as written and
    /// more are kept than swapped, and one organisation alone fits.
    pub fn find_loose(
        &self,
        concepts: &[Concept<'_>],
        words: &[&str],
        may_swap: impl Fn(&str) -> bool,
    ) -> Option<Entry> {
        let mut found: Option<Entry> = None;
        for name in self.candidates(concepts) {
            if !matches!(name.target, Entry::Org(_)) {
                continue;
            }
            let mut same = 0;
            let mut swapped = 0;
            let fits =
                concepts
                    .iter()
                    .zip(words)
                    .zip(&name.words)
                    .all(|((&(own, near), word), &id)| {
                        if own == Some(id) {
                            same += usize::from(!self.function.contains(&id));
                            true
                        } else if self.function.contains(&id) || self.proper.contains(&id) {
                            false
                        } else if near.contains(&id)
                            || (own.is_none()
                                && self.is_common_word(word)
                                && !self.countries.contains(lemma(word))
                                && may_swap(word))
                        {
                            swapped += 1;
                            true
                        } else {
                            false
                        }
                    });
            if !fits || swapped == 0 || same < 2 || swapped >= same {
                continue;
            }
            match found {
                Some(t) if t != name.target => return None,
                _ => found = Some(name.target),
            }
        }
        found
    }

    /// The posts a run of words (lower case) may be with some words swapped
    /// for neighbours: every post of the run's length whose words are the
    /// run's or neighbours of them, small words unchanged, with the fewest
    /// words swapped (at least one: a post as written is the gazetteer's).
    pub fn find_roles(&self, words: &[&str]) -> Vec<SpunRole> {
        let mut best: Vec<SpunRole> = Vec::new();
        for form in self
            .role_forms
            .iter()
            .filter(|f| f.words.len() == words.len())
        {
            let mut swapped = 0;
            let mut same = 0;
            let fits = words.iter().zip(&form.words).all(|(w, &id)| {
                let own = self
                    .role_ids
                    .get(*w)
                    .or_else(|| self.role_ids.get(lemma(w)));
                if own == Some(&id) {
                    same += usize::from(!FUNCTION_WORDS.contains(w));
                    return true;
                }
                // A small word or a prefix ("co-chairman") is never
                // swapped, and a word of posts is its own post's
                // ("vice-minister" is no vice-premier).
                if FUNCTION_WORDS.contains(w) || w.len() < 3 || own.is_some() {
                    return false;
                }
                let near = self
                    .role_near
                    .get(*w)
                    .or_else(|| self.role_near.get(lemma(w)));
                swapped += 1;
                near.is_some_and(|n| n.contains(&id))
            });
            if !fits || swapped == 0 {
                continue;
            }
            let found = SpunRole {
                target: form.target,
                swapped,
                same,
            };
            match best.first().map(|b| b.swapped) {
                Some(s) if s < swapped => {}
                Some(s) if s == swapped => {
                    if !best.contains(&found) {
                        best.push(found);
                    }
                }
                _ => best = vec![found],
            }
        }
        best
    }

    /// Matches a whole run with a name's words, word for word, if every word
    /// is the name's or a neighbour of it. (Letting one word stand for a
    /// short phrase, as some spinners write, found next to nothing more and
    /// read "United Malays National Organization" as the United Nations.)
    fn word_for_word(&self, run: &[Concept<'_>], name: &[u32]) -> Option<Alignment> {
        if name.len() != run.len() {
            return None;
        }
        let mut m = Alignment::default();
        for (&(own, near), &id) in run.iter().zip(name) {
            if own == Some(id) {
                m.same += usize::from(!self.function.contains(&id));
            } else if near.contains(&id) && !self.proper.contains(&id) {
                m.swapped += 1;
                m.named += usize::from(own.is_some_and(|o| !self.function.contains(&o)));
            } else {
                return None;
            }
        }
        Some(m)
    }
}

/// Adds, for each word of the graph near one of `words` (a neighbour, or a
/// neighbour's neighbour), the ids of those words.
fn wordnet_neighbours(
    graph: &HashMap<&str, HashSet<&str>>,
    words: &[(&String, &u32)],
    near: &mut HashMap<String, HashSet<u32>>,
) {
    for &(word, id) in words {
        let Some(first) = graph.get(word.as_str()) else {
            continue;
        };
        for n1 in first {
            near.entry((*n1).to_owned()).or_default().insert(*id);
            for n2 in graph.get(n1).into_iter().flatten() {
                near.entry((*n2).to_owned()).or_default().insert(*id);
            }
        }
    }
}

/// Adds, for each one-word synonym a thesaurus (lines of `head|synonym|...`)
/// lists for one of `words`, the ids of those words. One step only: a
/// synonym's own list is as long again.
fn listed_synonyms(
    thesaurus: &str,
    words: &[(&String, &u32)],
    near: &mut HashMap<String, HashSet<u32>>,
) {
    let ids: HashMap<&str, u32> = words.iter().map(|(w, id)| (w.as_str(), **id)).collect();
    for line in thesaurus.lines() {
        let mut parts = line.split('|');
        let Some(id) = parts.next().and_then(|h| ids.get(h.trim())) else {
            continue;
        };
        for syn in parts.map(str::trim) {
            if syn.len() >= 3 && syn.bytes().all(|b| b.is_ascii_lowercase()) {
                near.entry(syn.to_owned()).or_default().insert(*id);
            }
        }
    }
}

/// How a run of words lines up with a known name.
#[derive(Debug, Default)]
struct Alignment {
    /// Words that are neighbours of the name's.
    swapped: usize,
    /// Content words as the name has them.
    same: usize,
    /// Swapped words that are themselves words of known names.
    named: usize,
}

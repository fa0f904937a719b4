//! The pack's names compiled into a trie of words, matched over a text's words.
//!
//! Matching is on words, lower-cased, with punctuation and the article "the"
//! left out, so "C.C., the WPK", "C.C. WPK" and "c.c., WPK" are one key; case
//! is then checked on the original words (acronyms exactly, names capitalised).
//! Each word of the text is looked up once; a word no key holds ends every
//! match there, so most words cost one lookup.

use std::collections::HashMap;

use readout_core::pack::Pack;
use rustc_hash::FxHashMap;

use crate::words::WordMap;

use crate::token::{Kind, Token};

/// What a gazetteer key names; indexes are into the pack's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Org(usize),
    /// An acronym of an organisation: matched with its exact case.
    Acronym(usize),
    Class(usize),
    Role {
        role: usize,
        plural: bool,
    },
    TitleForm {
        form: usize,
        plural: bool,
    },
    Person(usize),
    Country {
        country: usize,
        adjective: bool,
    },
    Meeting(usize),
    Event(usize),
    Formulation(usize),
}

/// A match: the entry and the first and last token it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: Entry,
    pub first: usize,
    pub last: usize,
}

/// A word that no key holds.
pub const NO_WORD: u32 = u32::MAX;

/// Keys of words in a trie, matched leftmost-longest over a text's words.
#[derive(Debug)]
pub struct WordTrie {
    /// Every word of the keys, numbered, in lower case, capitalised and in
    /// capitals, so that most text words are looked up as they are written.
    words: WordMap<u32>,
    /// The trie below the root: (node, word) to the next node.
    next: FxHashMap<(u32, u32), u32>,
    /// The root's moves (node 0), by word number (0: none).
    first: Vec<u32>,
    /// The key ending at each node, if one does.
    key_at: Vec<Option<u32>>,
}

impl WordTrie {
    /// A trie of keys, each a list of lower-case words; keys are numbered
    /// in the order given.
    pub fn new<'k>(keys: impl IntoIterator<Item = &'k [String]>) -> WordTrie {
        let mut words: WordMap<u32> = WordMap::default();
        let mut next: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut key_at: Vec<Option<u32>> = vec![None];
        for (k, key) in keys.into_iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            let mut node = 0u32;
            for word in key {
                let id = *words.entry(word, |n| n as u32);
                node = *next.entry((node, id)).or_insert_with(|| {
                    key_at.push(None);
                    key_at.len() as u32 - 1
                });
            }
            key_at[node as usize] = Some(k as u32);
        }
        // The root's moves go to a table by word number: every matched word
        // takes one, so it is indexed rather than hashed.
        let mut first = vec![0u32; words.len()];
        next.retain(|&(node, id), n| {
            if node == 0 {
                first[id as usize] = *n;
            }
            node != 0
        });
        for (word, &id) in words.clone().iter() {
            if word.is_ascii() {
                let upper = word.to_ascii_uppercase();
                let capital = format!("{}{}", &upper[..1], &word[1..]);
                words.insert(&capital, id);
                words.insert(&upper, id);
            }
        }
        WordTrie {
            words,
            next,
            first,
            key_at,
        }
    }

    /// The number of a text word, or `NO_WORD` if no key holds it, in any case.
    pub fn word_id(&self, w: &str) -> u32 {
        if let Some(&id) = self.words.get(w) {
            return id;
        }
        // A word in lower case, capitalised or in capitals was looked up as it is.
        if w.is_ascii() && usual_case(w) {
            return NO_WORD;
        }
        let lower: String = w.chars().flat_map(char::to_lowercase).collect();
        self.words.get(&lower).copied().unwrap_or(NO_WORD)
    }

    /// The longest key that the words from `at` begin: (its last word, key).
    fn longest_at(&self, ids: &[u32], at: usize) -> Option<(usize, usize)> {
        let mut node = 0u32;
        let mut longest = None;
        for (j, &id) in ids.iter().enumerate().skip(at) {
            let n = match (id, node) {
                (NO_WORD, _) => 0,
                (_, 0) => self.first[id as usize],
                _ => self.next.get(&(node, id)).copied().unwrap_or(0),
            };
            if n == 0 {
                break;
            }
            node = n;
            if let Some(k) = self.key_at[n as usize] {
                longest = Some((j, k as usize));
            }
        }
        longest
    }

    /// Every leftmost-longest match in a list of word numbers, none
    /// overlapping another: (first word, last word, key).
    pub fn find(&self, ids: &[u32]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < ids.len() {
            match self.longest_at(ids, at) {
                Some((end, k)) => {
                    out.push((at, end, k));
                    at = end + 1;
                }
                None => at += 1,
            }
        }
        out
    }
}

/// The compiled gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    trie: WordTrie,
    entries: Vec<Vec<(Entry, Vec<String>)>>,
    /// Whether a key's phrases hold a comma ("C.C., WPK"): only those match
    /// across one in the text, so "Industry and Commerce, the Ministry of"
    /// is not the "Commerce Ministry".
    commas: Vec<bool>,
}

/// Words of a phrase as the gazetteer keys them.
pub fn key_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
        .map(str::to_lowercase)
        .collect()
}

/// Every phrase of the pack with what it names, in pack order.
pub fn phrases(pack: &Pack) -> Vec<(&str, Entry)> {
    let mut out: Vec<(&str, Entry)> = Vec::new();
    for (i, o) in pack.organizations.iter().enumerate() {
        out.push((&o.name, Entry::Org(i)));
        out.extend(o.aliases.iter().map(|a| (a.as_str(), Entry::Org(i))));
        out.extend(o.acronyms.iter().map(|a| (a.as_str(), Entry::Acronym(i))));
    }
    for (i, c) in pack.org_classes.iter().enumerate() {
        out.extend(c.aliases.iter().map(|a| (a.as_str(), Entry::Class(i))));
    }
    for (i, r) in pack.roles.iter().enumerate() {
        let one = Entry::Role {
            role: i,
            plural: false,
        };
        out.push((&r.name, one));
        out.extend(r.forms.iter().map(|f| (f.as_str(), one)));
        let many = Entry::Role {
            role: i,
            plural: true,
        };
        out.extend(r.plural.iter().map(|f| (f.as_str(), many)));
    }
    for (i, t) in pack.title_forms.iter().enumerate() {
        let one = Entry::TitleForm {
            form: i,
            plural: false,
        };
        out.push((&t.form, one));
        let many = Entry::TitleForm {
            form: i,
            plural: true,
        };
        out.extend(t.plural.iter().map(|f| (f.as_str(), many)));
    }
    for (i, p) in pack.people.iter().enumerate() {
        out.push((&p.name, Entry::Person(i)));
        out.extend(p.variants.iter().map(|v| (v.as_str(), Entry::Person(i))));
    }
    for (i, c) in pack.countries.iter().enumerate() {
        let name = Entry::Country {
            country: i,
            adjective: false,
        };
        out.push((&c.name, name));
        out.extend(c.aliases.iter().map(|a| (a.as_str(), name)));
        let adjective = Entry::Country {
            country: i,
            adjective: true,
        };
        out.extend(c.adjectives.iter().map(|a| (a.as_str(), adjective)));
    }
    for (i, m) in pack.meeting_kinds.iter().enumerate() {
        out.extend(m.forms.iter().map(|f| (f.as_str(), Entry::Meeting(i))));
    }
    for (i, e) in pack.event_kinds.iter().enumerate() {
        out.extend(e.triggers.iter().map(|f| (f.as_str(), Entry::Event(i))));
    }
    for (i, f) in pack.formulations.iter().enumerate() {
        out.push((&f.phrase, Entry::Formulation(i)));
        out.extend(
            f.variants
                .iter()
                .map(|v| (v.as_str(), Entry::Formulation(i))),
        );
    }
    out
}

impl Gazetteer {
    pub fn new(pack: &Pack) -> Gazetteer {
        let mut map: HashMap<Vec<String>, Vec<(Entry, Vec<String>)>> = HashMap::new();
        let mut with_commas: HashMap<Vec<String>, bool> = HashMap::new();
        let mut add = |phrase: &str, entry: Entry| {
            let words = key_words(phrase);
            if words.is_empty() {
                return;
            }
            *with_commas.entry(words.clone()).or_default() |= phrase.contains(',');
            // The original words, for case checks of acronyms.
            let surface: Vec<String> = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
                .map(str::to_owned)
                .collect();
            let slot = map.entry(words).or_default();
            if !slot.iter().any(|(e, _)| *e == entry) {
                slot.push((entry, surface));
            }
        };
        for (phrase, entry) in phrases(pack) {
            add(phrase, entry);
        }
        let mut keys: Vec<Vec<String>> = map.keys().cloned().collect();
        keys.sort();
        let entries = keys
            .iter()
            .map(|k| map.remove(k).unwrap_or_default())
            .collect();
        let commas = keys
            .iter()
            .map(|k| with_commas.get(k).copied().unwrap_or(false))
            .collect();
        Gazetteer {
            trie: WordTrie::new(keys.iter().map(Vec::as_slice)),
            entries,
            commas,
        }
    }

    /// Whether some key holds a word, in any case.
    pub fn holds_word(&self, w: &str) -> bool {
        self.trie.word_id(w) != NO_WORD
    }

    /// All matches in a text, left to right, longest first, each with every
    /// entry its key names that passes the case checks.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<(Vec<Entry>, usize, usize)> {
        // The text's words as the keys see them: their tokens and numbers.
        let (at, ids): (Vec<usize>, Vec<u32>) = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == Kind::Word)
            .map(|(i, t)| (i, t.text(text)))
            .filter(|(_, w)| !w.eq_ignore_ascii_case("the"))
            .map(|(i, w)| (i, self.trie.word_id(w)))
            .unzip();
        let mut out = Vec::new();
        for (first, last, k) in self.trie.find(&ids) {
            let (first, last) = (at[first], at[last]);
            // A name never runs across a line break or a sentence's end.
            if tokens[first..=last]
                .iter()
                .any(|t| t.kind == Kind::Break || t.is_punct(';') || t.is_punct(':'))
            {
                continue;
            }
            if !self.commas[k] && tokens[first..=last].iter().any(|t| t.is_punct(',')) {
                continue;
            }
            // Nor across a quotation mark: "United Russia" Party is the
            // quoted name, then more of a longer one.
            if tokens[first..=last]
                .iter()
                .any(|t| t.is_punct('"') || t.is_punct('\u{201c}') || t.is_punct('\u{201d}'))
            {
                continue;
            }
            let words: Vec<&str> = tokens[first..=last]
                .iter()
                .filter(|t| t.is_word() && !t.text(text).eq_ignore_ascii_case("the"))
                .map(|t| t.text(text))
                .collect();
            let entries: Vec<Entry> = self.entries[k]
                .iter()
                .filter(|(e, surface)| case_ok(*e, &words, surface))
                .map(|(e, _)| *e)
                .collect();
            if !entries.is_empty() {
                out.push((entries, first, last));
            }
        }
        out
    }
}

/// An ASCII word in lower case, capitalised or in capitals.
fn usual_case(w: &str) -> bool {
    w.bytes().skip(1).all(|b| !b.is_ascii_uppercase()) || w.bytes().all(|b| !b.is_ascii_lowercase())
}

fn capitalised(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn all_caps(surface: &[String]) -> bool {
    surface.iter().all(|w| {
        w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    })
}

fn case_ok(entry: Entry, words: &[&str], surface: &[String]) -> bool {
    match entry {
        Entry::Acronym(_) => {
            words.len() == surface.len() && words.iter().zip(surface).all(|(w, s)| *w == s)
        }
        // Names are capitalised, but the second part of "Jong-un" need not be.
        Entry::Person(_) => words.first().is_some_and(|w| capitalised(w)),
        // An all-capitals alias ("UN", "U.S.") is an acronym, whatever its table.
        Entry::Org(_) | Entry::Class(_) | Entry::Country { .. } if all_caps(surface) => {
            words.len() == surface.len() && words.iter().zip(surface).all(|(w, s)| *w == s)
        }
        // A name ends on a capitalised word: "south Korean authorities" is no name.
        Entry::Org(_) | Entry::Class(_) => words.last().is_some_and(|w| capitalised(w)),
        Entry::Country { .. } => words.iter().any(|w| capitalised(w)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Leftmost-longest matching done the slow way: at each word, every key
    /// compared in full.
    fn naive(keys: &[Vec<String>], text: &[String]) -> Vec<(usize, usize, usize)> {
        let lower: Vec<String> = text.iter().map(|w| w.to_lowercase()).collect();
        let mut out = Vec::new();
        let mut at = 0;
        while at < lower.len() {
            let longest = keys
                .iter()
                .enumerate()
                .filter(|(_, k)| !k.is_empty() && lower[at..].starts_with(k))
                .max_by_key(|(_, k)| k.len());
            match longest {
                Some((i, k)) => {
                    out.push((at, at + k.len() - 1, i));
                    at += k.len();
                }
                None => at += 1,
            }
        }
        out
    }

    /// Words of a small vocabulary, so that keys and texts share many.
    fn word() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "party",
            "of",
            "korea",
            "central",
            "committee",
            "workers",
            "kim",
            "il",
            "sung",
            "ri",
            "çelik",
            "ümit",
        ])
        .prop_map(str::to_owned)
    }

    /// A word as a text may write it: any mix of cases, or a word no key has.
    fn text_word() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => (word(), prop::collection::vec(any::<bool>(), 8)).prop_map(|(w, up)| {
                w.chars()
                    .zip(up.iter().cycle())
                    .flat_map(|(c, &u)| {
                        let v: Vec<char> = if u {
                            c.to_uppercase().collect()
                        } else {
                            vec![c]
                        };
                        v
                    })
                    .collect()
            }),
            1 => "[a-z]{1,6}",
        ]
    }

    proptest! {
        #[test]
        fn the_trie_finds_what_a_full_comparison_finds(
            keys in prop::collection::btree_set(prop::collection::vec(word(), 1..4), 0..12),
            text in prop::collection::vec(text_word(), 0..30),
        ) {
            let keys: Vec<Vec<String>> = keys.into_iter().collect();
            let trie = WordTrie::new(keys.iter().map(Vec::as_slice));
            let ids: Vec<u32> = text.iter().map(|w| trie.word_id(w)).collect();
            prop_assert_eq!(trie.find(&ids), naive(&keys, &text));
        }
    }

    #[test]
    fn a_word_is_known_in_any_case_and_unknown_words_are_not() {
        let keys = [vec!["workers".to_owned(), "party".to_owned()]];
        let trie = WordTrie::new(keys.iter().map(Vec::as_slice));
        let party = trie.word_id("party");
        assert_ne!(party, NO_WORD);
        for w in ["Party", "PARTY", "pArTy", "PARty"] {
            assert_eq!(trie.word_id(w), party, "{w}");
        }
        for w in ["parties", "Part", "", "WORKER"] {
            assert_eq!(trie.word_id(w), NO_WORD, "{w}");
        }
    }
}

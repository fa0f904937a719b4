//! The pack's names compiled into one automaton, matched over a text's words.
//!
//! Matching is on words, lower-cased, with punctuation and the article "the"
//! left out, so "C.C., the WPK", "C.C. WPK" and "c.c., WPK" are one key; case
//! is then checked on the original words (acronyms exactly, names capitalised).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use readout_core::pack::Pack;

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

/// The compiled gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    automaton: AhoCorasick,
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

fn key(words: &[String]) -> String {
    format!(" {} ", words.join("  "))
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
        let mut map: HashMap<String, Vec<(Entry, Vec<String>)>> = HashMap::new();
        let mut with_commas: HashMap<String, bool> = HashMap::new();
        let mut add = |phrase: &str, entry: Entry| {
            let words = key_words(phrase);
            if words.is_empty() {
                return;
            }
            *with_commas.entry(key(&words)).or_default() |= phrase.contains(',');
            // The original words, for case checks of acronyms.
            let surface: Vec<String> = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
                .map(str::to_owned)
                .collect();
            let slot = map.entry(key(&words)).or_default();
            if !slot.iter().any(|(e, _)| *e == entry) {
                slot.push((entry, surface));
            }
        };
        for (phrase, entry) in phrases(pack) {
            add(phrase, entry);
        }
        let mut keys: Vec<String> = map.keys().cloned().collect();
        keys.sort();
        let entries = keys
            .iter()
            .map(|k| map.remove(k).unwrap_or_default())
            .collect();
        let commas = keys
            .iter()
            .map(|k| with_commas.get(k).copied().unwrap_or(false))
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .expect("gazetteer keys are plain strings");
        Gazetteer {
            automaton,
            entries,
            commas,
        }
    }

    /// All matches in a text, left to right, longest first, each with every
    /// entry its key names that passes the case checks.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<(Vec<Entry>, usize, usize)> {
        let mut hay = String::with_capacity(text.len() + 16);
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        hay.push(' ');
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != Kind::Word {
                continue;
            }
            let w = t.text(text);
            if w.eq_ignore_ascii_case("the") {
                continue;
            }
            if hay.len() > 1 {
                hay.push(' ');
            }
            starts.push((hay.len(), i));
            if w.is_ascii() {
                for b in w.bytes() {
                    hay.push(b.to_ascii_lowercase() as char);
                }
            } else {
                for c in w.chars() {
                    hay.extend(c.to_lowercase());
                }
            }
            hay.push(' ');
        }
        let mut out = Vec::new();
        for m in self.automaton.find_iter(&hay) {
            let first_at = starts.partition_point(|(s, _)| *s < m.start() + 1);
            let last_at = starts.partition_point(|(s, _)| *s < m.end() - 1);
            let (Some(first), Some(last)) = (
                starts.get(first_at),
                last_at.checked_sub(1).and_then(|l| starts.get(l)),
            ) else {
                continue;
            };
            let (first, last) = (first.1, last.1);
            // A name never runs across a line break or a sentence's end.
            if tokens[first..=last]
                .iter()
                .any(|t| t.kind == Kind::Break || t.is_punct(';') || t.is_punct(':'))
            {
                continue;
            }
            if !self.commas[m.pattern().as_usize()]
                && tokens[first..=last].iter().any(|t| t.is_punct(','))
            {
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
            let entries: Vec<Entry> = self.entries[m.pattern().as_usize()]
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

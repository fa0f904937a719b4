//! Known Korean names with one part swapped by a spinner: a spinner that
//! replaces every word its thesaurus lists turns the syllables that are also
//! English words into other words ("Choe Son Hui" as "Choe Sister Hui", "Kim
//! Tok Hun" as "Kim Tok Bomber", "Sin Hong-chol" as "Aberrancy Hong-chol").
//!
//! The structure survives: two parts as written, and in place of the third one
//! to three words that are no Korean syllable. When exactly one known person
//! has the two parts that survive, the run names that person.
//! - A swapped given syllable ("Choe Sister Hui") is evidence that the text
//!   is spun when the words in its place are ordinary English: edited copy
//!   never puts one inside a Korean name. A word no dictionary lists is a
//!   misspelling ("Pak Gueun Hye").
//! - A swapped family name is no evidence, and a dictionary word before the
//!   given names is not taken into the name: copy names some people by their
//!   given names alone ("Kill Myung Bak!", shouted at a rally).

use rustc_hash::FxHashMap as HashMap;

use readout_core::pack::Pack;

use crate::gazetteer::key_words;
use crate::model::Field;
use crate::names::Names;
use crate::{Extractor, FieldWork, SpanKind};

/// A known name found with one part swapped.
struct Garbled {
    person: usize,
    first: usize,
    last: usize,
    /// Whether the swap is evidence of spinning.
    spun: bool,
}

/// Most words one swapped part may have become ("Half Brother").
const MAX_REPLACEMENT_WORDS: usize = 3;

/// Known people whose names are a family name and two given syllables, by
/// the two parts that survive when the third is swapped.
#[derive(Debug, Default)]
pub(crate) struct KoreanNames {
    /// (family, second given syllable): the first given syllable swapped.
    family_second: HashMap<(String, String), Vec<usize>>,
    /// (family, first given syllable): the second swapped.
    family_first: HashMap<(String, String), Vec<usize>>,
    /// (first, second given syllable): the family name swapped.
    given: HashMap<(String, String), Vec<usize>>,
    /// Where a search starts: the family names of these people ("Choe"),
    /// and their first given syllables ("Hong"), capitalised; one lookup
    /// per capitalised word.
    starts: HashMap<String, Start>,
}

/// What a capitalised word can start.
#[derive(Debug, Default, Clone, Copy)]
struct Start {
    family: bool,
    first_given: bool,
}

impl KoreanNames {
    pub(crate) fn new(pack: &Pack, names: &Names) -> KoreanNames {
        let mut k = KoreanNames::default();
        for (i, p) in pack.people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.variants) {
                let words = key_words(n);
                let [family, g1, g2] = words.as_slice() else {
                    continue;
                };
                let korean = names.is_family(&capitalised(family))
                    && names.is_syllable(g1)
                    && names.is_syllable(g2);
                if !korean {
                    continue;
                }
                let put = |map: &mut HashMap<(String, String), Vec<usize>>, a: &str, b: &str| {
                    let slot = map.entry((a.to_owned(), b.to_owned())).or_default();
                    if !slot.contains(&i) {
                        slot.push(i);
                    }
                };
                put(&mut k.family_second, family, g2);
                put(&mut k.family_first, family, g1);
                put(&mut k.given, g1, g2);
                k.starts.entry(capitalised(family)).or_default().family = true;
                k.starts.entry(capitalised(g1)).or_default().first_given = true;
            }
        }
        k
    }

    /// The one person with these two parts, if exactly one.
    fn one(map: &HashMap<(String, String), Vec<usize>>, a: &str, b: &str) -> Option<usize> {
        match map.get(&(a.to_lowercase(), b.to_lowercase()))?.as_slice() {
            [p] => Some(*p),
            _ => None,
        }
    }
}

/// Whether a word begins with a capital letter.
fn upper(x: &str) -> bool {
    x.starts_with(|c: char| c.is_ascii_uppercase())
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Extractor {
    /// Known Korean names with one part swapped; returns how many of them
    /// are evidence of spinning.
    pub(crate) fn garbled_people(&self, w: &mut FieldWork<'_>) -> usize {
        if self.korean.given.is_empty() {
            return 0;
        }
        let mut evidence = 0;
        let mut i = 0;
        while let Some(c) = w.next_capital(i) {
            i = c;
            match self.garbled_at(w, i) {
                Some(Garbled {
                    person,
                    first,
                    last,
                    spun,
                }) => {
                    let name = self.pack.people[person].name.clone();
                    w.add(
                        SpanKind::Person {
                            person: Some(person),
                            name,
                        },
                        first,
                        last,
                    );
                    evidence += usize::from(spun);
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        evidence
    }

    /// A garbled known name found at token `i`: starting there (a family
    /// name), or with its first given syllable there.
    fn garbled_at(&self, w: &FieldWork<'_>, i: usize) -> Option<Garbled> {
        let word = w.word(i).filter(|x| w.owner[i].is_none() && upper(x))?;
        let k = &self.korean;
        let start = k.starts.get(word)?;
        if start.family {
            let found = self
                .first_swapped(w, i, word)
                .or_else(|| self.second_swapped(w, i, word));
            // "Jong" is a family name and a first given syllable.
            if found.is_some() || !start.first_given {
                return found;
            }
        }
        if !start.first_given {
            return None;
        }
        // Swapped family name before two given syllables: "Aberrancy
        // Hong-chol". Up to three dictionary words right before.
        let mut x_first = None;
        let mut t = i;
        for _ in 0..MAX_REPLACEMENT_WORDS {
            let Some(prev) = t.checked_sub(1) else { break };
            let ordinary = w.word(prev).is_some_and(|x| {
                w.owner[prev].is_none()
                    && w.tokens[prev].end < w.tokens[t].start
                    && upper(x)
                    && self.ordinary(x)
            });
            if !ordinary {
                break;
            }
            x_first = Some(prev);
            t = prev;
        }
        let x_first = x_first?;
        let g2 = self.syllable_after(w, i)?;
        let p = KoreanNames::one(&k.given, word, w.word(g2)?)?;
        // The given names alone after another word are how copy names some
        // people ("Kill Myung Bak!", shouted at a rally): no evidence of
        // spinning, and the word is not part of the name. A word no
        // dictionary lists is a misspelt family name ("Km Jong Il").
        let typo = !self.all_english(w, x_first, i - 1);
        Some(Garbled {
            person: p,
            first: if typo { x_first } else { i },
            last: g2,
            spun: false,
        })
    }

    /// Family, swapped, second syllable: "Choe Sister Hui", "Choe Niece-hui".
    fn first_swapped(&self, w: &FieldWork<'_>, i: usize, family: &str) -> Option<Garbled> {
        let end = self.replacement(w, i + 1, false, MAX_REPLACEMENT_WORDS, true)?;
        let g2 = self.syllable_after(w, end)?;
        let p = KoreanNames::one(&self.korean.family_second, family, w.word(g2)?)?;
        Some(Garbled {
            person: p,
            first: i,
            last: g2,
            spun: self.all_english(w, i + 1, g2 - 1),
        })
    }

    /// Family, first syllable, swapped: "Kim Tok Bomber". Only in running
    /// text: a headline capitalises the verb after a short name ("Kim Yong
    /// Visits").
    fn second_swapped(&self, w: &FieldWork<'_>, i: usize, family: &str) -> Option<Garbled> {
        if w.field != Field::Body {
            return None;
        }
        let g1 = w
            .word(i + 1)
            .filter(|x| w.owner[i + 1].is_none() && upper(x))?;
        let p = KoreanNames::one(&self.korean.family_first, family, g1)?;
        if !self.names.is_syllable(g1) {
            return None;
        }
        let hyphen = w.hyphen_at(i + 2);
        let from = if hyphen { i + 3 } else { i + 2 };
        // One word, or a hyphenated one: a replacement of several words
        // cannot be told from the words after the name.
        let end = self.replacement(w, from, hyphen, 1, false)?;
        Some(Garbled {
            person: p,
            first: i,
            last: end,
            spun: true,
        })
    }

    /// A dictionary word that is no Korean syllable and does not begin a
    /// sentence ("The", "Meanwhile").
    fn ordinary(&self, x: &str) -> bool {
        !self.names.not_names.contains(x)
            && self.spun.is_common_word(&x.to_lowercase())
            && !self.names.is_syllable(x)
    }

    /// Whether every word of tokens `from..=to` is ordinary English: a
    /// replacement by a thesaurus, not a misspelt syllable ("Pak Gueun Hye").
    fn all_english(&self, w: &FieldWork<'_>, from: usize, to: usize) -> bool {
        (from..=to)
            .filter_map(|t| w.word(t))
            .all(|x| self.spun.is_common_word(&x.to_lowercase()))
    }

    /// The token of a given syllable right after token `end`: the next word,
    /// or the word after an attached hyphen ("Niece-hui").
    fn syllable_after(&self, w: &FieldWork<'_>, end: usize) -> Option<usize> {
        let at = if w.hyphen_at(end + 1) {
            end + 2
        } else {
            end + 1
        };
        let x = w.word(at)?;
        let capital = at == end + 2 || upper(x);
        (w.owner[at].is_none() && capital && self.names.is_syllable(x)).then_some(at)
    }

    /// The last token of a run of words a spinner may have put in a name's
    /// place, starting at token `from`: words that are no Korean syllable,
    /// capitalised unless after a hyphen, at most `max_words` of them joined
    /// by spaces, each of which may be hyphenated ("Sister-German").
    /// `after_hyphen`: the run follows a hyphen. `inside`: the run is between
    /// two parts of the name, which bound it, and any such word may stand
    /// there; elsewhere only ordinary English words (WordNet lists them) that
    /// do not begin a sentence ("The", "Meanwhile") do.
    fn replacement(
        &self,
        w: &FieldWork<'_>,
        from: usize,
        after_hyphen: bool,
        max_words: usize,
        inside: bool,
    ) -> Option<usize> {
        let mut last = None;
        let mut words = 0;
        let mut t = from;
        let mut joined = after_hyphen;
        while let Some(x) = w.word(t).filter(|_| w.owner[t].is_none()) {
            let capital = upper(x);
            let ordinary = (capital || joined)
                && if inside {
                    !self.names.is_syllable(x)
                } else {
                    self.ordinary(x)
                };
            if !ordinary || (!joined && words == max_words) {
                break;
            }
            words += usize::from(!joined || last.is_none());
            last = Some(t);
            joined = w.hyphen_at(t + 1);
            t += if joined { 2 } else { 1 };
        }
        last
    }
}

//! The two strata of the labelled KCNA set, re-derived from the data file.
//!
//! `labels.jsonl` does not say which stratum a document was drawn for, so this
//! module repeats the documented selection (`eval/kcna-2011-2012/select_docs.py`):
//! eligible odd lines per calendar quarter, shuffled with Python's
//! `random.Random(seed)`, taken round-robin. Python's shuffle is reproduced
//! exactly (Mersenne Twister seeded by `init_by_array`, `_randbelow` by
//! rejection over `getrandbits`), so the strata are the script's.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::data::Row;

const SEED: u32 = 20111217;
/// The person-rich stratum is drawn from after the first 7 rounds of the
/// random order (select_docs.py's `RANDOM_ROUNDS`).
const RANDOM_ROUNDS: usize = 7;
/// Labelled rounds of the random stratum: 0-6 in the development set
/// (`eval/kcna-2011-2012`), 7-9 in the test set (`eval/kcna-2011-2012-test`).
const RANDOM_LABELLED: usize = 10;
/// Labelled rounds of the person-rich stratum: 0-4 development, 5-7 test.
const RICH_LABELLED: usize = 8;
/// `RICH` of select_docs.py, one alternative each; "Congratulat" stands for
/// `Congratulat\w*`, so it needs a word boundary before it only.
const RICH: &[&str] = &[
    "Meets",
    "Meet",
    "Receives",
    "Greets",
    "Greetings",
    "Message",
    "Delegation",
    "Visits",
    "Inspects",
    "Field Guidance",
    "Appointed",
    "Elected",
    "Plenary",
    "Meeting",
    "Sympathy",
    "Condolence",
    "Congratulat",
    "Wreath",
    "Talks",
    "Ambassador",
    "Minister",
    "Premier",
    "Chairman",
    "President",
    "Secretary",
    "Kim Jong Un",
    "Kim Jong Il",
    "Kim Yong Nam",
];
const EN: &[&str] = &["the", "of", "and", "to", "in", "is", "was", "with", "for"];
const ES: &[&str] = &[
    "el", "la", "los", "las", "y", "del", "que", "en", "con", "por",
];

/// The stratum a labelled document was drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Plain random KCNA output: performance on the archive as it comes.
    Random,
    /// Titles with leader-activity, delegation, message or appointment words.
    PersonRich,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Random => "random",
            Group::PersonRich => "person-rich",
        }
    }
}

/// The line numbers of the labelled selections (both sets), by stratum.
pub fn groups(rows: &[Row]) -> HashMap<usize, Group> {
    let strata = eligible(rows);
    let mut out = HashMap::new();
    let mut random: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (qn, (q, lines)) in strata.iter().enumerate() {
        let mut lines = lines.clone();
        shuffle(&mut lines, SEED + qn as u32);
        lines.retain(|&i| is_english(rows[i].body.as_deref().unwrap_or("")));
        random.insert(q, lines);
    }
    for (qn, lines) in random.values().enumerate() {
        for &i in lines.iter().take(RANDOM_LABELLED) {
            out.insert(i, Group::Random);
        }
        let mut rich: Vec<usize> = lines
            .iter()
            .skip(RANDOM_ROUNDS)
            .copied()
            .filter(|&i| is_rich(rows[i].title.as_deref().unwrap_or("")))
            .collect();
        rich.sort_unstable();
        shuffle(&mut rich, SEED + 100 + qn as u32);
        for &i in rich.iter().take(RICH_LABELLED) {
            out.entry(i).or_insert(Group::PersonRich);
        }
    }
    out
}

/// Eligible odd lines by quarter ("2011Q1"), in line order.
fn eligible(rows: &[Row]) -> BTreeMap<String, Vec<usize>> {
    let even: HashSet<&str> = rows
        .iter()
        .step_by(2)
        .filter_map(|r| r.body.as_deref())
        .collect();
    let mut seen = HashSet::new();
    let mut strata: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate().skip(1).step_by(2) {
        let Some(b) = r.body.as_deref() else { continue };
        if b == "<NA>" || b.chars().count() < 200 || even.contains(b) || !seen.insert(b) {
            continue;
        }
        let Some(q) = r.published.as_deref().and_then(quarter) else {
            continue;
        };
        strata.entry(q).or_default().push(i);
    }
    strata
}

fn quarter(published: &str) -> Option<String> {
    let year = published.get(..4)?;
    let month: u32 = published.get(5..7)?.parse().ok()?;
    Some(format!("{year}Q{}", (month.max(1) - 1) / 3 + 1))
}

/// Python's `\w`, near enough for titles.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a title matches select_docs.py's `RICH` pattern.
fn is_rich(title: &str) -> bool {
    RICH.iter().any(|w| {
        title.match_indices(w).any(|(i, _)| {
            let before = title[..i].chars().next_back().is_none_or(|c| !is_word(c));
            let after = *w == "Congratulat"
                || title[i + w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !is_word(c));
            before && after
        })
    })
}

/// select_docs.py's test for items marked English that are in Spanish.
fn is_english(text: &str) -> bool {
    let lower = text.to_lowercase();
    let (mut en, mut es) = (0, 0);
    for w in lower.split(|c: char| !c.is_ascii_lowercase()) {
        en += usize::from(EN.contains(&w));
        es += usize::from(ES.contains(&w));
    }
    en >= es
}

/// `random.Random(seed).shuffle(items)` as CPython does it.
fn shuffle<T>(items: &mut [T], seed: u32) {
    let mut mt = Mt19937::new(seed);
    for i in (1..items.len()).rev() {
        let j = mt.below(i + 1);
        items.swap(i, j);
    }
}

/// CPython's Mersenne Twister, seeded from a small non-negative integer.
struct Mt19937 {
    state: [u32; 624],
    next: usize,
}

impl Mt19937 {
    /// `init_by_array` with the one-word key CPython makes of a seed below 2^32.
    fn new(seed: u32) -> Mt19937 {
        let mut mt = [0u32; 624];
        mt[0] = 19_650_218;
        for i in 1..624 {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        let mut i = 1;
        for _ in 0..624 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(seed);
            i += 1;
            if i >= 624 {
                mt[0] = mt[623];
                i = 1;
            }
        }
        for _ in 0..623 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= 624 {
                mt[0] = mt[623];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        Mt19937 {
            state: mt,
            next: 624,
        }
    }

    fn next_u32(&mut self) -> u32 {
        if self.next >= 624 {
            for k in 0..624 {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % 624] & 0x7fff_ffff);
                let mut v = self.state[(k + 397) % 624] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[k] = v;
            }
            self.next = 0;
        }
        let mut y = self.state[self.next];
        self.next += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `_randbelow_with_getrandbits(n)`: rejection sampling over `n.bit_length()` bits.
    fn below(&mut self, n: usize) -> usize {
        let k = usize::BITS - n.leading_zeros();
        loop {
            let r = (self.next_u32() >> (32 - k)) as usize;
            if r < n {
                return r;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mersenne_twister_matches_cpython() {
        // random.Random(20111217).getrandbits(32), three times.
        let mut mt = Mt19937::new(20111217);
        let got: Vec<u32> = (0..3).map(|_| mt.next_u32()).collect();
        assert_eq!(got, [957338167, 3852085533, 2727883747]);
    }

    #[test]
    fn shuffle_matches_cpython() {
        // x = list(range(10)); random.Random(20111217).shuffle(x)
        let mut x: Vec<u32> = (0..10).collect();
        shuffle(&mut x, 20111217);
        assert_eq!(x, [2, 5, 9, 4, 8, 7, 0, 6, 1, 3]);
    }

    #[test]
    fn rich_titles_need_whole_words() {
        assert!(is_rich("Kim Jong Il Receives Delegation"));
        assert!(is_rich("Congratulatory Message to Cuban Leader"));
        assert!(!is_rich("Meetings Held"));
        assert!(!is_rich("Premiership"));
        assert!(is_rich("Field Guidance"));
    }
}

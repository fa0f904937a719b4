//! An article spinner: rewrites text word by word with random synonyms from the
//! Moby thesaurus, as commercial "article spinners" do.
//!
//! The extractor ships with WordNet's neighbours and can be built with Moby's
//! instead (`Extractor::with_thesauri`). A spinner built on the matcher's own
//! word list would be undone by construction and measure nothing, so each
//! measurement spins with one thesaurus and matches with the other only
//! (`SpinWith::held_out`).

use std::collections::HashMap;

use readout_extract::spun::Thesauri;

/// Words a spinner leaves alone: replacing them garbles the text without
/// hiding it, and spinners skip them.
const FUNCTION_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "been", "before", "being", "but", "by",
    "can", "could", "did", "does", "for", "from", "had", "has", "have", "her", "here", "him",
    "his", "how", "into", "its", "may", "more", "most", "not", "now", "off", "one", "only", "our",
    "out", "over", "said", "shall", "she", "should", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "under",
    "until", "upon", "very", "was", "were", "what", "when", "where", "which", "while", "who",
    "whom", "whose", "will", "with", "would", "you", "your",
];

/// The thesaurus a spinner draws on; the matcher measured against it is
/// built without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SpinWith {
    Moby,
    Wordnet,
}

impl SpinWith {
    pub fn thesaurus(self) -> Thesaurus {
        match self {
            SpinWith::Moby => Thesaurus::moby(),
            SpinWith::Wordnet => Thesaurus::wordnet(),
        }
    }

    /// The thesaurus the matcher keeps: the other one.
    pub fn held_out(self) -> HeldOut {
        HeldOut {
            other: match self {
                SpinWith::Moby => None,
                SpinWith::Wordnet => Some(thesaurus_moby::uncompress()),
            },
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SpinWith::Moby => "Moby",
            SpinWith::Wordnet => "WordNet",
        }
    }

    /// The name of the thesaurus the matcher keeps.
    pub fn other_name(self) -> &'static str {
        match self {
            SpinWith::Moby => "WordNet",
            SpinWith::Wordnet => "Moby",
        }
    }
}

/// The thesaurus a matcher measured against a spinner keeps.
#[derive(Debug)]
pub struct HeldOut {
    /// Moby's text, when the spinner draws on WordNet.
    other: Option<String>,
}

impl HeldOut {
    pub fn thesauri(&self) -> Thesauri<'_> {
        match &self.other {
            None => Thesauri::default(),
            Some(text) => Thesauri {
                wordnet: false,
                other: Some(text),
            },
        }
    }
}

/// Head words and their synonyms.
#[derive(Debug)]
pub struct Thesaurus {
    synonyms: HashMap<String, Vec<String>>,
}

impl Thesaurus {
    /// The Moby thesaurus (about 30,000 head words), as the `thesaurus-moby`
    /// crate ships it. Synonyms are kept when they are words or short phrases
    /// of letters, hyphens and apostrophes.
    pub fn moby() -> Thesaurus {
        Thesaurus::parse(&thesaurus_moby::uncompress())
    }

    /// WordNet's synonyms (about 80,000 head words), as the
    /// `thesaurus-wordnet` crate ships it, kept as for Moby.
    pub fn wordnet() -> Thesaurus {
        Thesaurus::parse(&thesaurus_wordnet::uncompress())
    }

    /// Parses lines of `head|synonym|synonym...`, lower case.
    pub fn parse(text: &str) -> Thesaurus {
        let mut synonyms: HashMap<String, Vec<String>> = HashMap::new();
        for line in text.lines() {
            let mut parts = line.split('|').map(str::trim);
            let Some(head) = parts.next() else { continue };
            if head.is_empty() || !head.chars().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            let list = synonyms.entry(head.to_owned()).or_default();
            for s in parts {
                let usable = !s.is_empty()
                    && s != head
                    && s.split(' ').count() <= 3
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || matches!(c, ' ' | '-' | '\''));
                if usable && !list.iter().any(|x| x == s) {
                    list.push(s.to_owned());
                }
            }
        }
        synonyms.retain(|_, v| !v.is_empty());
        Thesaurus { synonyms }
    }

    pub fn len(&self) -> usize {
        self.synonyms.len()
    }

    pub fn synonyms(&self, word: &str) -> &[String] {
        self.synonyms.get(word).map_or(&[], Vec::as_slice)
    }
}

/// How hard to spin.
#[derive(Debug, Clone, Copy)]
pub struct SpinConfig {
    /// Chance that a word with synonyms is replaced.
    pub rate: f64,
    pub seed: u64,
    /// Leave every capitalised word alone (a gentler spinner that keeps names
    /// of people and bodies); by default only acronyms are kept.
    pub keep_capitalized: bool,
}

/// What a spin did.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpinStats {
    pub words: usize,
    /// Words the thesaurus has synonyms for and the spinner may replace.
    pub eligible: usize,
    pub replaced: usize,
}

impl std::ops::AddAssign for SpinStats {
    fn add_assign(&mut self, o: SpinStats) {
        self.words += o.words;
        self.eligible += o.eligible;
        self.replaced += o.replaced;
    }
}

/// A seeded spinner; the same seed and input give the same output.
#[derive(Debug)]
pub struct Spinner<'t> {
    thesaurus: &'t Thesaurus,
    config: SpinConfig,
    rng: SplitMix64,
}

/// How a word is capitalised, to write its synonym the same way.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Case {
    Lower,
    /// First letter upper, the rest lower.
    Capitalized,
    /// Anything else: acronyms ("WPK"), mixed case ("McDonald"). Kept as is.
    Other,
}

fn case_of(word: &str) -> Case {
    let mut chars = word.chars();
    let first = chars.next().is_some_and(|c| c.is_uppercase());
    let rest_lower = chars.all(|c| !c.is_uppercase());
    match (first, rest_lower) {
        (false, true) => Case::Lower,
        (true, true) => Case::Capitalized,
        _ => Case::Other,
    }
}

/// Upper-cases the first letter of every word of a phrase.
fn capitalize(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut start = true;
    for c in phrase.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

impl<'t> Spinner<'t> {
    pub fn new(thesaurus: &'t Thesaurus, config: SpinConfig) -> Spinner<'t> {
        Spinner {
            thesaurus,
            config,
            rng: SplitMix64(config.seed),
        }
    }

    /// Spins a text: every run of letters the thesaurus has synonyms for is
    /// replaced, with probability `rate`, by a random synonym written in the
    /// same case. Numbers, acronyms, words without synonyms (most personal
    /// names), function words and everything between words are kept. Also
    /// returns where each replaced word went: (start and end in the original,
    /// start and end in the spun text), in order.
    pub fn spin_mapped(&mut self, text: &str) -> (String, SpinStats, OffsetMap) {
        let mut map = OffsetMap::default();
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        let mut stats = SpinStats::default();
        let mut last = 0;
        for (start, word) in words(text) {
            out.push_str(&text[last..start]);
            last = start + word.len();
            stats.words += 1;
            let case = case_of(word);
            let keep = !word.chars().all(|c| c.is_ascii_alphabetic())
                || word.len() < 3
                || case == Case::Other
                || (case == Case::Capitalized && self.config.keep_capitalized);
            let lower = word.to_ascii_lowercase();
            let synonyms = if keep || FUNCTION_WORDS.contains(&lower.as_str()) {
                &[]
            } else {
                self.thesaurus.synonyms(&lower)
            };
            if synonyms.is_empty() {
                out.push_str(word);
                continue;
            }
            stats.eligible += 1;
            if !self.rng.chance(self.config.rate) {
                out.push_str(word);
                continue;
            }
            stats.replaced += 1;
            let s = &synonyms[self.rng.below(synonyms.len())];
            let at = out.len();
            match case {
                Case::Capitalized => out.push_str(&capitalize(s)),
                _ => out.push_str(s),
            }
            map.replaced.push((start, last, at, out.len()));
        }
        out.push_str(&text[last..]);
        (out, stats, map)
    }
}

/// Where a spin moved text: the replaced words, original and spun ranges.
/// Text between them is copied, so it only shifts.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    replaced: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    /// The spun range of an original range `start..end`: a replaced word at
    /// either end stretches it to that word's replacement.
    pub fn range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.at(start, false), self.at(end, true))
    }

    fn at(&self, offset: usize, is_end: bool) -> usize {
        // The last replaced word starting before the offset (at or before it
        // for an end, where a word ending there counts as inside).
        let i = self.replaced.partition_point(
            |&(s, _, _, _)| {
                if is_end {
                    s < offset
                } else {
                    s <= offset
                }
            },
        );
        let Some(&(s, e, ss, se)) = i.checked_sub(1).and_then(|i| self.replaced.get(i)) else {
            return offset;
        };
        let inside = if is_end {
            offset > s && offset <= e
        } else {
            offset >= s && offset < e
        };
        if inside {
            return if is_end { se } else { ss };
        }
        // After the word: shifted by what the replacements so far added.
        offset + se - e
    }
}

/// Maximal runs of letters and digits, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// A small, seedable generator (SplitMix64); no cryptographic strength needed.
#[derive(Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; the modulo bias is far below anything measured here.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spin(text: &str, keep_capitalized: bool) -> String {
        let t = Thesaurus::parse(
            "party|celebration|festival\nworkers|employees\nson|offspring\nmet|encountered\nthe|an",
        );
        let config = SpinConfig {
            rate: 1.0,
            seed: 7,
            keep_capitalized,
        };
        Spinner::new(&t, config).spin_mapped(text).0
    }

    #[test]
    fn spins_words_with_synonyms_keeping_case_names_numbers_and_acronyms() {
        let text = "The Workers' Party (WPK) met 8 times; Choe Son Hui met them.";
        let out = spin(text, false);
        assert!(out.starts_with("The Employees' "), "{out}");
        assert!(
            out.contains("(WPK) encountered 8 times; Choe Offspring Hui encountered them."),
            "{out}"
        );
        assert!(!out.contains("Party"), "{out}");
    }

    #[test]
    fn can_keep_capitalized_words() {
        let out = spin("The Workers' Party met; Choe Son Hui met.", true);
        assert_eq!(
            out,
            "The Workers' Party encountered; Choe Son Hui encountered."
        );
    }

    #[test]
    fn labelled_ranges_follow_the_spin() {
        let t = Thesaurus::parse("son|offspring\nmet|encountered");
        let config = SpinConfig {
            rate: 1.0,
            seed: 7,
            keep_capitalized: false,
        };
        let text = "Choe Son Hui met Kim Jong Un.";
        let (out, _, map) = Spinner::new(&t, config).spin_mapped(text);
        assert_eq!(out, "Choe Offspring Hui encountered Kim Jong Un.");
        let spun = |a: usize, b: usize| {
            let (x, y) = map.range(a, b);
            &out[x..y]
        };
        // A name with a replaced word inside, one after a replacement, a
        // replaced word alone, and a range ending on one.
        assert_eq!(spun(0, 12), "Choe Offspring Hui");
        assert_eq!(spun(17, 28), "Kim Jong Un");
        assert_eq!(spun(5, 8), "Offspring");
        assert_eq!(spun(0, 8), "Choe Offspring");
        assert_eq!(spun(13, 16), "encountered");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let got: Vec<_> = words("Kim Jong-un's 8th, ‘Rodong’").collect();
        assert_eq!(
            got,
            [
                (0, "Kim"),
                (4, "Jong"),
                (9, "un"),
                (12, "s"),
                (14, "8th"),
                (22, "Rodong")
            ]
        );
    }
}

//! Extraction: who is named, with which title, in which body, at which meeting,
//! doing what, with byte offsets into the text. Pure: text in, values out.
//!
//! The pack's names are compiled once into a [`gazetteer`]; each field of a
//! document is tokenised ([`token`]), matched, and then read structurally:
//! capitalised runs around organisation head words become organisations,
//! Korean names are recognised by their syllables ([`names`]), and titles are
//! parsed from appositions ("Kim Yo Jong, vice department director of the
//! C.C., WPK"), titles before names ("Vice-Minister of Foreign Affairs Kim Son
//! Gyong") and lists sharing one plural title.
//!
//! ```
//! use readout_core::pack::Pack;
//! use readout_extract::{DocInput, Extractor};
//!
//! let pack = Pack::parse(&[("p.toml", r#"
//! [[country]]
//! id = "dprk"
//! name = "Democratic People's Republic of Korea"
//! aliases = ["DPRK"]
//! [[organization]]
//! id = "wpk-cc"
//! name = "Central Committee of the Workers' Party of Korea"
//! country = "dprk"
//! kind = "party"
//! aliases = ["C.C., WPK"]
//! [[role]]
//! id = "secretary"
//! name = "secretary"
//! plural = ["secretaries"]
//! [names]
//! korean_family = ["Pak", "Jo"]
//! korean_onsets = ["j", "ch", "r", "th", "s"]
//! korean_vowels = ["o", "u", "ae", "yo"]
//! korean_finals = ["", "ng", "n"]
//! "#)]).unwrap();
//! let x = Extractor::new(&pack).extract(&DocInput {
//!     body: "Pak Jong Chon and Jo Chun Ryong, secretaries of the C.C., WPK, spoke.",
//!     ..DocInput::default()
//! });
//! let titles: Vec<(&str, &str)> = x.titles.iter().map(|t| (t.person.as_str(), t.post.as_str())).collect();
//! assert_eq!(titles, [
//!     ("Pak Jong Chon", "secretary of the Central Committee of the Workers' Party of Korea"),
//!     ("Jo Chun Ryong", "secretary of the Central Committee of the Workers' Party of Korea"),
//! ]);
//! ```
#![forbid(unsafe_code)]

pub mod cues;
mod dates;
mod garbled;
pub mod gazetteer;
mod model;
pub mod names;
mod people;
pub mod spun;
mod spun_copy;
mod spun_posts;
pub mod token;
mod words;

use std::collections::HashMap;

pub use model::*;

use gazetteer::{key_words, Entry, Gazetteer};
use names::Names;
use readout_core::dateline::MONTH_NAMES;
use readout_core::pack::Pack;
use token::Token;

/// Compiled matchers for one pack; build once, extract from many documents.
#[derive(Debug)]
pub struct Extractor {
    pack: Pack,
    gazetteer: Gazetteer,
    names: Names,
    /// Known Korean names by the parts a spinner leaves.
    korean: garbled::KoreanNames,
    spun: spun::SpunMatcher,
    /// Ordinary English words, lower case (`data/ordinary-words.txt`).
    ordinary: words::HashedWords,
    /// Less common English words, lower case (`data/uncommon-words.txt`).
    uncommon: words::HashedWords,
    /// " a " and " an ", built once: a finder costs more to build than to run
    /// over one document.
    articles: [(memchr::memmem::Finder<'static>, &'static str); 2],
    /// Agenda topic keywords, and the topic each stands for.
    topics: cues::PhraseSet<usize>,
    /// (org class index, country id) to the organisation of that class in that country.
    class_country: HashMap<(usize, String), usize>,
    org_by_id: HashMap<String, usize>,
    /// Organisations by the words of each of their names (`key_words`), to
    /// find a body named in two parts ("C.C., Communist Party of Cuba").
    org_by_words: HashMap<Vec<String>, usize>,
    /// Organisations by the words of each of their names of two words or
    /// more but the last, to find a name whose last word a spinner swapped
    /// ("National Defence Dividend").
    org_by_words_but_last: HashMap<Vec<String>, Vec<usize>>,
    class_by_id: HashMap<String, usize>,
    role_by_id: HashMap<String, usize>,
    /// Pack short forms ("Party") to their organisation.
    short_form: HashMap<String, usize>,
    /// Countries a formulation is never about (pack `counterpart = false`).
    not_counterparts: std::collections::HashSet<String>,
    /// Nouns before a publication's name ("newspaper") and phrases before a
    /// person's ("led by"), in one set: one pass over the text finds both.
    name_cues: cues::PhraseSet<NameCue>,
    /// One-word generic names of org classes, lower case ("government").
    single_word_classes: Vec<(String, usize)>,
    /// The words of posts of two words or more but the last, lower case and
    /// joined by spaces ("vice", "first vice", "secretary"): see
    /// `past_garbled_post`.
    post_stems: std::collections::HashSet<String>,
    /// Known people by the key words of their name and variants.
    person_by_key: HashMap<String, usize>,
    /// Known people's names with one word left out (see `spun_korean_names`).
    person_by_key_but_one: HashMap<String, Option<usize>>,
    cues: CueSets,
    /// Per event kind: phrases saying the people named leave their posts.
    vacate: Vec<cues::PhraseSet<()>>,
    /// Treaty names and article keywords: (treaty index, article number).
    treaty_terms: cues::PhraseSet<(usize, Option<u32>)>,
    /// The pack fingerprint and the extractor's version: what stored
    /// extractions are compared with.
    key: String,
}

/// What a name cue introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameCue {
    /// A publication, or a list of them after a plural noun.
    Press { plural: bool },
    /// A person; `lead` when the person heads the body named just before.
    Person { lead: bool },
}

/// The pack's cue phrases, compiled.
#[derive(Debug, Clone)]
struct CueSets {
    halt: cues::PhraseSet<()>,
    resume: cues::PhraseSet<()>,
    conditional: cues::PhraseSet<()>,
    announce: cues::PhraseSet<()>,
}

/// How far after a meeting's name "of the <body>" may name the body that met, in bytes.
const MEETING_OF_REACH: usize = 16;

/// How far before an event's name a halt or resumption cue may be, in bytes.
const CUE_REACH: usize = 60;

/// A country this close to a formulation, in bytes, is what it is about.
const COUNTERPART_ADJACENT: usize = 20;

/// How much further than the nearest country another may be, in bytes, and
/// still be what a formulation is about.
const COUNTERPART_SLACK: usize = 40;

/// Bumped whenever the extractor's output changes for the same pack, so
/// that stored extractions are redone.
pub const EXTRACTOR_VERSION: u32 = 17;

/// Ordinary English words, one a line (see `data/README.md`).
const ORDINARY_WORDS: &str = include_str!("../data/ordinary-words.txt");

/// English words less common than those above, one a line (see `data/README.md`).
const UNCOMMON_WORDS: &str = include_str!("../data/uncommon-words.txt");

/// The share of a body's words outside the ordinary ones (see
/// `Extractor::rare_words`) above which its names are read as in a spun
/// copy. Edited copy passes it in about one document in ten, spun copy (half
/// the words that have synonyms swapped) in four in five; a name read so in
/// edited copy is still a name ("Amnokgang Sports Team").
const RARE_WORDS_GATE: f64 = 0.04;

/// Above this share the text is mostly not English words at all (a Spanish
/// story in an English feed): no spinner's work, and not read as one.
const NOT_ENGLISH: f64 = 0.3;

/// A body shorter than this many lower-case words says too little.
const RARE_WORDS_MIN: usize = 15;

/// The share is taken over the first this many lower-case words of a body:
/// enough to tell, and a long body costs no more.
const RARE_WORDS_MAX: usize = 400;

/// What a span of tokens in a field was found to be.
#[derive(Debug, Clone, PartialEq)]
enum SpanKind {
    /// A known organisation, or a structurally recognised one (`None`).
    Org {
        org: Option<usize>,
        name: String,
    },
    Class(usize),
    Role {
        role: usize,
        plural: bool,
    },
    TitleForm {
        form: usize,
        plural: bool,
    },
    Person {
        person: Option<usize>,
        name: String,
    },
    Country {
        country: usize,
        adjective: bool,
    },
    Meeting(usize),
    Event(usize),
    Formulation(usize),
    /// Merged into another span (a country inside "Finland-Korea Society").
    Absorbed,
}

#[derive(Debug, Clone)]
struct Span {
    kind: SpanKind,
    first: usize,
    last: usize,
    /// A country word the span took in as its first word ("Vietnamese
    /// government"): the country of a generic body.
    country: Option<usize>,
}

/// One field being read: its text, tokens, spans and which span owns each token.
struct FieldWork<'t> {
    field: Field,
    text: &'t str,
    tokens: Vec<Token>,
    sentences: Vec<(usize, usize)>,
    spans: Vec<Span>,
    owner: Vec<Option<usize>>,
    /// Name cues in the text ("newspaper", "led by"): (start, end, cue).
    name_cues: Vec<(usize, usize, NameCue)>,
    /// Mentions inside a larger span, reported besides it: the person a
    /// body's name honours, the party of "WPK Conference".
    nested: Vec<Span>,
    /// Token pairs of quotation marks, opening and closing.
    quotes: Vec<(usize, usize)>,
    /// For each token, the first capitalised word at or after it (the
    /// token count if none): passes that begin only on a capital skip ahead.
    capitals: Vec<u32>,
}

/// For each token, the first word at or after it that begins with a capital.
fn capitals(text: &str, tokens: &[Token]) -> Vec<u32> {
    let mut next = vec![tokens.len() as u32; tokens.len() + 1];
    for (i, t) in tokens.iter().enumerate().rev() {
        next[i] = if t.is_word() && t.text(text).starts_with(char::is_uppercase) {
            i as u32
        } else {
            next[i + 1]
        };
    }
    next
}

impl FieldWork<'_> {
    /// The first word at or after token `i` that begins with a capital, or
    /// the token count.
    fn capital_from(&self, i: usize) -> usize {
        self.capitals
            .get(i)
            .map_or(self.tokens.len(), |&c| c as usize)
    }

    /// The first capitalised word at or after token `i`, if any: where a
    /// pass over names goes next.
    fn next_capital(&self, i: usize) -> Option<usize> {
        Some(self.capital_from(i)).filter(|&c| c < self.tokens.len())
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.tokens
            .get(i)
            .filter(|t| t.is_word())
            .map(|t| t.text(self.text))
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|x| x.eq_ignore_ascii_case(w))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Takes span `si` into a larger one being made: marks it absorbed and
    /// frees its tokens; returns what it was, to give back if nothing is made.
    fn absorb(&mut self, si: usize) -> (usize, SpanKind) {
        let kind = std::mem::replace(&mut self.spans[si].kind, SpanKind::Absorbed);
        let (a, b) = (self.spans[si].first, self.spans[si].last);
        for o in &mut self.owner[a..=b] {
            *o = None;
        }
        (si, kind)
    }

    /// Gives span `si` back what `absorb` took: its kind and its tokens.
    fn restore(&mut self, si: usize, kind: SpanKind) {
        self.spans[si].kind = kind;
        let (a, b) = (self.spans[si].first, self.spans[si].last);
        for o in &mut self.owner[a..=b] {
            *o = Some(si);
        }
    }

    /// Adds an unlisted organisation named by tokens `first..=last` as
    /// written, with the country its name holds.
    fn add_unlisted_org(&mut self, first: usize, last: usize, country: Option<usize>) -> usize {
        let (_, _, surface) = self.surface(first, last);
        let name = surface.split_whitespace().collect::<Vec<_>>().join(" ");
        let idx = self.add(SpanKind::Org { org: None, name }, first, last);
        self.spans[idx].country = country;
        idx
    }

    /// The spans on tokens `first..=last`, if every one lies wholly inside
    /// and may join a name made over them (`joins`).
    fn spans_within(
        &self,
        first: usize,
        last: usize,
        joins: impl Fn(&SpanKind) -> bool,
    ) -> Option<Vec<usize>> {
        let inner: Vec<usize> = (first..=last).filter_map(|k| self.owner[k]).collect();
        inner
            .iter()
            .all(|&si| {
                let sp = &self.spans[si];
                sp.first >= first && sp.last <= last && joins(&sp.kind)
            })
            .then_some(inner)
    }

    /// A hyphen at token `t` joining the words on either side ("vice-chairman").
    fn hyphen_at(&self, t: usize) -> bool {
        t > 0
            && self.is_punct(t, '-')
            && self.tokens[t].start == self.tokens[t - 1].end
            && self
                .tokens
                .get(t + 1)
                .is_some_and(|n| n.start == self.tokens[t].end)
    }

    /// "al-" or "el-" at token `k`, joined to the last name after it
    /// ("Omar Hassan Ahmed al-Bashir", "Nabil el-Arabi").
    fn article_joined(&self, k: usize) -> bool {
        (self.is_word(k, "al") || self.is_word(k, "el"))
            && self.is_punct(k + 1, '-')
            && self.tokens[k + 1].start == self.tokens[k].end
    }

    /// The token starting at byte `start`, if one does.
    fn token_at(&self, start: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.start < start);
        (self.tokens.get(i)?.start == start).then_some(i)
    }

    fn span_at(&self, i: usize) -> Option<(usize, &Span)> {
        self.owner
            .get(i)
            .copied()
            .flatten()
            .map(|s| (s, &self.spans[s]))
    }

    /// The span starting exactly at token `i`.
    fn span_starting(&self, i: usize) -> Option<(usize, &Span)> {
        self.span_at(i).filter(|(_, s)| s.first == i)
    }

    /// Whether the "and the" at `k` goes on with the purpose of the body
    /// that begins at `first`: a watched phrase after it is more of the
    /// subject ("... for the Study of the Juche Lineup and the Songun
    /// Politics"); a body after it is another ("... and the People for
    /// Achieving Peace").
    fn watched_subject_goes_on(&self, k: usize, first: usize) -> bool {
        self.is_word(k, "and")
            && self.is_word(k + 1, "the")
            && (first..k).any(|t| self.is_word(t, "for"))
            && self
                .span_starting(k + 2)
                .is_some_and(|(_, s)| matches!(s.kind, SpanKind::Formulation(_)))
    }

    /// Whether token `k` is a capitalised word no span holds.
    fn free_capital(&self, k: usize) -> bool {
        self.owner.get(k).is_some_and(Option::is_none)
            && self
                .word(k)
                .is_some_and(|x| x.starts_with(char::is_uppercase))
    }

    /// The last token of a known person's name that begins at token `i`.
    fn known_person_from(&self, i: usize) -> Option<usize> {
        self.span_starting(i)
            .filter(|(_, s)| {
                matches!(
                    s.kind,
                    SpanKind::Person {
                        person: Some(_),
                        ..
                    }
                )
            })
            .map(|(_, s)| s.last)
    }

    /// In a spun copy, the last token of the known person the purpose of a
    /// name that begins at `first` honours after a title at token `k`,
    /// garbled or not ("... for Memory of Provost Kim Il Sung", "... of
    /// Prime Minister Kim Il Sung"): a "for" between, and a post of one word
    /// or more or a free capitalised word, with any spinner's phrase after it
    /// ("Dean Of Men", "Head Of State").
    fn honoured_after_title(&self, first: usize, k: usize) -> Option<usize> {
        if !(first..k).any(|t| self.is_word(t, "for") || self.is_word(t, "For")) {
            return None;
        }
        let title_end = match self.span_at(k) {
            Some((_, s))
                if s.first == k
                    && matches!(s.kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. }) =>
            {
                Some(s.last)
            }
            Some(_) => None,
            None => self.free_capital(k).then_some(k),
        };
        let mut e = title_end?;
        while self
            .word(e + 1)
            .is_some_and(|x| CAPITALISED_SMALL_WORDS.contains(&x))
            && self
                .word(e + 2)
                .is_some_and(|x| x.starts_with(char::is_uppercase))
            && self
                .span_at(e + 2)
                .is_none_or(|(_, s)| s.first == e + 2 && s.last == e + 2)
        {
            e += 2;
        }
        self.known_person_from(e + 1)
    }

    /// Skips the article "the".
    fn skip_the(&self, i: usize) -> usize {
        if self.is_word(i, "the") {
            i + 1
        } else {
            i
        }
    }

    fn add(&mut self, kind: SpanKind, first: usize, last: usize) -> usize {
        let id = self.spans.len();
        self.spans.push(Span {
            kind,
            first,
            last,
            country: None,
        });
        for o in &mut self.owner[first..=last] {
            *o = Some(id);
        }
        id
    }

    fn surface(&self, first: usize, last: usize) -> (usize, usize, &str) {
        let (s, e) = (self.tokens[first].start, self.tokens[last].end);
        (s, e, &self.text[s..e])
    }

    fn sentence_of(&self, start: usize) -> (usize, usize) {
        let i = self.sentences.partition_point(|(_, e)| *e <= start);
        self.sentences.get(i).copied().unwrap_or((start, start))
    }
}

/// A person named in full earlier in the document, and the word that can
/// stand for them alone ("Erdogan", "Lee", "Kim").
#[derive(Debug, Clone)]
struct Seen {
    word: String,
    person: Option<usize>,
    name: String,
}

/// What the fields read so far leave for the next: people named in full,
/// acronyms defined, and whether a body was read (a headline's unlisted
/// names must appear in it).
#[derive(Debug, Default)]
struct DocMemory {
    seen: Vec<Seen>,
    acronyms: Vec<(String, SpanKind)>,
    body: Option<String>,
    reading: Reading,
}

/// How a document is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Reading {
    /// As edited copy.
    #[default]
    Plain,
    /// Names as in a spun copy (many rare words, no garbled name).
    SpunNames,
    /// As a spun copy, read a second time because the first reading found
    /// evidence of spinning: names, and garbled posts too.
    Spun,
}

impl Reading {
    /// Whether posts are read as in a spun copy.
    fn spun_copy(self) -> bool {
        self == Reading::Spun
    }

    /// Whether names are read as in a spun copy: a body's head word, a
    /// title, a word of a known name may be swapped.
    fn spun_names(self) -> bool {
        self != Reading::Plain
    }
}

/// A title parsed from the text, before it is attached to a person.
#[derive(Debug, Clone)]
struct ParsedTitle {
    role: usize,
    plural: bool,
    org: OrgRef,
    country: Option<String>,
    first: usize,
    last: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum OrgRef {
    None,
    Known(usize),
    Class(usize),
    Named(String),
}

/// Quotation marks paired in order within a sentence: (opening, closing).
fn quote_pairs(w: &FieldWork<'_>) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in w.tokens.iter().enumerate() {
        if t.kind == token::Kind::Break {
            open = None;
        } else if t.is_punct('"') || t.is_punct('\u{201c}') || t.is_punct('\u{201d}') {
            match open.take() {
                Some(a) => pairs.push((a, i)),
                None => open = Some(i),
            }
        }
    }
    pairs
}

/// Spans a name made over them takes in: bodies, countries, generic bodies
/// and watched phrases ("Overseas Headquarters of the Pan-national Alliance
/// for Korea's Reunification", "... for the Study of Songun Policy").
fn joins_a_name(kind: &SpanKind) -> bool {
    matches!(
        kind,
        SpanKind::Org { .. }
            | SpanKind::Country { .. }
            | SpanKind::Class(_)
            | SpanKind::Formulation(_)
    )
}

/// Known bodies' acronyms in a field ("KPA", "U.N."): first and last token.
fn known_acronyms(w: &FieldWork<'_>) -> Vec<(usize, usize)> {
    w.spans
        .iter()
        .filter(|s| matches!(s.kind, SpanKind::Org { org: Some(_), .. }))
        .filter(|s| {
            let (_, _, surface) = w.surface(s.first, s.last);
            surface.chars().filter(char::is_ascii_uppercase).count() >= 2
                && surface.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        })
        .map(|s| (s.first, s.last))
        .collect()
}

/// The initials of a capitalised run's words, leaving out small words and,
/// unless `halves`, the second half of a hyphenated word ("Taekwon-Do").
fn initials_of(w: &FieldWork<'_>, start: usize, end: usize, halves: bool) -> Vec<u8> {
    (start..=end)
        .filter(|&k| halves || k == start || !w.is_punct(k - 1, '-'))
        .filter_map(|k| w.word(k))
        .filter_map(|x| x.bytes().next().filter(u8::is_ascii_uppercase))
        .collect()
}

/// Whether half or more of a run's content words are in a name.
fn shares_most(run: &[String], name: &[String]) -> bool {
    let content: Vec<&String> = run
        .iter()
        .filter(|x| !spun::FUNCTION_WORDS.contains(&x.as_str()))
        .collect();
    let shared = content.iter().filter(|x| name.contains(x)).count();
    !content.is_empty() && shared * 2 >= content.len()
}

/// Whether initials are an acronym's letters, in any order: an acronym may
/// follow another language's word order ("Czechoslovak Communist Party
/// (CPC)").
fn spells(initials: &[u8], acronym: &str) -> bool {
    let mut a: Vec<u8> = acronym.bytes().filter(u8::is_ascii_uppercase).collect();
    let mut b = initials.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    !a.is_empty() && a == b
}

/// English function words, which a dictionary of content words leaves out.
const ENGLISH_SMALL_WORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "all", "also", "among", "an", "and", "any",
    "are", "as", "at", "be", "been", "below", "but", "by", "each", "either", "else", "even",
    "ever", "every", "for", "from", "had", "has", "have", "if", "in", "into", "is", "it", "its",
    "of", "on", "only", "or", "other", "our", "out", "over", "such", "that", "to", "under",
    "unless", "until", "up", "upon", "was", "were", "what", "which", "will", "with", "without",
];

/// Small words a spinner capitalises when it puts a phrase in place of a
/// capitalised word ("President" → "Head Of State"). "In", "On" and "To" are
/// left out: they are also Korean syllables ("Hyon In Thaek").
const CAPITALISED_SMALL_WORDS: &[&str] = &["Of", "And", "For", "With", "By", "At", "From"];

/// Nouns after which "a" is a letter that labels ("vitamin a", "group a").
const LETTER_LABELS: &[&str] = &[
    "annex",
    "appendix",
    "article",
    "block",
    "case",
    "category",
    "class",
    "clause",
    "column",
    "figure",
    "grade",
    "group",
    "item",
    "level",
    "line",
    "model",
    "option",
    "paragraph",
    "part",
    "phase",
    "plan",
    "point",
    "points",
    "row",
    "scenario",
    "schedule",
    "section",
    "table",
    "type",
    "unit",
    "vitamin",
    "zone",
];

/// One capital letter, as in the initials "M.K.P.".
/// Whether the token after `e`, the last of a span, is the stop that ends
/// its initials and a capitalised word goes on after it: "the U.S. Feather
/// Force", not "... of the U.S. The".
fn initials_stop(w: &FieldWork<'_>, e: usize) -> bool {
    w.is_punct(e + 1, '.')
        && w.tokens[e + 1].start == w.tokens[e].end
        && w.word(e).is_some_and(is_initial)
        && w.word(e + 2)
            .is_some_and(|x| x.starts_with(char::is_uppercase) && !SENTENCE_OPENERS.contains(&x))
}

fn is_initial(x: &str) -> bool {
    x.len() == 1 && x.chars().all(|c| c.is_ascii_uppercase())
}

/// A word that may be part of an unlisted name: capitalised, and not a
/// word that opens sentences ("The", "Meanwhile").
fn capital_word(x: &str) -> bool {
    x.starts_with(char::is_uppercase) && !SENTENCE_OPENERS.contains(&x)
}

/// An acronym as written in parentheses after a name: two to ten capitals.
fn is_acronym(x: &str) -> bool {
    x.len() >= 2 && x.len() <= 10 && x.chars().all(|c| c.is_ascii_uppercase())
}

/// Lower-case words that do not qualify a title in apposition ("Martin
/// Sajdik, outgoing Austrian ambassador"), but begin a clause of their own,
/// or are another language's articles.
const NOT_QUALIFIERS: &[&str] = &[
    "a",
    "an",
    "and",
    "or",
    "but",
    "who",
    "which",
    "that",
    "where",
    "when",
    "whose",
    "whom",
    "while",
    "as",
    "said",
    "including",
    "led",
    "headed",
    "its",
    "his",
    "her",
    "their",
    "our",
    "at",
    "in",
    "on",
    "of",
    "to",
    "for",
    "by",
    "with",
    "from",
    "el",
    "la",
    "los",
    "las",
    "de",
    "del",
    "le",
    "les",
    "des",
    "der",
    "die",
    "no",
    "se",
    "lo",
    "un",
    "una",
    "en",
];

/// Words before a title in apposition that leave the post as it is: the
/// person holds it ("Martin Sajdik, outgoing Austrian ambassador").
const SAME_POST: &[&str] = &[
    "outgoing",
    "incoming",
    "new",
    "newly",
    "visiting",
    "incumbent",
    "current",
    "present",
];

/// Nouns that say what a place is, not what a person does ("Kuala Lumpur,
/// capital of Malaysia").
const PLACE_NOUNS: &[&str] = &[
    "capital",
    "city",
    "town",
    "village",
    "province",
    "region",
    "state",
    "district",
    "county",
    "part",
    "centre",
    "center",
    "seat",
    "home",
    "birthplace",
    "suburb",
    "island",
    "port",
    "heart",
];

/// Plural nouns for bodies that a list of their names follows ("companies
/// such as ...").
const BODY_NOUNS: &[&str] = &[
    "companies",
    "organizations",
    "organisations",
    "parties",
    "bodies",
    "institutions",
    "associations",
    "groups",
    "firms",
    "enterprises",
    "newspapers",
    "agencies",
    "universities",
];

/// Days of the week: they end a publication's name ("Sun Rise on Monday").
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Words that open sentences and headlines, never part of an organisation's name.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "With",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "Meanwhile",
    "Also",
    "Under",
    "Over",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "When",
    "While",
    "After",
    "Before",
    "During",
    "Present",
    "Among",
];

/// The clause of `sentence` holding byte `at`: clauses end at semicolons and
/// at ", and", ", while", ", whereas", ", but", ", which", ", as".
fn clause_around(sentence: &str, at: usize) -> (usize, usize) {
    let mut bounds = vec![0usize];
    for sep in [
        "; ",
        ", and ",
        ", while ",
        ", whereas ",
        ", but ",
        ", which ",
        ", as ",
    ] {
        bounds.extend(sentence.match_indices(sep).map(|(i, m)| i + m.len()));
    }
    bounds.push(sentence.len() + 1);
    bounds.sort_unstable();
    let start = bounds
        .iter()
        .copied()
        .filter(|b| *b <= at)
        .max()
        .unwrap_or(0);
    let end = bounds
        .iter()
        .copied()
        .find(|b| *b > at)
        .unwrap_or(sentence.len() + 1);
    (start, end.saturating_sub(1).min(sentence.len()))
}

/// Bytes between a span and `at` (start, end); 0 when they overlap.
fn gap(start: usize, end: usize, at: (usize, usize)) -> usize {
    if end <= at.0 {
        at.0 - end
    } else {
        start.saturating_sub(at.1)
    }
}

fn slug(s: &str) -> String {
    gazetteer::key_words(s).join("-")
}

/// "June", "Friday": the name of a month or a day of the week, in full.
fn is_month_or_day(x: &str) -> bool {
    x.len() > 3 && (x.parse::<chrono::Weekday>().is_ok() || x.parse::<chrono::Month>().is_ok())
}

/// A word with its first letter capitalised ("committee" → "Committee").
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|f| f.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect()
}

/// Words that join titles in a list ("secretary and department director").
fn is_and(w: &FieldWork<'_>, i: usize) -> bool {
    w.is_word(i, "and")
}

impl Extractor {
    /// Compiles the pack's names and rules.
    pub fn new(pack: &Pack) -> Extractor {
        Extractor::with_thesauri(pack, spun::Thesauri::default())
    }

    /// An extractor that reads spun names through `thesauri` only: to
    /// measure recall on text spun with a thesaurus it does not know.
    pub fn with_thesauri(pack: &Pack, thesauri: spun::Thesauri<'_>) -> Extractor {
        let org_by_id = pack
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        let class_by_id = pack
            .org_classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect::<HashMap<_, _>>();
        let role_by_id = pack
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut class_country = HashMap::new();
        for (i, o) in pack.organizations.iter().enumerate() {
            if let Some(c) = o.class.as_ref().and_then(|c| class_by_id.get(c)) {
                class_country.entry((*c, o.country.clone())).or_insert(i);
            }
        }
        let topics = cues::PhraseSet::new(
            pack.agenda_topics
                .iter()
                .enumerate()
                .flat_map(|(i, t)| t.keywords.iter().map(move |k| (k.clone(), i))),
        );
        let mut person_by_key = HashMap::new();
        for (i, p) in pack.people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.variants) {
                person_by_key
                    .entry(gazetteer::key_words(n).join(" "))
                    .or_insert(i);
            }
        }
        // "Sideward Myung Bak": a known name of three words or more with one
        // word unknown, keyed with "*" in its place; `None` where two people
        // share the key.
        let mut person_by_key_but_one: HashMap<String, Option<usize>> = HashMap::new();
        for (key, &i) in &person_by_key {
            let words: Vec<&str> = key.split(' ').collect();
            if words.len() < 3 {
                continue;
            }
            for p in 0..words.len() {
                let mut wild = words.clone();
                wild[p] = "*";
                person_by_key_but_one
                    .entry(wild.join(" "))
                    .and_modify(|e| {
                        if *e != Some(i) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        let cues = CueSets {
            halt: cues::words(&pack.cues.halt),
            resume: cues::words(&pack.cues.resume),
            conditional: cues::words(&pack.cues.conditional),
            announce: cues::words(&pack.cues.announce),
        };
        let treaty_terms =
            cues::PhraseSet::new(pack.treaties.iter().enumerate().flat_map(|(i, t)| {
                std::iter::once(&t.name)
                    .chain(&t.aliases)
                    .map(move |a| (a.clone(), (i, None)))
                    .chain(t.article.iter().flat_map(move |a| {
                        a.keywords
                            .iter()
                            .map(move |k| (k.clone(), (i, Some(a.number))))
                    }))
            }));
        let names = Names::new(&pack.names);
        Extractor {
            uncommon: UNCOMMON_WORDS
                .lines()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect(),
            ordinary: ORDINARY_WORDS
                .lines()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect(),
            key: format!("{}-x{EXTRACTOR_VERSION}", pack.fingerprint),
            korean: garbled::KoreanNames::new(pack, &names),
            vacate: pack
                .event_kinds
                .iter()
                .map(|k| cues::words(&k.vacate))
                .collect(),
            cues,
            treaty_terms,
            person_by_key,
            person_by_key_but_one,
            topics,
            gazetteer: Gazetteer::new(pack),
            names,
            spun: spun::SpunMatcher::with_thesauri(pack, thesauri),
            articles: [
                (memchr::memmem::Finder::new(b" a "), "a"),
                (memchr::memmem::Finder::new(b" an "), "an"),
            ],
            pack: pack.clone(),
            class_country,
            org_by_id,
            org_by_words: pack
                .organizations
                .iter()
                .enumerate()
                .flat_map(|(i, o)| {
                    std::iter::once(&o.name)
                        .chain(&o.aliases)
                        .map(move |n| (key_words(n), i))
                })
                .collect(),
            org_by_words_but_last: {
                let mut map: HashMap<Vec<String>, Vec<usize>> = HashMap::default();
                for (i, o) in pack.organizations.iter().enumerate() {
                    for n in std::iter::once(&o.name).chain(&o.aliases) {
                        let words = key_words(n);
                        let Some((_, but_last)) = words.split_last().filter(|(_, b)| !b.is_empty())
                        else {
                            continue;
                        };
                        let slot = map.entry(but_last.to_vec()).or_default();
                        if !slot.contains(&i) {
                            slot.push(i);
                        }
                    }
                }
                map
            },
            class_by_id,
            role_by_id,
            name_cues: cues::PhraseSet::new(
                pack.names
                    .press_cues
                    .iter()
                    .map(|c| {
                        (
                            c.clone(),
                            NameCue::Press {
                                plural: c.ends_with('s'),
                            },
                        )
                    })
                    .chain(
                        pack.names
                            .person_cues
                            .iter()
                            .chain(&pack.names.lead_cues)
                            .map(|c| {
                                let lead = pack.names.lead_cues.contains(c);
                                (c.clone(), NameCue::Person { lead })
                            }),
                    ),
            ),
            single_word_classes: pack
                .org_classes
                .iter()
                .enumerate()
                .flat_map(|(i, c)| {
                    c.aliases
                        .iter()
                        .filter(|a| !a.contains(' '))
                        .map(move |a| (a.to_lowercase(), i))
                })
                .collect(),
            post_stems: pack
                .roles
                .iter()
                .flat_map(|r| std::iter::once(&r.name).chain(&r.forms))
                .filter_map(|f| {
                    let words = key_words(f);
                    let (_, but_last) = words.split_last()?;
                    (!but_last.is_empty()).then(|| but_last.join(" "))
                })
                .collect(),
            not_counterparts: pack
                .countries
                .iter()
                .filter(|c| !c.counterpart)
                .map(|c| c.id.clone())
                .collect(),
            short_form: pack
                .organizations
                .iter()
                .enumerate()
                .flat_map(|(i, o)| o.short_forms.iter().map(move |f| (f.clone(), i)))
                .collect(),
        }
    }

    /// Whether organisation `org` is `body` or a body `body` belongs to
    /// (the Central Committee for a Politburo meeting).
    fn is_body_or_above(&self, body: &str, org: &str) -> bool {
        let mut at = Some(body.to_owned());
        for _ in 0..8 {
            let Some(id) = at else {
                return false;
            };
            if id == org {
                return true;
            }
            at = self
                .org_by_id
                .get(&id)
                .and_then(|i| self.pack.organizations[*i].parent.clone());
        }
        false
    }

    /// "The Political Bureau of the C.C., Communist Party of China": a listed
    /// body named before "of" and another listed body is the part of that
    /// body the pack lists under the two names together (the CPC's
    /// Politburo, though "Political Bureau" alone is the WPK's).
    fn parts_of_bodies(&self, w: &mut FieldWork<'_>) {
        for idx in 0..w.spans.len() {
            let (first, last) = (w.spans[idx].first, w.spans[idx].last);
            let SpanKind::Org { org: Some(x), .. } = w.spans[idx].kind else {
                continue;
            };
            if !w.is_word(last + 1, "of") {
                continue;
            }
            let Some((_, next)) = w.span_starting(w.skip_the(last + 2)) else {
                continue;
            };
            let SpanKind::Org { org: Some(y), .. } = next.kind else {
                continue;
            };
            let (_, _, part) = w.surface(first, last);
            if let Some(z) = self.body_of_known(part, y).filter(|&z| z != x) {
                w.spans[idx].kind = SpanKind::Org {
                    org: Some(z),
                    name: self.pack.organizations[z].name.clone(),
                };
            } else if self.parent_of(x).is_some()
                && !self.is_within(x, y)
                && w.word(last).is_some_and(|h| self.names.heads.contains(h))
            {
                // A part the pack knows only of another body ("Political
                // Bureau" is the WPK's), named by its head word ("Bureau") as
                // part of a body that is not above it: that body's, which the
                // pack does not list ("the Political Bureau of the C.C., the
                // Communist Party of Cuba"). A bare subject ("Common
                // Education" for a ministry) is no such part.
                let whole = &self.pack.organizations[y];
                let name = format!("{part} of the {}", whole.name.trim_start_matches("the "));
                w.spans[idx].kind = SpanKind::Org { org: None, name };
                w.spans[idx].country = self
                    .pack
                    .countries
                    .iter()
                    .position(|c| c.id == whole.country);
            }
        }
    }

    /// The body a listed body is part of, if the pack says.
    fn parent_of(&self, x: usize) -> Option<usize> {
        let parent = self.pack.organizations[x].parent.as_ref()?;
        self.org_by_id.get(parent).copied()
    }

    /// Whether body `y` is `x` or one the pack puts above it.
    fn is_within(&self, x: usize, y: usize) -> bool {
        let mut at = Some(x);
        // A chain of parents is short; the bound keeps a cycle in a pack finite.
        for _ in 0..16 {
            match at {
                Some(a) if a == y => return true,
                Some(a) => at = self.parent_of(a),
                None => return false,
            }
        }
        false
    }

    /// The body the pack lists as `part` of the body named `whole` ("Central
    /// Committee" of "Communist Party of Cuba").
    fn body_of(&self, part: &str, whole: &str) -> Option<usize> {
        let mut words = key_words(part);
        words.push("of".to_owned());
        words.extend(key_words(whole));
        self.org_by_words.get(&words).copied()
    }

    /// `body_of` for a listed body, by any of its names.
    fn body_of_known(&self, part: &str, whole: usize) -> Option<usize> {
        let o = &self.pack.organizations[whole];
        std::iter::once(&o.name)
            .chain(&o.aliases)
            .find_map(|n| self.body_of(part, n))
    }

    /// The matcher of spun names and posts.
    pub fn spun_matcher(&self) -> &spun::SpunMatcher {
        &self.spun
    }

    /// The pack this extractor was built from.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// The fingerprint of the pack this extractor was built from.
    pub fn pack_fingerprint(&self) -> &str {
        &self.key
    }

    /// Extracts from a stored document: its outlet gives the default country.
    pub fn extract_document(
        &self,
        title: &str,
        body: &str,
        outlet: &str,
        published: chrono::NaiveDate,
    ) -> Extraction {
        let country = self.pack.outlet(outlet).map(|o| o.country.as_str());
        self.extract(&DocInput {
            title,
            body,
            outlet_country: country,
            published: Some(published),
        })
    }

    /// Extracts from a document's title and body.
    pub fn extract(&self, doc: &DocInput<'_>) -> Extraction {
        // A text with many rare words has its names read as in a spun copy.
        let rare = self.rare_words(doc.body);
        let first = if rare > RARE_WORDS_GATE && rare <= NOT_ENGLISH {
            Reading::SpunNames
        } else {
            Reading::Plain
        };
        let (mut out, evidence) = self.read_fields(doc, first);
        let evidence = evidence + self.garbled_titles(&out, doc.body);
        // A spun copy is read again with what only a spun copy may be
        // read for: posts garbled word for word, which in edited copy are
        // posts of their own ("co-chairman" is no vice-chairman).
        if evidence >= 1 {
            out = self.read_fields(doc, Reading::Spun).0;
        }
        // A meeting reported in the title or the opening sentence is what the
        // document is about: its agenda is every topic the document covers.
        if !out.meetings.is_empty() {
            let opening = doc.body.find(". ").map_or(doc.body.len(), |e| e + 1);
            let agenda = self.agenda(doc);
            for m in &mut out.meetings {
                if m.field == Field::Title || m.start < opening {
                    m.agenda = agenda.clone();
                }
            }
        }
        // Titles are read through the posts their people held where names
        // are read as spun: a garbled body after a post the person held is
        // that post's body.
        if evidence >= 1 || first == Reading::SpunNames {
            self.known_posts_in_spun_copy(&mut out, doc.title, doc.body);
        }
        // Each garbled name is strong evidence; two make a spun text near certain.
        let score = evidence as f64 / (evidence as f64 + 1.0);
        out.spun = Spun {
            score,
            likely: evidence >= 1,
            rare_words: (rare * 1000.0).round() / 1000.0,
        };
        out
    }

    /// Reads the body, then the title; returns what was found and the
    /// evidence of spinning.
    fn read_fields(&self, doc: &DocInput<'_>, reading: Reading) -> (Extraction, usize) {
        let mut memory = DocMemory {
            reading,
            ..DocMemory::default()
        };
        let mut out = Extraction::default();
        let mut evidence = 0;
        // The body first: a headline's "Lee" refers to a name the body spells out.
        for (field, text) in [(Field::Body, doc.body), (Field::Title, doc.title)] {
            if !text.is_empty() {
                evidence += self.extract_field(field, text, doc, &mut memory, &mut out);
            }
        }
        (out, evidence)
    }

    /// The share of a body's lower-case words (the first `RARE_WORDS_MAX`)
    /// that are not ordinary English words; 0 for a body of fewer than
    /// `RARE_WORDS_MIN`. Capitalised English words of five letters or more
    /// that no known name holds count too, when two or more of them are
    /// rare. Words are runs of letters; a possessive's or contraction's
    /// ending after an apostrophe is no word of its own.
    fn rare_words(&self, body: &str) -> f64 {
        let (mut words, mut rare) = (0usize, 0usize);
        let (mut capitals, mut rare_capitals) = (0usize, 0usize);
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() && words < RARE_WORDS_MAX {
            if !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let after_apostrophe = start > 0 && bytes[start - 1] == b'\'';
            let word = &body[start..i];
            if bytes[start].is_ascii_lowercase() && !after_apostrophe {
                words += 1;
                rare += usize::from(!self.ordinary.contains(word));
            } else if !after_apostrophe
                && word.len() >= 5
                && bytes[start + 1..i].iter().all(u8::is_ascii_lowercase)
            {
                // A capitalised English word of no known name: a spinner's
                // in a garbled name ("Labiodental Rigidity Gathering").
                let lower = word.to_ascii_lowercase();
                let ordinary = self.ordinary.contains(&lower);
                if (ordinary || self.uncommon.contains(&lower))
                    && !self.gazetteer.holds_word(word)
                    && !is_month_or_day(word)
                {
                    capitals += 1;
                    rare_capitals += usize::from(!ordinary);
                }
            }
        }
        // One rare word in names is a name's own ("National Eisteddfod"); a
        // spinner swaps many.
        if rare_capitals >= 2 {
            words += capitals;
            rare += rare_capitals;
        }
        if words < RARE_WORDS_MIN {
            0.0
        } else {
            rare as f64 / words as f64
        }
    }

    /// Extracts from one field; returns the evidence of spinning found in it.
    fn extract_field(
        &self,
        field: Field,
        text: &str,
        doc: &DocInput<'_>,
        memory: &mut DocMemory,
        out: &mut Extraction,
    ) -> usize {
        let tokens = token::tokenize(text);
        let sentences = token::sentences(text, &tokens);
        let owner = vec![None; tokens.len()];
        // Headlines capitalise every word: no cue is read there.
        let name_cues = match field {
            Field::Body => self.name_cues.find_all(text),
            Field::Title => Vec::new(),
        };
        let mut w = FieldWork {
            field,
            text,
            tokens,
            sentences,
            spans: Vec::new(),
            owner,
            name_cues,
            nested: Vec::new(),
            quotes: Vec::new(),
            capitals: Vec::new(),
        };
        w.capitals = capitals(text, &w.tokens);
        w.quotes = quote_pairs(&w);

        for (entries, first, last) in self.gazetteer.find(text, &w.tokens) {
            if let Some(kind) = self.choose(&entries) {
                w.add(kind, first, last);
            }
        }
        let evidence = self.acronym_names(&mut w, memory);
        self.defined_acronyms(&mut w, memory);
        let evidence =
            evidence + self.spun_names(&mut w, memory.reading.spun_copy()) + self.article_slips(&w);
        if memory.reading.spun_names() {
            self.swapped_last_words(&mut w);
        }
        self.structural_orgs(&mut w, memory);
        self.company_names(&mut w);
        self.acronyms_in_parentheses(&mut w, memory);
        self.press_names(&mut w);
        self.short_forms(&mut w, doc);
        self.merge_country_prefix(&mut w);
        self.country_branches(&mut w);
        self.parts_of_bodies(&mut w);
        let evidence = evidence + self.garbled_people(&mut w);
        self.korean_names(&mut w);
        self.foreign_names(&mut w, memory.reading.spun_names());
        if memory.reading.spun_names() {
            self.spun_people(&mut w);
        }
        self.extended_bodies(&mut w);
        self.short_names(&mut w, &mut memory.seen);
        if memory.reading.spun_names() {
            self.spun_korean_names(&mut w);
        }
        let evidence = evidence + self.capitalised_small_words(&w);
        self.headline_acronym_bodies(&mut w, memory.reading.spun_names());
        if memory.reading.spun_names() {
            self.spun_bodies(&mut w);
            self.acronym_bodies(&mut w);
        }
        if memory.reading.spun_copy() {
            let posts = self.spun_roles(&w);
            self.add_spun_roles(&mut w, posts);
        }
        if field == Field::Body {
            memory.body = Some(text.to_owned());
        }

        let first_mention = out.mentions.len();
        let mut mention_of_span: HashMap<usize, usize> = HashMap::new();
        for (i, span) in w.spans.iter().enumerate() {
            if let Some(m) = self.mention(&w, span, doc) {
                mention_of_span.insert(i, out.mentions.len());
                out.mentions.push(m);
            }
        }
        self.bodies_in_meetings(&mut w);
        for span in &w.nested {
            if let Some(m) = self.mention(&w, span, doc) {
                out.mentions.push(m);
            }
        }
        self.titles(&w, doc, &mention_of_span, out);
        self.meetings_and_events(&w, doc, first_mention, out);
        self.formulations_and_treaties(&w, doc, first_mention, out);
        evidence
    }

    /// Watched formulations with the counterparts named in their sentence,
    /// and treaty names and article subjects.
    fn formulations_and_treaties(
        &self,
        w: &FieldWork<'_>,
        doc: &DocInput<'_>,
        first_mention: usize,
        out: &mut Extraction,
    ) {
        let field_mentions = &out.mentions[first_mention..];
        // Treaty references need a party other than the speaker named in the
        // field ("the DPRK-Russia treaty" names Russia in a KCNA item): a
        // field without one is not searched.
        let names_other_party = field_mentions.iter().any(|m| {
            let c = m.country.as_deref().unwrap_or(m.entity.as_str());
            Some(c) != doc.outlet_country
                && self
                    .pack
                    .treaties
                    .iter()
                    .any(|t| t.parties.iter().any(|p| p == c))
        });
        // Countries (and country-less organisations) named in a sentence:
        // one entry per mention, with its span and distance in bytes from `at`.
        let named =
            |sentence: (usize, usize), at: (usize, usize)| -> Vec<(String, usize, usize, usize)> {
                field_mentions
                    .iter()
                    .filter(|m| m.sentence == sentence)
                    .filter_map(|m| {
                        let c = match m.kind {
                            EntityType::Country => m.entity.clone(),
                            EntityType::Organization => {
                                m.country.clone().unwrap_or_else(|| m.entity.clone())
                            }
                            _ => return None,
                        };
                        if self.not_counterparts.contains(&c) {
                            return None;
                        }
                        Some((c, gap(m.start, m.end, at), m.start, m.end))
                    })
                    .collect()
            };
        let unique = |found: Vec<(String, usize, usize, usize)>| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for (c, ..) in found {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            out
        };
        // Whom a formulation is about: whoever is named right next to it
        // ("the US-south Korea alliance", "the US and its allies", "alliance
        // with Russia"); else everyone named in its clause; else the nearest,
        // and any named nearly as close; not every country in a long sentence.
        let counterparts = |sentence: (usize, usize), at: (usize, usize)| -> Vec<String> {
            let found = named(sentence, at);
            let adjacent: Vec<_> = found
                .iter()
                .filter(|f| f.1 <= COUNTERPART_ADJACENT)
                .cloned()
                .collect();
            if !adjacent.is_empty() {
                return unique(adjacent);
            }
            let (cs, ce) = clause_around(&w.text[sentence.0..sentence.1], at.0 - sentence.0);
            let (cs, ce) = (sentence.0 + cs, sentence.0 + ce);
            let in_clause: Vec<_> = found
                .iter()
                .filter(|f| f.2 >= cs && f.3 <= ce)
                .cloned()
                .collect();
            if !in_clause.is_empty() {
                return unique(in_clause);
            }
            let Some(nearest) = found.iter().map(|f| f.1).min() else {
                return Vec::new();
            };
            unique(
                found
                    .into_iter()
                    .filter(|f| f.1 <= nearest + COUNTERPART_SLACK)
                    .collect(),
            )
        };
        let mut uses = Vec::new();
        for span in &w.spans {
            let SpanKind::Formulation(f) = span.kind else {
                continue;
            };
            let (start, end, surface) = w.surface(span.first, span.last);
            let sentence = w.sentence_of(start);
            let f = &self.pack.formulations[f];
            uses.push(FormulationUse {
                formulation: f.id.clone(),
                phrase: f.phrase.clone(),
                counterparts: counterparts(sentence, (start, end)),
                surface: surface.to_owned(),
                field: w.field,
                start,
                end,
                sentence,
            });
        }
        let mut refs: Vec<TreatyRef> = Vec::new();
        let treaty_hits = if names_other_party {
            self.treaty_terms.find_all(w.text)
        } else {
            Vec::new()
        };
        for (start, end, (t, article)) in treaty_hits {
            let sentence = w.sentence_of(start);
            let treaty = &self.pack.treaties[t];
            let countries = unique(named(sentence, (start, end)));
            if article.is_some() {
                let named_party = countries.iter().any(|c| treaty.parties.contains(c));
                let named_treaty = refs
                    .iter()
                    .any(|r| r.sentence == sentence && r.article.is_none() && r.field == w.field);
                if !named_party && !named_treaty {
                    continue;
                }
            }
            if refs.iter().any(|r| {
                r.field == w.field
                    && r.sentence == sentence
                    && r.treaty == treaty.id
                    && r.article == article
            }) {
                continue;
            }
            refs.push(TreatyRef {
                treaty: treaty.id.clone(),
                article,
                countries,
                surface: w.text[start..end].to_owned(),
                field: w.field,
                start,
                end,
                sentence,
            });
        }
        out.formulations.extend(uses);
        out.treaties.extend(refs);
    }

    /// A free capitalised run (with "of", "and", "for", "the", "'s" and a
    /// plural's apostrophe inside) from token `i`.
    fn capitalised_run(&self, w: &FieldWork<'_>, i: usize) -> usize {
        let mut k = i;
        loop {
            // A one-word country or generic body is a word of the name
            // ("Workers' Banquet of Korea", "Phyletic Defence Commission").
            let country = w.span_at(k).is_some_and(|(_, s)| {
                k > i
                    && s.first == s.last
                    && matches!(s.kind, SpanKind::Country { .. } | SpanKind::Class(_))
            });
            if (w.owner.get(k).is_some_and(Option::is_some) && !country) || k >= w.tokens.len() {
                break;
            }
            let cap = w.word(k).is_some_and(|x| x.starts_with(char::is_uppercase));
            let joiner = k > i
                && w.word(k)
                    .is_some_and(|x| ["of", "and", "for", "the"].contains(&x))
                && w.word(k + 1)
                    .is_some_and(|x| x.starts_with(char::is_uppercase) || x == "the");
            let possessive = k > i && w.is_punct(k, '\'') && w.is_word(k + 1, "s");
            // "Workers' Party": a plural possessive.
            let plural_possessive = k > i
                && w.is_punct(k, '\'')
                && w.tokens[k].start == w.tokens[k - 1].end
                && w.word(k - 1).is_some_and(|x| x.ends_with('s'))
                && w.word(k + 1)
                    .is_some_and(|x| x.starts_with(char::is_uppercase));
            if possessive {
                k += 2;
            } else if cap || joiner || plural_possessive {
                k += 1;
            } else {
                break;
            }
        }
        k
    }

    /// Whether a word (in any case) is in the ordinary or uncommon word
    /// lists, which hold no names ("Bennett" is in WordNet, not in these).
    fn is_common_english(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.ordinary.contains(&lower) || self.uncommon.contains(&lower)
    }

    /// Whether a word (in any case) is an English word, common or not: one
    /// of the ordinary or uncommon word lists, or of WordNet.
    fn is_english(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.ordinary.contains(&lower)
            || self.uncommon.contains(&lower)
            || self.spun.is_common_word(&lower)
    }

    /// Whether a word (in any case) is an ordinary English word, not a name:
    /// "Team" and "Chorus" are, "Valery" and "Ortiz" are not.
    fn is_ordinary(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.ordinary.contains(&lower)
    }

    /// Whether a word of a name (lower case) may be a spinner's in a spun
    /// copy: not a word that names a thing of its own ("Committee", "Tower",
    /// "Day"), which a real name of another body or thing holds ("Wonsan City
    /// People's Committee", "United Front Tower").
    fn may_be_swapped(&self, word: &str) -> bool {
        let capital = capitalised(word);
        let lemma = spun::lemma(&capital);
        ![capital.as_str(), lemma].iter().any(|x| {
            self.names.heads.contains(x)
                || self.names.other_heads.contains(x)
                || self.names.venues.contains(x)
                || self.names.not_names.contains(x)
        })
    }

    /// "Supreme Folks's Meeting (SPA)": a run just before a known acronym in
    /// parentheses names that organisation, whatever its words, unless it is
    /// another body that shares the acronym. A run that neither spells the
    /// acronym nor ends one of the organisation's names is evidence of
    /// spinning.
    fn acronym_names(&self, w: &mut FieldWork<'_>, memory: &mut DocMemory) -> usize {
        let mut evidence = 0;
        for at in 0..w.spans.len() {
            let s = w.spans[at].clone();
            let SpanKind::Org { org: Some(o), .. } = s.kind else {
                continue;
            };
            let acronym = w.word(s.first).is_some_and(|x| {
                x.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            });
            if !acronym
                || s.first < 2
                || !w.is_punct(s.first - 1, '(')
                || !w.is_punct(s.last + 1, ')')
            {
                continue;
            }
            let end = s.first - 2;
            if w.owner[end].is_some() {
                continue;
            }
            // Walk back over a capitalised run.
            let mut start = end;
            while start > 0
                && w.owner[start - 1].is_none()
                && (w.word(start - 1).is_some_and(|x| {
                    x.starts_with(char::is_uppercase)
                        || ["of", "and", "for", "the", "s"].contains(&x)
                }) || w.is_punct(start - 1, '\''))
            {
                start -= 1;
            }
            while start < end
                && !w.word(start).is_some_and(|x| {
                    x.starts_with(char::is_uppercase) && !SENTENCE_OPENERS.contains(&x)
                })
            {
                start += 1;
            }
            let words = w.tokens[start..=end].iter().filter(|t| t.is_word()).count();
            // A dateline ("Pyongyang, January 13 (KCNA)") is no name.
            let numbers = w.tokens[start..=end]
                .iter()
                .any(|t| t.is_word() && t.text(w.text).chars().any(|c| c.is_ascii_digit()));
            if words < 2 || numbers {
                continue;
            }
            let org = &self.pack.organizations[o];
            let run = key_words(&w.text[w.tokens[start].start..w.tokens[end].end]);
            let names = || {
                std::iter::once(&org.name)
                    .chain(&org.aliases)
                    .map(|n| key_words(n))
            };
            let letters = w.word(s.first).unwrap_or_default().to_owned();
            let spelt = spells(&initials_of(w, start, end, false), &letters)
                || spells(&initials_of(w, start, end, true), &letters);
            // A run whose initials spell the acronym but which shares few
            // words with the body's names is another body that shares the
            // acronym ("Association for the Restoration of the Fatherland
            // (ARF)" beside the ASEAN Regional Forum), and the acronym here
            // is that body's.
            if spelt && !names().any(|n| shares_most(&run, &n)) {
                let body = w.add_unlisted_org(start, end, None);
                let kind = w.spans[body].kind.clone();
                memory.acronyms.push((letters, kind));
                continue;
            }
            // A name spelt otherwise ("South Asia Association for Regional
            // Cooperation") or the end of one of its names ("Confederation of
            // Trade Unions (KCTU)") is the body as written, not a spun name.
            let as_written = spelt || names().any(|n| n.ends_with(&run));
            let name = org.name.clone();
            w.add(SpanKind::Org { org: Some(o), name }, start, end);
            evidence += usize::from(!as_written);
        }
        // An acronym another body took names that body wherever it stands
        // in the document, the headline too.
        if memory.acronyms.is_empty() {
            return evidence;
        }
        for sp in &mut w.spans {
            if sp.first != sp.last || !matches!(sp.kind, SpanKind::Org { org: Some(_), .. }) {
                continue;
            }
            let text = w.tokens[sp.first].text(w.text);
            if let Some((_, kind)) = memory.acronyms.iter().find(|(a, _)| a == text) {
                sp.kind = kind.clone();
            }
        }
        evidence
    }

    /// "the Dean Of Men", "in Westernmost Hamgyong Woods And Fields": a small
    /// word capitalised inside a capitalised run that follows a lower-case
    /// word, in running text. A spinner that puts a phrase in place of a
    /// capitalised word capitalises every word of it; edited copy writes "of"
    /// and "and" in lower case, except in the titles of works (passed over
    /// inside quotation marks) and in names the extractor reads whole.
    fn capitalised_small_words(&self, w: &FieldWork<'_>) -> usize {
        if w.field != Field::Body {
            return 0;
        }
        let capital = |k: usize| w.word(k).is_some_and(|x| x.starts_with(char::is_uppercase));
        let quoted = |k: usize| w.quotes.iter().any(|&(a, b)| a < k && k < b);
        let mut found = 0;
        let mut i = w.capital_from(0);
        while i < w.tokens.len() {
            let small = w
                .word(i)
                .is_some_and(|x| CAPITALISED_SMALL_WORDS.contains(&x));
            if small && w.owner[i].is_none() && capital(i + 1) && !quoted(i) {
                // The capitalised run before it, then a lower-case word
                // (perhaps with a comma after it).
                let mut k = i;
                while k > 0 && capital(k - 1) {
                    k -= 1;
                }
                let before = k.checked_sub(1).and_then(|p| {
                    if w.is_punct(p, ',') {
                        p.checked_sub(1)
                    } else {
                        Some(p)
                    }
                });
                let lower = before
                    .and_then(|p| w.word(p))
                    .is_some_and(|x| x.starts_with(char::is_lowercase));
                // Not a longer name going on: "... Reunification of Our
                // Nation By Federal Formula".
                let name_goes_on = before.is_some_and(|p| {
                    w.word(p).is_some_and(|x| self.names.joiners.contains(x))
                        && p > 0
                        && capital(p - 1)
                });
                if k < i && lower && !name_goes_on {
                    found += 1;
                }
            }
            i = w.capital_from(i + 1);
        }
        found
    }

    /// "an conference", "a abandonment": an article that does not agree with
    /// the English word after it. A spinner swaps the noun and leaves the
    /// article; an edited text almost never has one. Words a dictionary does
    /// not list are passed over ("a esta" in a Spanish quotation), and so are
    /// words that open with a vowel letter but not a vowel sound ("a union",
    /// "a one-sided", "an honour") and "a" as a letter that labels ("points a
    /// and b", "vitamin a").
    fn article_slips(&self, w: &FieldWork<'_>) -> usize {
        let mut slips = 0;
        // The articles between spaces, found by a byte search rather than a
        // walk over every token.
        let bytes = w.text.as_bytes();
        let found = self
            .articles
            .iter()
            .flat_map(|(finder, article)| finder.find_iter(bytes).map(|at| (at + 1, *article)));
        for (start, article) in found {
            let i = w.tokens.partition_point(|t| t.start < start);
            if w.tokens
                .get(i)
                .is_none_or(|t| t.start != start || !t.is_word())
            {
                continue;
            }
            let Some(next) = w
                .word(i + 1)
                .filter(|x| x.len() > 1 && x.bytes().all(|b| b.is_ascii_lowercase()))
            else {
                continue;
            };
            let vowel = next.starts_with(['a', 'e', 'i', 'o', 'u']);
            // "a" is also a letter that labels: "points a and b", "vitamin a".
            let label = article == "a"
                && (ENGLISH_SMALL_WORDS.contains(&next)
                    || i.checked_sub(1)
                        .and_then(|p| w.word(p))
                        .is_some_and(|p| LETTER_LABELS.contains(&p.to_ascii_lowercase().as_str())));
            if label {
                continue;
            }
            let slip = if article == "an" {
                !vowel && !next.starts_with('h')
            } else {
                vowel
                    && !["u", "eu", "one", "once", "ewe"]
                        .iter()
                        .any(|p| next.starts_with(p))
            };
            if !slip || !self.spun.is_common_word(next) {
                continue;
            }
            // An article follows an English word ("a ese" after "frente"
            // is Spanish) or punctuation other than a hyphen or apostrophe.
            let english = match i.checked_sub(1).map(|p| &w.tokens[p]) {
                Some(t) if t.is_word() => {
                    let x = t.text(w.text).to_ascii_lowercase();
                    ENGLISH_SMALL_WORDS.contains(&x.as_str()) || self.spun.is_common_word(&x)
                }
                Some(t) => !(t.is_punct('-') || t.is_punct('\'')),
                None => true,
            };
            slips += usize::from(english);
        }
        slips
    }

    /// Known names with words swapped for thesaurus neighbours.
    fn spun_names(&self, w: &mut FieldWork<'_>, spun_copy: bool) -> usize {
        let mut evidence = 0;
        let mut i = 0;
        while let Some(c) = w.next_capital(i) {
            i = c;
            if w.owner[i].is_some() {
                i += 1;
                continue;
            }
            let mut end = self.capitalised_run(w, i);
            // A name does not end on a joining word ("Central Committee and the").
            while end > i + 1
                && w.word(end - 1)
                    .is_some_and(|x| ["and", "the", "of", "for"].contains(&x))
            {
                end -= 1;
            }
            // Known names with three content words or more are all the
            // matcher holds: shorter runs cannot be one.
            if (i..end).filter(|k| w.tokens[*k].is_word()).count() < 3 {
                i = end.max(i + 1);
                continue;
            }
            let words: Vec<(usize, String)> = (i..end)
                .filter(|k| w.tokens[*k].is_word() && !w.is_word(*k, "the"))
                .map(|k| (k, w.tokens[k].text(w.text).to_lowercase()))
                .collect();
            // The whole run must be the garbled name: a name inside a longer
            // capitalised run ("Bangladesh People's League") is another name.
            // It may also follow "of" or "for": "Delegates of the Supreme
            // Folks's Meeting"; not "and", which joins two names in one run
            // ("New Technology Trading and Exchange Company of the DPRK").
            // Words that begin sentences are passed over, but not words of
            // known names the pack lists as never names on their own
            // ("Supreme", "Korean", "Pyongyang").
            let lead = words
                .iter()
                .take_while(|(k, x)| {
                    !w.word(*k).is_some_and(|x| self.names.name_word(x))
                        && !self.spun.is_name_word(x)
                })
                .count();
            let starts = std::iter::once(lead).chain(
                (lead..words.len())
                    .filter(|&k| ["of", "for"].contains(&words[k].1.as_str()))
                    .map(|k| k + 1),
            );
            // A name that goes on ("... Communist Party of India") is not a
            // garbled known one cut short.
            let goes_on = (w.is_word(end, "of") || w.is_word(end, "in"))
                && w.span_starting(w.skip_the(end + 1)).is_some_and(|(_, s)| {
                    matches!(s.kind, SpanKind::Country { .. } | SpanKind::Org { .. })
                });
            if goes_on {
                i = end.max(i + 1);
                continue;
            }
            // A spun name keeps one of its words unchanged.
            if !words.iter().any(|(_, x)| self.spun.is_name_word(x)) {
                i = end.max(i + 1);
                continue;
            }
            let concepts = self.spun.concepts_of(words.iter().map(|(_, x)| x.as_str()));
            // A headline capitalises every word, so any run of its words
            // looks like a name: there a garbled name keeps two of its words
            // ("S. Korean Privileged Circles" is no Korean Central Television).
            let min_same = match w.field {
                Field::Body => 1,
                Field::Title => 2,
            };
            // In a spun copy "of" and a country may end a garbled name and
            // belong to it: "Phyletic Defence Commission of the DPRK".
            let n = words.len();
            let country_last = spun_copy
                && n > 3
                && words[n - 2].1 == "of"
                && w.span_at(words[n - 1].0)
                    .is_some_and(|(_, s)| matches!(s.kind, SpanKind::Country { .. }));
            let starts: Vec<usize> = starts.collect();
            let ends: &[usize] = if country_last { &[n, n - 2] } else { &[n] };
            let mut found = None;
            'search: for &end in ends {
                for &start in &starts {
                    if end <= start || end - start < 2 || end - start > 12 {
                        continue;
                    }
                    // The name's span: the country after it too.
                    let (a, b) = (words[start].0, words[n - 1].0);
                    let part = &concepts[start..end];
                    if let Some((target, _)) = self.spun.find(part, min_same) {
                        found = Some((target, a, b));
                        break 'search;
                    }
                    // In a spun copy a swapped word need not be a neighbour.
                    // Only a whole name: not the end of a longer one
                    // ("Anti-Japanese People's Guerrilla Army").
                    let whole = || {
                        (a == 0
                            || !(w.is_punct(a - 1, '-')
                                || w.owner[a - 1].is_some()
                                || w.word(a - 1)
                                    .is_some_and(|x| x.starts_with(char::is_uppercase))))
                            && !w.is_punct(b + 1, '-')
                    };
                    if spun_copy && w.field == Field::Body && whole() {
                        let texts: Vec<&str> =
                            words[start..end].iter().map(|(_, x)| x.as_str()).collect();
                        if let Some(target) = self
                            .spun
                            .find_loose(part, &texts, |x| self.may_be_swapped(x))
                        {
                            found = Some((target, a, b));
                            break 'search;
                        }
                    }
                }
            }
            if let Some((target, first, last)) = found {
                if let Some(kind) = self.choose(&[target]) {
                    for si in (first..=last)
                        .filter_map(|k| w.owner[k])
                        .collect::<Vec<_>>()
                    {
                        w.absorb(si);
                    }
                    w.add(kind, first, last);
                }
                // A person's name in another spelling ("Kim Il Song") is
                // ordinary copy, not evidence of spinning.
                if matches!(target, Entry::Org(_)) {
                    evidence += 1;
                }
                i = last + 1;
            } else {
                i = end.max(i + 1);
            }
        }
        evidence
    }

    /// "Greetings to Chairman of AU Committee": in a headline, where every
    /// word is capitalised, a known body's acronym and one or two words
    /// ending in a head word name a body, where the headline ends or a
    /// lower-case word follows. In a spun copy the last word may be any
    /// before a number ("KPA Statvolt 318"), or an English word that ends
    /// the headline after "of" ("Chairman of AU Quorum").
    fn headline_acronym_bodies(&self, w: &mut FieldWork<'_>, spun: bool) {
        if w.field != Field::Title {
            return;
        }
        for (first, last) in known_acronyms(w) {
            // The acronym's own body's words: "WPK Remains Party" names the
            // WPK itself, with a verb between.
            let own: Vec<String> = match w.span_at(first).map(|(_, s)| &s.kind) {
                Some(SpanKind::Org { org: Some(o), .. }) => self.pack.organizations[*o]
                    .name
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                _ => Vec::new(),
            };
            let word = |k: usize| {
                w.free_capital(k).then(|| w.word(k)).flatten().filter(|x| {
                    !self.names.not_names.contains(x)
                        && !CAPITALISED_SMALL_WORDS.contains(x)
                        && !own.iter().any(|o| o == x)
                })
            };
            let ends = |k: usize| !w.word(k).is_some_and(|x| x.starts_with(char::is_uppercase));
            let number = |k: usize| {
                w.owner.get(k).is_some_and(Option::is_none)
                    && w.word(k)
                        .is_some_and(|x| x.bytes().all(|c| c.is_ascii_digit()))
            };
            let mut end = None;
            for e in [last + 1, last + 2] {
                if !(last + 1..=e).all(|k| word(k).is_some()) {
                    break;
                }
                // In a spun copy the head may be swapped where the headline
                // ends on what a post is of ("Greetings to Chairman of AU
                // Quorum").
                let swapped_head = spun
                    && e == last + 1
                    && first > 0
                    && w.is_word(first - 1, "of")
                    && w.word(e).is_some_and(|x| self.is_english(x))
                    && w.tokens[e + 1..].iter().all(|t| !t.is_word());
                let head = swapped_head || word(e).is_some_and(|x| self.names.heads.contains(x));
                if (head || spun) && number(e + 1) && ends(e + 2) {
                    end = Some(e + 1);
                } else if head && ends(e + 1) && !number(e + 1) {
                    end = Some(e);
                }
            }
            let Some(end) = end else { continue };
            let inner: Vec<usize> = (first..=last).filter_map(|t| w.owner[t]).collect();
            for si in inner {
                let known = w.spans[si].clone();
                w.nested.push(known);
                w.absorb(si);
            }
            w.add_unlisted_org(first, end, None);
        }
    }

    /// The agenda topics a document's text covers, in pack order.
    fn agenda(&self, doc: &DocInput<'_>) -> Vec<String> {
        let mut hit = vec![false; self.pack.agenda_topics.len()];
        for text in [doc.title, doc.body] {
            for (_, _, topic) in self.topics.find_all(text) {
                hit[topic] = true;
            }
        }
        self.pack
            .agenda_topics
            .iter()
            .zip(hit)
            .filter(|(_, h)| *h)
            .map(|(t, _)| t.id.clone())
            .collect()
    }

    /// Picks what a gazetteer key means when it names several things.
    fn choose(&self, entries: &[Entry]) -> Option<SpanKind> {
        let rank = |e: &Entry| match e {
            Entry::Person(_) => 0,
            Entry::Acronym(_) => 1,
            Entry::Org(_) => 2,
            Entry::TitleForm { .. } => 3,
            Entry::Role { .. } => 4,
            Entry::Class(_) => 5,
            Entry::Country { .. } => 6,
            Entry::Meeting(_) => 7,
            Entry::Event(_) => 8,
            Entry::Formulation(_) => 9,
        };
        let e = entries.iter().min_by_key(|e| rank(e))?;
        Some(match *e {
            Entry::Person(p) => SpanKind::Person {
                person: Some(p),
                name: self.pack.people[p].name.clone(),
            },
            Entry::Acronym(o) | Entry::Org(o) => SpanKind::Org {
                org: Some(o),
                name: self.pack.organizations[o].name.clone(),
            },
            Entry::TitleForm { form, plural } => SpanKind::TitleForm { form, plural },
            Entry::Role { role, plural } => SpanKind::Role { role, plural },
            Entry::Class(c) => SpanKind::Class(c),
            Entry::Country { country, adjective } => SpanKind::Country { country, adjective },
            Entry::Meeting(m) => SpanKind::Meeting(m),
            Entry::Event(e) => SpanKind::Event(e),
            Entry::Formulation(f) => SpanKind::Formulation(f),
        })
    }

    /// A capitalised run around an organisation head word ("Hungnam Fertilizer
    /// Complex", "Communist Party of Vietnam") names an organisation.
    fn structural_orgs(&self, w: &mut FieldWork<'_>, memory: &DocMemory) {
        let n = w.tokens.len();
        let headline = w.field == Field::Title;
        // A word of an organisation's name: capitalised (or a number, as in
        // "February 8 Vinalon Complex"), and not one that opens a sentence,
        // nor a day of the week ("... Joint Declaration Wednesday sent").
        let org_word = |x: &str| {
            (x.starts_with(char::is_uppercase)
                && !self.names.joiners.contains(x)
                && !SENTENCE_OPENERS.contains(&x)
                && !WEEKDAYS.contains(&x))
                || x.chars().all(|c| c.is_ascii_digit())
        };
        // A hyphenated word ("Pan-national", "Egypt-Korea", "Brazil-Korea")
        // counts as one; a country joined by the hyphen belongs to the name.
        let hyphen_left =
            |w: &mut FieldWork<'_>, p: usize, taken: &mut Vec<(usize, SpanKind)>| -> usize {
                let mut p = p;
                while p >= 2
                    && w.is_punct(p - 1, '-')
                    && w.tokens[p - 1].start == w.tokens[p - 2].end
                    && w.tokens[p].start == w.tokens[p - 1].end
                    && w.word(p - 2).is_some()
                {
                    if let Some(ci) = w.owner[p - 2] {
                        let c = &w.spans[ci];
                        if !(matches!(c.kind, SpanKind::Country { .. }) && c.first == c.last) {
                            break;
                        }
                        taken.push(w.absorb(ci));
                    }
                    p -= 2;
                }
                p
            };
        let mut i = 0;
        while i < n {
            if self.names.heads_capitalised {
                i = w.capital_from(i);
                if i >= n {
                    break;
                }
            }
            // A one-word generic body after a name ("Loja City Government")
            // heads that name.
            let class_head = w.span_at(i).is_some_and(|(_, c)| {
                matches!(c.kind, SpanKind::Class(_)) && c.first == i && c.last == i
            }) && i > 0
                && w.owner[i - 1].is_none()
                && w.word(i - 1).is_some_and(org_word);
            let is_head = w.word(i).is_some_and(|t| self.names.heads.contains(t))
                && (w.owner[i].is_none() || class_head);
            if !is_head {
                i += 1;
                continue;
            }
            // Left: capitalised words, numbers, hyphenated words and possessive 's.
            // Spans taken into the name, with what they were, to give back if
            // no name is made.
            let mut absorbed: Vec<(usize, SpanKind)> = Vec::new();
            if let Some(ci) = w.owner[i].filter(|_| class_head) {
                absorbed.push(w.absorb(ci));
            }
            let mut first = hyphen_left(w, i, &mut absorbed);
            let mut taken = 0;
            // Where the name began before the walk crossed an "and".
            let mut joined: Option<(usize, usize)> = None;
            while first > 0 && !(headline && taken >= 3) {
                let p = first - 1;
                if let Some((ci, c)) = w.span_at(p) {
                    // "Finland-Korea Society", "Korean Friendship Association":
                    // a country inside the name belongs to it; so does a known
                    // body's acronym before it ("KPISF Political Department").
                    let acronym = matches!(c.kind, SpanKind::Org { .. })
                        && c.first == c.last
                        && w.word(c.first).is_some_and(|x| {
                            x.len() > 1 && x.chars().all(|ch| ch.is_ascii_uppercase())
                        });
                    // A watched word too: "Songun Cast Iron Factory".
                    let inside =
                        (matches!(c.kind, SpanKind::Country { .. } | SpanKind::Formulation(_))
                            || acronym)
                            && c.first == c.last
                            && w.word(c.first).is_some_and(org_word);
                    // "Workers' Party of Korea Publishing House", "Choson Sinbo
                    // Company": a known body before the name begins it; so does
                    // a person's name ("Kim Jong Suk Nursery": named after them).
                    if !inside
                        && !headline
                        && c.last == p
                        && matches!(
                            c.kind,
                            SpanKind::Org { org: Some(_), .. } | SpanKind::Person { .. }
                        )
                    {
                        let cf = c.first;
                        absorbed.push(w.absorb(ci));
                        first = cf;
                        break;
                    }
                    // "the General Union of ...": a one-word rank after the
                    // article is an adjective of the name, not a title.
                    let rank = matches!(c.kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. })
                        && c.first == c.last
                        && p >= 1
                        && w.is_word(p - 1, "the")
                        && w.word(p).is_some_and(|x| x.starts_with(char::is_uppercase));
                    if rank && !headline {
                        absorbed.push(w.absorb(ci));
                        first = p;
                        break;
                    }
                    if !inside {
                        break;
                    }
                    absorbed.push(w.absorb(ci));
                    first = hyphen_left(w, p, &mut absorbed);
                    taken += 1;
                    continue;
                }
                if w.is_word(p, "s")
                    && p >= 2
                    && w.is_punct(p - 1, '\'')
                    && w.owner[p - 2].is_none()
                    && w.word(p - 2).is_some_and(org_word)
                {
                    first = hyphen_left(w, p - 2, &mut absorbed);
                    taken += 1;
                    continue;
                }
                // "Ukrainian "Treasured Sword of Songun" Association": a quoted
                // part of the name.
                if let Some(&(a, _)) = w.quotes.iter().find(|&&(_, b)| b == p) {
                    if !headline && self.quoted_name_part(w, a, p) {
                        first = a;
                        taken += 1;
                        continue;
                    }
                }
                // "M.K.P. Company", "P. T. Dwi Mitra Perkasa Company": initials.
                if w.is_punct(p, '.')
                    && p >= 1
                    && w.tokens[p].start == w.tokens[p - 1].end
                    && w.owner[p - 1].is_none()
                    && w.word(p - 1).is_some_and(is_initial)
                {
                    first = p - 1;
                    taken += 1;
                    continue;
                }
                // "Workers' Party": a plural possessive.
                if w.is_punct(p, '\'')
                    && p >= 1
                    && w.tokens[p].start == w.tokens[p - 1].end
                    && w.owner[p - 1].is_none()
                    && w.word(p - 1)
                        .is_some_and(|x| org_word(x) && x.ends_with('s'))
                {
                    first = hyphen_left(w, p - 1, &mut absorbed);
                    taken += 1;
                    continue;
                }
                // "Kumgang-san Opera Troupe": a lower-case part after a hyphen.
                let hyphen_part = p >= 2
                    && w.word(p).is_some_and(|x| x.starts_with(char::is_lowercase))
                    && w.is_punct(p - 1, '-')
                    && w.tokens[p - 1].start == w.tokens[p - 2].end
                    && w.tokens[p].start == w.tokens[p - 1].end
                    && w.owner[p - 2].is_none()
                    && w.word(p - 2).is_some_and(org_word);
                if hyphen_part {
                    first = p - 2;
                    taken += 1;
                    continue;
                }
                // "the Song and Dance Ensemble", "the Kumgang-san Song and
                // Dance Troupe": words joined by "and" before the head, if the
                // name then begins after the article.
                if w.is_word(p, "and")
                    && taken >= 1
                    && !headline
                    && joined.is_none()
                    && p >= 1
                    && w.owner[p - 1].is_none()
                    && w.word(p - 1).is_some_and(org_word)
                {
                    joined = Some((first, absorbed.len()));
                    first = p;
                    continue;
                }
                match w.word(p) {
                    Some(x) if org_word(x) => {
                        first = hyphen_left(w, p, &mut absorbed);
                        taken += 1;
                    }
                    _ => break,
                }
            }
            if let Some((before, kept)) = joined {
                if !(first > 0 && w.is_word(first - 1, "the")) {
                    first = before;
                    for (si, kind) in absorbed.drain(kept..) {
                        w.restore(si, kind);
                    }
                }
            }
            // Right: another head word ("Youth League Central Committee"), or
            // "of"/"for" with a capitalised continuation or a known body or country.
            let mut last = i;
            // Whether the name holds the person it honours.
            let mut honours = false;
            loop {
                let mut j = last + 1;
                if w.word(j).is_some_and(|x| self.names.heads.contains(x))
                    && w.owner[j].is_none()
                    && w.tokens[j].start == w.tokens[last].end + 1
                {
                    last = j;
                    continue;
                }
                // "... Korean Youth League in Japan": a country closes the name.
                if !headline && w.is_word(j, "in") {
                    if let Some((_, c)) = w.span_starting(j + 1) {
                        if matches!(
                            c.kind,
                            SpanKind::Country {
                                adjective: false,
                                ..
                            }
                        ) && w
                            .word(c.first)
                            .is_some_and(|x| x.starts_with(char::is_uppercase))
                        {
                            last = c.last;
                            // "Association of Koreans in Japan for Peaceful
                            // Reunification": a purpose may follow.
                            if w.is_word(last + 1, "for") {
                                continue;
                            }
                        }
                    }
                    break;
                }
                if headline || !(w.is_word(j, "of") || w.is_word(j, "for")) {
                    break;
                }
                j = w.skip_the(j + 1);
                // "of "United Russia" Party": a quoted part, then more name.
                if let Some(&(_, b)) = w.quotes.iter().find(|&&(a, _)| a == j) {
                    if self.quoted_name_part(w, j, b)
                        && w.word(b + 1).is_some_and(|x| self.names.heads.contains(x))
                        && w.owner[b + 1].is_none()
                    {
                        last = b + 1;
                        continue;
                    }
                }
                // "of the Uganda-DPRK Friendship Association", "of the
                // Syria's Baath Arab Socialist Party", "of Syrian Peasants": a
                // one-word country that begins more of the name is read with it.
                let begins_more = w.span_starting(j).is_some_and(|(_, c)| {
                    matches!(c.kind, SpanKind::Country { .. })
                        && c.first == c.last
                        && ((w.is_punct(j + 1, '-') && w.tokens[j + 1].start == w.tokens[j].end)
                            || (w.is_punct(j + 1, '\'') && w.is_word(j + 2, "s"))
                            || w.word(j + 1).is_some_and(org_word))
                });
                // "... of Blessed Event of Master Kim Il Sung": a spun copy's
                // title garbled before the known person a purpose honours.
                let honoured = |w: &FieldWork<'_>, k: usize| {
                    memory
                        .reading
                        .spun_names()
                        .then(|| w.honoured_after_title(first, k))
                        .flatten()
                };
                if let Some((_, s)) = w.span_starting(j).filter(|_| !begins_more) {
                    // A watched phrase inside a name ("... for the Study of
                    // Songun Policy") is part of the name.
                    if matches!(
                        s.kind,
                        SpanKind::Org { .. }
                            | SpanKind::Country {
                                adjective: false,
                                ..
                            }
                            | SpanKind::Class(_)
                            | SpanKind::Formulation(_)
                    ) {
                        last = s.last;
                        // "... of the Juche Idea and the Songun Idea": two
                        // watched phrases joined are one subject.
                        // So is "... and the Songun Politics".
                        if matches!(s.kind, SpanKind::Formulation(_)) && w.is_word(last + 1, "and")
                        {
                            if let Some((_, t)) = w.span_starting(w.skip_the(last + 2)) {
                                if matches!(t.kind, SpanKind::Formulation(_)) {
                                    last = t.last;
                                    while w.owner.get(last + 1).is_some_and(Option::is_none)
                                        && w.word(last + 1).is_some_and(|x| {
                                            org_word(x) && !self.names.heads.contains(x)
                                        })
                                    {
                                        last += 1;
                                    }
                                }
                            }
                        }
                        continue;
                    }
                    // "... for Memory of President Kim Il Sung": a purpose
                    // names the person it honours.
                    let purpose = (first..j).any(|k| w.is_word(k, "for"));
                    let titled =
                        matches!(s.kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. })
                            && s.first == s.last;
                    let person_at = if titled { s.last + 1 } else { j };
                    if let Some((_, pspan)) = w.span_starting(person_at) {
                        if purpose && matches!(pspan.kind, SpanKind::Person { .. }) {
                            last = pspan.last;
                            honours = true;
                            continue;
                        }
                    }
                    // "... of Head Of State Kim Il Sung" in a spun copy.
                    if let Some(e) = honoured(w, j) {
                        last = e;
                        honours = true;
                        continue;
                    }
                    break;
                }
                // A one-word country or watched word inside the name ("for
                // Supporting Korea's Reunification", "the Songun Politics")
                // belongs to it.
                let free = |w: &FieldWork<'_>, k: usize| match w.owner.get(k) {
                    Some(None) => true,
                    Some(Some(si)) => {
                        let sp = &w.spans[*si];
                        matches!(sp.kind, SpanKind::Formulation(_))
                            || (matches!(sp.kind, SpanKind::Country { .. }) && sp.first == sp.last)
                    }
                    None => false,
                };
                let mut k = j;
                loop {
                    if let Some(e) = honoured(w, k).filter(|_| k > j) {
                        honours = true;
                        k = e + 1;
                        break;
                    } else if k > j && self.person_follows(w, k) {
                        // "... Party of Struggle Megawati Soekarnoputri": a
                        // person named after the body.
                        break;
                    } else if free(w, k) && w.word(k).is_some_and(org_word) {
                        k += 1;
                    } else if k > j
                        && w.is_punct(k, '\'')
                        && w.tokens[k].start == w.tokens[k - 1].end
                        && w.word(k - 1).is_some_and(|x| x.ends_with('s'))
                        && w.word(k + 1).is_some_and(org_word)
                    {
                        // "Workers' Party": a plural possessive.
                        k += 1;
                    } else if k > j
                        && ((w.is_punct(k, '\'') && w.is_word(k + 1, "s"))
                            || (w.is_punct(k, '-')
                                && w.tokens[k].start == w.tokens[k - 1].end
                                && w.word(k + 1).is_some()))
                    {
                        // Possessive "'s", or a hyphenated word.
                        k += 2;
                    } else if k > j
                        && w.is_word(k, "and")
                        && (self.and_starts_another(w, k, w.word(i))
                            || ((first..k).any(|t| w.is_word(t, "for"))
                                && self.heads_a_name(w, k + 1))
                            || (memory.reading.spun_names()
                                && w.is_word(k + 1, "the")
                                && !w.watched_subject_goes_on(k, first))
                            // "... Chinese Association and Myanmar Discrete
                            // Employment": in a spun copy, after a head word, a
                            // country begins another name.
                            || (memory.reading.spun_names()
                                && w.word(k - 1).is_some_and(|x| self.names.heads.contains(x))
                                && w.span_starting(k + 1).is_some_and(|(_, s)| {
                                    matches!(s.kind, SpanKind::Country { .. })
                                })))
                    {
                        // "... Juche Idea and the British Branch of ...": a
                        // second name, not a longer one; so is one with a head
                        // word of its own after a purpose ("... Solidarity
                        // with Peoples and Al Bayan National Trading Company"),
                        // and in a spun copy, where the head may be swapped,
                        // any after "and the" but a watched phrase.
                        break;
                    } else if k > j
                        && (w.is_word(k, "and")
                            || w.is_word(k, "the")
                            || w.is_word(k, "of")
                            || w.is_word(k, "for")
                            // "Brazilian Centre for Peace and Solidarity with
                            // Peoples": after "for", "with" goes on with the
                            // purpose.
                            || (w.is_word(k, "with") && (first..k).any(|t| w.is_word(t, "for"))))
                        && w.word(k + 1).is_some_and(|x| org_word(x) || x == "the")
                        && free(w, k + 1)
                    {
                        k += 1;
                    } else {
                        break;
                    }
                }
                // A name does not end on a joining word, nor on a possessive
                // ("the Socialist Party of Benin's congress"), nor on a
                // country's adjective after "and", which begins the next name
                // ("... Juche Idea and the British branch of ...").
                loop {
                    let joiner = k > j
                        && w.word(k - 1)
                            .is_some_and(|x| ["and", "the", "of", "for"].contains(&x));
                    let next_country = k > j + 2
                        && w.span_at(k - 1).is_some_and(|(_, s)| {
                            s.first == k - 1
                                && matches!(
                                    s.kind,
                                    SpanKind::Country {
                                        adjective: true,
                                        ..
                                    }
                                )
                        })
                        && (w.is_word(k - 2, "and")
                            || (w.is_word(k - 2, "the") && w.is_word(k - 3, "and")));
                    if joiner || next_country {
                        k -= 1;
                    } else if k > j + 1 && w.is_word(k - 1, "s") && w.is_punct(k - 2, '\'') {
                        // "... Provincial People's Government": a generic
                        // body's one word after it ends the name.
                        if w.span_starting(k).is_some_and(|(_, s)| {
                            s.first == s.last
                                && matches!(s.kind, SpanKind::Org { .. } | SpanKind::Class(_))
                        }) {
                            k += 1;
                            break;
                        }
                        k -= 2;
                    } else {
                        break;
                    }
                }
                if k == j {
                    break;
                }
                last = k - 1;
            }
            // "KPA Unit 318": a number after the head word is the name's.
            if w.word(last).is_some_and(|x| self.names.heads.contains(x))
                && w.owner.get(last + 1).is_some_and(Option::is_none)
                && w.word(last + 1).is_some_and(|x| {
                    x.len() <= 5
                        && x.chars().all(|c| c.is_ascii_digit())
                        && !(x.len() == 4 && (x.starts_with("19") || x.starts_with("20")))
                })
            {
                last += 1;
            }
            // A headline capitalises every word, so an unlisted name there is
            // taken only as far as the body spells it the same way: "France
            // Introduce Unhasu Orchestra" names the body's "Unhasu Orchestra",
            // and "Full House" (the body's "full house") names nothing.
            let mut unconfirmed = false;
            if headline {
                if let Some(body) = &memory.body {
                    match self.confirmed_start(w, first, last, body) {
                        Some(k) => {
                            let (keep, give): (Vec<_>, Vec<_>) = absorbed
                                .into_iter()
                                .partition(|&(si, _)| w.spans[si].last >= k);
                            absorbed = keep;
                            for (si, kind) in give {
                                w.restore(si, kind);
                            }
                            first = k;
                        }
                        None => unconfirmed = true,
                    }
                }
            }
            // "Grand People's Study House", "National House of Class
            // Education": a name headed by a place word is a place, unless it
            // holds a body's form ("Foreign Languages Publishing House").
            let place_head = w
                .word(i)
                .is_some_and(|x| self.names.place_heads.contains(x))
                && !(first..=last)
                    .any(|k| k != i && w.word(k).is_some_and(|x| self.names.heads.contains(x)))
                && !self.names.place_bodies.iter().any(|b| {
                    let (_, _, surface) = w.surface(first, last);
                    surface.contains(b.as_str())
                });
            // "Mansudae Assembly Hall" is a place, not a body.
            // So is "Mangyongdae School Children's Palace": a venue word ends
            // the capitalised run that goes on after the name.
            // "elected Kim Jong Il Presidium member": a person before a head
            // word that a post follows holds the post; no body is named after them.
            let holds_post = absorbed
                .iter()
                .any(|(_, k)| matches!(k, SpanKind::Person { .. }))
                && w.span_starting(last + 1).is_some_and(|(_, r)| {
                    matches!(r.kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. })
                });
            let venue = unconfirmed || place_head || holds_post || {
                let mut k = last + 1;
                let mut found = false;
                loop {
                    if w.word(k).is_some_and(|x| self.names.venues.contains(x)) {
                        found = true;
                        break;
                    }
                    if w.owner.get(k).is_some_and(Option::is_none)
                        && w.word(k).is_some_and(|x| x.starts_with(char::is_uppercase))
                    {
                        k += 1;
                    } else if w.is_punct(k, '\'') && w.is_word(k + 1, "s") {
                        k += 2;
                    } else {
                        break;
                    }
                }
                found
            };
            let words = if venue {
                0
            } else {
                w.tokens[first..=last]
                    .iter()
                    .filter(|t| t.is_word())
                    .count()
            };
            // Known bodies and countries inside the name ("Overseas Headquarters
            // of the Pan-national Alliance for Korea's Reunification") join it.
            // The person a purpose honours, and the title before them, too.
            let within = w.spans_within(first, last, |k| {
                joins_a_name(k)
                    || (honours
                        && matches!(
                            k,
                            SpanKind::Person { .. }
                                | SpanKind::Role { .. }
                                | SpanKind::TitleForm { .. }
                        ))
            });
            let absorbable = within.is_some();
            let inner = within.unwrap_or_default();
            // "Romanian Party", "Korean Organization": a country word and a head
            // word describe a body without naming it.
            let described = words == 2
                && (first..=last).filter(|&k| w.tokens[k].is_word()).all(|k| {
                    w.word(k).is_some_and(|x| self.names.heads.contains(x))
                        || absorbed.iter().any(|(si, kind)| {
                            matches!(
                                kind,
                                SpanKind::Country {
                                    adjective: true,
                                    ..
                                }
                            ) && w.spans[*si].first <= k
                                && k <= w.spans[*si].last
                        })
                });
            // "Song in Praise of Guiding Party": a name inside the quoted
            // title of a work is part of the title.
            let in_work = w
                .quotes
                .iter()
                .any(|&(a, b)| a < first && last < b && (a + 1 < first || last + 1 < b));
            if words >= 2 && absorbable && !described && !in_work {
                let country = self.held_country(
                    absorbed
                        .iter()
                        .map(|(_, k)| k)
                        .chain(inner.iter().map(|&si| &w.spans[si].kind)),
                );
                for si in inner {
                    if matches!(w.spans[si].kind, SpanKind::Person { .. }) {
                        let person = w.spans[si].clone();
                        w.nested.push(person);
                    }
                    w.spans[si].kind = SpanKind::Absorbed;
                }
                for o in &mut w.owner[first..=last] {
                    *o = None;
                }
                w.add_unlisted_org(first, last, country);
            } else {
                // Give back what was absorbed for a name that was not made.
                for (si, kind) in absorbed {
                    w.restore(si, kind);
                }
            }
            i = last + 1;
        }
    }

    /// "the Tonghae Ltd.", "Yang Tzi Cruise & Tour SDN. BHD.": capitalised
    /// words before a company suffix name a company; a name made already
    /// ("Johnson Nicholson Company Ltd.") takes the suffix in.
    fn company_names(&self, w: &mut FieldWork<'_>) {
        let n = w.tokens.len();
        let mut i = 1;
        while i < n {
            // Most tokens begin no suffix: out on their first byte.
            let first_byte = w.tokens[i].text(w.text).as_bytes()[0];
            if !self.names.company_first_bytes[usize::from(first_byte)] {
                i += 1;
                continue;
            }
            let matched = self.names.company_suffixes.iter().find(|suffix| {
                i + suffix.len() <= n
                    && w.tokens[i..i + suffix.len()]
                        .iter()
                        .zip(suffix.iter())
                        .all(|(t, x)| t.text(w.text) == x)
                    && (i..i + suffix.len()).all(|k| w.owner[k].is_none())
            });
            let Some(suffix) = matched else {
                i += 1;
                continue;
            };
            let end = i + suffix.len() - 1;
            let mut first = i;
            let mut absorbed = Vec::new();
            while let Some(p) = first.checked_sub(1) {
                match w.span_at(p) {
                    Some((si, s)) if s.last == p => {
                        let one_country =
                            matches!(s.kind, SpanKind::Country { .. }) && s.first == p;
                        let made = matches!(s.kind, SpanKind::Org { org: None, .. });
                        if !(one_country || made) {
                            break;
                        }
                        first = s.first;
                        absorbed.push(si);
                        if made {
                            break;
                        }
                    }
                    Some(_) => break,
                    None => {
                        let initial = w.is_punct(p, '.')
                            && p >= 1
                            && w.owner[p - 1].is_none()
                            && w.word(p - 1).is_some_and(is_initial);
                        if initial {
                            first = p - 1;
                        } else if w.word(p).is_some_and(capital_word)
                            || ((w.is_punct(p, '&') || w.is_word(p, "and") || w.is_punct(p, '-'))
                                && first < i
                                && p >= 1
                                && w.word(p - 1).is_some_and(capital_word))
                        {
                            // "Friendship Import and Export Co. Ltd.",
                            // "Asia-Pharma Co., Ltd.", "Cruise & Tour".
                            first = p;
                        } else {
                            break;
                        }
                    }
                }
            }
            // The suffix must follow a name: a word, not "&" or initials alone.
            while first < i
                && !w
                    .word(first)
                    .is_some_and(|x| x.len() > 1 || w.owner[first].is_some())
            {
                first += 1;
                while first < i && w.owner[first].is_some() {
                    first += 1;
                }
            }
            if first == i {
                i = end + 1;
                continue;
            }
            let kinds: Vec<SpanKind> = absorbed.iter().map(|&si| w.absorb(si).1).collect();
            let country = self.held_country(kinds.iter());
            w.add_unlisted_org(first, end, country);
            i = end + 1;
        }
    }

    /// Names that go on past a listed body or a name already made, each
    /// then an unlisted body of its own:
    /// - words joined by a hyphen before it: "Paektusan Czech-Korean
    ///   Friendship Association";
    /// - another country after it: "Ministry of Public Security of Laos",
    ///   then "General Staff of the Armed Forces of Syria";
    /// - a list of subjects: "Ministry of Culture, Sports and Tourism",
    ///   "People's Front of Workers, Peasants and Students of Peru".
    fn extended_bodies(&self, w: &mut FieldWork<'_>) {
        let country_index = |id: &str| self.pack.countries.iter().position(|c| c.id == id);
        let mut order: Vec<usize> = (0..w.spans.len())
            .filter(|&si| matches!(w.spans[si].kind, SpanKind::Org { .. } | SpanKind::Class(_)))
            .collect();
        // Right to left, so that an inner name is extended before the outer.
        order.sort_by_key(|&si| std::cmp::Reverse(w.spans[si].first));
        for si in order {
            // A generic body ("Ministry of Culture") counts as listed.
            // Not a bare subject ("minister of Foreign Affairs of the DPRK"),
            // which serves a title.
            let headed = w.tokens[w.spans[si].first..=w.spans[si].last]
                .iter()
                .any(|t| self.names.heads.contains(t.text(w.text)));
            let (org, class) = match w.spans[si].kind {
                SpanKind::Org { org, .. } => (org, false),
                SpanKind::Class(_) if headed => (None, true),
                _ => continue,
            };
            let listed = org.is_some() || class;
            let (mut first, mut last) = (w.spans[si].first, w.spans[si].last);
            let own = match org {
                Some(o) => country_index(&self.pack.organizations[o].country),
                None => w.spans[si].country,
            };
            let mut taken: Vec<usize> = Vec::new();
            let mut country = w.spans[si].country;
            let attached = |w: &FieldWork<'_>, k: usize| {
                w.tokens[k].start == w.tokens[k - 1].end && w.tokens[k + 1].start == w.tokens[k].end
            };
            // Left: "Czech-" before a listed body, then the words before it.
            let mut p = first;
            while p >= 2
                && w.is_punct(p - 1, '-')
                && attached(w, p - 1)
                && w.word(p - 2).is_some_and(capital_word)
            {
                match w.span_at(p - 2) {
                    None => {}
                    Some((ci, c))
                        if matches!(c.kind, SpanKind::Country { .. }) && c.first == c.last =>
                    {
                        taken.push(ci);
                    }
                    Some(_) => break,
                }
                p -= 2;
            }
            if p < first && listed && w.spans[si].last > w.spans[si].first {
                while p >= 1 && w.owner[p - 1].is_none() && w.word(p - 1).is_some_and(capital_word)
                {
                    p -= 1;
                }
                first = p;
            }
            let multi_word = (first..=last).filter(|&k| w.tokens[k].is_word()).count() >= 2;
            // Right: "of [the] Laos", or "of the <another country's body>".
            if listed && multi_word && w.is_word(last + 1, "of") {
                let j = w.skip_the(last + 2);
                if let Some((cj, c)) = w.span_starting(j) {
                    let other = match c.kind {
                        SpanKind::Country {
                            country: k,
                            adjective: false,
                        } => Some(k),
                        SpanKind::Org { org: None, .. } | SpanKind::Class(_) => c.country,
                        _ => None,
                    };
                    if other.is_some()
                        && other != own
                        && !self.pack.countries[other.unwrap_or(0)].placeholder
                    {
                        last = c.last;
                        country = other;
                        taken.push(cj);
                    }
                    // A generic body of another country stays generic: it is
                    // that country's ("Ministry of Public Security of Laos").
                    if class && taken.last() == Some(&cj) {
                        w.absorb(cj);
                        let span = &mut w.spans[si];
                        span.last = last;
                        span.country = country;
                        for o in &mut w.owner[first..=last] {
                            *o = Some(si);
                        }
                        continue;
                    }
                }
            }
            // Right: "(Marxist)", a qualifier in parentheses.
            if w.is_punct(last + 1, '(') && w.is_punct(last + 3, ')') && w.owner[last + 2].is_none()
            {
                // An ordinary word ("Marxist"), not a short name of the body
                // ("(Chongryon)", "(Montsame)"), which is a mention of its own.
                let qualifier = w.word(last + 2).is_some_and(|x| {
                    capital_word(x) && !is_acronym(x) && self.spun.is_common_word(&x.to_lowercase())
                });
                if qualifier && (first..=last).filter(|&k| w.tokens[k].is_word()).count() >= 3 {
                    last += 3;
                }
            }
            // Right: ", Sports and Tourism" after a subject ("of Culture").
            let subject = (first..last).any(|k| w.is_word(k, "of") || w.is_word(k, "for"));
            if subject && w.is_punct(last + 1, ',') {
                let mut q = last + 1;
                let mut end = None;
                while w.is_punct(q, ',') || w.is_word(q, "and") {
                    let and = w.is_word(q, "and");
                    let r0 = q + 1;
                    let mut r = r0;
                    let mut words = 0;
                    loop {
                        let free = w.owner.get(r).is_some_and(Option::is_none);
                        if free
                            && words < 3
                            && w.word(r).is_some_and(|x| {
                                capital_word(x)
                                    && !self.names.heads.contains(x)
                                    && !self.names.is_family(x)
                            })
                        {
                            r += 1;
                            words += 1;
                        } else if r > r0 && w.is_punct(r, '\'') && w.is_word(r + 1, "s") {
                            r += 2;
                        } else {
                            break;
                        }
                    }
                    // Each item is one to three capitalised words, ended by
                    // punctuation or a small word, not by more of a name.
                    if r == r0 || w.word(r).is_some_and(|x| x.starts_with(char::is_uppercase)) {
                        break;
                    }
                    if and {
                        end = Some(r - 1);
                        break;
                    }
                    q = r;
                }
                if let Some(e) = end {
                    last = e;
                    let j = w.skip_the(last + 2);
                    if w.is_word(last + 1, "of") {
                        if let Some((cj, c)) = w.span_starting(j) {
                            if let SpanKind::Country {
                                country: k,
                                adjective: false,
                            } = c.kind
                            {
                                last = c.last;
                                country = Some(k);
                                taken.push(cj);
                            }
                        }
                    }
                }
            }
            if (first, last) == (w.spans[si].first, w.spans[si].last) {
                continue;
            }
            let held: Vec<SpanKind> = taken.iter().map(|&ci| w.absorb(ci).1).collect();
            if country.is_none() || first < w.spans[si].first {
                country = self.held_country(held.iter()).or(country);
            }
            w.absorb(si);
            w.add_unlisted_org(first, last, country);
        }
    }

    /// Whether the capitalised words from token `k` look like a person's
    /// name closing a capitalised run: two or more unlisted words no
    /// dictionary has ("Megawati Soekarnoputri"), with no capitalised word
    /// after them (a place goes on: "Ho Chi Minh City").
    fn person_follows(&self, w: &FieldWork<'_>, k: usize) -> bool {
        let proper = |p: usize| {
            w.owner.get(p).is_some_and(Option::is_none)
                && w.word(p).is_some_and(|x| {
                    x.starts_with(char::is_uppercase)
                        && !self.names.heads.contains(x)
                        && !self.spun.is_common_word(&x.to_lowercase())
                })
        };
        let mut p = k;
        while proper(p) {
            p += 1;
        }
        p >= k + 2 && !w.word(p).is_some_and(|x| x.starts_with(char::is_uppercase))
    }

    /// Whether the quotation marks at tokens `a` and `b` hold a part of a
    /// name: capitalised words, small joining words, and listed names.
    fn quoted_name_part(&self, w: &FieldWork<'_>, a: usize, b: usize) -> bool {
        b > a + 1
            && b - a <= 10
            && (a + 1..b).all(|k| match w.owner[k] {
                Some(si) => {
                    let s = &w.spans[si];
                    s.first > a
                        && s.last < b
                        && matches!(
                            s.kind,
                            SpanKind::Org { .. }
                                | SpanKind::Country { .. }
                                | SpanKind::Formulation(_)
                        )
                }
                None => {
                    w.word(k).is_some_and(|x| {
                        x.starts_with(char::is_uppercase) || self.names.joiners.contains(x)
                    }) || w.is_punct(k, '-')
                }
            })
    }

    /// "WPK Conference", "Conference of the Workers' Party of Korea": a
    /// listed body named inside a meeting's name is a mention of its own.
    fn bodies_in_meetings(&self, w: &mut FieldWork<'_>) {
        let meetings: Vec<(usize, usize)> = w
            .spans
            .iter()
            .filter(|s| matches!(s.kind, SpanKind::Meeting(_)))
            .map(|s| (s.first, s.last))
            .collect();
        for (first, last) in meetings {
            // The meeting's own name is the longest match: look in its
            // words without the first ones, then without the last ones.
            let words: Vec<usize> = (first..=last).filter(|&k| w.tokens[k].is_word()).collect();
            let ranges = words[1..]
                .iter()
                .map(|&k| (k, last))
                .chain(words[..words.len() - 1].iter().rev().map(|&k| (first, k)));
            let mut found: Vec<Span> = Vec::new();
            for (f0, l0) in ranges {
                let (a, b) = (w.tokens[f0].start, w.tokens[l0].end);
                let inner = token::tokenize(&w.text[a..b]);
                for (entries, f, l) in self.gazetteer.find(&w.text[a..b], &inner) {
                    let Some(kind @ SpanKind::Org { .. }) = self.choose(&entries) else {
                        continue;
                    };
                    let (Some(f), Some(l)) = (
                        w.token_at(a + inner[f].start),
                        w.token_at(a + inner[l].start),
                    ) else {
                        continue;
                    };
                    // The longest body inside, once.
                    if found.iter().any(|s| s.first <= f && l <= s.last) {
                        continue;
                    }
                    found.retain(|s| !(f <= s.first && s.last <= l));
                    found.push(Span {
                        kind,
                        first: f,
                        last: l,
                        country: None,
                    });
                }
            }
            w.nested.extend(found);
        }
    }

    /// The first token of the longest tail of tokens `first..=last`, two
    /// words or more, that the body holds as written, whole words only.
    fn confirmed_start(
        &self,
        w: &FieldWork<'_>,
        first: usize,
        last: usize,
        body: &str,
    ) -> Option<usize> {
        let end = w.tokens[last].end;
        let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        (first..last)
            .filter(|&k| {
                w.tokens[k].is_word() && (k == first || w.tokens[k].start > w.tokens[k - 1].end)
            })
            .filter(|&k| w.tokens[k..=last].iter().filter(|t| t.is_word()).count() >= 2)
            .find(|&k| {
                let needle = &w.text[w.tokens[k].start..end];
                body.match_indices(needle).any(|(at, _)| {
                    boundary(body[..at].chars().next_back())
                        && boundary(body[at + needle.len()..].chars().next())
                })
            })
    }

    /// "the Party" alone is the WPK in a DPRK outlet: a pack short form, after
    /// "the", not followed by more of a name ("the Party Central Committee",
    /// "the Party of Labour").
    fn short_forms(&self, w: &mut FieldWork<'_>, doc: &DocInput<'_>) {
        if w.field == Field::Title || self.short_form.is_empty() {
            return;
        }
        for i in 1..w.tokens.len() {
            let Some(x) = w
                .word(i)
                .filter(|x| x.starts_with(|c: char| c.is_ascii_uppercase()))
            else {
                continue;
            };
            if w.owner[i].is_some() || !w.word(i - 1).is_some_and(|t| t.eq_ignore_ascii_case("the"))
            {
                continue;
            }
            let Some(&o) = self.short_form.get(x) else {
                continue;
            };
            let org = &self.pack.organizations[o];
            let more = w.is_word(i + 1, "of")
                || w.word(i + 1)
                    .is_some_and(|y| y.starts_with(char::is_uppercase));
            if more || doc.outlet_country != Some(org.country.as_str()) {
                continue;
            }
            let name = org.name.clone();
            w.add(SpanKind::Org { org: Some(o), name }, i, i);
        }
    }

    /// "The Zimbabwean paper Herald noted", "the Lao newspapers Heng Ngan and
    /// Noum Lao, L'Avenir of Democratic Congo, ...": the capitalised run after
    /// a press noun names a publication; after a plural noun, a list of them,
    /// each perhaps followed by "of <country>".
    fn press_names(&self, w: &mut FieldWork<'_>) {
        if w.field == Field::Title {
            return;
        }
        let stop = |x: &str| {
            SENTENCE_OPENERS.contains(&x) && x != "The"
                || MONTH_NAMES.iter().any(|m| m.eq_ignore_ascii_case(x))
                || WEEKDAYS.contains(&x)
        };
        // A word of the title: capitalised, or a single-word country inside it.
        let free = |w: &FieldWork<'_>, k: usize| match w.owner[k] {
            None => true,
            Some(si) => {
                let s = &w.spans[si];
                matches!(s.kind, SpanKind::Country { .. }) && s.first == k && s.last == k
            }
        };
        for (start, end, cue) in w.name_cues.clone() {
            let NameCue::Press { plural } = cue else {
                continue;
            };
            // The cue in lower case: "White Paper" is a title, not a cue.
            let lower = w.token_at(start).is_some_and(|i| {
                w.word(i)
                    .is_some_and(|x| x.starts_with(|c: char| c.is_lowercase()))
            });
            if !lower {
                continue;
            }
            let Some(at) = w.token_at(start) else {
                continue;
            };
            // "Minjok Thongsin, an Internet newspaper of ...": a title before
            // the cue in apposition.
            if !plural {
                self.press_name_before(w, at);
            }
            // The words after the cue ("issue of" is two words).
            let mut p = w.tokens.partition_point(|t| t.start < end);
            loop {
                // A known title ("newspapers Rodong Sinmun and Minju Joson") is
                // already named: step over it to the rest of the list.
                let start = p;
                if let Some((_, s)) = w.span_starting(p) {
                    if matches!(s.kind, SpanKind::Org { .. }) {
                        p = s.last + 1;
                    }
                }
                let mut k = p;
                while w.word(k).is_some_and(|x| x.starts_with(char::is_uppercase))
                    && free(w, k)
                    && !(stop(w.word(k).unwrap_or_default()) || (k > p && w.is_word(k, "The")))
                {
                    k += 1;
                    // "L'Avenir": an apostrophe inside the word.
                    if w.is_punct(k, '\'')
                        && w.tokens[k].start == w.tokens[k - 1].end
                        && w.word(k + 1)
                            .is_some_and(|x| x.starts_with(char::is_uppercase))
                        && w.tokens[k + 1].start == w.tokens[k].end
                    {
                        k += 1;
                    } else if !plural
                        && w.is_word(k, "and")
                        && w.word(k + 1).is_some_and(|x| {
                            x.starts_with(char::is_uppercase) && !stop(x) && x != "The"
                        })
                        && free(w, k + 1)
                    {
                        // "Indian and World Event": one title with "and" in it.
                        k += 1;
                    }
                }
                if k > p {
                    let only_countries = (p..k).all(|x| w.owner[x].is_some());
                    if only_countries || w.is_word(k - 1, "The") {
                        break;
                    }
                    for x in p..k {
                        if let Some(si) = w.owner[x] {
                            w.absorb(si);
                        }
                    }
                    w.add_unlisted_org(p, k - 1, None);
                } else if p == start {
                    break;
                }
                if !plural {
                    break;
                }
                // "... of Uganda", then "," or "and" to the next title.
                let mut q = k;
                if w.is_word(q, "of") {
                    match w.span_starting(q + 1) {
                        Some((_, s)) if matches!(s.kind, SpanKind::Country { .. }) => {
                            q = s.last + 1;
                        }
                        _ => break,
                    }
                }
                if w.is_punct(q, ',') {
                    q += 1;
                }
                if w.is_word(q, "and") {
                    q += 1;
                }
                if q == k || !w.word(q).is_some_and(|x| x.starts_with(char::is_uppercase)) {
                    break;
                }
                p = q;
            }
        }
    }

    /// "Minjok Thongsin, an Internet newspaper of Koreans in the United
    /// States": the capitalised words before a comma and "a" or "an" and up
    /// to three words that qualify the press cue at `cue` are a
    /// publication's title, if no name holds them and they begin a clause.
    fn press_name_before(&self, w: &mut FieldWork<'_>, cue: usize) {
        let Some(article) = (cue.saturating_sub(4)..cue)
            .rev()
            .find(|&k| w.is_word(k, "a") || w.is_word(k, "an"))
        else {
            return;
        };
        // "Internet", "Nepalese daily": words that qualify the cue, not
        // ones that relate to it ("Han Song, a journalist of the paper").
        let relates = |x: &str| ["of", "the", "for", "to", "with", "by", "from", "at"].contains(&x);
        if (article + 1..cue).any(|k| w.word(k).is_none_or(relates)) || article < 2 {
            return;
        }
        let comma = article - 1;
        if !w.is_punct(comma, ',') {
            return;
        }
        let title_word = |k: usize| {
            w.owner[k].is_none()
                && w.word(k).is_some_and(|x| {
                    x.starts_with(char::is_uppercase)
                        && !SENTENCE_OPENERS.contains(&x)
                        && !is_month_or_day(x)
                })
        };
        let mut first = comma;
        while first > 0 && title_word(first - 1) {
            first -= 1;
        }
        // A title begins a clause: not the end of a longer name.
        let clause = first == 0
            || w.is_punct(first - 1, ',')
            || w.word(first - 1).is_some_and(|x| {
                x.starts_with(|c: char| c.is_lowercase()) || SENTENCE_OPENERS.contains(&x)
            })
            || w.sentences.iter().any(|s| s.0 == w.tokens[first].start);
        if first < comma && clause {
            w.add_unlisted_org(first, comma - 1, None);
        }
    }

    /// "outgoing" in "Martin Sajdik, outgoing Austrian ambassador": an
    /// English word at `k` in lower case that qualifies a title after it
    /// (and is no word that begins a clause, nor an ordinal, which belongs
    /// to the title); returns where the title begins.
    fn after_qualifier(&self, w: &FieldWork<'_>, k: usize) -> Option<usize> {
        let x = w.word(k).filter(|_| w.owner[k].is_none())?;
        if !x.starts_with(|c: char| c.is_ascii_lowercase())
            || NOT_QUALIFIERS.contains(&x)
            || ["first", "second", "third"].contains(&x)
            || !self.is_english(x)
        {
            return None;
        }
        let mut after = k + 1;
        while w.hyphen_at(after) && w.owner[after + 1].is_none() {
            after += 2;
        }
        // "Kim Jong Il, cherishing the President's love": a verb's object.
        (!w.word(after)
            .is_some_and(|x| ["the", "a", "an", "his", "her", "its"].contains(&x)))
        .then_some(after)
    }

    /// Whether the capitalised run from `k` (over possessives and hyphens)
    /// holds a head word.
    fn heads_a_name(&self, w: &FieldWork<'_>, k: usize) -> bool {
        let mut p = k;
        loop {
            if w.is_punct(p, '\'') || w.hyphen_at(p) {
                p += 1;
                continue;
            }
            match w.word(p) {
                Some(x) if x.starts_with(char::is_uppercase) || x == "s" => {
                    if self.names.heads.contains(x) {
                        return true;
                    }
                    p += 1;
                }
                _ => return false,
            }
        }
    }

    /// Whether the words after the "and" at `k` make a name of their own: a
    /// capitalised run with its own head word ("and the British Branch of").
    fn and_starts_another(&self, w: &FieldWork<'_>, k: usize, head: Option<&str>) -> bool {
        // Without an article, "and" joins words of one name ("Korean
        // Scientists and Technologists Association") unless a listed body
        // follows ("Central Committee and Central Military Commission").
        // So does a body every state has after its country ("and Myanmar
        // Foreign Ministry").
        if !w.is_word(k + 1, "the") {
            // A person ("... Youth League and Ri Tong Ho") is not more of it.
            if w.word(k + 1).is_some_and(|x| self.names.is_family(x)) {
                return true;
            }
            // Nor is a second name with the same head word ("Kim Jong Suk
            // University of Education and Sariwon University of Education").
            let mut q = k + 1;
            while let Some(x) = w.word(q).filter(|x| x.starts_with(char::is_uppercase)) {
                if Some(x) == head {
                    return true;
                }
                q += 1;
            }
            let mut p = k + 1;
            while let Some((_, s)) = w.span_starting(p) {
                match s.kind {
                    SpanKind::Org { org: Some(_), .. } | SpanKind::Class(_) => return true,
                    SpanKind::Country { .. } => p = s.last + 1,
                    _ => return false,
                }
            }
            return false;
        }
        let mut p = w.skip_the(k + 1);
        loop {
            // "the People's Front of ...", "the Korean Doctors' Association":
            // over possessives and hyphens.
            if w.is_punct(p, '\'') && w.is_word(p + 1, "s") {
                p += 2;
                continue;
            }
            if w.is_punct(p, '\'') && p > 0 && w.word(p - 1).is_some_and(|x| x.ends_with('s')) {
                p += 1;
                continue;
            }
            if w.is_punct(p, '-') {
                p += 1;
                continue;
            }
            let Some(x) = w.word(p) else { break };
            // "and the Kim Chaek Iron and Steel Complex": "and" inside.
            if x == "and"
                && p > k + 1
                && w.word(p + 1)
                    .is_some_and(|y| y.starts_with(char::is_uppercase))
            {
                p += 1;
                continue;
            }
            if !x.starts_with(char::is_uppercase) {
                break;
            }
            if self.names.heads.contains(x) {
                return true;
            }
            p += 1;
        }
        // "... and the People for Achieving Peace and Reunification": a
        // name with a purpose of its own.
        (p > w.skip_the(k + 1) && w.is_word(p, "for"))
            || w.span_starting(w.skip_the(k + 1))
                .is_some_and(|(_, s)| matches!(s.kind, SpanKind::Org { .. }))
    }

    /// "Korean People's Revolutionary Army (KPRA)": an acronym in parentheses
    /// after a name is another mention of it, and so is the same acronym later.
    fn acronyms_in_parentheses(&self, w: &mut FieldWork<'_>, memory: &mut DocMemory) {
        for i in 1..w.tokens.len().saturating_sub(1) {
            if !(w.is_punct(i - 1, '(') && w.is_punct(i + 1, ')')) || w.owner[i].is_some() {
                continue;
            }
            let Some(x) = w.word(i).filter(|x| is_acronym(x)) else {
                continue;
            };
            let Some((_, s)) = i.checked_sub(2).and_then(|p| w.span_at(p)) else {
                continue;
            };
            if s.last + 2 != i || !matches!(s.kind, SpanKind::Org { .. }) {
                continue;
            }
            let kind = s.kind.clone();
            memory.acronyms.push((x.to_owned(), kind.clone()));
            w.add(kind, i, i);
        }
        for i in 0..w.tokens.len() {
            if w.owner[i].is_some() {
                continue;
            }
            let Some(x) = w.word(i) else { continue };
            if let Some((_, kind)) = memory.acronyms.iter().find(|(a, _)| a == x) {
                w.add(kind.clone(), i, i);
            }
        }
    }

    /// "Andean Solidarity Movement for Peace (ASMP)": a capitalised run whose
    /// initials spell the unlisted acronym in parentheses after it names an
    /// organisation, whatever its words, and the acronym names it again
    /// later. Found before garbled names are looked for, so that "Korean
    /// People's Revolutionary Army (KPRA)" is not a garbled known army.
    fn defined_acronyms(&self, w: &mut FieldWork<'_>, memory: &mut DocMemory) {
        for i in 2..w.tokens.len().saturating_sub(1) {
            if !(w.is_punct(i - 1, '(') && w.is_punct(i + 1, ')')) || w.owner[i].is_some() {
                continue;
            }
            let Some(letters) = w.word(i).filter(|x| is_acronym(x)).map(str::as_bytes) else {
                continue;
            };
            // Walk left over the run, matching initials from the acronym's end.
            // In a spun copy one word of four or more may have been swapped
            // ("Korean People's Revolutionary Trip (KPRA)").
            let mut need = letters.len();
            let mut misses = usize::from(memory.reading.spun_names() && letters.len() >= 4);
            let mut k = i - 2;
            let start = loop {
                let ok = match w.word(k) {
                    Some(x) if x.starts_with(|c: char| c.is_ascii_uppercase()) && x != "The" => {
                        if x.as_bytes()[0] != letters[need - 1] {
                            if misses == 0 {
                                break None;
                            }
                            misses -= 1;
                        }
                        need -= 1;
                        if need == 0 {
                            break Some(k);
                        }
                        true
                    }
                    // Small words and the lower-case half of "Pan-national".
                    Some(x) => {
                        ["of", "and", "for", "the", "s", "in", "on"].contains(&x)
                            || (k > 0 && w.is_punct(k - 1, '-'))
                    }
                    None => w.is_punct(k, '\'') || w.is_punct(k, '-') || w.is_punct(k, '&'),
                };
                if !ok || k == 0 {
                    break None;
                }
                k -= 1;
            };
            let Some(start) = start else { continue };
            let end = i - 2;
            // Spans inside must lie wholly inside and be bodies, countries or
            // phrases: a person's initials ("Kim Jong Un (KJU)") make no body.
            let Some(inner) = w.spans_within(start, end, joins_a_name) else {
                continue;
            };
            let country = self.held_country(inner.iter().map(|&si| &w.spans[si].kind));
            for &si in &inner {
                w.absorb(si);
            }
            let idx = w.add_unlisted_org(start, end, country);
            let kind = w.spans[idx].kind.clone();
            let acronym = w.add(kind.clone(), i, i);
            w.spans[acronym].country = country;
            let text = w.tokens[i].text(w.text).to_owned();
            memory.acronyms.push((text, kind));
        }
    }

    /// The country of a name holding these spans: the one country among
    /// them ("Chinese People's Association ...", "... Youth League of
    /// China"), or for two ("Malta-Korea Friendship Association") a bilateral
    /// body's, which the pack's placeholder country stands for.
    fn held_country<'k>(&self, kinds: impl Iterator<Item = &'k SpanKind>) -> Option<usize> {
        let mut held: Vec<usize> = kinds
            .filter_map(|k| match k {
                SpanKind::Country { country, .. } => Some(*country),
                _ => None,
            })
            .collect();
        held.sort_unstable();
        held.dedup();
        match held[..] {
            [one] => Some(one),
            [] => None,
            _ => self.pack.countries.iter().position(|c| c.placeholder),
        }
    }

    /// The org class with this one-word generic name ("government",
    /// "embassy"), in any case.
    fn single_word_class(&self, word: &str) -> Option<usize> {
        self.single_word_classes
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(word))
            .map(|(_, c)| *c)
    }

    /// "the British branch of the Korean Friendship Association": a
    /// country's adjective and a head word in lower case before "of" and a
    /// body name that body's part in that country.
    fn country_branches(&self, w: &mut FieldWork<'_>) {
        for idx in 0..w.spans.len() {
            let (first, last) = (w.spans[idx].first, w.spans[idx].last);
            if !matches!(w.spans[idx].kind, SpanKind::Org { .. }) {
                continue;
            }
            let of = if first >= 1 && w.is_word(first - 1, "the") {
                first.checked_sub(2)
            } else {
                first.checked_sub(1)
            };
            let Some(of) = of.filter(|&o| o >= 3 && w.is_word(o, "of")) else {
                continue;
            };
            let head = of - 1;
            let lower_head = w.owner[head].is_none()
                && w.word(head).is_some_and(|x| {
                    x.starts_with(|c: char| c.is_ascii_lowercase())
                        && self.names.heads.contains(capitalised(x).as_str())
                });
            let Some((ci, c)) = w.span_at(head - 1) else {
                continue;
            };
            let SpanKind::Country {
                country,
                adjective: true,
                ..
            } = c.kind
            else {
                continue;
            };
            let cf = c.first;
            if !lower_head || c.last != head - 1 || cf == 0 || !w.is_word(cf - 1, "the") {
                continue;
            }
            // Named as written: each country's branch is a body of its own.
            let (_, _, surface) = w.surface(cf, last);
            let whole = surface.split_whitespace().collect::<Vec<_>>().join(" ");
            let known = w.spans[idx].clone();
            w.nested.push(known);
            w.spans[idx].kind = SpanKind::Org {
                org: None,
                name: whole,
            };
            w.spans[ci].kind = SpanKind::Absorbed;
            w.spans[idx].first = cf;
            w.spans[idx].country = Some(country);
            for o in &mut w.owner[cf..=last] {
                *o = Some(idx);
            }
        }
    }

    /// "DPRK National Defence Commission": a country name just before an
    /// organisation belongs to its name. So does a country word before a body
    /// every state has ("Vietnamese government", "U.S. embassy"), which makes
    /// it that country's.
    fn merge_country_prefix(&self, w: &mut FieldWork<'_>) {
        for idx in 0..w.spans.len() {
            let (first, kind) = (w.spans[idx].first, w.spans[idx].kind.clone());
            if let SpanKind::Country { country, .. } = kind {
                // "Vietnamese government": a one-word generic body, lower case,
                // after a country word ("U.S." ends on its full stop).
                let mut last = w.spans[idx].last;
                if w.is_punct(last + 1, '.')
                    && w.tokens[last + 1].start == w.tokens[last].end
                    && w.word(last).is_some_and(|x| x.len() == 1)
                {
                    last += 1;
                }
                let class = w
                    .word(last + 1)
                    .filter(|_| w.owner[last + 1].is_none() && w.field == Field::Body)
                    .and_then(|x| self.single_word_class(x));
                if let Some(c) = class.filter(|_| !self.pack.countries[country].placeholder) {
                    w.spans[idx].kind = SpanKind::Class(c);
                    w.spans[idx].last = last + 1;
                    w.spans[idx].country = Some(country);
                    let first = w.spans[idx].first;
                    for o in &mut w.owner[first..=last + 1] {
                        *o = Some(idx);
                    }
                    continue;
                }
                // "Mexican Parliament", "Japanese Foreign Ministry": a body
                // every state has, named with its country. Not before a role,
                // where the country word belongs to the title.
                if let Some((ki, k)) = w.span_starting(last + 1) {
                    let body = matches!(k.kind, SpanKind::Class(_))
                        && w.tokens[k.first..=k.last]
                            .iter()
                            .any(|t| self.names.heads.contains(t.text(w.text)))
                        && !w
                            .span_starting(k.last + 1)
                            .is_some_and(|(_, r)| matches!(r.kind, SpanKind::Role { .. }));
                    if body && !self.pack.countries[country].placeholder {
                        let cf = w.spans[idx].first;
                        w.spans[idx].kind = SpanKind::Absorbed;
                        w.spans[ki].first = cf;
                        w.spans[ki].country = Some(country);
                        for o in &mut w.owner[cf..=last] {
                            *o = Some(ki);
                        }
                    }
                }
                continue;
            }
            if !matches!(kind, SpanKind::Org { .. }) || first == 0 {
                continue;
            }
            if self.central_committee_of(w, idx) {
                continue;
            }
            // "U.S. Department of Energy": the full stop of "U.S." between.
            let stop = w.is_punct(first - 1, '.')
                && first >= 2
                && w.tokens[first - 1].start == w.tokens[first - 2].end
                && w.word(first - 2).is_some_and(|x| x.len() == 1);
            let before = if stop { first - 2 } else { first - 1 };
            if let Some((ci, c)) = w.span_at(before) {
                if matches!(
                    c.kind,
                    SpanKind::Country {
                        adjective: false,
                        ..
                    }
                ) && c.last == before
                    && w.word(c.first)
                        .is_some_and(|x| x.chars().all(|ch| ch.is_ascii_uppercase()))
                {
                    let cf = c.first;
                    w.spans[ci].kind = SpanKind::Absorbed;
                    w.spans[idx].first = cf;
                    for o in &mut w.owner[cf..first] {
                        *o = Some(idx);
                    }
                }
            }
        }
    }

    /// "the C.C., the Workers' Party of Bangladesh", "the C.C., Communist
    /// Party of China": the central committee of the body named after it,
    /// the pack's if it lists it. Takes the body's span `idx` to the "C.C."
    /// before it; returns whether it did.
    fn central_committee_of(&self, w: &mut FieldWork<'_>, idx: usize) -> bool {
        let (first, kind) = (w.spans[idx].first, w.spans[idx].kind.clone());
        let SpanKind::Org { org, name } = kind else {
            return false;
        };
        let article = usize::from(first > 0 && w.is_word(first - 1, "the"));
        let Some(c) = first.checked_sub(5 + article).filter(|&c| {
            w.is_word(c, "C")
                && w.is_punct(c + 1, '.')
                && w.is_word(c + 2, "C")
                && w.is_punct(c + 3, '.')
                && w.is_punct(c + 4, ',')
                && w.owner[c..first].iter().all(Option::is_none)
        }) else {
            return false;
        };
        // The party as written first ("C.C., CPV" is Viet Nam's, whatever
        // else "CPV" stands for), then by its names.
        let (_, _, written) = w.surface(first, w.spans[idx].last);
        let known = self
            .body_of("Central Committee", written)
            .or_else(|| self.body_of_known("Central Committee", org?));
        w.spans[idx].kind = match known {
            Some(k) => SpanKind::Org {
                org: Some(k),
                name: self.pack.organizations[k].name.clone(),
            },
            None => SpanKind::Org {
                org: None,
                name: format!("Central Committee of the {name}"),
            },
        };
        w.spans[idx].first = c;
        for o in &mut w.owner[c..first] {
            *o = Some(idx);
        }
        true
    }

    /// Whether the span ending at token `end` closes a capitalised title
    /// ("President", "Foreign Minister", "Vice-Minister of Foreign Affairs").
    fn chain_has_role(&self, w: &FieldWork<'_>, end: usize) -> bool {
        let Some((_, s)) = w.span_at(end) else {
            return false;
        };
        let cap = |i: usize| w.word(i).is_some_and(|x| x.starts_with(char::is_uppercase));
        match s.kind {
            SpanKind::Role { role, .. } => {
                cap(s.first) && self.pack.roles[role].kind == "post" || cap(s.first)
            }
            SpanKind::TitleForm { .. } => cap(s.first),
            SpanKind::Org { .. } | SpanKind::Class(_) | SpanKind::Country { .. } => {
                // "Minister of Foreign Affairs" + name: walk back over "of".
                let mut j = s.first;
                while j > 0 {
                    let p = j - 1;
                    if w.is_word(p, "the") || w.is_word(p, "of") {
                        j = p;
                        continue;
                    }
                    break;
                }
                if j == s.first || j == 0 {
                    return false;
                }
                match w.span_at(j - 1) {
                    Some((_, r)) => {
                        matches!(r.kind, SpanKind::Role { plural: false, .. }) && cap(r.first)
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }

    fn org_name(
        &self,
        org: &OrgRef,
        country: Option<&str>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        match org {
            OrgRef::None => (None, None, country.map(str::to_owned)),
            OrgRef::Known(o) => {
                let o = &self.pack.organizations[*o];
                (
                    Some(o.name.clone()),
                    Some(o.id.clone()),
                    Some(o.country.clone()),
                )
            }
            OrgRef::Class(c) => {
                let known = country.and_then(|k| self.class_country.get(&(*c, k.to_owned())));
                match known {
                    Some(o) => {
                        let o = &self.pack.organizations[*o];
                        (
                            Some(o.name.clone()),
                            Some(o.id.clone()),
                            Some(o.country.clone()),
                        )
                    }
                    None => {
                        // "government of Vietnam": the generic name and the country.
                        let alias = self.pack.org_classes[*c].aliases.first();
                        let place = country
                            .and_then(|k| self.pack.countries.iter().find(|x| x.id == k))
                            .filter(|x| !x.placeholder)
                            .map(|x| x.aliases.first().unwrap_or(&x.name));
                        let name = match (alias, place) {
                            (Some(a), Some(p)) => Some(format!("{a} of {p}")),
                            (a, _) => a.cloned(),
                        };
                        (name, None, country.map(str::to_owned))
                    }
                }
            }
            OrgRef::Named(n) => (Some(n.clone()), None, country.map(str::to_owned)),
        }
    }

    fn mention(&self, w: &FieldWork<'_>, span: &Span, doc: &DocInput<'_>) -> Option<Mention> {
        let (start, end, surface) = w.surface(span.first, span.last);
        let (entity, name, kind, known, country) = match &span.kind {
            SpanKind::Person {
                person: Some(p),
                name,
            } => {
                let p = &self.pack.people[*p];
                (
                    p.id.clone(),
                    name.clone(),
                    EntityType::Person,
                    true,
                    Some(p.country.clone()),
                )
            }
            SpanKind::Person { person: None, name } => (
                format!("person:{}", slug(name)),
                name.clone(),
                EntityType::Person,
                false,
                None,
            ),
            // "minister of National Defence": without its head word ("Ministry")
            // the body is named only as part of the title.
            SpanKind::Org { .. }
                if span.first >= 2
                    && w.is_word(span.first - 1, "of")
                    && w.span_at(span.first - 2)
                        .is_some_and(|(_, r)| matches!(r.kind, SpanKind::Role { .. }))
                    && !w.tokens[span.first..=span.last].iter().any(|t| {
                        self.names.heads.contains(t.text(w.text))
                            || t.text(w.text).chars().all(|c| c.is_ascii_uppercase())
                    }) =>
            {
                return None
            }
            SpanKind::Org { org: Some(o), name } => {
                let o = &self.pack.organizations[*o];
                (
                    o.id.clone(),
                    name.clone(),
                    EntityType::Organization,
                    true,
                    Some(o.country.clone()),
                )
            }
            SpanKind::Org { org: None, name } => (
                format!("org:{}", slug(name)),
                name.clone(),
                EntityType::Organization,
                false,
                span.country.map(|k| self.pack.countries[k].id.clone()),
            ),
            // A generic name without a head word ("Foreign Affairs") serves
            // titles only: on its own it names no body.
            SpanKind::Class(_)
                if span.country.is_none()
                    && !w.tokens[span.first..=span.last]
                        .iter()
                        .any(|t| self.names.heads.contains(t.text(w.text))) =>
            {
                return None
            }
            SpanKind::Class(c) => {
                let country = match span.country {
                    Some(k) => Some(self.pack.countries[k].id.clone()),
                    None => self.context_country(w, span.first, doc),
                };
                let (name, id, country) = self.org_name(&OrgRef::Class(*c), country.as_deref());
                let name = name.unwrap_or_else(|| surface.to_owned());
                let known = id.is_some();
                (
                    id.unwrap_or_else(|| format!("org:{}", slug(&name))),
                    name,
                    EntityType::Organization,
                    known,
                    country,
                )
            }
            SpanKind::Country { country, .. } => {
                let c = &self.pack.countries[*country];
                (
                    c.id.clone(),
                    c.name.clone(),
                    EntityType::Country,
                    true,
                    Some(c.id.clone()),
                )
            }
            SpanKind::Role { role, .. } => {
                let r = &self.pack.roles[*role];
                (
                    format!("role:{}", r.id),
                    r.name.clone(),
                    EntityType::Post,
                    true,
                    None,
                )
            }
            SpanKind::TitleForm { form, .. } => {
                let f = &self.pack.title_forms[*form];
                (
                    format!("role:{}", f.role),
                    f.form.clone(),
                    EntityType::Post,
                    true,
                    None,
                )
            }
            SpanKind::Meeting(m) => {
                let m = &self.pack.meeting_kinds[*m];
                (
                    format!("meeting:{}", m.id),
                    m.name.clone(),
                    EntityType::Meeting,
                    true,
                    None,
                )
            }
            SpanKind::Event(e) => {
                let e = &self.pack.event_kinds[*e];
                (
                    format!("event:{}", e.id),
                    e.name.clone(),
                    EntityType::Event,
                    true,
                    None,
                )
            }
            SpanKind::Formulation(_) | SpanKind::Absorbed => return None,
        };
        Some(Mention {
            entity,
            name,
            kind,
            surface: surface.to_owned(),
            field: w.field,
            start,
            end,
            sentence: w.sentence_of(start),
            known,
            country,
        })
    }

    /// The country a generic title or body belongs to: an adjective or country
    /// name just before it, else the outlet's country.
    fn context_country(
        &self,
        w: &FieldWork<'_>,
        first: usize,
        doc: &DocInput<'_>,
    ) -> Option<String> {
        let mut j = first;
        for _ in 0..3 {
            if j == 0 {
                break;
            }
            j -= 1;
            if let Some((_, s)) = w.span_at(j) {
                if let SpanKind::Country { country, .. } = s.kind {
                    return Some(self.pack.countries[country].id.clone());
                }
                if !matches!(s.kind, SpanKind::Role { .. }) {
                    break;
                }
                j = s.first;
            } else if !w.is_word(j, "the") && !w.is_punct(j, '\'') && !w.is_word(j, "s") {
                if w.word(j).is_some_and(|x| {
                    x.starts_with(char::is_uppercase)
                        && (x.ends_with("an")
                            || x.ends_with("ese")
                            || x.ends_with("ish")
                            || x.ends_with('i'))
                }) {
                    return Some("other".to_owned());
                }
                break;
            }
        }
        doc.outlet_country.map(str::to_owned)
    }

    /// The country of a title: stated, else the person's (a known person's
    /// country; a foreign-looking name is "other"), else the outlet's.
    fn title_country(
        &self,
        w: &FieldWork<'_>,
        t: &ParsedTitle,
        person_span: usize,
        known: Option<usize>,
        doc: &DocInput<'_>,
    ) -> Option<String> {
        if let Some(c) = &t.country {
            return Some(c.clone());
        }
        let stated = self.context_country(w, t.first, doc);
        if stated.as_deref() != doc.outlet_country {
            return stated;
        }
        if let Some(p) = known {
            return Some(self.pack.people[p].country.clone());
        }
        let korean = w
            .word(w.spans[person_span].first)
            .is_some_and(|x| self.names.is_family(x));
        if korean {
            stated
        } else {
            Some("other".to_owned())
        }
    }

    /// Parses one title starting at token `i`.
    fn parse_title(&self, w: &FieldWork<'_>, i: usize) -> Option<ParsedTitle> {
        let mut pos = w.skip_the(i);
        let first = pos;
        let mut country = None;
        let mut org = OrgRef::None;
        if let Some((_, s)) = w.span_starting(pos) {
            if let SpanKind::Country { country: c, .. } = s.kind {
                country = Some(self.pack.countries[c].id.clone());
                pos = s.last + 1;
                if w.is_punct(pos, '.') {
                    pos += 1;
                }
            }
        }
        // "alternate Politburo members": a modifier before the body, making the
        // role another one of the pack's ("alternate member").
        let mut modifier = None;
        if let Some(x) = w.word(pos).filter(|_| w.owner[pos].is_none()) {
            if x.starts_with(|c: char| c.is_lowercase())
                && w.span_starting(pos + 1)
                    .is_some_and(|(_, s)| matches!(s.kind, SpanKind::Org { .. }))
            {
                modifier = Some(x);
                pos += 1;
            }
        }
        // "WPK Central Committee secretary": the body before the role.
        if let Some((_, s)) = w.span_starting(pos) {
            match &s.kind {
                SpanKind::Org { org: Some(o), .. }
                    if w.span_starting(s.last + 1)
                        .is_some_and(|(_, r)| matches!(r.kind, SpanKind::Role { .. })) =>
                {
                    org = OrgRef::Known(*o);
                    pos = s.last + 1;
                }
                SpanKind::Class(c)
                    if w.span_starting(s.last + 1)
                        .is_some_and(|(_, r)| matches!(r.kind, SpanKind::Role { .. })) =>
                {
                    org = OrgRef::Class(*c);
                    if let Some(k) = s.country {
                        country.get_or_insert_with(|| self.pack.countries[k].id.clone());
                    }
                    pos = s.last + 1;
                }
                _ => {}
            }
        }
        let (_, s) = w.span_starting(pos)?;
        let (role, plural) = match s.kind {
            SpanKind::Role { role, plural } => match modifier {
                None => (role, plural),
                Some(m) => {
                    let r = &self.pack.roles[role];
                    let wanted = format!("{m} {}", r.name);
                    let composed = self.pack.roles.iter().position(|x| {
                        x.name == wanted || x.forms.iter().any(|f| f.eq_ignore_ascii_case(&wanted))
                    })?;
                    (composed, plural)
                }
            },
            SpanKind::TitleForm { form, plural } => {
                let f = &self.pack.title_forms[form];
                let role = *self.role_by_id.get(&f.role)?;
                if let Some(o) = self.org_by_id.get(&f.organization) {
                    org = OrgRef::Known(*o);
                } else if let Some(c) = self.class_by_id.get(&f.organization) {
                    org = OrgRef::Class(*c);
                }
                (role, plural)
            }
            _ => return None,
        };
        let mut last = s.last;
        // "of the C.C., WPK", "to Russia", "of Physical Culture and Sports".
        let prep = last + 1;
        if org == OrgRef::None
            && ["of", "to", "at", "in", "for"]
                .iter()
                .any(|p| w.is_word(prep, p))
        {
            let at = w.skip_the(prep + 1);
            if let Some((_, s)) = w.span_starting(at) {
                match &s.kind {
                    SpanKind::Org { org: Some(o), .. } => {
                        org = OrgRef::Known(*o);
                        last = s.last;
                    }
                    SpanKind::Org { org: None, name } => {
                        org = OrgRef::Named(name.clone());
                        if let Some(k) = s.country {
                            country.get_or_insert_with(|| self.pack.countries[k].id.clone());
                        }
                        last = s.last;
                    }
                    SpanKind::Class(c) => {
                        org = OrgRef::Class(*c);
                        last = s.last;
                    }
                    // "Chinese ambassador to the DPRK": the host country is
                    // not the post's.
                    SpanKind::Country { .. }
                        if self.pack.roles[role].abroad
                            && (w.is_word(prep, "to") || w.is_word(prep, "in")) =>
                    {
                        last = s.last;
                    }
                    SpanKind::Country { country: c, .. } => {
                        country = Some(self.pack.countries[*c].id.clone());
                        last = s.last;
                    }
                    _ => {}
                }
                // "of the Presidium of the SPA": the first body is the most specific;
                // a country after it ("of the DPRK") gives the country.
                if last != s.first.saturating_sub(1) {
                    let mut k = last + 1;
                    while w.is_word(k, "of") || w.is_punct(k, ',') {
                        let at = w.skip_the(k + 1);
                        match w.span_starting(at) {
                            Some((_, s2))
                                if matches!(
                                    s2.kind,
                                    SpanKind::Org { .. }
                                        | SpanKind::Country {
                                            adjective: false,
                                            ..
                                        }
                                ) =>
                            {
                                if let SpanKind::Country { country: c, .. } = s2.kind {
                                    country = Some(self.pack.countries[c].id.clone());
                                }
                                last = s2.last;
                                k = last + 1;
                            }
                            _ => break,
                        }
                    }
                }
            } else if w.word(at).is_some_and(|x| self.names.name_word(x))
                && !w.word(at + 1).is_some_and(|x| self.names.name_word(x))
                && !w.is_word(at + 1, "and")
                && !w.is_punct(at + 1, '-')
            {
                // "president of Namibia": one capitalised word that names no
                // body is a country the pack does not list.
                country = Some("other".to_owned());
                last = at;
            } else if w.word(at).is_some_and(|x| self.names.name_word(x)) {
                // An unlisted body: "minister of Physical Culture and Sports".
                let mut k = at;
                while w.owner.get(k).is_some_and(Option::is_none)
                    && (w.word(k).is_some_and(|x| self.names.name_word(x))
                        || (w.is_word(k, "and")
                            && w.word(k + 1).is_some_and(|x| self.names.name_word(x))))
                {
                    k += 1;
                }
                if k > at {
                    let (_, _, surface) = w.surface(at, k - 1);
                    let r = &self.pack.roles[role].name;
                    let name = if r.contains("minister") {
                        format!("Ministry of {surface}")
                    } else {
                        surface.to_owned()
                    };
                    org = OrgRef::Named(name);
                    last = k - 1;
                }
            }
        }
        Some(ParsedTitle {
            role,
            plural,
            org,
            country,
            first,
            last,
        })
    }

    /// Titles after "," and joined by "and" or ",".
    fn parse_title_list(&self, w: &FieldWork<'_>, i: usize) -> Vec<ParsedTitle> {
        let mut out: Vec<ParsedTitle> = Vec::new();
        let mut pos = i;
        while let Some(t) = self.parse_title(w, pos) {
            pos = t.last + 1;
            out.push(t);
            if (is_and(w, pos) || w.is_punct(pos, ',')) && self.parse_title(w, pos + 1).is_some() {
                pos += 1;
                continue;
            }
            break;
        }
        // "secretary and department director of the C.C.": an earlier title
        // without a body shares the body of the next.
        // Only a body stated with "of" shares: in "first deputy prime minister
        // and foreign minister" the second title's body is its own.
        let stated = |t: &ParsedTitle| (t.first..=t.last).any(|k| w.is_word(k, "of"));
        for k in (0..out.len().saturating_sub(1)).rev() {
            // A title with its own "of" ("president of the Lao People's
            // Democratic Republic", a country) keeps to it.
            if out[k].org == OrgRef::None
                && !stated(&out[k])
                && out[k + 1].org != OrgRef::None
                && stated(&out[k + 1])
            {
                out[k].org = out[k + 1].org.clone();
                if out[k].country.is_none() {
                    out[k].country = out[k + 1].country.clone();
                }
            }
        }
        out
    }

    /// A title just before a name: "Vice-Minister of Foreign Affairs Kim Son
    /// Gyong", "Russian Foreign Minister Sergei Lavrov", "General Secretary Kim Jong Il".
    fn prefix_title(
        &self,
        w: &FieldWork<'_>,
        person_first: usize,
        list: bool,
    ) -> Option<ParsedTitle> {
        if person_first == 0 {
            return None;
        }
        let end = person_first - 1;
        let (_, s) = w.span_at(end)?;
        if s.last != end {
            return None;
        }
        let cap = |i: usize| w.word(i).is_some_and(|x| x.starts_with(char::is_uppercase));
        let start = match s.kind {
            SpanKind::Role { plural, .. } | SpanKind::TitleForm { plural, .. }
                if !plural || list =>
            {
                // "KPA General", "Korean People's Army Vice Marshal": the body before the rank.
                match s.first.checked_sub(1).and_then(|p| w.span_at(p)) {
                    Some((_, o))
                        if o.last + 1 == s.first
                            && matches!(o.kind, SpanKind::Org { org: Some(_), .. }) =>
                    {
                        o.first
                    }
                    _ => s.first,
                }
            }
            SpanKind::Org { .. }
            | SpanKind::Class(_)
            | SpanKind::Country {
                adjective: false, ..
            } => {
                let mut j = s.first;
                while j > 0
                    && ["the", "of", "to", "in"]
                        .iter()
                        .any(|x| w.is_word(j - 1, x))
                {
                    j -= 1;
                }
                let (_, r) = w.span_at(j.checked_sub(1)?)?;
                let SpanKind::Role {
                    plural: false,
                    role,
                } = r.kind
                else {
                    return None;
                };
                // "ambassador to the DPRK", "consul general in Vladivostok".
                let host = (r.last + 1..s.first).any(|k| w.is_word(k, "to") || w.is_word(k, "in"));
                if host && !self.pack.roles[role].abroad {
                    return None;
                }
                r.first
            }
            _ => return None,
        };
        if !cap(start) {
            return None;
        }
        let start_is_org = w
            .span_starting(start)
            .is_some_and(|(_, o)| matches!(o.kind, SpanKind::Org { .. }));
        // A country adjective before the title belongs to it ("U.S. President").
        let mut first = start;
        let before = match start.checked_sub(1) {
            Some(p) if w.is_punct(p, '.') => p.checked_sub(1),
            other => other,
        };
        if let Some((_, c)) = before.and_then(|p| w.span_at(p)).filter(|_| !start_is_org) {
            if matches!(c.kind, SpanKind::Country { .. }) {
                first = c.first;
            }
        }
        let mut t = self.parse_title(w, first)?;
        if t.last != end {
            // The parse ran past the name or stopped short: keep the role alone.
            t.last = end;
        }
        Some(t)
    }

    /// A title given with "as" a few words after a name, in the same clause:
    /// "Kim Jong Il's election as chairman of the NDC", "elected Kim Jong Un
    /// as first secretary", "held Kim Jong Il in high esteem as eternal general secretary".
    fn title_after_as(&self, w: &FieldWork<'_>, from: usize) -> Option<ParsedTitle> {
        const BRIDGE: &[&str] = &[
            "s",
            "election",
            "re",
            "reelection",
            "appointment",
            "in",
            "high",
            "esteem",
            "was",
            "is",
            "be",
            "to",
            "been",
            "held",
            "elected",
            "appointed",
            "recommended",
            "nominated",
            "named",
            "newly",
            "upon",
            "his",
            "her",
        ];
        const BEFORE_TITLE: &[&str] = &[
            "its", "the", "their", "our", "a", "eternal", "new", "his", "her",
        ];
        for i in from..from + 8 {
            let t = w.tokens.get(i)?;
            // "as chairman", "elected X to be vice-chairman".
            if w.is_word(i, "as") || (w.is_word(i, "be") && i > 0 && w.is_word(i - 1, "to")) {
                let mut j = i + 1;
                // Skipped unless a title starts there ("eternal general secretary").
                while w
                    .word(j)
                    .is_some_and(|x| BEFORE_TITLE.contains(&x.to_ascii_lowercase().as_str()))
                    && w.span_starting(j).is_none()
                {
                    j += 1;
                }
                return self.parse_title(w, j).filter(|t| !t.plural);
            }
            let ok = match t.kind {
                token::Kind::Word => {
                    BRIDGE.contains(&t.text(w.text).to_ascii_lowercase().as_str())
                        && w.owner[i].is_none()
                }
                token::Kind::Punct('\'') | token::Kind::Punct('-') => true,
                _ => false,
            };
            if !ok {
                return None;
            }
        }
        None
    }

    fn titles(
        &self,
        w: &FieldWork<'_>,
        doc: &DocInput<'_>,
        mention_of_span: &HashMap<usize, usize>,
        out: &mut Extraction,
    ) {
        // In text order: spans are made pass by pass (known names first), and a
        // list is read left to right.
        let mut persons: Vec<usize> = (0..w.spans.len())
            .filter(|i| matches!(w.spans[*i].kind, SpanKind::Person { .. }))
            .collect();
        persons.sort_by_key(|&i| w.spans[i].first);
        let mut k = 0;
        while k < persons.len() {
            // A list of names joined by "," and "and".
            let mut group = vec![persons[k]];
            let mut next = k + 1;
            while next < persons.len() {
                let prev = &w.spans[*group.last().unwrap_or(&persons[k])];
                let cur = &w.spans[persons[next]];
                let gap = prev.last + 1;
                let joined = (w.is_punct(gap, ',') || is_and(w, gap)) && cur.first == gap + 1
                    || w.is_punct(gap, ',') && is_and(w, gap + 1) && cur.first == gap + 2;
                if !joined {
                    break;
                }
                group.push(persons[next]);
                next += 1;
            }
            // "Secretary Kim Ki Nam of the WPK Central Committee": the body
            // after the list completes the titles before its names.
            let after = w.spans[*group.last().unwrap_or(&persons[k])].last + 1;
            let org_at = |i: usize| {
                w.span_starting(w.skip_the(i))
                    .and_then(|(_, s)| match &s.kind {
                        SpanKind::Org { org: Some(o), .. } => Some(OrgRef::Known(*o)),
                        SpanKind::Org { org: None, name } => Some(OrgRef::Named(name.clone())),
                        _ => None,
                    })
            };
            let trailing_org = if w.is_word(after, "of") {
                org_at(after + 1)
            } else if w.is_word(after, "who") && group.len() > 1 {
                // "Secretaries A, B and C who are alternate Politburo members
                // of the WPK Central Committee": the body closing the clause.
                (after + 1..w.tokens.len())
                    .take_while(|&k| !(w.is_punct(k, ';') || w.is_punct(k, '.')))
                    .find_map(|k| {
                        w.is_word(k, "of")
                            .then(|| org_at(k + 1))
                            .flatten()
                            .filter(|_| !w.is_punct(k - 1, ','))
                    })
            } else {
                None
            };
            let mut shared: Option<ParsedTitle> = None;
            for p in &group {
                let own = self.prefix_title(w, w.spans[*p].first, group.len() > 1);
                if let Some(t) = own.as_ref().filter(|t| t.plural) {
                    shared = Some(t.clone());
                }
                if let Some(mut t) = own.or_else(|| shared.clone()) {
                    if t.org == OrgRef::None {
                        if let Some(o) = &trailing_org {
                            t.org = o.clone();
                        } else if let Some((o, country)) = self.leading_body(w, &t) {
                            t.org = o;
                            if t.country.is_none() {
                                t.country = country;
                            }
                        }
                    }
                    self.attach(w, doc, *p, &t, mention_of_span, out);
                }
                // "Supreme Commander Marshal Kim Jong Un": titles before titles.
                let mut before = w.spans[*p].first;
                while let Some(t) = self.prefix_title(w, before, false) {
                    if t.first >= before {
                        break;
                    }
                    if before != w.spans[*p].first {
                        self.attach(w, doc, *p, &t, mention_of_span, out);
                    }
                    before = t.first;
                }
                // "X's election as chairman", "elected X as", "X ... in high esteem as".
                if let Some(t) = self.title_after_as(w, w.spans[*p].last + 1) {
                    self.attach(w, doc, *p, &t, mention_of_span, out);
                }
            }
            // "..., who are alternate Politburo members", "X who is also chairman of ...".
            let tail = w.spans[*group.last().unwrap_or(&persons[k])].last + 1;
            let mut at = if w.is_punct(tail, ',') {
                tail + 1
            } else {
                tail
            };
            if w.is_word(at, "who") && (w.is_word(at + 1, "is") || w.is_word(at + 1, "are")) {
                at += 2;
                if w.is_word(at, "also") {
                    at += 1;
                }
                while w.word(at).is_some_and(|x| ["the", "a", "an"].contains(&x)) {
                    at += 1;
                }
                let titles = self.parse_title_list(w, at);
                if let Some(first) = titles.first() {
                    let targets: &[usize] = if first.plural && group.len() > 1 {
                        &group
                    } else {
                        &group[group.len() - 1..]
                    };
                    for p in targets {
                        for t in &titles {
                            self.attach(w, doc, *p, t, mention_of_span, out);
                        }
                    }
                }
            }
            let last = &w.spans[*group.last().unwrap_or(&persons[k])];
            if w.is_punct(last.last + 1, ',') {
                let mut titles = self.parse_title_list(w, last.last + 2);
                // "Martin Sajdik, outgoing Austrian ambassador": over a word
                // that leaves the post as it is ("former" does not).
                let at = w.skip_the(last.last + 2);
                if titles.is_empty() && w.word(at).is_some_and(|x| SAME_POST.contains(&x)) {
                    if let Some(after) = self.after_qualifier(w, at) {
                        titles = self.parse_title_list(w, after);
                        titles.retain(|t| !t.plural);
                    }
                }
                if let Some(first) = titles.first() {
                    let targets: &[usize] = if first.plural && group.len() > 1 {
                        &group
                    } else {
                        &group[group.len() - 1..]
                    };
                    for p in targets {
                        for t in &titles {
                            self.attach(w, doc, *p, t, mention_of_span, out);
                        }
                    }
                }
            }
            k = next;
        }
    }

    /// The body a bare post before a name belongs to when the sentence says
    /// whose it is: "the delegation of the Chinese People's Association ...
    /// led by its Vice-President Li Wuwei", "a delegation of the Foreign
    /// Languages Publishing House headed by Vice Director Ri Min Chon": the
    /// nearest body named earlier in the sentence.
    fn leading_body(&self, w: &FieldWork<'_>, t: &ParsedTitle) -> Option<(OrgRef, Option<String>)> {
        if self.pack.roles[t.role].kind != "post" || t.first < 3 {
            return None;
        }
        let body = |s: &Span| match &s.kind {
            SpanKind::Org { org: Some(o), .. } => Some((
                OrgRef::Known(*o),
                Some(self.pack.organizations[*o].country.clone()),
            )),
            SpanKind::Org { org: None, name } => Some((
                OrgRef::Named(name.clone()),
                s.country.map(|k| self.pack.countries[k].id.clone()),
            )),
            _ => None,
        };
        let mut p = t.first - 1;
        // "The Arab League (AL)'s Secretary General": the body whose post it is.
        if w.is_word(p, "s") && w.is_punct(p - 1, '\'') {
            let mut q = p - 2;
            if w.is_punct(q, ')') && q >= 3 && w.is_punct(q - 2, '(') {
                q -= 3;
            }
            let (_, s) = w.span_at(q)?;
            return if s.last == q { body(s) } else { None };
        }
        if w.is_word(p, "its") {
            // "its": the nearest body named before, in the sentence.
            let (start, _) = w.sentence_of(w.tokens[t.first].start);
            return (0..p)
                .rev()
                .take_while(|&k| w.tokens[k].start >= start)
                .find_map(|k| w.span_at(k).and_then(|(_, s)| body(s)));
        }
        // "... Publishing House headed by", "... Institute delegation led by"
        // (pack lead cues and party nouns): the body just before.
        let end = w.tokens[p].end;
        let (cue_start, ..) = w
            .name_cues
            .iter()
            .find(|(_, e, cue)| *e == end && matches!(cue, NameCue::Person { lead: true }))?;
        p = w.token_at(*cue_start)?.checked_sub(1)?;
        if p > 0
            && w.word(p)
                .is_some_and(|x| self.pack.names.party_nouns.iter().any(|n| n == x))
        {
            p -= 1;
        }
        let (_, s) = w.span_at(p)?;
        if s.last != p {
            return None;
        }
        body(s)
    }

    fn attach(
        &self,
        w: &FieldWork<'_>,
        doc: &DocInput<'_>,
        person_span: usize,
        t: &ParsedTitle,
        mention_of_span: &HashMap<usize, usize>,
        out: &mut Extraction,
    ) {
        let Some(&mention) = mention_of_span.get(&person_span) else {
            return;
        };
        let (person_name, person_entity, known_person) = match &w.spans[person_span].kind {
            SpanKind::Person { person, name } => {
                (name.clone(), out.mentions[mention].entity.clone(), *person)
            }
            _ => return,
        };
        let role = &self.pack.roles[t.role];
        let ctx = self.title_country(w, t, person_span, known_person, doc);
        let mut org = t.org.clone();
        if org == OrgRef::None {
            if let Some(imp) = &role.implies {
                if let Some(o) = self.org_by_id.get(imp) {
                    if ctx
                        .as_deref()
                        .is_none_or(|c| c == self.pack.organizations[*o].country)
                    {
                        org = OrgRef::Known(*o);
                    }
                } else if let Some(c) = self.class_by_id.get(imp) {
                    // Only a body the pack knows in that country: "the
                    // government" of a country it does not list says nothing.
                    if ctx
                        .as_ref()
                        .is_some_and(|k| self.class_country.contains_key(&(*c, k.clone())))
                    {
                        org = OrgRef::Class(*c);
                    }
                }
            }
        }
        let (organization, organization_id, country) = self.org_name(&org, ctx.as_deref());
        let country = t.country.clone().or(country).or(ctx);
        let post = match &organization {
            Some(o) => format!("{} of the {}", role.name, o.trim_start_matches("the ")),
            None => role.name.clone(),
        };
        let (start, end, surface) = w.surface(t.first, t.last);
        let link = TitleLink {
            person: person_name,
            person_entity,
            mention,
            role: role.name.clone(),
            post,
            organization,
            organization_id,
            country,
            role_kind: role.kind.clone(),
            surface: surface.to_owned(),
            field: w.field,
            start,
            end,
            sentence: out.mentions[mention].sentence,
        };
        if !out.titles.iter().any(|x| {
            x.mention == link.mention && x.role == link.role && x.organization == link.organization
        }) {
            out.titles.push(link);
        }
    }

    fn meetings_and_events(
        &self,
        w: &FieldWork<'_>,
        doc: &DocInput<'_>,
        first_mention: usize,
        out: &mut Extraction,
    ) {
        for span in &w.spans {
            if !matches!(span.kind, SpanKind::Meeting(_) | SpanKind::Event(_)) {
                continue;
            }
            let (start, end, surface) = w.surface(span.first, span.last);
            let sentence = w.sentence_of(start);
            let sentence_text = &w.text[sentence.0..sentence.1];
            // The dateline's day is when the story was filed, not when it happened.
            let dated_text = if sentence.0 == 0 {
                readout_core::dateline::find(sentence_text)
                    .map_or(sentence_text, |d| &sentence_text[d.end..])
            } else {
                sentence_text
            };
            let when = dates::find(dated_text, doc.published);
            match span.kind {
                SpanKind::Meeting(m) => {
                    let kind = &self.pack.meeting_kinds[m];
                    // "the First Plenary Meeting of the 20th Central Committee
                    // of the Communist Party of China": a bare meeting name in
                    // a sentence about another country's bodies is theirs.
                    let body_org = self
                        .org_by_id
                        .get(&kind.body)
                        .map(|o| &self.pack.organizations[*o]);
                    let body_country = body_org.map(|o| o.country.clone());
                    let nearest_org = out.mentions[first_mention..]
                        .iter()
                        .filter(|x| x.sentence == sentence && x.kind == EntityType::Organization)
                        .min_by_key(|x| gap(x.start, x.end, (start, end)));
                    if nearest_org.is_some_and(|x| x.country.is_some() && x.country != body_country)
                    {
                        continue;
                    }
                    // "the plenary meeting of the Conference on Disarmament":
                    // a body named right after the meeting, neither the kind's
                    // body nor one it belongs to, is the one that met.
                    let named_after = out.mentions[first_mention..].iter().find(|x| {
                        x.sentence == sentence
                            && x.kind == EntityType::Organization
                            && x.start >= end
                            && x.start <= end + MEETING_OF_REACH
                            && w.text[end..x.start].trim_start().starts_with("of")
                    });
                    // An unknown body all of whose names are in the kind's
                    // body's name ("the 8th Central Committee") is that body.
                    let body_name = body_org.map(|o| o.name.to_lowercase()).unwrap_or_default();
                    let same_words = |surface: &str| {
                        surface
                            .split_whitespace()
                            .filter(|w| {
                                w.len() > 3 && w.chars().next().is_some_and(char::is_uppercase)
                            })
                            .all(|w| body_name.contains(&w.to_lowercase()))
                    };
                    if named_after.is_some_and(|x| {
                        !self.is_body_or_above(&kind.body, &x.entity)
                            && (x.known || !same_words(&x.surface))
                    }) {
                        continue;
                    }
                    let mut ordinal = None;
                    let mut enlarged = false;
                    let mut j = span.first;
                    for _ in 0..3 {
                        if j == 0 {
                            break;
                        }
                        j -= 1;
                        match w.word(j) {
                            Some(x) if x.eq_ignore_ascii_case("enlarged") => enlarged = true,
                            Some(x) => {
                                if let Some(n) = dates::ordinal(x) {
                                    ordinal = Some(n);
                                }
                                break;
                            }
                            None => break,
                        }
                    }
                    // "The enlarged meeting of the Tenth Plenary Meeting".
                    let lead_in = &w.text[sentence.0..start];
                    enlarged |= surface.to_lowercase().contains("enlarged")
                        || lead_in
                            .split_whitespace()
                            .rev()
                            .take(8)
                            .any(|x| x.eq_ignore_ascii_case("enlarged"));
                    let body = body_org.map(|o| o.name.clone()).unwrap_or_default();
                    let announced = self.cues.announce.find(lead_in).is_some();
                    let (mut from, mut to) = (when.from, when.to);
                    let mut date = when.date;
                    if announced && date.is_none() && from.is_none() {
                        if let Some((f, t)) =
                            dates::month_window(&w.text[start..sentence.1], doc.published)
                        {
                            (from, to) = (Some(f), Some(t));
                        }
                    } else if announced {
                        // "decided to convene ... on June 28": the day is the window.
                        from = from.or(date);
                        to = to.or(date);
                        date = None;
                    }
                    out.meetings.push(Meeting {
                        kind: kind.id.clone(),
                        ordinal,
                        enlarged,
                        body,
                        date,
                        from,
                        to,
                        agenda: Vec::new(),
                        announced,
                        surface: surface.to_owned(),
                        field: w.field,
                        start,
                        end,
                        sentence,
                    });
                }
                SpanKind::Event(e) => {
                    let kind = &self.pack.event_kinds[e];
                    let participants: Vec<String> = w
                        .spans
                        .iter()
                        .filter(|s| {
                            let st = w.tokens[s.first].start;
                            st >= sentence.0 && st < sentence.1
                        })
                        .filter_map(|s| match &s.kind {
                            SpanKind::Person { name, .. } => Some(name.clone()),
                            _ => None,
                        })
                        .collect();
                    let vacate = self.vacate[e].find(sentence_text);
                    // A halt or resumption is said just before what it stops
                    // ("decided to temporarily stop scattering waste paper"),
                    // not anywhere in the sentence ("... leaflets, and no
                    // measure was taken to stop it").
                    let rel_start = start - sentence.0;
                    let mut from = rel_start.saturating_sub(CUE_REACH);
                    while !sentence_text.is_char_boundary(from) {
                        from += 1;
                    }
                    let lead = &sentence_text[from..rel_start];
                    let phase = if self.cues.conditional.find(sentence_text).is_some() {
                        Some("conditional".to_owned())
                    } else if vacate.is_some() {
                        Some("vacate".to_owned())
                    } else if self.cues.halt.find(lead).is_some() {
                        Some("halt".to_owned())
                    } else if self.cues.resume.find(lead).is_some() {
                        Some("resume".to_owned())
                    } else {
                        None
                    };
                    // Who the event is about: for a removal, the people in
                    // the clause that says so ("A was released from ..., and
                    // B was appointed ..."); otherwise everyone in the sentence.
                    let clause = match (&phase, vacate) {
                        (Some(p), Some((at, _, ()))) if p == "vacate" => {
                            clause_around(sentence_text, at)
                        }
                        _ => (0, sentence_text.len()),
                    };
                    let clause = (sentence.0 + clause.0, sentence.0 + clause.1);
                    let mut people: Vec<String> = Vec::new();
                    for m in &out.mentions[first_mention..] {
                        if m.kind == EntityType::Person
                            && m.start >= clause.0
                            && m.end <= clause.1
                            && !people.contains(&m.entity)
                        {
                            people.push(m.entity.clone());
                        }
                    }
                    out.events.push(Event {
                        kind: kind.id.clone(),
                        date: when.date.or(when.from).or(doc.published),
                        dated: when.date.or(when.from).is_some(),
                        place: None,
                        participants,
                        people,
                        phase,
                        surface: surface.to_owned(),
                        field: w.field,
                        start,
                        end,
                        sentence,
                    });
                }
                _ => {}
            }
        }
    }
}

//! What extraction finds: mentions, titles, meetings, events and a spun-text score.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The text of a document to extract from, with what is known about where it came from.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// The outlet's country (a pack country id): the default country of an
    /// unqualified post ("minister of Foreign Affairs" in KCNA is the DPRK's).
    pub outlet_country: Option<&'a str>,
    /// The publication date: the reference for relative dates ("on Monday").
    pub published: Option<NaiveDate>,
}

/// Which field of the document a span is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Body,
}

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Organization,
    Country,
    Post,
    Meeting,
    Event,
}

/// A span of text that names something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Canonical id: a pack id when known ("kim-jong-un", "wpk-cc"), else a
    /// derived one ("person:song-rak-gyun").
    pub entity: String,
    /// Canonical name.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub surface: String,
    pub field: Field,
    /// Byte offsets in the field, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Byte range of the sentence holding the mention.
    pub sentence: (usize, usize),
    /// Whether the entity is one the pack knows.
    pub known: bool,
    /// The country of the entity where known (a pack country id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A title attached to a person mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleLink {
    /// Canonical name of the person.
    pub person: String,
    /// Canonical id of the person.
    pub person_entity: String,
    /// Index of the person's mention in [`Extraction::mentions`].
    pub mention: usize,
    /// The role, normalised ("vice department director").
    pub role: String,
    /// The normalised post: role and organisation ("secretary of the Central
    /// Committee of the Workers' Party of Korea").
    pub post: String,
    /// Canonical name of the organisation, when stated or implied.
    pub organization: Option<String>,
    pub organization_id: Option<String>,
    /// The country of the post (a pack country id), when known.
    pub country: Option<String>,
    /// "post" or "rank".
    pub role_kind: String,
    pub surface: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    /// Byte range of the sentence holding the title.
    #[serde(default)]
    pub sentence: (usize, usize),
}

/// A meeting reported in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// A pack meeting kind id.
    pub kind: String,
    /// "Tenth" plenary meeting: 10.
    pub ordinal: Option<u32>,
    /// "Enlarged" meetings.
    pub enlarged: bool,
    /// The body that met (canonical organisation name).
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Agenda topics, as pack topic ids or short phrases.
    pub agenda: Vec<String>,
    /// Called in advance ("decided to convene ... in late June"), not held:
    /// `from`/`to` are then the announced window.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub announced: bool,
    pub surface: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub sentence: (usize, usize),
}

/// An event reported in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// A pack event kind id.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Whether the sentence states the date (else it is the publication's).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Canonical names of the people and organisations taking part.
    pub participants: Vec<String>,
    /// Person entity ids the event is about: for a removal ("vacate"), those
    /// in the clause that says so; otherwise everyone in the sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// "halt" when the sentence stops the activity, "resume" when it starts
    /// it again, "vacate" when the people named leave their posts,
    /// "conditional" when the sentence only states a condition or threat
    /// ("if they resume ..."), from the pack's cues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    pub surface: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub sentence: (usize, usize),
}

/// A watched formulation used in the text, with whom it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulationUse {
    /// The pack formulation id ("alliance").
    pub formulation: String,
    /// Its canonical phrase.
    pub phrase: String,
    /// Countries (pack ids) and country-less organisations (entity ids)
    /// named in the same sentence: whom the formulation is about.
    pub counterparts: Vec<String>,
    pub surface: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub sentence: (usize, usize),
}

/// A tracked treaty named in the text, or one of its articles' subjects
/// stated in a sentence that names a party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreatyRef {
    /// The pack treaty id.
    pub treaty: String,
    /// The article whose keywords matched; none when the treaty is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<u32>,
    /// Countries (pack ids) named in the sentence.
    #[serde(default)]
    pub countries: Vec<String>,
    pub surface: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub sentence: (usize, usize),
}

/// How likely the text is a machine-paraphrased ("spun") copy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Spun {
    /// 0 (plainly written) to 1 (plainly spun).
    pub score: f64,
    pub likely: bool,
    /// The share of the body's words that are not ordinary English words:
    /// its lower-case words, and its capitalised English words of no known
    /// name when two or more of those are rare (0 for a body of fewer than
    /// 15). A spinner swaps ordinary words for rarer synonyms.
    #[serde(default)]
    pub rare_words: f64,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub titles: Vec<TitleLink>,
    pub meetings: Vec<Meeting>,
    pub events: Vec<Event>,
    #[serde(default)]
    pub formulations: Vec<FormulationUse>,
    #[serde(default)]
    pub treaties: Vec<TreatyRef>,
    pub spun: Spun,
}

//! Data packs: domain knowledge (countries, outlets, organisations, roles, people,
//! meeting and event kinds, formulations, treaties) as TOML, parsed and validated.
//!
//! A pack is a folder of TOML files; this module parses their text (reading the
//! folder is the caller's job) and checks references between them. Errors name
//! the file and the line.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::doc::Audience;

/// A country a pack knows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub id: String,
    pub name: String,
    /// Other names and abbreviations ("DPRK", "north Korea").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Words that mark something as this country's ("Russian", "south Korean").
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// A stand-in for bodies of no one country (the UN): never a counterpart.
    #[serde(default)]
    pub placeholder: bool,
    /// Whether a formulation can be about it (its counterpart). `false` for
    /// countries known only so that their bodies and posts are told apart:
    /// "peaceful reunification" near "Palestine" is not about Palestine.
    #[serde(default = "yes")]
    pub counterpart: bool,
}

fn yes() -> bool {
    true
}

/// A kind of body that many countries have ("foreign-ministry"): its generic
/// names are ambiguous until a country is known.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgClass {
    pub id: String,
    /// Generic names ("Ministry of Foreign Affairs", "Foreign Ministry").
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A named organisation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    /// Canonical name, no leading article.
    pub name: String,
    pub country: String,
    /// party, state, government, ministry, military, legislature, media,
    /// international, foreign-party, mass-organization, enterprise, other.
    pub kind: String,
    /// The body it belongs to (an organisation id).
    #[serde(default)]
    pub parent: Option<String>,
    /// The org class it is this country's instance of (an org class id).
    #[serde(default)]
    pub class: Option<String>,
    /// Other names, matched ignoring case and punctuation.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Acronyms, matched exactly as written ("WPK", "KPA").
    #[serde(default)]
    pub acronyms: Vec<String>,
    /// Capitalised words that name it alone after "the", in its own country's
    /// outlets ("the Party" in KCNA is the WPK).
    #[serde(default)]
    pub short_forms: Vec<String>,
}

/// A role a person can hold: a post ("vice-minister") or a military rank.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    /// Canonical name, lower case, singular ("vice department director").
    pub name: String,
    /// "post" or "rank".
    #[serde(default = "default_role_kind")]
    pub kind: String,
    /// Surface forms, singular ("vice-department director").
    #[serde(default)]
    pub forms: Vec<String>,
    /// Plural forms, for titles shared by a list of names ("secretaries").
    #[serde(default)]
    pub plural: Vec<String>,
    /// The organisation (or org class) the role implies when none is stated:
    /// "premier" implies the Cabinet.
    #[serde(default)]
    pub implies: Option<String>,
    /// Conferred after death ("eternal general secretary"): the one kind of
    /// new title a person out of office can still receive.
    #[serde(default)]
    pub posthumous: bool,
    /// Held in another country ("ambassador to China"): the post's country is
    /// the host's, so it may differ from its holder's.
    #[serde(default)]
    pub abroad: bool,
}

fn default_role_kind() -> String {
    "post".to_owned()
}

/// A whole title written as one phrase that names a role and a body together
/// ("Foreign Minister" is the minister of the foreign ministry).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleForm {
    pub form: String,
    #[serde(default)]
    pub plural: Vec<String>,
    pub role: String,
    /// An organisation id or an org class id.
    pub organization: String,
}

/// A post a known person held, with dates where known.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Held {
    pub role: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// Rules for recognising names and organisations the pack does not list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameRules {
    /// Korean family names as romanised ("Kim", "Ri", "Pak", "Park", "Lee").
    #[serde(default)]
    pub korean_family: Vec<String>,
    /// The parts of a romanised Korean syllable: onset, vowel, final. A given
    /// name is one to three syllables ("Jong Un", "Jong-un", "Son Hui").
    #[serde(default)]
    pub korean_onsets: Vec<String>,
    #[serde(default)]
    pub korean_vowels: Vec<String>,
    #[serde(default)]
    pub korean_finals: Vec<String>,
    /// Head words of organisation names ("Committee", "Union", "Ministry").
    #[serde(default)]
    pub org_heads: Vec<String>,
    /// Small words allowed inside a name ("of", "and", "for", "the").
    #[serde(default)]
    pub name_joiners: Vec<String>,
    /// Capitalised words that never start or end a name ("The", "Meanwhile").
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words that make a name a place ("Hall" in "Mansudae Assembly Hall").
    #[serde(default)]
    pub venues: Vec<String>,
    /// Head words that make a name a place unless another head word is in
    /// it or it holds one of `place_bodies` ("House": "Grand People's
    /// Study House" is a place, "Foreign Languages Publishing House" a body).
    #[serde(default)]
    pub place_heads: Vec<String>,
    #[serde(default)]
    pub place_bodies: Vec<String>,
    /// Head words of names that are not bodies: wars, declarations, days,
    /// prizes, seas ("Fatherland Liberation War", "Day of the Sun"). Where
    /// a body's head word cannot be trusted (a spun copy), a capitalised
    /// name headed by one of these is not read as a body.
    #[serde(default)]
    pub other_heads: Vec<String>,
    /// Nouns after which a capitalised run names a publication ("the Ugandan
    /// newspaper Sun Rise"); a plural one introduces a list of them.
    #[serde(default)]
    pub press_cues: Vec<String>,
    /// Phrases after which a capitalised run names a person ("led by",
    /// "his Mexican counterpart").
    #[serde(default)]
    pub person_cues: Vec<String>,
    /// Person cues that say the person heads the body named just before
    /// ("the Foreign Languages Publishing House headed by Vice Director X").
    #[serde(default)]
    pub lead_cues: Vec<String>,
    /// Nouns for a body's party between the body and a lead cue ("the ...
    /// Institute delegation led by").
    #[serde(default)]
    pub party_nouns: Vec<String>,
    /// Legal forms that end a company's name ("Co. Ltd.", "SDN. BHD."):
    /// the capitalised words before one name a company. Matched on words
    /// and punctuation, spaces aside ("SDN.BHD." is "SDN. BHD.").
    #[serde(default)]
    pub company_suffixes: Vec<String>,
}

/// Words that change what a reported event or meeting means: a halt
/// ("decided to temporarily stop scattering"), a resumption, a meeting
/// called in advance ("decided to convene ... in late June").
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// In an event's sentence: the activity is being stopped.
    #[serde(default)]
    pub halt: Vec<String>,
    /// In an event's sentence: the activity starts again.
    #[serde(default)]
    pub resume: Vec<String>,
    /// A sentence holding one of these states a condition or threat, not a
    /// halt or a resumption ("if they resume ...").
    #[serde(default)]
    pub conditional: Vec<String>,
    /// Before a meeting's name in its sentence: the meeting is called, not held.
    #[serde(default)]
    pub announce: Vec<String>,
}

/// A known person.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    /// Canonical name, as KCNA writes it for Koreans.
    pub name: String,
    pub country: String,
    /// Other spellings: hyphenated and south Korean forms, Russian transliterations.
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub held: Vec<Held>,
}

/// A kind of meeting ("plenary meeting of the C.C.").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingKind {
    pub id: String,
    pub name: String,
    /// The body that meets (an organisation id).
    pub body: String,
    /// Phrases that name this kind of meeting ("plenary meeting", "plenum").
    pub forms: Vec<String>,
}

/// A subject a meeting's agenda can cover ("military", "foreign policy").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaTopic {
    pub id: String,
    pub name: String,
    /// Phrases that put the topic on an agenda when a meeting's report holds them.
    pub keywords: Vec<String>,
    /// Event kinds that have followed meetings on this topic: the actions
    /// the precedent signal measures lags to ("missile-launch").
    #[serde(default)]
    pub actions: Vec<String>,
}

/// A kind of event ("missile launch", "summit").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventKind {
    pub id: String,
    pub name: String,
    /// Phrases that report such an event ("test-fired", "balloons").
    pub triggers: Vec<String>,
    /// A recurring activity: one whose pauses and resumptions are signals.
    #[serde(default)]
    pub recurring: bool,
    /// Worth naming when it falls in a pause of a recurring activity ("summit").
    #[serde(default)]
    pub notable: bool,
    /// Phrases that, in this event's sentence, say the people named leave
    /// their posts ("relieved of").
    #[serde(default)]
    pub vacate: Vec<String>,
}

/// A formulation analysts watch ("alliance").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formulation {
    pub id: String,
    pub phrase: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One article of a tracked treaty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub number: u32,
    /// military, political, economy, society, sanctions, final, procedural.
    pub subject: String,
    pub summary: String,
    /// Phrases whose presence suggests the article is being put into practice.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Where the mapping of number to subject comes from, and how sure it is.
    #[serde(default)]
    pub source: Option<String>,
}

/// A tracked treaty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub parties: Vec<String>,
    pub signed: String,
    #[serde(default)]
    pub in_force: Option<String>,
    #[serde(default)]
    pub article: Vec<Article>,
}

/// An outlet: where statements are published, and to whom it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    pub id: String,
    /// The canonical name, stored on every document from this outlet.
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub country: String,
    pub audience: Audience,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    country: Vec<toml::Spanned<Country>>,
    #[serde(default)]
    outlet: Vec<toml::Spanned<Outlet>>,
    #[serde(default)]
    org_class: Vec<toml::Spanned<OrgClass>>,
    #[serde(default)]
    organization: Vec<toml::Spanned<Organization>>,
    #[serde(default)]
    role: Vec<toml::Spanned<Role>>,
    #[serde(default)]
    title_form: Vec<toml::Spanned<TitleForm>>,
    #[serde(default)]
    person: Vec<toml::Spanned<Person>>,
    #[serde(default)]
    meeting_kind: Vec<toml::Spanned<MeetingKind>>,
    #[serde(default)]
    event_kind: Vec<toml::Spanned<EventKind>>,
    #[serde(default)]
    agenda_topic: Vec<toml::Spanned<AgendaTopic>>,
    #[serde(default)]
    formulation: Vec<toml::Spanned<Formulation>>,
    #[serde(default)]
    treaty: Vec<toml::Spanned<Treaty>>,
    #[serde(default)]
    names: Option<NameRules>,
    #[serde(default)]
    cues: Option<Cues>,
}

/// A loaded, validated pack (or several merged).
#[derive(Debug, Clone, Default)]
pub struct Pack {
    pub name: String,
    pub description: String,
    pub countries: Vec<Country>,
    pub outlets: Vec<Outlet>,
    pub org_classes: Vec<OrgClass>,
    pub organizations: Vec<Organization>,
    pub roles: Vec<Role>,
    pub title_forms: Vec<TitleForm>,
    pub people: Vec<Person>,
    pub meeting_kinds: Vec<MeetingKind>,
    pub event_kinds: Vec<EventKind>,
    pub agenda_topics: Vec<AgendaTopic>,
    pub formulations: Vec<Formulation>,
    pub treaties: Vec<Treaty>,
    pub names: NameRules,
    pub cues: Cues,
    /// BLAKE3 of the pack's files, names and texts: what was extracted with
    /// one fingerprint need not be extracted again until the pack changes.
    pub fingerprint: String,
    outlet_index: HashMap<String, usize>,
}

/// A pack file that does not parse or does not fit with the rest of the pack.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PackError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Where an entry was defined, for error messages.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    line: usize,
}

#[derive(Debug, Default)]
struct Places {
    org_classes: Vec<Place>,
    organizations: Vec<Place>,
    roles: Vec<Place>,
    title_forms: Vec<Place>,
    people: Vec<Place>,
    meeting_kinds: Vec<Place>,
    event_kinds: Vec<Place>,
    agenda_topics: Vec<Place>,
    formulations: Vec<Place>,
    treaties: Vec<Place>,
}

fn collect<T>(
    into: &mut Vec<T>,
    places: &mut Vec<Place>,
    items: Vec<toml::Spanned<T>>,
    at: impl Fn(std::ops::Range<usize>) -> Place,
) {
    for item in items {
        places.push(at(item.span()));
        into.push(item.into_inner());
    }
}

/// Checks ids are unique; returns the set of them.
fn unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    places: &[Place],
    what: &str,
) -> Result<HashSet<&'a str>, PackError> {
    let mut seen = HashSet::new();
    for (id, place) in ids.zip(places) {
        if !seen.insert(id) {
            return Err(PackError {
                file: place.file.clone(),
                line: place.line,
                message: format!("{what} id {id:?} is defined twice"),
            });
        }
    }
    Ok(seen)
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` to the first day it covers.
pub fn parse_partial_date(s: &str) -> Option<chrono::NaiveDate> {
    let parts: Vec<&str> = s.split('-').collect();
    let n = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 => chrono::NaiveDate::from_ymd_opt(n(y)? as i32, 1, 1),
        [y, m] if y.len() == 4 => chrono::NaiveDate::from_ymd_opt(n(y)? as i32, n(m)?, 1),
        [y, m, d] if y.len() == 4 => chrono::NaiveDate::from_ymd_opt(n(y)? as i32, n(m)?, n(d)?),
        _ => None,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// Folds an outlet name for lookup: case, spacing and punctuation do not matter.
fn outlet_key(name: &str) -> String {
    crate::normalize::words(name).collect::<Vec<_>>().join(" ")
}

impl Pack {
    /// Parses and validates the files of a pack, given as `(file name, text)`.
    pub fn parse(files: &[(&str, &str)]) -> Result<Pack, PackError> {
        let mut pack = Pack::default();
        let mut outlet_spans = Vec::new();
        let mut places = Places::default();
        let mut hasher = blake3::Hasher::new();
        for (file, text) in files {
            hasher.update(file.rsplit(['/', '\\']).next().unwrap_or(file).as_bytes());
            hasher.update(b"\0");
            hasher.update(text.as_bytes());
            hasher.update(b"\0");
        }
        pack.fingerprint = hasher.finalize().to_hex()[..16].to_owned();
        for (file, text) in files {
            let parsed: PackFile = toml::from_str(text).map_err(|e| PackError {
                file: file.to_string(),
                line: e.span().map_or(1, |s| line_of(text, s.start)),
                message: e.message().to_owned(),
            })?;
            if let Some(name) = parsed.name {
                pack.name = name;
            }
            if let Some(d) = parsed.description {
                pack.description = d;
            }
            for c in parsed.country {
                let line = line_of(text, c.span().start);
                let c = c.into_inner();
                if pack.countries.iter().any(|o| o.id == c.id) {
                    return Err(PackError {
                        file: file.to_string(),
                        line,
                        message: format!("country id {:?} is defined twice", c.id),
                    });
                }
                pack.countries.push(c);
            }
            for o in parsed.outlet {
                outlet_spans.push((file.to_string(), line_of(text, o.span().start)));
                pack.outlets.push(o.into_inner());
            }
            let at = |span: std::ops::Range<usize>| Place {
                file: file.to_string(),
                line: line_of(text, span.start),
            };
            collect(
                &mut pack.org_classes,
                &mut places.org_classes,
                parsed.org_class,
                at,
            );
            collect(
                &mut pack.organizations,
                &mut places.organizations,
                parsed.organization,
                at,
            );
            collect(&mut pack.roles, &mut places.roles, parsed.role, at);
            collect(
                &mut pack.title_forms,
                &mut places.title_forms,
                parsed.title_form,
                at,
            );
            collect(&mut pack.people, &mut places.people, parsed.person, at);
            collect(
                &mut pack.meeting_kinds,
                &mut places.meeting_kinds,
                parsed.meeting_kind,
                at,
            );
            collect(
                &mut pack.event_kinds,
                &mut places.event_kinds,
                parsed.event_kind,
                at,
            );
            collect(
                &mut pack.agenda_topics,
                &mut places.agenda_topics,
                parsed.agenda_topic,
                at,
            );
            collect(
                &mut pack.formulations,
                &mut places.formulations,
                parsed.formulation,
                at,
            );
            collect(&mut pack.treaties, &mut places.treaties, parsed.treaty, at);
            if let Some(n) = parsed.names {
                let into = &mut pack.names;
                into.korean_family.extend(n.korean_family);
                into.korean_onsets.extend(n.korean_onsets);
                into.korean_vowels.extend(n.korean_vowels);
                into.korean_finals.extend(n.korean_finals);
                into.org_heads.extend(n.org_heads);
                into.name_joiners.extend(n.name_joiners);
                into.not_names.extend(n.not_names);
                into.venues.extend(n.venues);
                into.place_heads.extend(n.place_heads);
                into.other_heads.extend(n.other_heads);
                into.place_bodies.extend(n.place_bodies);
                into.press_cues.extend(n.press_cues);
                into.person_cues.extend(n.person_cues);
                into.lead_cues.extend(n.lead_cues);
                into.party_nouns.extend(n.party_nouns);
                into.company_suffixes.extend(n.company_suffixes);
            }
            if let Some(c) = parsed.cues {
                pack.cues.halt.extend(c.halt);
                pack.cues.resume.extend(c.resume);
                pack.cues.announce.extend(c.announce);
                pack.cues.conditional.extend(c.conditional);
            }
        }
        pack.validate(&places)?;
        for (i, o) in pack.outlets.iter().enumerate() {
            let (file, line) = &outlet_spans[i];
            let err = |message: String| PackError {
                file: file.clone(),
                line: *line,
                message,
            };
            if !pack.countries.iter().any(|c| c.id == o.country) {
                return Err(err(format!(
                    "outlet {:?} names country {:?}, which no [[country]] defines",
                    o.id, o.country
                )));
            }
            for name in std::iter::once(&o.name).chain(&o.aliases) {
                if let Some(prev) = pack.outlet_index.insert(outlet_key(name), i) {
                    if prev != i {
                        return Err(err(format!(
                            "outlet name {name:?} is used by both {:?} and {:?}",
                            pack.outlets[prev].id, o.id
                        )));
                    }
                }
            }
        }
        Ok(pack)
    }

    /// Checks ids are unique and every reference names something defined.
    fn validate(&self, places: &Places) -> Result<(), PackError> {
        let countries: HashSet<&str> = self.countries.iter().map(|c| c.id.as_str()).collect();
        let classes: HashSet<&str> = unique(
            self.org_classes.iter().map(|c| c.id.as_str()),
            &places.org_classes,
            "org class",
        )?;
        let orgs: HashSet<&str> = unique(
            self.organizations.iter().map(|o| o.id.as_str()),
            &places.organizations,
            "organization",
        )?;
        let roles: HashSet<&str> = unique(
            self.roles.iter().map(|r| r.id.as_str()),
            &places.roles,
            "role",
        )?;
        unique(
            self.people.iter().map(|p| p.id.as_str()),
            &places.people,
            "person",
        )?;
        unique(
            self.meeting_kinds.iter().map(|m| m.id.as_str()),
            &places.meeting_kinds,
            "meeting kind",
        )?;
        unique(
            self.event_kinds.iter().map(|m| m.id.as_str()),
            &places.event_kinds,
            "event kind",
        )?;
        unique(
            self.formulations.iter().map(|m| m.id.as_str()),
            &places.formulations,
            "formulation",
        )?;
        unique(
            self.agenda_topics.iter().map(|m| m.id.as_str()),
            &places.agenda_topics,
            "agenda topic",
        )?;
        unique(
            self.treaties.iter().map(|m| m.id.as_str()),
            &places.treaties,
            "treaty",
        )?;
        let org_or_class = |s: &str| orgs.contains(s) || classes.contains(s);
        let check = |ok: bool, place: &Place, message: String| -> Result<(), PackError> {
            if ok {
                Ok(())
            } else {
                Err(PackError {
                    file: place.file.clone(),
                    line: place.line,
                    message,
                })
            }
        };
        for (o, place) in self.organizations.iter().zip(&places.organizations) {
            // "Name (ACR)" as one alias would match without its closing
            // parenthesis; the acronym belongs in `acronyms`.
            if let Some(bad) = std::iter::once(&o.name)
                .chain(&o.aliases)
                .find(|a| a.contains(['(', ')']))
            {
                check(
                    false,
                    place,
                    format!(
                        "organization {:?}: name {bad:?} has parentheses; give the \
                         name alone and its acronym in `acronyms`",
                        o.id
                    ),
                )?;
            }
            check(
                countries.contains(o.country.as_str()),
                place,
                format!(
                    "organization {:?} names country {:?}, which no [[country]] defines",
                    o.id, o.country
                ),
            )?;
            if let Some(p) = &o.parent {
                check(
                    orgs.contains(p.as_str()),
                    place,
                    format!(
                        "organization {:?} names parent {p:?}, which no [[organization]] defines",
                        o.id
                    ),
                )?;
            }
            if let Some(c) = &o.class {
                check(
                    classes.contains(c.as_str()),
                    place,
                    format!(
                        "organization {:?} names class {c:?}, which no [[org_class]] defines",
                        o.id
                    ),
                )?;
            }
        }
        for (r, place) in self.roles.iter().zip(&places.roles) {
            check(
                r.kind == "post" || r.kind == "rank",
                place,
                format!(
                    "role {:?} has kind {:?}: expected \"post\" or \"rank\"",
                    r.id, r.kind
                ),
            )?;
            if let Some(i) = &r.implies {
                check(org_or_class(i), place, format!("role {:?} implies {i:?}, which is neither an organization nor an org class", r.id))?;
            }
        }
        for (t, place) in self.title_forms.iter().zip(&places.title_forms) {
            check(
                roles.contains(t.role.as_str()),
                place,
                format!(
                    "title form {:?} names role {:?}, which no [[role]] defines",
                    t.form, t.role
                ),
            )?;
            check(
                org_or_class(&t.organization),
                place,
                format!(
                    "title form {:?} names {:?}, which is neither an organization nor an org class",
                    t.form, t.organization
                ),
            )?;
        }
        for (p, place) in self.people.iter().zip(&places.people) {
            check(
                countries.contains(p.country.as_str()),
                place,
                format!(
                    "person {:?} names country {:?}, which no [[country]] defines",
                    p.id, p.country
                ),
            )?;
            for h in &p.held {
                check(
                    roles.contains(h.role.as_str()),
                    place,
                    format!(
                        "person {:?} held role {:?}, which no [[role]] defines",
                        p.id, h.role
                    ),
                )?;
                if let Some(o) = &h.organization {
                    check(org_or_class(o), place, format!("person {:?} held a post in {o:?}, which is neither an organization nor an org class", p.id))?;
                }
                for d in [&h.from, &h.to].into_iter().flatten() {
                    check(
                        parse_partial_date(d).is_some(),
                        place,
                        format!(
                            "person {:?}: {d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                            p.id
                        ),
                    )?;
                }
            }
        }
        for (m, place) in self.meeting_kinds.iter().zip(&places.meeting_kinds) {
            check(
                orgs.contains(m.body.as_str()),
                place,
                format!(
                    "meeting kind {:?} names body {:?}, which no [[organization]] defines",
                    m.id, m.body
                ),
            )?;
        }
        for (t, place) in self.treaties.iter().zip(&places.treaties) {
            for party in &t.parties {
                check(
                    countries.contains(party.as_str()),
                    place,
                    format!(
                        "treaty {:?} names party {party:?}, which no [[country]] defines",
                        t.id
                    ),
                )?;
            }
            let mut numbers = HashSet::new();
            for a in &t.article {
                check(
                    numbers.insert(a.number),
                    place,
                    format!("treaty {:?} defines article {} twice", t.id, a.number),
                )?;
            }
        }
        Ok(())
    }

    /// The outlet with this name or alias (case and punctuation ignored).
    pub fn outlet(&self, name: &str) -> Option<&Outlet> {
        self.outlet_index
            .get(&outlet_key(name))
            .map(|i| &self.outlets[*i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "test"
[[country]]
id = "dprk"
name = "Democratic People's Republic of Korea"

[[outlet]]
id = "kcna"
name = "KCNA"
aliases = ["Korean Central News Agency"]
country = "dprk"
audience = "external"
"#;

    #[test]
    fn outlets_are_found_by_name_or_alias() {
        let p = Pack::parse(&[("pack.toml", GOOD)]).unwrap();
        assert_eq!(p.outlet("korean central news agency").unwrap().name, "KCNA");
        assert_eq!(p.outlet("KCNA").unwrap().audience, Audience::External);
        assert!(p.outlet("TASS").is_none());
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = GOOD.replace("audience = \"external\"", "audience = \"everyone\"");
        let e = Pack::parse(&[("outlets.toml", &bad)]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("outlets.toml", 12));
        assert!(e.message.contains("everyone"), "{}", e.message);

        let dangling = GOOD.replace("country = \"dprk\"", "country = \"rok\"");
        let e = Pack::parse(&[("outlets.toml", &dangling)]).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.message.contains("\"rok\""));

        let unknown_key = GOOD.replace("name = \"KCNA\"", "name = \"KCNA\"\ncolour = \"red\"");
        let e = Pack::parse(&[("outlets.toml", &unknown_key)]).unwrap_err();
        assert!(e.message.contains("colour"), "{}", e.message);

        // "Name (ACR)" as an alias would match without its closing parenthesis.
        let org = format!(
            "{GOOD}\n[[organization]]\nid = \"wpk\"\nname = \"Workers' Party of Korea\"\ncountry = \"dprk\"\nkind = \"party\"\naliases = [\"Workers' Party of Korea (WPK)\"]\n"
        );
        let e = Pack::parse(&[("organizations.toml", &org)]).unwrap_err();
        assert_eq!(e.line, 14);
        assert!(e.message.contains("acronyms"), "{}", e.message);
    }
}

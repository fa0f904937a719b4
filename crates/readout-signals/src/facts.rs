//! What the signal detectors read from one document: a compact digest of its
//! extraction, with a quoted sentence for every fact.
//!
//! Facts are computed once, when a document is extracted, and stored beside
//! the extraction; a full recompute of the signals reads only facts.

use chrono::NaiveDate;
use readout_core::pack::Pack;
use readout_extract::{EntityType, Extraction, Field};
use serde::{Deserialize, Serialize};

/// Days after a person's last post ended (in the pack) from which only
/// posthumous titles are read for them: the report of the removal itself,
/// and the days around it, still count.
const OUT_OF_OFFICE_DAYS: i64 = 30;

/// The longest quote kept, in bytes.
pub const QUOTE_MAX: usize = 320;

/// One document, as the detectors see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocFacts {
    pub doc: String,
    pub outlet: String,
    /// "domestic", "external", "both" or "unknown".
    pub audience: String,
    pub published: NaiveDate,
    /// The outlet's country (a pack id): who is speaking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet_country: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formulations: Vec<FormulationFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<TitleFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<MeetingFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventFact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub treaties: Vec<TreatyFact>,
    /// Countries the document names (pack ids), its own outlet's included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Known entities the document names: what a spun copy keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub spun: bool,
    /// Filled by the store when reading: the stored document this one copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<CopyFact>,
}

impl DocFacts {
    /// A document with nothing found in it yet.
    pub fn new(
        doc: &str,
        outlet: &str,
        audience: &str,
        published: NaiveDate,
        outlet_country: Option<&str>,
        title: &str,
    ) -> DocFacts {
        DocFacts {
            doc: doc.to_owned(),
            outlet: outlet.to_owned(),
            audience: audience.to_owned(),
            published,
            outlet_country: outlet_country.map(str::to_owned),
            title: title.to_owned(),
            formulations: Vec::new(),
            titles: Vec::new(),
            meetings: Vec::new(),
            events: Vec::new(),
            treaties: Vec::new(),
            countries: Vec::new(),
            entities: Vec::new(),
            spun: false,
            copy_of: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulationFact {
    pub id: String,
    pub phrase: String,
    /// Whom it is about: countries (other than the outlet's) and
    /// country-less organisations in the sentence; empty when no one is named.
    pub counterparts: Vec<String>,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleFact {
    pub person_id: String,
    pub person: String,
    /// The normalised post ("secretary of the Central Committee of the Workers' Party of Korea").
    pub post: String,
    pub country: Option<String>,
    /// Whether the post names its organisation: only such posts have holders.
    pub has_org: bool,
    /// "post" or "rank".
    pub role_kind: String,
    /// In the headline or the opening sentence: the hat the person wears for this document.
    pub lead: bool,
    pub quote: String,
}

impl TitleFact {
    /// The post and its country: the ROK's minister of National Defence is not the DPRK's.
    pub fn post_key(&self) -> String {
        format!("{} ({})", self.post, self.country.as_deref().unwrap_or("?"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingFact {
    pub kind: String,
    pub ordinal: Option<u32>,
    pub enlarged: bool,
    /// The days it was held, or the announced window.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Whether it was called in advance rather than reported held.
    pub announced: bool,
    pub agenda: Vec<String>,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventFact {
    pub kind: String,
    /// When it happened, as stated, else the publication date.
    pub date: NaiveDate,
    /// Whether the sentence stated the date: a report of the act, not a mention of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dated: bool,
    /// "halt", "resume" or "vacate".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Person entity ids named in the event's sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreatyFact {
    pub treaty: String,
    pub article: Option<u32>,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyFact {
    pub original: String,
    pub outlet: String,
    pub published: NaiveDate,
    /// "duplicate", "near-duplicate" or "spun".
    pub how: String,
    pub similarity: f64,
}

/// What is known about a document besides its text and extraction.
#[derive(Debug, Clone, Copy)]
pub struct DocMeta<'a> {
    pub id: &'a str,
    pub outlet: &'a str,
    pub audience: &'a str,
    pub published: NaiveDate,
    pub title: &'a str,
    pub body: &'a str,
}

/// Cuts a quote to at most [`QUOTE_MAX`] bytes on a word boundary.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    if text.len() <= QUOTE_MAX {
        return text.to_owned();
    }
    let mut end = QUOTE_MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}...", &text[..cut])
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_owned());
    }
}

/// Digests an extraction into facts.
pub fn facts(meta: DocMeta<'_>, x: &Extraction, pack: &Pack) -> DocFacts {
    let own_country = pack.outlet(meta.outlet).map(|o| o.country.as_str());
    let text = |field: Field| match field {
        Field::Title => meta.title,
        Field::Body => meta.body,
    };
    let sentence = |field: Field, (s, e): (usize, usize)| -> String {
        let t = text(field);
        match t.get(s..e) {
            Some(q) if e > s => quote(q),
            _ => quote(t),
        }
    };
    // The opening sentence of the body: a statement's author and hat.
    let opening_end = meta.body.find(". ").map_or(meta.body.len(), |e| e + 1);
    let lead = |field: Field, start: usize| field == Field::Title || start < opening_end;

    let mut out = DocFacts::new(
        meta.id,
        meta.outlet,
        meta.audience,
        meta.published,
        own_country,
        meta.title,
    );
    out.spun = x.spun.likely;
    for m in &x.mentions {
        match m.kind {
            EntityType::Country => push_unique(&mut out.countries, &m.entity),
            EntityType::Organization => {
                if let Some(c) = &m.country {
                    push_unique(&mut out.countries, c);
                }
            }
            _ => {}
        }
        if m.known
            && matches!(
                m.kind,
                EntityType::Person | EntityType::Organization | EntityType::Country
            )
        {
            push_unique(&mut out.entities, &m.entity);
        }
    }
    out.entities.sort();

    for f in &x.formulations {
        let placeholder = |c: &str| pack.countries.iter().any(|x| x.id == c && x.placeholder);
        let counterparts: Vec<String> = f
            .counterparts
            .iter()
            .filter(|c| Some(c.as_str()) != own_country && !placeholder(c))
            .cloned()
            .collect();
        let fact = FormulationFact {
            id: f.formulation.clone(),
            phrase: f.phrase.clone(),
            counterparts,
            quote: sentence(f.field, f.sentence),
        };
        // One use per formulation and counterpart set in a document.
        if !out
            .formulations
            .iter()
            .any(|o| o.id == fact.id && o.counterparts == fact.counterparts)
        {
            out.formulations.push(fact);
        }
    }

    // A person whose every post in the pack ended more than a month ago
    // (Kim Il Sung in 1994) receives only posthumous titles and leaves no
    // posts: anything else said of them is history or a misreading. Ranks and posthumous titles
    // are held for good and do not count.
    let out_of_office = |person: &str| {
        pack.people
            .iter()
            .find(|p| p.id == person)
            .is_some_and(|p| {
                let posts: Vec<&readout_core::pack::Held> = p
                    .held
                    .iter()
                    .filter(|h| {
                        pack.roles
                            .iter()
                            .find(|r| r.id == h.role)
                            .is_none_or(|r| r.kind == "post" && !r.posthumous)
                    })
                    .collect();
                !posts.is_empty()
                    && posts.iter().all(|h| {
                        h.to.as_deref()
                            .and_then(readout_core::pack::parse_partial_date)
                            .is_some_and(|to| (meta.published - to).num_days() > OUT_OF_OFFICE_DAYS)
                    })
            })
    };
    for t in &x.titles {
        // A known person's post in another country's body is a misread list
        // ("..., chairman of the Committee for Remembering President Kim Il
        // Sung, member of the Credit Committee of ..."), not a new post.
        let known = pack.people.iter().find(|p| p.id == t.person_entity);
        let person_country = known.map(|p| p.country.as_str());
        let out_of_office = out_of_office(&t.person_entity);
        if out_of_office && !pack.roles.iter().any(|r| r.name == t.role && r.posthumous) {
            continue;
        }
        let foreign_post = match (person_country, t.country.as_deref()) {
            (Some(pc), Some(tc)) => {
                pc != tc
                    && !pack
                        .countries
                        .iter()
                        .any(|c| (c.id == pc || c.id == tc) && c.placeholder)
            }
            _ => false,
        };
        // A post held abroad (an ambassador's) is kept whatever its country.
        let abroad = pack.roles.iter().any(|r| r.name == t.role && r.abroad);
        if foreign_post && t.role_kind == "post" && !abroad {
            continue;
        }
        let fact = TitleFact {
            person_id: t.person_entity.clone(),
            person: t.person.clone(),
            post: t.post.clone(),
            country: t.country.clone(),
            has_org: t.organization.is_some(),
            role_kind: t.role_kind.clone(),
            lead: lead(t.field, t.start),
            quote: sentence(t.field, t.sentence),
        };
        if let Some(o) = out
            .titles
            .iter_mut()
            .find(|o| o.person_id == fact.person_id && o.post_key() == fact.post_key())
        {
            o.lead |= fact.lead;
        } else {
            out.titles.push(fact);
        }
    }

    for m in &x.meetings {
        let (from, to) = match (m.from, m.to, m.date) {
            (Some(f), Some(t), _) => (f, t),
            (Some(f), None, _) => (f, f),
            (None, _, Some(d)) => (d, d),
            // A report with no stated day: held by the day it was published.
            _ if m.announced => continue,
            _ => (meta.published, meta.published),
        };
        // A date after publication is a misreading, unless the meeting is announced.
        if !m.announced && from > meta.published {
            continue;
        }
        let fact = MeetingFact {
            kind: m.kind.clone(),
            ordinal: m.ordinal,
            enlarged: m.enlarged,
            from,
            to,
            announced: m.announced,
            agenda: m.agenda.clone(),
            quote: sentence(m.field, m.sentence),
        };
        // The same meeting named in the headline and the body is one meeting.
        if let Some(o) = out
            .meetings
            .iter_mut()
            .find(|o| o.kind == fact.kind && o.announced == fact.announced)
        {
            if o.ordinal.is_none() {
                o.ordinal = fact.ordinal;
            }
            o.enlarged |= fact.enlarged;
            for a in fact.agenda {
                push_unique(&mut o.agenda, &a);
            }
            if o.from == meta.published && fact.from < o.from {
                (o.from, o.to) = (fact.from, fact.to);
                o.quote = fact.quote;
            }
        } else {
            out.meetings.push(fact);
        }
    }

    for e in &x.events {
        let date = e
            .date
            .filter(|d| *d <= meta.published && (meta.published - *d).num_days() <= 31)
            .unwrap_or(meta.published);
        // What is said only as a condition or threat did not happen.
        if e.phase.as_deref() == Some("conditional") {
            continue;
        }
        let people: Vec<String> = e
            .people
            .iter()
            .filter(|p| e.phase.as_deref() != Some("vacate") || !out_of_office(p))
            .cloned()
            .collect();
        let fact = EventFact {
            kind: e.kind.clone(),
            date,
            dated: e.dated && e.date == Some(date),
            phase: e.phase.clone(),
            people,
            quote: sentence(e.field, e.sentence),
        };
        if let Some(o) = out
            .events
            .iter_mut()
            .find(|o| o.kind == fact.kind && o.date == fact.date && o.phase == fact.phase)
        {
            for p in fact.people {
                push_unique(&mut o.people, &p);
            }
        } else {
            out.events.push(fact);
        }
    }

    for t in &x.treaties {
        // An article shows in practice only where the other party is named:
        // every KCNA sentence names the DPRK.
        if t.article.is_some() {
            let parties: Vec<&String> = pack
                .treaties
                .iter()
                .filter(|tr| tr.id == t.treaty)
                .flat_map(|tr| tr.parties.iter())
                .collect();
            if !t
                .countries
                .iter()
                .any(|c| parties.contains(&c) && Some(c.as_str()) != own_country)
            {
                continue;
            }
        }
        if out
            .treaties
            .iter()
            .any(|o| o.treaty == t.treaty && o.article == t.article)
        {
            continue;
        }
        out.treaties.push(TreatyFact {
            treaty: t.treaty.clone(),
            article: t.article,
            quote: sentence(t.field, t.sentence),
        });
    }
    out
}

//! What the engine's state says, shaped for the `person`, `calendar` and `treaty` views.

use chrono::NaiveDate;
use serde::Serialize;

use crate::signal::Evidence;

/// A person's posts over time.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    /// Documents in which the person carries any title.
    pub titled_documents: u64,
    pub posts: Vec<PostView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    pub post: String,
    /// "post" or "rank".
    pub kind: String,
    pub count: u64,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Whether the person is known to have left it (relieved, replaced, gone silent).
    pub left: bool,
    pub first_evidence: Option<Evidence>,
    pub last_evidence: Evidence,
}

/// A meeting kind's history and expectations.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingKindView {
    pub kind: String,
    pub name: String,
    pub held: Vec<HeldView>,
    pub expected: Vec<ExpectedView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeldView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub ordinal: Option<u32>,
    pub enlarged: bool,
    pub agenda: Vec<String>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExpectedView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub announced: Option<Evidence>,
    /// Earlier meetings in the same month, one a year.
    pub precedents: Vec<Evidence>,
    /// "held", "early", "overdue", "not judged: ..."; none while still open.
    pub outcome: Option<String>,
}

/// One article of a tracked treaty and the evidence of it in practice.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub treaty: String,
    pub number: u32,
    pub subject: String,
    pub summary: String,
    pub source: Option<String>,
    pub documents: u64,
    /// The first and the latest evidence.
    pub evidence: Vec<Evidence>,
}

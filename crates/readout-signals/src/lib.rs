//! Signals: what changed in the stored history, with the evidence and the
//! baseline it departs from.
//!
//! Pure: documents' [`facts`] in, [`Signal`]s out, no I/O. The [`Engine`]
//! feeds days in publication order through the detectors:
//!
//! | detector | kinds |
//! | --- | --- |
//! | [`formulations`](crate::formulations) | `first_use`, `rare_use` |
//! | [`titles`](crate::titles) | `title_change`, `new_post_holder`, `post_vacated` |
//! | [`meetings`](crate::meetings) | `meeting_expected`, `meeting_overdue`, `meeting_early`, `precedent` |
//! | [`activity`](crate::activity) | `activity_paused`, `activity_resumed` |
//! | [`treaty`](crate::treaty) | `treaty_evidence`, a treaty's `first_use` |
//! | [`copies`](crate::copies) | `copy_of` |
//!
//! Every detector states the probability p of what it saw under its
//! baseline; the score is `L / (1 + L)` with `L = -log10 p` ([`signal::score`]),
//! which is what makes one report rankable across kinds.
//!
//! ```
//! use readout_core::pack::Pack;
//! use readout_signals::{recompute, score, Config};
//!
//! let pack = Pack::parse(&[("p.toml", "[[country]]\nid = \"dprk\"\nname = \"DPRK\"\n")]).unwrap();
//! // No documents, no signals; a day fed twice is refused.
//! let (signals, state) = recompute(&pack, Config::default(), &[]);
//! assert!(signals.is_empty() && state.day.is_none());
//! // p = 0.1 under the baseline scores 0.5.
//! assert_eq!(score(0.1), 0.5);
//! ```

pub mod activity;
pub mod copies;
mod engine;
pub mod facts;
pub mod formulations;
pub mod meetings;
pub mod report;
pub mod signal;
pub mod stats;
pub mod titles;
pub mod treaty;
pub mod views;

pub use engine::{recompute, Config, Coverage, Engine, SignalError, State};
pub use facts::{facts, DocFacts, DocMeta};
pub use signal::{rank, score, Evidence, Kind, Signal};

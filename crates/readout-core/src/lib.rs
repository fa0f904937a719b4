//! The pure core of readout: text in, structured documents out, no I/O.
//!
//! This crate knows nothing of files, SQL or HTTP. It holds the document model
//! ([`Document`]), text normalisation and content identity ([`normalize`]), the
//! KCNA dateline parser ([`dateline`]), the MinHash similarity sketch used to find
//! near-duplicates ([`sketch`]), the search query language ([`query`]) and the
//! data-pack model ([`pack`]), and archive coverage ([`coverage`]).
//!
//! ```
//! use readout_core::{dateline, normalize};
//!
//! let d = dateline::find("Pyongyang, June 24 (KCNA) -- The delegation left.").unwrap();
//! assert_eq!((d.month, d.day), (6, 24));
//! assert_eq!(d.outlet.as_deref(), Some("KCNA"));
//!
//! // Content identity ignores case, spacing and typographic quotes.
//! assert_eq!(
//!     normalize::content_key("Supreme People’s  Assembly"),
//!     normalize::content_key("supreme people's assembly"),
//! );
//! ```
#![forbid(unsafe_code)]

pub mod coverage;
pub mod dateline;
pub mod doc;
pub mod normalize;
pub mod pack;
pub mod query;
pub mod sketch;

pub use doc::{Audience, DocId, Document, Published};

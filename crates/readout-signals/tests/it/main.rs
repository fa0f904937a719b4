//! The signal engine on histories built by hand.

mod detectors;

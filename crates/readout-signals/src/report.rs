//! The signal report as a person reads it in a terminal.

use std::fmt::Write;

use crate::signal::Signal;

/// Width the report's text is wrapped to.
pub const WIDTH: usize = 96;
/// Evidence items shown per signal; the rest are counted.
pub const EVIDENCE_SHOWN: usize = 3;

/// Greedy word wrap with a hanging indent.
pub fn wrap(text: &str, indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0usize;
    let pad = " ".repeat(indent);
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if line == 0 {
            out.push_str(&pad);
            line = indent;
        } else if line + 1 + w > width {
            out.push('\n');
            out.push_str(&pad);
            line = indent;
        } else {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += w;
    }
    out
}

/// Renders ranked signals as numbered entries: score, date, kind, subject,
/// the summary, the baseline and the evidence quoted.
pub fn render(signals: &[Signal]) -> String {
    let mut out = String::new();
    for (i, s) in signals.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. {:.2}  {}  {:<16}  {}",
            i + 1,
            s.score,
            s.date,
            s.kind.as_str(),
            s.subject
        );
        let _ = writeln!(out, "{}", wrap(&s.summary, 6, WIDTH));
        if let Some(b) = s.baseline.get("summary").and_then(|v| v.as_str()) {
            let _ = writeln!(out, "{}", wrap(&format!("baseline: {b}"), 6, WIDTH));
        }
        for e in s.evidence.iter().take(EVIDENCE_SHOWN) {
            let line = if e.quote.is_empty() {
                format!("\u{2022} {} ({}, {})", e.doc, e.outlet, e.published)
            } else {
                format!(
                    "\u{2022} {} ({}, {}): \u{201c}{}\u{201d}",
                    e.doc, e.outlet, e.published, e.quote
                )
            };
            let _ = writeln!(out, "{}", wrap(&line, 6, WIDTH));
        }
        if s.evidence.len() > EVIDENCE_SHOWN {
            let _ = writeln!(
                out,
                "      \u{2026} and {} more",
                s.evidence.len() - EVIDENCE_SHOWN
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_a_hanging_indent() {
        let w = wrap("one two three four five", 2, 12);
        assert_eq!(w, "  one two\n  three four\n  five");
        assert!(w.lines().all(|l| l.chars().count() <= 12));
    }
}

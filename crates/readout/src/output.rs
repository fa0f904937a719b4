//! Writing results: highlighted snippets, tables, JSON Lines, and a quiet exit on a closed pipe.

use std::io::{IsTerminal, Write};

use readout_store::{HIGHLIGHT_END, HIGHLIGHT_START};

/// True when the error is stdout closing under us (`readout search x | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether stdout is a terminal, where colour and bold are welcome.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Renders the store's highlight marks: bold on a terminal, `**…**` elsewhere.
pub fn highlight(snippet: &str, terminal: bool) -> String {
    let (start, end) = if terminal {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    snippet
        .replace(HIGHLIGHT_START, start)
        .replace(HIGHLIGHT_END, end)
        .replace('\n', " ")
}

/// Writes one JSON object on a line.
pub fn json_line(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// A table with a header row, laid out for the terminal or for a pipe.
pub fn table(header: &[&str]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING);
    t.set_header(header.iter().map(|h| h.to_uppercase()));
    t
}

/// The per-outlet table of `stats` and `demo`.
pub fn outlet_table(stats: &readout_store::Stats) -> comfy_table::Table {
    let mut t = table(&["outlet", "documents", "first", "last"]);
    for o in &stats.outlets {
        t.add_row(vec![
            o.outlet.clone(),
            o.documents.to_string(),
            o.first.to_string(),
            o.last.to_string(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_render_for_terminal_and_pipe() {
        let s = format!("the {HIGHLIGHT_START}alliance{HIGHLIGHT_END} between\nthe two");
        assert_eq!(highlight(&s, false), "the **alliance** between the two");
        assert_eq!(
            highlight(&s, true),
            "the \x1b[1;33malliance\x1b[0m between the two"
        );
    }
}

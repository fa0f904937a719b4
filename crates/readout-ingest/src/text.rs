//! Text and Markdown files: one record each, with optional YAML or TOML front matter.

use std::io::Read;

use serde_json::{Map, Value};

use crate::convert::{Converter, RawRecord};
use crate::mapping::FieldMap;
use crate::{read_capped, strip_position, Ctx, IngestError};

pub(crate) fn read(
    ctx: &Ctx,
    input: &mut dyn Read,
    conv: &mut Converter<'_>,
) -> Result<(), IngestError> {
    let cfg = conv.cfg();
    let bytes = read_capped(ctx, input, cfg.max_file_bytes)?;
    let location = ctx.at(1);
    if bytes.len() > cfg.max_record_bytes {
        let reason = format!(
            "record is larger than the limit of {} bytes",
            cfg.max_record_bytes
        );
        conv.reject(location, reason);
        return Ok(());
    }
    match std::str::from_utf8(&bytes) {
        Err(e) => conv.reject(
            location,
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        ),
        Ok(text) => match parse(text, &cfg.map) {
            Ok(raw) => conv.push(location, raw),
            Err(reason) => conv.reject(location, reason),
        },
    }
    Ok(())
}

/// Front matter's syntax, told by its opening line.
#[derive(Clone, Copy)]
enum Syntax {
    Yaml,
    Toml,
}

/// Splits and reads a text file: front matter keys, then the body.
pub(crate) fn parse(text: &str, map: &FieldMap) -> Result<RawRecord, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut raw, body) = match split_front_matter(text)? {
        None => (RawRecord::default(), text),
        Some((syntax, front, body)) => {
            let obj = match syntax {
                Syntax::Yaml => yaml(front)?,
                Syntax::Toml => toml(front)?,
            };
            (RawRecord::from_object(&obj, map)?, body)
        }
    };
    // The file's text is the body; a `body` key only counts when there is no text.
    let mut body = body.to_owned();
    if body.trim().is_empty() {
        body = raw.body.take().unwrap_or_default();
    }
    if raw.title.is_none() {
        if let Some((title, rest)) = take_heading(&body) {
            raw.title = Some(title);
            body = rest;
        }
    }
    raw.body = Some(body);
    Ok(raw)
}

/// Splits off front matter: `(syntax, front matter text, body)`, or `None`
/// when the file opens with no `---` or `+++` line.
fn split_front_matter(text: &str) -> Result<Option<(Syntax, &str, &str)>, String> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let (syntax, closers): (Syntax, &[&str]) = match text[..first_end].trim_end() {
        "---" => (Syntax::Yaml, &["---", "..."]),
        "+++" => (Syntax::Toml, &["+++"]),
        _ => return Ok(None),
    };
    let mut at = first_end;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        if closers.contains(&text[at..end].trim_end()) {
            return Ok(Some((syntax, &text[first_end..at], &text[end..])));
        }
        at = end;
    }
    Err(format!(
        "front matter opened by {:?} on line 1 is never closed",
        text[..first_end].trim_end()
    ))
}

/// Front matter starts on the file's line 2, so its line n is the file's n + 1.
const FRONT_MATTER_FIRST_LINE: usize = 2;

fn yaml(front: &str) -> Result<Map<String, Value>, String> {
    let value: Value = serde_yaml_ng::from_str(front).map_err(|e| {
        let line = e.location().map_or(FRONT_MATTER_FIRST_LINE, |l| {
            l.line() + FRONT_MATTER_FIRST_LINE - 1
        });
        format!(
            "front matter is not valid YAML (line {line}): {}",
            strip_position(&e.to_string())
        )
    })?;
    match value {
        Value::Object(obj) => Ok(obj),
        // `---` then `---` is an empty header, not an error.
        Value::Null => Ok(Map::new()),
        _ => Err("front matter is not a mapping of keys to values".to_owned()),
    }
}

fn toml(front: &str) -> Result<Map<String, Value>, String> {
    let table: toml::Table = toml::from_str(front).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            front[..s.start.min(front.len())].matches('\n').count()
        });
        format!(
            "front matter is not valid TOML (line {}): {}",
            line + FRONT_MATTER_FIRST_LINE,
            e.message()
        )
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

/// TOML values as JSON ones; dates become their TOML text, which
/// `parse_published` reads.
fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// A Markdown level-1 heading on the body's first non-blank line: the title,
/// and the body without it.
fn take_heading(body: &str) -> Option<(String, String)> {
    let start = body.len() - body.trim_start().len();
    let start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let line = body[start..end].trim();
    let title = line
        .strip_prefix("# ")
        .or_else(|| line.strip_prefix("#\t"))?;
    let title = title.trim().trim_end_matches('#').trim_end();
    if title.is_empty() {
        return None;
    }
    Some((
        title.to_owned(),
        body[end..].trim_start_matches(['\r', '\n']).to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected` is (title, body) or the start of the rejection.
    fn check(text: &str, expected: Result<(Option<&str>, &str), &str>) {
        let got = parse(text, &FieldMap::default());
        match (got, expected) {
            (Ok(raw), Ok((title, body))) => {
                assert_eq!(raw.title.as_deref(), title, "title of {text:?}");
                assert_eq!(raw.body.as_deref(), Some(body), "body of {text:?}");
            }
            (Err(reason), Err(needle)) => {
                assert!(reason.contains(needle), "{reason:?} lacks {needle:?}")
            }
            (got, want) => panic!("for {text:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn headings_become_titles() {
        check("plain text\n", Ok((None, "plain text\n")));
        check("\n# The Title #\n\nBody.", Ok((Some("The Title"), "Body.")));
        check(
            "## Not a level-1 heading\nBody",
            Ok((None, "## Not a level-1 heading\nBody")),
        );
        check("#hashtag\nBody", Ok((None, "#hashtag\nBody")));
        check(
            "---\ntitle: Given\n---\n# Heading\nBody",
            Ok((Some("Given"), "# Heading\nBody")),
        );
    }

    #[test]
    fn front_matter() {
        check("---\ntitle: Y\n---\nBody\n", Ok((Some("Y"), "Body\n")));
        check("---\r\ntitle: Y\r\n...\r\nBody", Ok((Some("Y"), "Body")));
        check("+++\ntitle = \"T\"\n+++\nBody", Ok((Some("T"), "Body")));
        check("---\n---\nBody", Ok((None, "Body")));
        check(
            "---\ntitle: Y\nBody",
            Err("front matter opened by \"---\" on line 1 is never closed"),
        );
        check(
            "---\ntitle: Y\n  bad: [\n---\nBody",
            Err("front matter is not valid YAML (line 3)"),
        );
        check("---\n- a\n- b\n---\nBody", Err("not a mapping"));
        check(
            "+++\ntitle = \"T\"\ntitle = \"U\"\n+++\nBody",
            Err("front matter is not valid TOML (line 3)"),
        );
        check(
            "---\ntitle: [1]\n---\nBody",
            Err("field \"title\" must be a string, not an array"),
        );
    }
}

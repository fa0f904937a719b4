//! JSON Lines: one record per line, streamed with bounded memory.

use std::io::BufRead;

use serde_json::Value;

use crate::convert::{type_name, Converter, RawRecord};
use crate::lines::{BoundedLines, Line};
use crate::mapping::FieldMap;
use crate::{strip_position, Ctx, IngestError};

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) fn read(
    ctx: &Ctx,
    input: impl BufRead,
    conv: &mut Converter<'_>,
) -> Result<(), IngestError> {
    let cfg = conv.cfg();
    let max = cfg.max_record_bytes;
    let mut lines = BoundedLines::new(input, max);
    while let Some(line) = lines.next_line().map_err(|e| ctx.io(e))? {
        match line {
            Line::TooLong { number, .. } => conv.reject(
                ctx.at(number),
                format!("record is larger than the limit of {max} bytes"),
            ),
            Line::Text { number, bytes } => {
                let bytes = if number == 1 {
                    bytes.strip_prefix(BOM).unwrap_or(bytes)
                } else {
                    bytes
                };
                match parse_line(bytes, &cfg.map) {
                    Ok(None) => {}
                    Ok(Some(raw)) => conv.push(ctx.at(number), raw),
                    Err(reason) => conv.reject(ctx.at(number), reason),
                }
            }
        }
    }
    Ok(())
}

/// One line's record; `None` for a blank line, which is not a record.
pub(crate) fn parse_line(bytes: &[u8], map: &FieldMap) -> Result<Option<RawRecord>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "invalid JSON at column {}: {}",
            e.column(),
            strip_position(&e.to_string())
        )
    })?;
    match value {
        Value::Object(obj) => RawRecord::from_object(&obj, map).map(Some),
        other => Err(format!(
            "expected a JSON object, found {}",
            type_name(&other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &[u8], expected: Result<Option<(&str, &str)>, &str>) {
        let got = parse_line(line, &FieldMap::default());
        match (got, expected) {
            (Ok(None), Ok(None)) => {}
            (Ok(Some(raw)), Ok(Some((title, body)))) => {
                assert_eq!(raw.title.as_deref(), Some(title));
                assert_eq!(raw.body.as_deref(), Some(body));
            }
            (Err(reason), Err(needle)) => {
                assert!(reason.contains(needle), "{reason:?} lacks {needle:?}")
            }
            (got, want) => panic!(
                "for {:?}: got {got:?}, want {want:?}",
                String::from_utf8_lossy(line)
            ),
        }
    }

    #[test]
    fn lines() {
        check(br#"{"title":"T","body":"B"}"#, Ok(Some(("T", "B"))));
        check(b"   \t", Ok(None));
        check(b"", Ok(None));
        check(
            br#"{"title":"T","#,
            Err("invalid JSON at column 13: EOF while parsing"),
        );
        check(
            b"{\"title\":\"\xff\"}",
            Err("invalid UTF-8 at byte 10 of the line"),
        );
        check(b"[1,2]", Err("expected a JSON object, found an array"));
        check(
            br#"{"title":["x"],"body":"B"}"#,
            Err("field \"title\" must be a string, not an array"),
        );
    }
}

//! JSON files: an array of records, or one record object, read whole.

use std::io::Read;

use serde_json::value::RawValue;
use serde_json::Value;

use crate::convert::{type_name, Converter, RawRecord};
use crate::{read_capped, strip_position, Ctx, IngestError};

pub(crate) fn read(
    ctx: &Ctx,
    input: &mut dyn Read,
    conv: &mut Converter<'_>,
) -> Result<(), IngestError> {
    let cfg = conv.cfg();
    let bytes = read_capped(ctx, input, cfg.max_file_bytes)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = line_column(&bytes, e.valid_up_to());
        ctx.json(line, column, "invalid UTF-8".to_owned())
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let syntax = |e: serde_json::Error| {
        ctx.json(
            e.line() as u64,
            e.column() as u64,
            strip_position(&e.to_string()),
        )
    };
    // Elements stay raw slices of the text so that each one's line can be found
    // from where it starts, and so that one bad record does not sink the rest.
    let elements: Vec<&RawValue> = match text.trim_start().as_bytes().first() {
        Some(b'[') => serde_json::from_str(text).map_err(syntax)?,
        Some(b'{') => vec![serde_json::from_str(text).map_err(syntax)?],
        _ => {
            let value: Value = serde_json::from_str(text).map_err(syntax)?;
            let message = format!(
                "expected an array of records or one record object, found {}",
                type_name(&value)
            );
            return Err(ctx.json(1, 1, message));
        }
    };

    let base = text.as_ptr() as usize;
    let (mut line, mut counted_to) = (1u64, 0usize);
    for element in elements {
        let raw = element.get();
        let offset = raw.as_ptr() as usize - base;
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..offset]).count() as u64;
        counted_to = offset;
        let location = ctx.at(line);
        if raw.len() > cfg.max_record_bytes {
            let reason = format!(
                "record is larger than the limit of {} bytes",
                cfg.max_record_bytes
            );
            conv.reject(location, reason);
            continue;
        }
        // The text was valid JSON as a whole, so an element fails only on
        // serde_json's nesting limit, which keeps hostile input off the stack.
        match serde_json::from_str::<Value>(raw) {
            Ok(Value::Object(obj)) => match RawRecord::from_object(&obj, &cfg.map) {
                Ok(record) => conv.push(location, record),
                Err(reason) => conv.reject(location, reason),
            },
            Ok(other) => conv.reject(
                location,
                format!("expected a JSON object, found {}", type_name(&other)),
            ),
            Err(e) => conv.reject(
                location,
                format!("invalid JSON: {}", strip_position(&e.to_string())),
            ),
        }
    }
    Ok(())
}

/// 1-based line and column (in bytes) of `offset` in `bytes`.
fn line_column(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, (before.len() - line_start) as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
    }
}

//! A line reader that never holds more than a set number of bytes of one line.
//!
//! `BufRead::read_until` would buffer a 200 MB line whole before we could say
//! it is too long; this reader stops buffering at the limit and skips the rest
//! of the line, so memory stays bounded whatever the input.

use std::io::{self, BufRead};

use memchr::memchr;

/// One line read by [`BoundedLines`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    /// A line within the limit, without its `\n` (or `\r\n`).
    Text { number: u64, bytes: &'a [u8] },
    /// A line longer than the limit, skipped; `len` is its full length in bytes.
    TooLong { number: u64, len: u64 },
}

pub(crate) struct BoundedLines<R> {
    inner: R,
    max: usize,
    buf: Vec<u8>,
    number: u64,
}

impl<R: BufRead> BoundedLines<R> {
    /// Reads lines of at most `max` bytes (line ending excluded) from `inner`.
    pub(crate) fn new(inner: R, max: usize) -> BoundedLines<R> {
        BoundedLines {
            inner,
            max,
            buf: Vec::new(),
            number: 0,
        }
    }

    /// The next line, `None` at the end of the input. Numbers start at 1.
    ///
    /// As with [`str::lines`], a final line ending is optional and a `\r` is
    /// dropped only when it precedes `\n`.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        let mut len: u64 = 0;
        let mut started = false;
        let mut ended_by_newline = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            started = true;
            let (chunk, consumed) = match memchr(b'\n', available) {
                Some(i) => {
                    ended_by_newline = true;
                    (&available[..i], i + 1)
                }
                None => (available, available.len()),
            };
            len += chunk.len() as u64;
            if len <= self.max as u64 {
                self.buf.extend_from_slice(chunk);
            } else if !self.buf.is_empty() {
                // Past the limit: keep counting, stop keeping. Giving the memory
                // back matters when a file has one giant line among small ones.
                self.buf = Vec::new();
            }
            self.inner.consume(consumed);
            if ended_by_newline {
                break;
            }
        }
        if !started {
            return Ok(None);
        }
        self.number += 1;
        if len > self.max as u64 {
            return Ok(Some(Line::TooLong {
                number: self.number,
                len,
            }));
        }
        if ended_by_newline && self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Some(Line::Text {
            number: self.number,
            bytes: &self.buf,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads `input` with a small internal buffer, so lines straddle refills.
    fn read_all(input: &[u8], max: usize) -> Vec<Result<String, (u64, u64)>> {
        let reader = io::BufReader::with_capacity(7, input);
        let mut lines = BoundedLines::new(reader, max);
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(match line {
                Line::Text { bytes, .. } => Ok(String::from_utf8(bytes.to_vec()).unwrap()),
                Line::TooLong { number, len } => Err((number, len)),
            });
        }
        out
    }

    fn check(input: &str, max: usize, expected: &[Result<&str, (u64, u64)>]) {
        let expected: Vec<_> = expected.iter().map(|r| r.map(str::to_owned)).collect();
        assert_eq!(read_all(input.as_bytes(), max), expected, "for {input:?}");
    }

    #[test]
    fn splits_like_str_lines() {
        check("", 10, &[]);
        check("a", 10, &[Ok("a")]);
        check("a\n", 10, &[Ok("a")]);
        check("a\r\nb\n\nc", 10, &[Ok("a"), Ok("b"), Ok(""), Ok("c")]);
        check("a\r", 10, &[Ok("a\r")]);
    }

    #[test]
    fn long_lines_are_skipped_and_counted() {
        check(
            "short\n0123456789abcdef\nnext\n",
            10,
            &[Ok("short"), Err((2, 16)), Ok("next")],
        );
        check("0123456789a", 10, &[Err((1, 11))]);
        check("0123456789\n", 10, &[Ok("0123456789")]);
    }

    #[test]
    fn a_giant_line_is_never_buffered_whole() {
        let max = 1 << 20;
        let mut input = vec![b'x'; 10 << 20];
        input.extend_from_slice(b"\nnext\n");
        let mut lines = BoundedLines::new(io::BufReader::new(input.as_slice()), max);
        let mut peak = 0;
        let mut got = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            got.push(match line {
                Line::Text { bytes, .. } => Ok(bytes.to_vec()),
                Line::TooLong { number, len } => Err((number, len)),
            });
            peak = peak.max(lines.buf.capacity());
        }
        assert_eq!(got, [Err((1, 10 << 20)), Ok(b"next".to_vec())]);
        assert!(peak <= 2 * max, "buffer grew to {peak} bytes");
    }

    proptest! {
        #[test]
        fn same_lines_as_str_lines(s in "[a-z\\r\\n ]{0,200}", cap in 1usize..16) {
            let reader = io::BufReader::with_capacity(cap, s.as_bytes());
            let mut lines = BoundedLines::new(reader, 1000);
            let mut got = Vec::new();
            while let Some(line) = lines.next_line().unwrap() {
                match line {
                    Line::Text { number, bytes } => {
                        prop_assert_eq!(number, got.len() as u64 + 1);
                        got.push(String::from_utf8(bytes.to_vec()).unwrap());
                    }
                    Line::TooLong { .. } => prop_assert!(false, "no line is over the limit"),
                }
            }
            let want: Vec<String> = s.lines().map(str::to_owned).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn arbitrary_text_splits_like_str_lines(s in "\\PC*(\\r?\\n\\PC*){0,8}") {
            let mut lines = BoundedLines::new(s.as_bytes(), usize::MAX);
            let mut got = Vec::new();
            while let Some(Line::Text { bytes, .. }) = lines.next_line().unwrap() {
                got.push(String::from_utf8(bytes.to_vec()).unwrap());
            }
            let want: Vec<String> = s.lines().map(str::to_owned).collect();
            prop_assert_eq!(got, want);
        }
    }
}

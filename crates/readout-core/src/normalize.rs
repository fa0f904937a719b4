//! Text normalisation: cleaning stored text and the keys under which texts are compared.

use unicode_normalization::UnicodeNormalization;

/// Cleans text for storage and display.
///
/// Drops control characters (keeping newlines and tabs), turns `\r\n` and `\r`
/// into `\n`, composes Unicode (NFC), trims each line's trailing spaces and folds
/// runs of blank lines into one. Ingested text is hostile: after this, it holds
/// no terminal escapes and no NUL bytes.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0usize;
    let s = s.replace("\r\n", "\n");
    let composed: String = if s.is_ascii() { s } else { s.nfc().collect() };
    for line in composed.split(['\n', '\r']) {
        let line: String = line
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Maps typographic variants to their plain ASCII form.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        c => c,
    }
}

/// The comparison key of a text: compatibility-normalised (NFKC), lower case,
/// typographic quotes and dashes folded, white space collapsed to single spaces,
/// and the KCNA end-of-item mark `-0-` dropped.
///
/// Two texts with the same key are exact duplicates.
pub fn content_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        content_key_ascii(s.as_bytes(), &mut out);
    } else {
        let mut pending_space = false;
        for c in s.nfkc() {
            if c.is_whitespace() || c.is_control() {
                pending_space = !out.is_empty();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            for l in fold_char(c).to_lowercase() {
                out.push(l);
            }
        }
    }
    let trimmed = out.trim_end_matches(" -0-").trim_end();
    if trimmed == "-0-" {
        return String::new();
    }
    let len = trimmed.len();
    out.truncate(len);
    out
}

/// The ASCII path of [`content_key`]: byte by byte, with no Unicode tables.
/// Most archives are ASCII, and this is the hot loop of an ingest.
fn content_key_ascii(bytes: &[u8], out: &mut String) {
    let mut buf = Vec::with_capacity(bytes.len());
    let mut pending_space = false;
    for &b in bytes {
        if b <= b' ' || b == 0x7f {
            pending_space = !buf.is_empty();
            continue;
        }
        if pending_space {
            buf.push(b' ');
            pending_space = false;
        }
        buf.push(if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        });
    }
    // Only ASCII bytes were pushed.
    out.push_str(std::str::from_utf8(&buf).unwrap_or_default());
}

/// The exact-duplicate hash of a document: BLAKE3 of the keys of its title and body.
pub fn content_hash(title: &str, body: &str) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(content_key(title).as_bytes());
    h.update(b"\n\x1f\n");
    h.update(content_key(body).as_bytes());
    *h.finalize().as_bytes()
}

/// Splits a text into word tokens: maximal runs of letters and digits, lower-cased.
///
/// Apostrophes and hyphens split words, as they do in the search index, so
/// "People's" gives "people" and "s", and "Kim Jong-un" gives "kim", "jong", "un".
///
/// Lower-casing can add a combining mark ("İ" gives "i" and a dot above):
/// such marks are dropped, so a word stays letters and digits.
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            if lower.chars().all(char::is_alphanumeric) {
                lower
            } else {
                lower.chars().filter(|c| c.is_alphanumeric()).collect()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_drops_control_characters_and_folds_blank_lines() {
        let dirty = "Title\r\n\r\n\r\n\x1b[31mred\x1b[0m\x00 text  \n\n\nend\u{7}";
        assert_eq!(clean_text(dirty), "Title\n\n[31mred[0m text\n\nend");
    }

    #[test]
    fn content_key_folds_case_space_quotes_and_trailer() {
        assert_eq!(
            content_key("  The  Supreme People\u{2019}s\nAssembly -0-"),
            "the supreme people's assembly"
        );
        assert_eq!(content_key("A \u{2014} B"), "a - b");
        assert_eq!(content_key("-0-"), "");
    }

    #[test]
    fn words_lower_case_without_combining_marks() {
        let w: Vec<String> = words("İstanbul KCNA's").collect();
        assert_eq!(w, ["istanbul", "kcna", "s"]);
    }

    #[test]
    fn content_hash_separates_title_from_body() {
        assert_ne!(content_hash("ab", "c"), content_hash("a", "bc"));
        assert_eq!(
            content_hash("T", "Body  text"),
            content_hash("t", "body text")
        );
    }

    #[test]
    fn words_split_on_apostrophes_and_hyphens() {
        let w: Vec<String> = words("Kim Jong-un's visit, 2024").collect();
        assert_eq!(w, ["kim", "jong", "un", "s", "visit", "2024"]);
    }

    proptest! {
        #[test]
        fn content_key_is_idempotent(s in "\\PC{0,200}") {
            let once = content_key(&s);
            prop_assert_eq!(content_key(&once), once.clone());
        }

        #[test]
        fn content_key_has_no_double_or_edge_spaces(s in "[ a-zA-Z\\t\\n\u{2019}]{0,80}") {
            let k = content_key(&s);
            prop_assert!(!k.contains("  "));
            prop_assert!(!k.starts_with(' ') && !k.ends_with(' '));
        }

        #[test]
        fn clean_text_keeps_no_control_characters(s in "\\PC{0,100}[\\x00-\\x1f]{0,10}\\PC{0,100}") {
            let c = clean_text(&s);
            prop_assert!(c.chars().all(|ch| !ch.is_control() || ch == '\n' || ch == '\t'));
        }

        #[test]
        fn words_are_nonempty_lowercase_alphanumerics(s in "\\PC{0,200}") {
            for w in words(&s) {
                prop_assert!(!w.is_empty());
                prop_assert!(w.chars().all(char::is_alphanumeric));
                prop_assert_eq!(w.to_lowercase(), w.clone());
            }
        }
    }
}

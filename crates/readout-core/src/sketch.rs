//! MinHash sketches of word shingles, for finding near-duplicate documents.
//!
//! A sketch keeps, for each of [`BINS`] hash functions, the least hash of any
//! shingle; the fraction of equal values between two sketches estimates the
//! Jaccard similarity of their shingle sets. Each shingle is hashed once and the
//! [`BINS`] functions are derived from that hash by multiply-shift, which keeps the
//! cost near one multiplication per function and shingle.
//! Locality-sensitive hashing splits a sketch into [`BANDS`] bands; two documents
//! that share a band key are candidates, and a candidate whose estimate reaches
//! the threshold is a near-duplicate.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Odd multipliers and offsets for the multiply-shift hash functions, drawn
/// from splitmix64 at compile time so every build sketches alike.
const PERMUTATIONS: [(u64, u64); BINS] = {
    let mut out = [(0u64, 0u64); BINS];
    let mut state: u64 = 0x5EED_0F2E_AD00_0017;
    let mut i = 0;
    while i < BINS {
        let mut pair = [0u64; 2];
        let mut j = 0;
        while j < 2 {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            pair[j] = z ^ (z >> 31);
            j += 1;
        }
        out[i] = (pair[0] | 1, pair[1]);
        i += 1;
    }
    out
};

use crate::normalize;

/// Words in a shingle.
pub const SHINGLE: usize = 5;
/// Values in a sketch: the estimate's standard error at Jaccard 0.8 is 0.05.
pub const BINS: usize = 60;
/// LSH bands; each holds `BINS / BANDS` values. With 10 bands of 6, a pair at
/// Jaccard 0.8 becomes a candidate with probability 0.95, one at 0.7 with
/// 0.71, one at 0.5 with 0.15.
pub const BANDS: usize = 10;
const ROWS: usize = BINS / BANDS;
/// Texts with fewer words get no sketch: on a headline, a shared shingle says nothing.
pub const MIN_WORDS: usize = 25;

/// A MinHash signature of a text's word shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch(pub [u32; BINS]);

/// Combines the hashes of a shingle's words, in order, into one well-mixed hash.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3;
    for w in words {
        h = (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
    // The 64-bit finaliser of MurmurHash3.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

impl Sketch {
    /// Sketches a text; `None` when it has fewer than [`MIN_WORDS`] words.
    pub fn of_text(text: &str) -> Option<Sketch> {
        let mut words: Vec<u64> = Vec::with_capacity(text.len() / 5);
        if text.is_ascii() {
            // The same words as the Unicode path below gives, without building
            // the comparison key: maximal runs of letters and digits, lower-cased.
            let mut word = [0u8; 64];
            let mut len = 0usize;
            let mut long: Vec<u8> = Vec::new();
            for &b in text.as_bytes().iter().chain(std::iter::once(&b' ')) {
                if b.is_ascii_alphanumeric() {
                    let l = b.to_ascii_lowercase();
                    if len < word.len() {
                        word[len] = l;
                    } else {
                        if len == word.len() {
                            long.clear();
                            long.extend_from_slice(&word);
                        }
                        long.push(l);
                    }
                    len += 1;
                } else if len > 0 {
                    let bytes = if len <= word.len() {
                        &word[..len]
                    } else {
                        &long[..]
                    };
                    words.push(xxh3_64(bytes));
                    len = 0;
                }
            }
        } else {
            let key = normalize::content_key(text);
            words.extend(
                key.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(|w| xxh3_64(w.as_bytes())),
            );
        }
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut bins = [u32::MAX; BINS];
        for window in words.windows(SHINGLE) {
            let h = shingle_hash(window);
            for (bin, (a, b)) in bins.iter_mut().zip(PERMUTATIONS.iter()) {
                // Multiply-shift: a cheap, pairwise-independent family of hash functions.
                let v = (h.wrapping_mul(*a).wrapping_add(*b) >> 32) as u32;
                *bin = (*bin).min(v);
            }
        }
        Some(Sketch(bins))
    }

    /// Estimated Jaccard similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Sketch) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / BINS as f64
    }

    /// One key per LSH band; documents sharing any key are near-duplicate candidates.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (b, key) in keys.iter_mut().enumerate() {
            let mut bytes = [0u8; ROWS * 4];
            for (r, v) in self.0[b * ROWS..(b + 1) * ROWS].iter().enumerate() {
                bytes[r * 4..r * 4 + 4].copy_from_slice(&v.to_le_bytes());
            }
            *key = xxh3_64_with_seed(&bytes, b as u64) as i64;
        }
        keys
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Sketch::to_bytes`] output back; `None` if the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Sketch> {
        if bytes.len() != BINS * 4 {
            return None;
        }
        let mut bins = [0u32; BINS];
        for (i, chunk) in bytes.chunks_exact(4).enumerate() {
            bins[i] = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Sketch(bins))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The enlarged plenary meeting of the Central Committee discussed the \
        results of the first half of the year and set forth tasks for the agricultural front, \
        the economic sectors and the defence industry, and adopted a resolution on improving \
        the work of local bodies before the end of the year, the report said on Tuesday after \
        the four-day session closed in the capital.";

    #[test]
    fn identical_texts_are_fully_similar() {
        let a = Sketch::of_text(STORY).unwrap();
        assert_eq!(a.similarity(&Sketch::of_text(STORY).unwrap()), 1.0);
    }

    #[test]
    fn a_lightly_edited_copy_stays_similar_and_shares_a_band() {
        let edited = STORY
            .replace("on Tuesday", "on Wednesday")
            .replace("capital", "city");
        let (a, b) = (
            Sketch::of_text(STORY).unwrap(),
            Sketch::of_text(&edited).unwrap(),
        );
        assert!(a.similarity(&b) > 0.6, "{}", a.similarity(&b));
        let shared = a
            .band_keys()
            .iter()
            .filter(|k| b.band_keys().contains(k))
            .count();
        assert!(shared > 0);
    }

    #[test]
    fn unrelated_texts_are_dissimilar() {
        let other = "Balloons carrying leaflets and refuse crossed the border on several nights, \
            the vice-minister said in a statement, warning that the launches would resume if \
            the other side continued to send its own leaflets across the line in the weeks \
            ahead, and that the response would be many times stronger than before.";
        let (a, b) = (
            Sketch::of_text(STORY).unwrap(),
            Sketch::of_text(other).unwrap(),
        );
        assert!(a.similarity(&b) < 0.1, "{}", a.similarity(&b));
        assert!(a.band_keys().iter().all(|k| !b.band_keys().contains(k)));
    }

    #[test]
    fn ascii_and_unicode_paths_see_the_same_words() {
        let curly = STORY
            .replace("the ", "the\u{00A0}")
            .replace(", ", "\u{2019} ");
        let plain = STORY.replace(", ", "' ");
        assert_eq!(Sketch::of_text(&curly), Sketch::of_text(&plain));
    }

    #[test]
    fn short_texts_get_no_sketch() {
        assert!(Sketch::of_text("Kim Jong Un Inspects Farm").is_none());
    }

    #[test]
    fn bytes_round_trip() {
        let a = Sketch::of_text(STORY).unwrap();
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(Sketch::from_bytes(&[0u8; 3]), None);
    }
}

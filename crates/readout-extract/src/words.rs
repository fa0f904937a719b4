//! Sets and maps of words, looked up once per word of every text.
//!
//! Most words of a text are in none of the pack's lists. A bit table of word
//! shapes (length, first and last byte) turns most of them away before any
//! hashing or comparing.

use std::borrow::Borrow;
use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

/// Bits in the shape table.
const SHAPES: usize = 1 << 16;

fn shape(w: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    ((usize::from(first) | (usize::from(last) << 8)) ^ (w.len().min(31) << 11)) & (SHAPES - 1)
}

/// Words with a value each.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    map: FxHashMap<String, V>,
    shapes: Box<[u64]>,
}

/// Words.
pub type WordSet = WordMap<()>;

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: FxHashMap::default(),
            shapes: vec![0u64; SHAPES / 64].into_boxed_slice(),
        }
    }
}

impl<V> WordMap<V> {
    pub fn get(&self, w: &str) -> Option<&V> {
        let s = shape(w.as_bytes());
        if self.shapes[s / 64] & (1 << (s % 64)) == 0 {
            return None;
        }
        self.map.get(w)
    }

    pub fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    /// The value of a word, added with `make` if the word is new.
    pub fn entry(&mut self, w: &str, make: impl FnOnce(usize) -> V) -> &mut V {
        let s = shape(w.as_bytes());
        self.shapes[s / 64] |= 1 << (s % 64);
        let len = self.map.len();
        if !self.map.contains_key(w) {
            self.map.insert(w.to_owned(), make(len));
        }
        self.map.get_mut(w).expect("inserted above")
    }

    /// Adds a word, or sets its value.
    pub fn insert(&mut self, w: &str, value: V) {
        let s = shape(w.as_bytes());
        self.shapes[s / 64] |= 1 << (s % 64);
        self.map.insert(w.to_owned(), value);
    }

    /// Every word with its value, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.map.iter().map(|(w, v)| (w.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl<S: Borrow<str>> FromIterator<S> for WordSet {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for w in iter {
            set.entry(w.borrow(), |_| ());
        }
        set
    }
}

/// A large set of words (tens of thousands) kept as 64-bit hashes, for
/// asking of each word of a text whether it is in it: a look-up hashes the
/// word once and compares no text. Two words with one 64-bit hash would be
/// taken for one; among tens of thousands of words that is as good as never.
#[derive(Debug, Clone, Default)]
pub struct HashedWords {
    hashes: FxHashSet<u64>,
}

impl HashedWords {
    fn key(w: &str) -> u64 {
        let mut h = FxHasher::default();
        h.write(w.as_bytes());
        h.finish()
    }

    pub fn contains(&self, w: &str) -> bool {
        self.hashes.contains(&Self::key(w))
    }
}

impl<S: Borrow<str>> FromIterator<S> for HashedWords {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        HashedWords {
            hashes: iter.into_iter().map(|w| Self::key(w.borrow())).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_what_was_put_in_and_nothing_else() {
        let set: WordSet = ["Committee", "Ministry", "a", "Jong-un"]
            .into_iter()
            .collect();
        for w in ["Committee", "Ministry", "a", "Jong-un"] {
            assert!(set.contains(w), "{w}");
        }
        // Same shape as a member, or a different case: not in.
        for w in ["Commie", "Cxxxxxxxxe", "committee", "b", "", "Jong-un "] {
            assert!(!set.contains(w), "{w}");
        }
        assert_eq!(set.len(), 4);
    }

    #[test]
    fn a_map_numbers_new_words_in_order() {
        let mut map: WordMap<u32> = WordMap::default();
        assert_eq!(*map.entry("of", |n| n as u32), 0);
        assert_eq!(*map.entry("party", |n| n as u32), 1);
        assert_eq!(*map.entry("of", |n| n as u32), 0);
        assert_eq!(map.get("party"), Some(&1));
        assert_eq!(map.get("parti"), None);
    }
}

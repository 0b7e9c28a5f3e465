//! Respondent ids seen so far, each numbered in the order it was first seen.
//!
//! A run keeps every respondent id it has read twice over: a survey table checks that no id
//! is used on two of its rows, and the aggregator finds each respondent's counts by id. At a
//! million respondents a hash map of owned strings cost about 65 bytes an id (a 24- or
//! 32-byte slot, twice over at that size, plus the string), and doubled its table in one
//! step near the end of the read (for a moment, both tables at once). [`Ids`] keeps the ids'
//! bytes end to end in one buffer, with an 8-byte end offset and a 4-byte number per id in
//! its hash table (the `string-interner` crate's string backend): about 26 bytes an id of 8
//! characters, and a table of numbers, not strings, to double.

use rustc_hash::FxBuildHasher;
use string_interner::backend::StringBackend;
use string_interner::symbol::{Symbol, SymbolU32};
use string_interner::StringInterner;

/// Ids numbered 0, 1, 2 … in the order they were first seen.
///
/// Numbers are 32-bit: a set holds up to `u32::MAX - 1` ids (four billion respondents
/// would need far more memory than their numbers first).
#[derive(Debug)]
pub struct Ids {
    interned: StringInterner<StringBackend<SymbolU32>, FxBuildHasher>,
}

impl Default for Ids {
    fn default() -> Self {
        Ids {
            interned: StringInterner::with_hasher(FxBuildHasher),
        }
    }
}

impl Ids {
    /// The id's number, and whether this is its first sight (it is then given the next
    /// number). One hash and one probe of the table either way.
    pub fn number(&mut self, id: &str) -> (usize, bool) {
        let before = self.interned.len();
        let n = self.interned.get_or_intern(id).to_usize();
        (n, n == before)
    }

    /// How many distinct ids have been seen.
    pub fn len(&self) -> usize {
        self.interned.len()
    }

    /// Whether no id has been seen.
    pub fn is_empty(&self) -> bool {
        self.interned.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_ids_in_order_of_first_sight() {
        let mut ids = Ids::default();
        assert!(ids.is_empty());
        assert_eq!(ids.number("R2"), (0, true));
        assert_eq!(ids.number("R1"), (1, true));
        assert_eq!(ids.number("R2"), (0, false));
        assert_eq!(ids.number(""), (2, true));
        assert_eq!(ids.number("r1"), (3, true), "ids are compared exactly");
        assert_eq!(ids.number("R1"), (1, false));
        assert_eq!(ids.len(), 4);
    }

    #[test]
    fn keeps_every_id_apart_at_scale() {
        // enough ids to make the table double many times; long and non-ASCII ids too
        let mut ids = Ids::default();
        let id = |k: usize| format!("{}-{k}-{}", "é".repeat(k % 7), "x".repeat(k % 40));
        for k in 0..50_000 {
            assert_eq!(ids.number(&id(k)), (k, true));
        }
        for k in (0..50_000).rev() {
            assert_eq!(ids.number(&id(k)), (k, false));
        }
        assert_eq!(ids.len(), 50_000);
    }
}

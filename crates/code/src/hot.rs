//! A small direct-mapped cache of the most frequent words' terms, in front of the matcher's
//! per-thread word cache.
//!
//! The word cache holds up to hundreds of thousands of words, so most lookups in it miss
//! the processor's caches twice (the table, then the key's bytes). Word frequencies are
//! steep: a few thousand words make most of any text. Each slot here holds a short word's
//! bytes inline with its value, 4,096 slots in ~150 KB, so a frequent word is found with
//! one hash of its bytes and one comparison. A slot is overwritten by the next word hashed
//! to it. The values are the word cache's, so clearing that cache must clear this one.

/// Slots (a power of two).
const SLOTS: usize = 4096;
/// Longest word kept (bytes of its normal form).
const KEY: usize = 22;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// Length of the word; 0 for an empty slot (normal forms are never empty).
    len: u8,
    /// The word's bytes, zero-padded.
    key: [u8; KEY],
    value: (u32, u32, u8),
}

/// The cache; empty until first used.
#[derive(Debug, Default)]
pub(crate) struct HotCache {
    slots: Vec<Slot>,
}

/// The word zero-padded to `KEY` bytes and its slot, or `None` when it is too long.
fn place(word: &str) -> Option<([u8; KEY], usize)> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > KEY {
        return None;
    }
    let mut key = [0u8; KEY];
    key[..b.len()].copy_from_slice(b);
    let mut h = b.len() as u64;
    for chunk in key.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    Some((key, (h >> (64 - SLOTS.trailing_zeros())) as usize))
}

impl HotCache {
    /// The value stored for `word`, if its slot holds it.
    pub(crate) fn get(&self, word: &str) -> Option<(u32, u32, u8)> {
        let (key, at) = place(word)?;
        let slot = self.slots.get(at)?;
        (usize::from(slot.len) == word.len() && slot.key == key).then_some(slot.value)
    }

    /// Stores `value` for `word` in its slot (words over `KEY` bytes are not kept).
    pub(crate) fn put(&mut self, word: &str, value: (u32, u32, u8)) {
        let Some((key, at)) = place(word) else {
            return;
        };
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); SLOTS];
        }
        self.slots[at] = Slot {
            len: word.len() as u8,
            key,
            value,
        };
    }

    /// Empties every slot.
    pub(crate) fn clear(&mut self) {
        self.slots.fill(Slot::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_short_words_until_overwritten_or_cleared() {
        let mut c = HotCache::default();
        assert_eq!(c.get("fund"), None);
        c.put("fund", (1, 2, 3));
        assert_eq!(c.get("fund"), Some((1, 2, 3)));
        assert_eq!(c.get("fun"), None);
        assert_eq!(c.get("fund\0"), None);
        let long = "a".repeat(KEY + 1);
        c.put(&long, (9, 9, 9));
        assert_eq!(c.get(&long), None);
        let exact = "b".repeat(KEY);
        c.put(&exact, (4, 5, 6));
        assert_eq!(c.get(&exact), Some((4, 5, 6)));
        // a word is only ever answered with its own value, whatever shares its slot
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            c.put(w, (i as u32, 0, 0));
        }
        let kept = words
            .iter()
            .enumerate()
            .filter(|(i, w)| match c.get(w) {
                Some(v) => {
                    assert_eq!(v, (*i as u32, 0, 0));
                    true
                }
                None => false,
            })
            .count();
        assert!(kept > SLOTS / 2 && kept <= SLOTS, "{kept}");
        c.clear();
        assert!(words.iter().all(|w| c.get(w).is_none()));
    }
}

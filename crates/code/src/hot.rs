//! A small direct-mapped cache of the most frequent words' terms, in front of the matcher's
//! per-thread word cache.
//!
//! The word cache holds up to hundreds of thousands of words, so most lookups in it miss
//! the processor's caches twice (the table, then the key's bytes). Word frequencies are
//! steep: a few thousand words make most of any text. Each slot here holds a short word's
//! bytes inline with its value, 4,096 slots in ~160 KB, so a frequent word is found with
//! one hash of its bytes and one comparison. A slot is overwritten by the next word hashed
//! to it. The values are the word cache's, so clearing that cache must clear this one.

/// Slots (a power of two).
const SLOTS: usize = 4096;
/// Longest word kept (bytes of its normal form), in machine words.
const KEY_WORDS: usize = 3;
/// Longest word kept, in bytes.
const KEY: usize = KEY_WORDS * 8;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// Length of the word; 0 for an empty slot (normal forms are never empty).
    len: u8,
    /// The word's bytes, little-endian in machine words, zero-padded.
    key: [u64; KEY_WORDS],
    value: (u32, u32, u8),
}

/// The cache; empty until first used.
#[derive(Debug, Default)]
pub(crate) struct HotCache {
    slots: Vec<Slot>,
}

/// Up to eight bytes as a little-endian machine word, zero-padded, read with at most two
/// loads (overlapping ones when the length is not a power of two), never byte by byte.
fn load(b: &[u8]) -> u64 {
    let n = b.len();
    let at = |i: usize, w: usize| -> u64 {
        let mut x = 0u64;
        for (k, &c) in b[i..i + w].iter().enumerate() {
            x |= u64::from(c) << (8 * k);
        }
        x
    };
    match n {
        0 => 0,
        1..=3 => at(0, 1) | (at(n / 2, 1) << (8 * (n / 2))) | (at(n - 1, 1) << (8 * (n - 1))),
        4..=7 => {
            let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
            lo | (hi << (8 * (n - 4)))
        }
        _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}

/// The word as zero-padded machine words and its slot, or `None` when it is too long.
fn place(word: &str) -> Option<([u64; KEY_WORDS], usize)> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > KEY {
        return None;
    }
    let mut key = [0u64; KEY_WORDS];
    let mut h = b.len() as u64;
    for (k, chunk) in key.iter_mut().zip(b.chunks(8)) {
        *k = load(chunk);
        h = (h.rotate_left(23) ^ *k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
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
    fn loads_bytes_as_their_little_endian_word() {
        let bytes: Vec<u8> = (1..=8).map(|k| k * 17).collect();
        for n in 0..=8 {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(load(&bytes[..n]), u64::from_le_bytes(w), "{n} bytes");
        }
    }

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

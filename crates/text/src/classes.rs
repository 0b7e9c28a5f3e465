//! The byte classes the word splitter needs, 64 bytes at a time, as bit masks (bit `k`:
//! byte `k` of the block is in the class): ASCII letters and digits, ASCII apostrophes, and
//! the bytes that begin a character of two or more bytes. Computed by [`crate::bytemask`]
//! (SSE2 on x86-64, a loop over the bytes elsewhere), and tested against the classes'
//! byte-by-byte definitions for every byte value in every position.

use crate::bytemask::Block;

/// The classes of a block's bytes; a byte past the end of a short block is in none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Classes {
    /// `0`–`9`, `A`–`Z`, `a`–`z`.
    pub alnum: u64,
    /// `'`.
    pub quote: u64,
    /// 0xC0 and over: the first byte of a character of two or more bytes.
    pub lead: u64,
}

/// The classes of `block` (at most [`BLOCK`](crate::bytemask::BLOCK) bytes).
#[inline]
pub(crate) fn classes(block: &[u8]) -> Classes {
    let b = Block::padded(block);
    Classes {
        alnum: b.letters() | b.range(b'0', b'9'),
        quote: b.eq(b'\''),
        lead: b.range(0xC0, 0xFF),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytemask::BLOCK;

    /// The definition, byte by byte.
    fn classes_by_byte(block: &[u8]) -> Classes {
        let mut c = Classes::default();
        for (k, &b) in block.iter().enumerate() {
            let set = |yes: bool| u64::from(yes) << k;
            c.alnum |= set(b.is_ascii_alphanumeric());
            c.quote |= set(b == b'\'');
            c.lead |= set(b >= 0xC0);
        }
        c
    }

    #[test]
    fn every_byte_in_every_position_is_classed_as_defined() {
        // each byte value at each of the 64 positions, among neighbours of every kind
        for value in 0u8..=255 {
            for at in 0..BLOCK {
                let mut block: [u8; BLOCK] = std::array::from_fn(|k| (k * 37 + 11) as u8);
                block[at] = value;
                let want = classes_by_byte(&block);
                assert_eq!(classes(&block), want, "{value:#x} at {at}");
            }
        }
    }

    #[test]
    fn a_short_block_has_nothing_past_its_end() {
        let all: Vec<u8> = (0u8..=255).collect();
        for len in [0, 1, 15, 16, 17, 63] {
            for block in all.chunks(len.max(1)).map(|b| &b[..len.min(b.len())]) {
                let c = classes(block);
                assert_eq!(c, classes_by_byte(block), "{block:?}");
            }
        }
    }
}

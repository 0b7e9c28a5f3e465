//! The byte classes the gates look for, 64 bytes at a time, as bit masks (bit `k` of a
//! mask: byte `k` of the block is in the class). One pass over a text gives every class
//! at once, each computed by [`tally_text::bytemask`] (SSE2 on x86-64, a loop over the
//! bytes elsewhere).

use tally_text::bytemask::Block;

/// The classes of one block's bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    /// `0`–`9`.
    pub digit: u64,
    /// `A`–`Z`.
    pub upper: u64,
    /// `a`–`z`.
    pub lower: u64,
    /// A space or a tab.
    pub blank: u64,
    /// `@`.
    pub at: u64,
    /// A line feed.
    pub newline: u64,
    /// A byte over 0x7f (part of a non-ASCII character).
    pub non_ascii: u64,
}

impl Masks {
    /// The classes of one block.
    #[inline]
    fn of(b: &Block) -> Masks {
        Masks {
            digit: b.range(b'0', b'9'),
            upper: b.range(b'A', b'Z'),
            lower: b.range(b'a', b'z'),
            blank: b.eq(b' ') | b.eq(b'\t'),
            at: b.eq(b'@'),
            newline: b.eq(b'\n'),
            non_ascii: b.non_ascii(),
        }
    }
}

/// The masks of each 64-byte block of `b`, in order, with the block's offset; the last block
/// is padded with zero bytes (in no class).
pub(crate) fn blocks(b: &[u8]) -> impl Iterator<Item = (usize, Masks)> + '_ {
    tally_text::bytemask::blocks(b).map(|(at, block)| (at, Masks::of(&block)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_text::bytemask::BLOCK;

    /// The classes of one block, byte by byte: their definition.
    fn masks_by_byte(block: &[u8]) -> Masks {
        let mut m = Masks::default();
        for (k, &c) in block.iter().enumerate() {
            let set = |on: bool| u64::from(on) << k;
            m.digit |= set(c.is_ascii_digit());
            m.upper |= set(c.is_ascii_uppercase());
            m.lower |= set(c.is_ascii_lowercase());
            m.blank |= set(c == b' ' || c == b'\t');
            m.at |= set(c == b'@');
            m.newline |= set(c == b'\n');
            m.non_ascii |= set(!c.is_ascii());
        }
        m
    }

    #[test]
    fn every_byte_value_in_every_position_gets_its_classes() {
        for c in 0..=255u8 {
            for at in 0..BLOCK {
                let mut block = [b'x'; BLOCK];
                block[at] = c;
                let got: Vec<Masks> = blocks(&block).map(|(_, m)| m).collect();
                assert_eq!(got, [masks_by_byte(&block)], "byte {c} at {at}");
            }
        }
    }

    #[test]
    fn blocks_cover_the_text_and_pad_the_last() {
        let text: Vec<u8> = (0..150u32)
            .map(|i| b"a1 B@\n\xc3\t"[i as usize % 8])
            .collect();
        for n in [0, 1, 63, 64, 65, 128, 150] {
            let got: Vec<(usize, Masks)> = blocks(&text[..n]).collect();
            assert_eq!(got.len(), n.div_ceil(BLOCK), "{n} bytes");
            for (at, m) in got {
                let end = (at + BLOCK).min(n);
                assert_eq!(m, masks_by_byte(&text[at..end]), "{n} bytes, block at {at}");
            }
        }
    }
}

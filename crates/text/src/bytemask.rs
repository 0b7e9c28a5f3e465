//! Byte classes 64 bytes at a time, as bit masks (bit `k` of a mask: byte `k` of the
//! block is in the class): the one byte-scanning helper of the word splitter, the quote
//! scorer's letter counts and the personal-data gates (tally-redact).
//!
//! A [`Block`] holds 64 bytes; its methods give the mask of a byte range, of one byte
//! value, of the ASCII letters and of the non-ASCII bytes. On x86-64 each method takes a
//! couple of SSE2 compares and a `movemask` per 16 bytes (SSE2 is part of every x86-64
//! processor; the bytes are stored with their top bit flipped, so the signed compares
//! order them as unsigned). Everywhere else a loop over the bytes gives the masks: the
//! same loop is the definition the SSE2 path is tested against, for every byte value in
//! every position.

/// Bytes in a block.
pub const BLOCK: usize = 64;

/// 64 bytes to classify. Bytes past the end of a short block ([`Block::padded`]) are zero.
#[derive(Clone, Copy)]
pub struct Block(imp::Block);

impl Block {
    /// A full block.
    #[inline]
    pub fn new(bytes: &[u8; BLOCK]) -> Self {
        Block(imp::Block::new(bytes))
    }

    /// A block of at most [`BLOCK`] bytes, padded with zero bytes (which are in no class
    /// that excludes byte 0).
    ///
    /// # Panics
    /// If `bytes` is longer than [`BLOCK`].
    #[inline]
    pub fn padded(bytes: &[u8]) -> Self {
        match <&[u8; BLOCK]>::try_from(bytes) {
            Ok(full) => Block::new(full),
            Err(_) => {
                let mut block = [0u8; BLOCK];
                block[..bytes.len()].copy_from_slice(bytes);
                Block::new(&block)
            }
        }
    }

    /// The bytes in `lo..=hi`.
    #[inline]
    pub fn range(&self, lo: u8, hi: u8) -> u64 {
        self.0.range(lo, hi)
    }

    /// The bytes equal to `b`.
    #[inline]
    pub fn eq(&self, b: u8) -> u64 {
        self.0.eq(b)
    }

    /// The ASCII letters, `A`–`Z` and `a`–`z`.
    #[inline]
    pub fn letters(&self) -> u64 {
        self.0.letters()
    }

    /// The bytes over 0x7f (part of a non-ASCII character).
    #[inline]
    pub fn non_ascii(&self) -> u64 {
        self.0.non_ascii()
    }
}

/// Each 64-byte block of `b` with its offset, in order; the last is padded with zero bytes.
pub fn blocks(b: &[u8]) -> impl Iterator<Item = (usize, Block)> + '_ {
    b.chunks(BLOCK)
        .enumerate()
        .map(|(i, block)| (i * BLOCK, Block::padded(block)))
}

#[cfg(target_arch = "x86_64")]
use sse2 as imp;

#[cfg(not(target_arch = "x86_64"))]
use by_byte as imp;

/// SSE2, 16 bytes per compare.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_xor_si128,
    };

    /// The block's bytes with their top bit flipped: unsigned order as signed order.
    #[derive(Clone, Copy)]
    pub(super) struct Block([__m128i; 4]);

    // SAFETY (every `unsafe` block below): the intrinsics need SSE2, which is part of the
    // x86-64 baseline: every x86-64 processor has it.

    /// `b` with its top bit flipped, as the signed byte the compares take.
    #[inline]
    fn flip(b: u8) -> __m128i {
        unsafe { _mm_set1_epi8((b ^ 0x80) as i8) }
    }

    impl Block {
        #[inline]
        pub(super) fn new(bytes: &[u8; super::BLOCK]) -> Self {
            Block(std::array::from_fn(|lane| {
                // SAFETY: lane < 4, so the 16 bytes at 16 * lane are inside the array;
                // the load needs no alignment
                unsafe {
                    let v = _mm_loadu_si128(bytes.as_ptr().add(16 * lane).cast());
                    _mm_xor_si128(v, flip(0))
                }
            }))
        }

        /// The mask of the bytes whose lane of `class` has its top bit set.
        #[inline]
        fn mask(&self, class: impl Fn(__m128i) -> __m128i) -> u64 {
            self.0.iter().enumerate().fold(0, |m, (lane, &v)| {
                let bits = unsafe { _mm_movemask_epi8(class(v)) };
                m | u64::from(bits as u16) << (16 * lane)
            })
        }

        #[inline]
        pub(super) fn range(&self, lo: u8, hi: u8) -> u64 {
            let (lo, hi) = (flip(lo), flip(hi));
            !self.mask(|v| unsafe { _mm_or_si128(_mm_cmplt_epi8(v, lo), _mm_cmpgt_epi8(v, hi)) })
        }

        #[inline]
        pub(super) fn eq(&self, b: u8) -> u64 {
            let b = flip(b);
            self.mask(|v| unsafe { _mm_cmpeq_epi8(v, b) })
        }

        #[inline]
        pub(super) fn letters(&self) -> u64 {
            // a capital with 0x20 set is its small letter; no other byte becomes one
            let (lo, hi, case) = (flip(b'a'), flip(b'z'), unsafe { _mm_set1_epi8(0x20) });
            !self.mask(|v| unsafe {
                let v = _mm_or_si128(v, case);
                _mm_or_si128(_mm_cmplt_epi8(v, lo), _mm_cmpgt_epi8(v, hi))
            })
        }

        #[inline]
        pub(super) fn non_ascii(&self) -> u64 {
            // flipped, a byte over 0x7f has its top bit clear
            !self.mask(|v| v)
        }
    }
}

/// Byte by byte: the only fallback, and the definition the fast path is tested against.
#[cfg(any(test, not(target_arch = "x86_64")))]
mod by_byte {
    #[derive(Clone, Copy)]
    pub(super) struct Block([u8; super::BLOCK]);

    impl Block {
        pub(super) fn new(bytes: &[u8; super::BLOCK]) -> Self {
            Block(*bytes)
        }

        fn mask(&self, class: impl Fn(u8) -> bool) -> u64 {
            self.0
                .iter()
                .enumerate()
                .fold(0, |m, (k, &b)| m | u64::from(class(b)) << k)
        }

        pub(super) fn range(&self, lo: u8, hi: u8) -> u64 {
            self.mask(|b| (lo..=hi).contains(&b))
        }

        pub(super) fn eq(&self, c: u8) -> u64 {
            self.mask(|b| b == c)
        }

        pub(super) fn letters(&self) -> u64 {
            self.mask(|b| b.is_ascii_alphabetic())
        }

        pub(super) fn non_ascii(&self) -> u64 {
            self.mask(|b| !b.is_ascii())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classes a block gives, whichever way it computes them.
    trait Classify {
        fn range(&self, lo: u8, hi: u8) -> u64;
        fn eq(&self, b: u8) -> u64;
        fn letters(&self) -> u64;
        fn non_ascii(&self) -> u64;
    }

    macro_rules! classify {
        ($t:ty) => {
            impl Classify for $t {
                fn range(&self, lo: u8, hi: u8) -> u64 {
                    <$t>::range(self, lo, hi)
                }
                fn eq(&self, b: u8) -> u64 {
                    <$t>::eq(self, b)
                }
                fn letters(&self) -> u64 {
                    <$t>::letters(self)
                }
                fn non_ascii(&self) -> u64 {
                    <$t>::non_ascii(self)
                }
            }
        };
    }
    classify!(Block);
    classify!(by_byte::Block);

    /// Ranges at the edges of ASCII, of the signed order and of the byte.
    const RANGES: [(u8, u8); 12] = [
        (b'0', b'9'),
        (b'A', b'Z'),
        (b'a', b'z'),
        (0, 0),
        (0, 0x7f),
        (0, 0xff),
        (0x7f, 0x80),
        (0x80, 0xbf),
        (0xc0, 0xff),
        (0xff, 0xff),
        (0x41, 0x41),
        (0x90, 0x10), // empty
    ];

    /// Bytes compared for equality: the edges, and `extra`.
    fn probes(extra: u8) -> [u8; 7] {
        [0, b'\'', b'@', 0x7f, 0x80, 0xff, extra]
    }

    /// Every class of a block: letters, non-ASCII, equal to each probe, in each range.
    fn classes(c: &impl Classify, probes: &[u8], ranges: &[(u8, u8)]) -> Vec<u64> {
        let mut v = vec![c.letters(), c.non_ascii()];
        v.extend(probes.iter().map(|&b| c.eq(b)));
        v.extend(ranges.iter().map(|&(lo, hi)| c.range(lo, hi)));
        v
    }

    /// Asserts the block's classes are the byte loop's.
    fn same(block: &[u8; BLOCK], probes: &[u8], ranges: &[(u8, u8)], what: &str) {
        let fast = classes(&Block::new(block), probes, ranges);
        let slow = classes(&by_byte::Block::new(block), probes, ranges);
        assert_eq!(fast, slow, "{what}");
    }

    #[test]
    fn every_byte_value_in_every_position_is_classed_as_the_loop_classes_it() {
        for value in 0u8..=255 {
            for at in 0..BLOCK {
                let mut block: [u8; BLOCK] = std::array::from_fn(|k| (k * 37 + 11) as u8);
                block[at] = value;
                same(
                    &block,
                    &probes(value),
                    &RANGES,
                    &format!("{value:#x} at {at}"),
                );
            }
        }
    }

    #[test]
    fn every_range_is_as_the_loop_finds_it() {
        // 64 consecutive values a block; four blocks hold every byte value
        for first in [0u8, 64, 128, 192] {
            let block: [u8; BLOCK] = std::array::from_fn(|k| first + k as u8);
            for lo in 0u8..=255 {
                for hi in [
                    lo,
                    lo.saturating_add(1),
                    lo.saturating_add(9),
                    0x7f,
                    0x80,
                    0xff,
                ] {
                    let what = format!("{lo:#x}..={hi:#x} from {first:#x}");
                    same(&block, &probes(lo), &[(lo, hi)], &what);
                }
            }
        }
    }

    #[test]
    fn blocks_cover_the_text_at_every_length_and_alignment() {
        let text: Vec<u8> = (0..300u32).map(|i| (i * 59 + 7) as u8).collect();
        for start in 0..16 {
            for n in [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 200, 284] {
                let t = &text[start..start + n];
                let got: Vec<(usize, Block)> = blocks(t).collect();
                assert_eq!(got.len(), n.div_ceil(BLOCK), "{n} bytes");
                for (at, block) in got {
                    let mut padded = [0u8; BLOCK];
                    let end = (at + BLOCK).min(n);
                    padded[..end - at].copy_from_slice(&t[at..end]);
                    let slow = by_byte::Block::new(&padded);
                    assert_eq!(
                        classes(&block, &probes(1), &RANGES),
                        classes(&slow, &probes(1), &RANGES),
                        "{n} bytes from {start}, block at {at}"
                    );
                }
            }
        }
    }
}

//! The byte classes the word splitter needs, 64 bytes at a time, as bit masks (bit `k`:
//! byte `k` of the block is in the class): ASCII letters and digits, ASCII apostrophes, and
//! the bytes that begin a character of two or more bytes. On x86-64 each 16 bytes take a
//! few SSE2 compares and a `movemask` per class (SSE2 is part of every x86-64 processor);
//! elsewhere eight bytes at a time by word arithmetic (`ascii.rs`). Both are tested against
//! the classes' byte-by-byte definitions for every byte value in every position.

/// Bytes in a block.
pub(crate) const BLOCK: usize = 64;

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

/// The classes of `block` (at most [`BLOCK`] bytes).
pub(crate) fn classes(block: &[u8]) -> Classes {
    match <&[u8; BLOCK]>::try_from(block) {
        Ok(full) => classes_of(full),
        Err(_) => {
            let mut padded = [0u8; BLOCK];
            padded[..block.len()].copy_from_slice(block);
            classes_of(&padded)
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn classes_of(block: &[u8; BLOCK]) -> Classes {
    // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 processor has it
    unsafe { classes_sse2(block) }
}

#[cfg(not(target_arch = "x86_64"))]
fn classes_of(block: &[u8; BLOCK]) -> Classes {
    classes_swar(block)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn classes_sse2(block: &[u8; BLOCK]) -> Classes {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    };
    // signed compares: bytes over 0x7f are negative as i8, so below every ASCII range;
    // 0xC0–0xFF are -64..-1, the continuation bytes 0x80–0xBF -128..-65
    let range = |v: __m128i, lo: i8, hi: i8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(lo - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(hi + 1)),
        )
    };
    let bits = |v: __m128i, lane: usize| u64::from(_mm_movemask_epi8(v) as u16) << (16 * lane);
    let mut c = Classes::default();
    for (lane, sixteen) in block.chunks_exact(16).enumerate() {
        let word =
            |at: usize| i64::from_le_bytes(sixteen[at..at + 8].try_into().expect("eight bytes"));
        let v = _mm_set_epi64x(word(8), word(0));
        // a capital with 0x20 set is its small letter; no other byte becomes one
        let letter = range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a' as i8, b'z' as i8);
        let digit = range(v, b'0' as i8, b'9' as i8);
        c.alnum |= bits(_mm_or_si128(letter, digit), lane);
        c.quote |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8)), lane);
        c.lead |= bits(range(v, -64, -1), lane);
    }
    c
}

/// Eight bytes at a time by word arithmetic: each byte's high bit cleared before it is
/// classified, and the classes of the high bytes cleared after.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn classes_swar(block: &[u8; BLOCK]) -> Classes {
    use crate::ascii::{gather, in_range, rep};
    let mut c = Classes::default();
    for (k, eight) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        let high = x & rep(0x80);
        let y = x & rep(0x7f);
        let letter = in_range(y | rep(0x20), b'a', b'z');
        let digit = in_range(y, b'0', b'9');
        c.alnum |= gather((letter | digit) & !high) << (8 * k);
        c.quote |= gather(in_range(y, b'\'', b'\'') & !high) << (8 * k);
        // bit 6 of each byte moved to bit 7: a lead byte has both
        c.lead |= gather(high & (x << 1)) << (8 * k);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

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
                assert_eq!(classes_swar(&block), want, "{value:#x} at {at}");
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

//! The byte classes the gates look for, 64 bytes at a time, as bit masks (bit `k` of a
//! mask: byte `k` of the block is in the class). One pass over a text gives every class
//! at once; on x86-64 each 16 bytes take a few SSE2 compares and a `movemask` per class
//! (SSE2 is part of every x86-64 processor), elsewhere a loop per byte.

/// Bytes in a block.
pub(crate) const BLOCK: usize = 64;

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

/// The masks of each 64-byte block of `b`, in order, with the block's offset; the last block
/// is padded with zero bytes (in no class).
pub(crate) fn blocks(b: &[u8]) -> impl Iterator<Item = (usize, Masks)> + '_ {
    let chunks = b.chunks_exact(BLOCK);
    let rest = chunks.remainder();
    let tail = (!rest.is_empty()).then(|| {
        let mut padded = [0u8; BLOCK];
        padded[..rest.len()].copy_from_slice(rest);
        (b.len() - rest.len(), masks(&padded))
    });
    chunks
        .enumerate()
        .map(|(i, block)| {
            let block: &[u8; BLOCK] = block.try_into().expect("a full block");
            (i * BLOCK, masks(block))
        })
        .chain(tail)
}

/// The classes of one block.
#[cfg(target_arch = "x86_64")]
pub(crate) fn masks(block: &[u8; BLOCK]) -> Masks {
    // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 processor has it
    unsafe { masks_sse2(block) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn masks_sse2(block: &[u8; BLOCK]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    };
    // bytes over 0x7f are negative as i8: below '0' and 'A' in the signed compares
    let range = |v: __m128i, lo: u8, hi: u8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)),
        )
    };
    let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
    let bits = |v: __m128i, lane: usize| u64::from(_mm_movemask_epi8(v) as u16) << (16 * lane);
    let mut m = Masks::default();
    for (lane, sixteen) in block.chunks_exact(16).enumerate() {
        let word =
            |at: usize| i64::from_le_bytes(sixteen[at..at + 8].try_into().expect("eight bytes"));
        let v = _mm_set_epi64x(word(8), word(0));
        m.digit |= bits(range(v, b'0', b'9'), lane);
        m.upper |= bits(range(v, b'A', b'Z'), lane);
        m.lower |= bits(range(v, b'a', b'z'), lane);
        m.blank |= bits(_mm_or_si128(eq(v, b' '), eq(v, b'\t')), lane);
        m.at |= bits(eq(v, b'@'), lane);
        m.newline |= bits(eq(v, b'\n'), lane);
        m.non_ascii |= bits(v, lane);
    }
    m
}

/// The classes of one block.
#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn masks(block: &[u8; BLOCK]) -> Masks {
    masks_by_byte(block)
}

/// The classes of one block, byte by byte: the definition the SSE2 version is tested
/// against.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
pub(crate) fn masks_by_byte(block: &[u8; BLOCK]) -> Masks {
    let mut m = Masks::default();
    for (k, &c) in block.iter().enumerate() {
        let bit = 1u64 << k;
        let set = |on: bool| if on { bit } else { 0 };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_value_in_every_position_gets_its_classes() {
        for c in 0..=255u8 {
            for at in [0, 1, 15, 16, 31, 47, 63] {
                let mut block = [b'x'; BLOCK];
                block[at] = c;
                assert_eq!(masks(&block), masks_by_byte(&block), "byte {c} at {at}");
            }
        }
    }

    #[test]
    fn blocks_cover_the_text_and_pad_the_last() {
        let text: Vec<u8> = (0..150u32)
            .map(|i| b"a1 B@\n\xc3"[i as usize % 7])
            .collect();
        for n in [0, 1, 63, 64, 65, 128, 150] {
            let got: Vec<(usize, Masks)> = blocks(&text[..n]).collect();
            assert_eq!(got.len(), n.div_ceil(BLOCK), "{n} bytes");
            for (at, m) in got {
                let mut block = [0u8; BLOCK];
                let end = (at + BLOCK).min(n);
                block[..end - at].copy_from_slice(&text[at..end]);
                assert_eq!(m, masks_by_byte(&block), "{n} bytes, block at {at}");
            }
        }
    }
}

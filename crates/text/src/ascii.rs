//! ASCII text eight bytes at a time: byte classes by word arithmetic ("SWAR"), where a
//! branch or a table lookup per byte would not vectorise.

/// `b` repeated in every byte of a word.
pub(crate) const fn rep(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// For 8 ASCII bytes (all under 0x80): the high bit of each byte set when the byte is in
/// `lo..=hi`. Adding `0x80 - lo` sets it when the byte is at least `lo`, adding `0x7f - hi`
/// when it is over `hi`; neither sum carries into the next byte.
pub(crate) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    x.wrapping_add(rep(0x80 - lo)) & !x.wrapping_add(rep(0x7f - hi)) & rep(0x80)
}

/// The high bits of 8 bytes gathered into the low 8 bits (byte `j` → bit `j`).
#[cfg(any(test, not(target_arch = "x86_64")))]
pub(crate) fn gather(high: u64) -> u64 {
    (high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Letters, and capital letters, in ASCII `text`.
pub fn ascii_letter_counts(text: &[u8]) -> (usize, usize) {
    debug_assert!(text.is_ascii());
    let mut chunks = text.chunks_exact(8);
    let (mut letters, mut capitals) = (0u32, 0u32);
    for eight in &mut chunks {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        letters += in_range(x | rep(0x20), b'a', b'z').count_ones();
        capitals += in_range(x, b'A', b'Z').count_ones();
    }
    let rest = chunks.remainder();
    let letters = letters as usize + rest.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let capitals = capitals as usize + rest.iter().filter(|b| b.is_ascii_uppercase()).count();
    (letters, capitals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_letters_and_capitals() {
        let all: Vec<u8> = (0u8..128).collect();
        assert_eq!(ascii_letter_counts(&all), (52, 26));
        for n in 0..all.len() {
            let want = (
                all[..n].iter().filter(|b| b.is_ascii_alphabetic()).count(),
                all[..n].iter().filter(|b| b.is_ascii_uppercase()).count(),
            );
            assert_eq!(ascii_letter_counts(&all[..n]), want, "{n}");
        }
        assert_eq!(ascii_letter_counts(b"STOP the CUTS, now!"), (14, 8));
    }

    #[test]
    fn in_range_marks_exactly_the_range() {
        for lo in [b'0', b'A', b'a', b'\''] {
            for hi in [lo, lo + 9, lo + 25] {
                for c in 0u8..128 {
                    let got = in_range(u64::from(c), lo, hi) & 0x80 != 0;
                    assert_eq!(got, (lo..=hi).contains(&c), "{c} in {lo}..={hi}");
                }
            }
        }
        assert_eq!(gather(rep(0x80)), 0xff);
    }
}

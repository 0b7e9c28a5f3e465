//! Letter counts of ASCII text, 64 bytes at a time with [`crate::bytemask`].

use crate::bytemask::blocks;

/// Letters, and capital letters, in ASCII `text`.
pub fn ascii_letter_counts(text: &[u8]) -> (usize, usize) {
    debug_assert!(text.is_ascii());
    blocks(text).fold((0, 0), |(letters, capitals), (_, b)| {
        (
            letters + b.letters().count_ones() as usize,
            capitals + b.range(b'A', b'Z').count_ones() as usize,
        )
    })
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
}

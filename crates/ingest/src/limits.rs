//! The longest response read: a response over the limit is truncated, at a character
//! boundary, with a warning naming its file and line.
//!
//! The default, [`DEFAULT_MAX_RESPONSE_BYTES`] (1 MiB, some 150,000 words: far more than any
//! consultation answer or letter), keeps one hostile or broken input (a 200 MB cell, a
//! letter of a whole archive) from holding gigabytes through coding and reporting. The
//! limit is a process-wide setting, read once per file: [`set_max_response_bytes`] (the
//! CLI's `--max-response-bytes`) changes it for every later read.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The default limit on one response's text, in bytes of UTF-8.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 1 << 20;

static MAX_RESPONSE_BYTES: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_RESPONSE_BYTES);

/// Sets the longest response read, in bytes (at least 1; see the module docs).
pub fn set_max_response_bytes(bytes: usize) {
    MAX_RESPONSE_BYTES.store(bytes.max(1), Ordering::Relaxed);
}

/// The longest response read, in bytes.
pub fn max_response_bytes() -> usize {
    MAX_RESPONSE_BYTES.load(Ordering::Relaxed)
}

/// Cuts `text` to at most `max` bytes at a character boundary, giving back the memory;
/// the length it had when it was cut.
pub(crate) fn truncate(text: &mut String, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let len = text.len();
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text.shrink_to_fit();
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_character_boundary() {
        let mut s = "aé€".to_string(); // 1 + 2 + 3 bytes
        assert_eq!(truncate(&mut s, 5), Some(6));
        assert_eq!(s, "aé");
        let mut s = "aé€".to_string();
        assert_eq!(truncate(&mut s, 2), Some(6));
        assert_eq!(s, "a");
        assert_eq!(truncate(&mut s, 1), None);
    }
}

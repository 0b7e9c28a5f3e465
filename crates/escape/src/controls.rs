//! Control characters out of published text.

use std::borrow::Cow;

/// Whether `c` is a control character that no published format should carry: C0
/// controls, DEL and C1 controls.
pub(crate) fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// `s` without control characters. A line feed is kept when `newlines` (else it becomes a
/// space); a carriage return ends a line as a line feed does (`\r\n` is one line end); a
/// tab becomes a space; every other control character (NUL, BEL, ESC, DEL, C1) is removed.
///
/// ```
/// use tally_escape::controls;
/// assert_eq!(controls("a\r\nb\rc\u{1b}[31m\u{7}", true), "a\nb\nc[31m");
/// assert_eq!(controls("a\nb\tc", false), "a b c");
/// assert_eq!(controls("plain", true), "plain");
/// ```
pub fn controls(s: &str, newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) && (c != '\n' || !newlines)) {
        return Cow::Borrowed(s);
    }
    let end = if newlines { '\n' } else { ' ' };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(end);
            }
            '\n' => out.push(end),
            '\t' => out.push(' '),
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_goes() {
        for b in 0u32..=0xa0 {
            let c = char::from_u32(b).unwrap();
            let s = format!("a{c}b");
            for newlines in [true, false] {
                let out = controls(&s, newlines);
                assert!(
                    !out.chars()
                        .any(|c| is_control(c) && !(newlines && c == '\n')),
                    "{b:#x} {newlines}: {out:?}"
                );
                assert!(out.starts_with('a') && out.ends_with('b'), "{b:#x}");
            }
        }
    }
}

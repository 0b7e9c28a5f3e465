//! Control characters out of published text.

use std::borrow::Cow;

/// Whether `c` is a control character that no published format should carry: C0
/// controls, DEL and C1 controls.
pub(crate) fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Whether `s` holds a control character that [`controls`] would change, found on bytes:
/// in UTF-8 a C0 control or DEL is one byte below 0x20 or 0x7f, a C1 control is 0xc2
/// followed by 0x80..=0x9f. (Every response of a run passes here on its way into
/// coded.csv; this byte test is several times faster than decoding characters, and
/// `has_control_is_the_character_definition` checks it against [`is_control`].)
fn has_control(s: &str, newlines: bool) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b'\n' => !newlines,
        0..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        _ => false,
    })
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
    if !has_control(s, newlines) {
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
    fn has_control_is_the_character_definition() {
        for b in 0u32..=0x3ff {
            let c = char::from_u32(b).unwrap();
            for s in [format!("{c}"), format!("a£{c}b"), format!("{c}\u{a0}")] {
                for newlines in [true, false] {
                    let want = s.chars().any(|c| is_control(c) && (c != '\n' || !newlines));
                    assert_eq!(has_control(&s, newlines), want, "{b:#x} {newlines}");
                }
            }
        }
    }

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

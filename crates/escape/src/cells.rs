//! Spreadsheet cells that show as text: formula neutralisation (CSV injection).
//!
//! A spreadsheet runs a cell as a formula when its first character, after any spaces it
//! ignores, is `=`, `+`, `-` or `@`; some also take the fullwidth and small forms of those
//! signs (`＝＋－＠`, `﹦﹢﹣﹫`) as the ASCII ones, and a zero-width or other invisible
//! character in front is not seen. Such a cell gets a leading `'`, which spreadsheets
//! show as text (OWASP's advice). A leading tab or carriage return is neutralised too.

use std::borrow::Cow;

use crate::controls::controls;

/// Characters a spreadsheet may take as the start of a formula.
fn is_formula_sign(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\u{ff1d}' // ＝
            | '\u{ff0b}' // ＋
            | '\u{ff0d}' // －
            | '\u{ff20}' // ＠
            | '\u{fe66}' // ﹦
            | '\u{fe62}' // ﹢
            | '\u{fe63}' // ﹣
            | '\u{fe6b}' // ﹫
            | '\u{2212}' // − minus sign
    )
}

/// Characters that show nothing (or only space) before a cell's first visible character.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || crate::controls::is_control(c)
        || matches!(
            c,
            '\u{ad}' // soft hyphen
                | '\u{34f}' // combining grapheme joiner
                | '\u{180e}' // Mongolian vowel separator
                | '\u{200b}'..='\u{200f}' // zero-width space, joiners, marks
                | '\u{202a}'..='\u{202e}' // bidirectional embeddings and overrides
                | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
                | '\u{2066}'..='\u{2069}' // bidirectional isolates
                | '\u{feff}' // zero-width no-break space (BOM)
        )
}

/// Prefixes a `'` to a cell that a spreadsheet would run as a formula: one whose first
/// visible character (after spaces, tabs, line ends, zero-width and other invisible
/// characters) is a formula sign (`=` `+` `-` `@`, their fullwidth forms `＝＋－＠`, small
/// forms `﹦﹢﹣﹫`, or `−`), or that starts with a tab or carriage return. Other cells are returned as they are.
///
/// ```
/// use tally_escape::neutralise_cell;
/// assert_eq!(neutralise_cell("=SUM(A1)"), "'=SUM(A1)");
/// assert_eq!(neutralise_cell("\u{200b}＝1+1"), "'\u{200b}＝1+1");
/// assert_eq!(neutralise_cell("Parent or carer"), "Parent or carer");
/// ```
pub fn neutralise_cell(s: &str) -> Cow<'_, str> {
    let first = s.chars().find(|&c| !is_invisible(c));
    if first.is_some_and(is_formula_sign) || s.starts_with(['\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// A CSV cell from input: control characters removed but line ends (a quoted CSV cell
/// can hold them; a carriage return becomes a line feed), then [`neutralise_cell`].
///
/// ```
/// use tally_escape::cell;
/// assert_eq!(cell("Parent\u{7} or carer"), "Parent or carer");
/// assert_eq!(cell("a\r\nb"), "a\nb");
/// ```
pub fn cell(s: &str) -> Cow<'_, str> {
    match controls(s, true) {
        Cow::Borrowed(s) => neutralise_cell(s),
        Cow::Owned(s) => Cow::Owned(neutralise_cell(&s).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, want: &str) {
        assert_eq!(neutralise_cell(input), want, "{input:?}");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for (input, want) in [
            ("=1+1", "'=1+1"),
            ("+44 7700", "'+44 7700"),
            ("-x", "'-x"),
            ("@SUM", "'@SUM"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            (" =1+1", "' =1+1"),
            ("\t=1+1", "'\t=1+1"),
            ("  \u{a0}@SUM(A1)", "'  \u{a0}@SUM(A1)"),
            ("\n=1", "'\n=1"),
            ("＝1+1", "'＝1+1"),
            ("＋1", "'＋1"),
            ("－1", "'－1"),
            ("＠SUM", "'＠SUM"),
            ("﹦1", "'﹦1"),
            ("\u{200b}=1+1", "'\u{200b}=1+1"),
            ("\u{feff}=1+1", "'\u{feff}=1+1"),
            ("\u{2060}+1", "'\u{2060}+1"),
            ("\u{200d} \u{200c}-1", "'\u{200d} \u{200c}-1"),
            ("\u{202e}=1", "'\u{202e}=1"),
        ] {
            check(input, want);
        }
    }

    #[test]
    fn text_cells_are_left_alone() {
        for input in [
            "a=b",
            "",
            " ",
            "Parent or carer",
            "1-2",
            " a =1",
            "\u{200b}x",
            "'=1",
        ] {
            check(input, input);
        }
    }

    #[test]
    fn cells_lose_control_characters_then_are_neutralised() {
        for (input, want) in [
            ("a\u{7}b", "ab"),
            ("\u{7}=1", "'=1"),
            ("\u{0}\u{1b}[2J", "[2J"),
            ("x\r\ny", "x\ny"),
            ("\t=1", "' =1"),
        ] {
            assert_eq!(cell(input), want, "{input:?}");
        }
    }
}

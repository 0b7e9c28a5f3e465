//! Text from input as Markdown (CommonMark with GitHub's tables) that renders as the text
//! itself.
//!
//! Every ASCII character with a meaning of its own anywhere in a line (`\` `` ` `` `*` `_`
//! `[` `]` `<` `>` `#` `|` `~` `&` `$` `^` `{` `}`) is backslash-escaped, which CommonMark
//! renders as the character: so no HTML (`<script>`, `<img onerror>`, an unclosed `<!--`),
//! no entity, no link or image (`[x](javascript:…)`), no emphasis, strikethrough, super- or
//! subscript, math, heading attributes or table cell boundary comes from input. What
//! means something only at the start of a line (`-`, `+` and `=` for lists and setext
//! headings, `:` for definition lists, `1.` or `1)` for ordered lists) is
//! escaped there; leading spaces, which could make an indented code block, are dropped
//! (Markdown does not show them). Control characters are removed ([`crate::controls`]).
//!
//! A bare `https://` address stays text in CommonMark; renderers that link such
//! addresses (GitHub) may still show it as a link to where it says.

use std::borrow::Cow;

use crate::controls::controls;

/// Characters escaped wherever they are.
fn is_special(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '['
            | ']'
            | '<'
            | '>'
            | '#'
            | '|'
            | '~'
            | '&'
            | '$'
            | '^'
            | '{'
            | '}'
    )
}

/// Appends `line` (no line end in it) escaped, as if it started a line.
fn push_line(out: &mut String, line: &str) {
    let line = line.trim_start_matches([' ', '\t']);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let mut chars = line.char_indices().peekable();
    if line.starts_with(['-', '+', '=', ':']) {
        out.push('\\');
    } else if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
        out.push_str(&line[..digits]);
        out.push('\\');
        while chars.next_if(|&(i, _)| i < digits).is_some() {}
    }
    for (_, c) in chars {
        if is_special(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// `s` as Markdown on one line that renders as `s`: line ends become spaces, control
/// characters go, Markdown's special characters (`` \ ` * _ [ ] < > # | ~ & $ ^ { } ``) are
/// backslash-escaped, as is a list or heading marker at the start (`-` `+` `=` `:` `1.`
/// `1)`), and leading spaces are dropped. Safe anywhere inline, including a table cell and
/// the start of a line.
///
/// ```
/// use tally_escape::markdown_line;
/// assert_eq!(markdown_line("Parent | carer\n## Injected"), r"Parent \| carer \#\# Injected");
/// assert_eq!(markdown_line("Plain text, it's fine."), "Plain text, it's fine.");
/// ```
pub fn markdown_line(s: &str) -> Cow<'_, str> {
    let text = controls(s, false);
    let plain = !text.starts_with([' ', '\t', '-', '+', '=', ':'])
        && !text.starts_with(|c: char| c.is_ascii_digit())
        && !text.chars().any(is_special);
    if plain {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    push_line(&mut out, &text);
    Cow::Owned(out)
}

/// `s` as Markdown lines, its line ends kept: each line escaped as by
/// [`markdown_line`], so a line that starts `#`, `>`, `-` or `1.` stays text.
///
/// ```
/// use tally_escape::markdown;
/// assert_eq!(markdown("Fine.\n# Not a heading\n  - nor a list"), "Fine.\n\\# Not a heading\n\\- nor a list");
/// ```
pub fn markdown(s: &str) -> String {
    let text = controls(s, true);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_line(&mut out, line);
    }
    out
}

/// `s` as a Markdown code span: fenced by one backtick more than the longest run of
/// backticks in it (padded by a space where it starts or ends with a backtick), its line
/// ends and control characters turned to spaces or removed. Not for a table cell (a `|`
/// would still end the cell).
///
/// ```
/// use tally_escape::code_span;
/// assert_eq!(code_span("R0001:Q4"), "`R0001:Q4`");
/// assert_eq!(code_span("a``b`"), "``` a``b` ```");
/// ```
pub fn code_span(s: &str) -> String {
    let text = controls(s, false);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`')
        || text.ends_with('`')
        || text.is_empty()
        || (text.starts_with(' ') && text.ends_with(' '))
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_escaped() {
        for (input, want) in [
            ("- a", r"\- a"),
            ("+ a", r"\+ a"),
            ("===", r"\==="),
            ("1. a", r"1\. a"),
            ("12) a", r"12\) a"),
            ("1234567890. a", "1234567890. a"),
            ("2024 was", "2024 was"),
            ("    code", "code"),
            ("a - b", "a - b"),
            ("> quote", r"\> quote"),
        ] {
            assert_eq!(markdown_line(input), want, "{input:?}");
            assert_eq!(markdown(input), want, "{input:?}");
        }
    }

    #[test]
    fn code_spans_hold_any_id() {
        for (input, want) in [
            ("R1", "`R1`"),
            ("`", "`` ` ``"),
            ("a`b", "``a`b``"),
            ("", "`  `"),
            (" a ", "`  a  `"),
            ("a\nb", "`a b`"),
        ] {
            assert_eq!(code_span(input), want, "{input:?}");
        }
    }
}

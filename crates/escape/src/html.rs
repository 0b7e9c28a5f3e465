//! Text as HTML: element content and attribute values that show as the text itself, and
//! JSON that can sit inside a `<script>` element without ending it.
//!
//! [`html`] escapes the five characters HTML gives a meaning (`& < > " '`) after removing
//! control characters ([`crate::controls`]), so a value is safe both between tags and in a
//! quoted attribute. [`script_json`] takes JSON text (as `serde_json` writes it) and
//! replaces `<`, `>`, `&` and the two line separators U+2028/U+2029 by their `\uXXXX`
//! escapes: the same JSON value, with no `</script>` or `<!--` that could close or hide
//! the element. Both are the identity on text that needs nothing, and borrow then.

use std::borrow::Cow;

use crate::controls::controls;

/// `text` as HTML element content or a quoted attribute value: control characters removed,
/// then `&`, `<`, `>`, `"` and `'` written as character references.
///
/// ```
/// assert_eq!(tally_escape::html("<b>Tom & \"Jo\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jo&quot;&lt;/b&gt;");
/// assert_eq!(tally_escape::html("plain"), "plain");
/// ```
pub fn html(text: &str) -> Cow<'_, str> {
    let clean = controls(text, true);
    if !clean.contains(['&', '<', '>', '"', '\'']) {
        return clean;
    }
    let mut out = String::with_capacity(clean.len() + 16);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text made safe inside `<script type="application/json">`: `<`, `>`, `&`, U+2028
/// and U+2029 as `\u` escapes. In JSON those characters occur only inside strings, where
/// the escape stands for the same character, so `JSON.parse` gives the same value.
///
/// ```
/// let json = r#"{"t":"</script><!-- & more"}"#;
/// assert_eq!(
///     tally_escape::script_json(json),
///     r#"{"t":"\u003c/script\u003e\u003c!-- \u0026 more"}"#
/// );
/// ```
pub fn script_json(json: &str) -> Cow<'_, str> {
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(html(input), expected, "{input:?}");
    }

    #[test]
    fn markup_becomes_text() {
        check("", "");
        check("Parent or carer", "Parent or carer");
        check(
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        );
        check("a & b", "a &amp; b");
        check("x\" onmouseover='y'", "x&quot; onmouseover=&#39;y&#39;");
        check("&amp;", "&amp;amp;");
        check("caf\u{e9} \u{1f600}", "caf\u{e9} \u{1f600}");
        check("bell\u{7} and\u{0} nul", "bell and nul");
    }

    #[test]
    fn script_json_keeps_the_value() {
        let value = serde_json::json!({
            "text": "</script><script>alert(1)</script> <!-- a & b \u{2028}\u{2029} é",
            "n": [1, 2],
        });
        let json = serde_json::to_string(&value).unwrap();
        let safe = script_json(&json);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(bad), "{bad:?} in {safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
        assert!(matches!(script_json("{\"a\":1}"), Cow::Borrowed(_)));
    }
}

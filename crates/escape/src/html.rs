//! Text as HTML: the same characters on the page, never markup.

use std::borrow::Cow;

use crate::controls::controls;

/// `s` as HTML text and attribute value: control characters removed as [`controls`] does
/// (line feeds kept), then `&`, `<`, `>`, `"` and `'` as character references. The result
/// is safe between tags and inside a quoted attribute value (either quote), so one helper
/// serves both.
///
/// ```
/// use tally_escape::html;
/// assert_eq!(html("<b>Parent & \"carer\"</b>"), "&lt;b&gt;Parent &amp; &quot;carer&quot;&lt;/b&gt;");
/// assert_eq!(html("plain"), "plain");
/// ```
pub fn html(s: &str) -> Cow<'_, str> {
    let clean = controls(s, true);
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

#[cfg(test)]
mod tests {
    use super::html;

    #[test]
    fn hostile_text_stays_text() {
        assert_eq!(
            html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            html("</title><img src=x onerror=alert(1)>"),
            "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            html("&lt;"),
            "&amp;lt;",
            "an entity in the input is shown as typed"
        );
    }

    #[test]
    fn quotes_cannot_end_an_attribute() {
        let v = html("x\" onmouseover=\"alert(1)' y='");
        assert!(!v.contains('"') && !v.contains('\''), "{v}");
        assert_eq!(v, "x&quot; onmouseover=&quot;alert(1)&#39; y=&#39;");
    }

    #[test]
    fn controls_are_removed_and_line_feeds_kept() {
        assert_eq!(html("a\u{0}b\u{1b}[31mc\u{85}d\r\ne"), "ab[31mcd\ne");
        assert_eq!(html("tab\there"), "tab here");
    }

    #[test]
    fn unicode_passes_unchanged() {
        assert_eq!(html("Ysgol – café ☕ 学校"), "Ysgol – café ☕ 学校");
    }
}

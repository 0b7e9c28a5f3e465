//! Markdown prose as HTML: the sentences summary.md writes (the reading note, the theme
//! lines, the campaigns, the appendices) are rendered into report.html from the same
//! functions, so the two files say the same thing.
//!
//! Text from input was escaped for Markdown where it entered (so it holds no HTML), and any
//! HTML the parser still sees is written out as text, never as markup.

use pulldown_cmark::{Event, Options, Parser};

/// `markdown` (a fragment produced by the summary.md renderer) as HTML.
pub(crate) fn prose(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        e => e,
    });
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::prose;

    #[test]
    fn raw_html_in_markdown_is_text() {
        let h = prose("a <script>alert(1)</script> b\n\n<div onclick=x>\n");
        assert!(!h.contains("<script") && !h.contains("<div"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn markdown_escapes_render_as_the_text() {
        let md = tally_escape::markdown_line("<b>Parent</b> *carer* [x](javascript:y)");
        let h = prose(&md);
        assert!(
            !h.contains("<b>") && !h.contains("<a ") && !h.contains("<em>"),
            "{h}"
        );
        assert!(h.contains("&lt;b&gt;Parent&lt;/b&gt;"), "{h}");
    }
}

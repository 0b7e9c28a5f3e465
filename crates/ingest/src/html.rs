//! HTML to plain text, for letters saved as web pages and HTML email bodies.
//!
//! Tags are removed; block elements (`p`, `div`, headings, tables, `blockquote` …) become
//! paragraph breaks (`\n\n`), `br`, list items and table rows line breaks; runs of white
//! space collapse to one space (except inside `pre`); `head`, `script`, `style` and
//! `template` are dropped; character references (`&amp;`, `&#8217;`, `&rsquo;` …) are
//! decoded. Broken markup never fails: whatever cannot be parsed as a tag is text.

use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Space,
    Line,
    Paragraph,
}

/// Builds the text, holding back white space and breaks until more text follows (so the
/// text never starts or ends with them).
pub(crate) struct TextBuilder {
    text: String,
    pending: Break,
}

impl TextBuilder {
    pub(crate) fn new() -> Self {
        TextBuilder {
            text: String::new(),
            pending: Break::None,
        }
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            match self.pending {
                Break::None => {}
                Break::Space => self.text.push(' '),
                Break::Line => self.text.push('\n'),
                Break::Paragraph => self.text.push_str("\n\n"),
            }
        }
        self.pending = Break::None;
    }

    fn brk(&mut self, b: Break) {
        self.pending = self.pending.max(b);
    }

    /// A paragraph break.
    pub(crate) fn paragraph(&mut self) {
        self.brk(Break::Paragraph);
    }

    /// A line break.
    pub(crate) fn line(&mut self) {
        self.brk(Break::Line);
    }

    /// Text whose runs of white space collapse to one space.
    pub(crate) fn collapsing(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.brk(Break::Space);
            } else {
                self.flush();
                self.text.push(c);
            }
        }
    }

    /// Text kept exactly (pre-formatted).
    pub(crate) fn verbatim(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.flush();
        self.text.push_str(s);
    }

    pub(crate) fn finish(self) -> String {
        self.text
    }
}

const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];
const LINE: &[&str] = &["br", "dd", "dt", "li", "option", "tr"];
const CELL: &[&str] = &["td", "th"];
/// Elements whose content is not text for a reader.
const DROPPED: &[&str] = &["head", "script", "style", "template", "noscript", "title"];

/// The text of an HTML document.
pub(crate) fn to_text(html: &str) -> String {
    let mut out = TextBuilder::new();
    let mut pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text(&mut out, rest, pre > 0);
            break;
        };
        text(&mut out, &rest[..lt], pre > 0);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            continue;
        }
        let (closing, name_start) = match rest.as_bytes().get(1) {
            Some(b'/') => (true, 2),
            Some(b) if b.is_ascii_alphabetic() => (false, 1),
            _ => {
                // a lone `<` is text
                text(&mut out, "<", pre > 0);
                rest = &rest[1..];
                continue;
            }
        };
        let name_len = rest[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - name_start);
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(&rest[name_start + name_len..]).map(|i| name_start + name_len + i);
        rest = end.map_or("", |i| &rest[i + 1..]);
        if !closing && DROPPED.contains(&name.as_str()) {
            // skip to the matching end tag, if there is one
            if let Some(i) = find_ci(rest, &format!("</{name}")) {
                let after = &rest[i..];
                rest = after.find('>').map_or("", |j| &after[j + 1..]);
            }
            continue;
        }
        if name == "pre" {
            pre = if closing {
                pre.saturating_sub(1)
            } else {
                pre + 1
            };
        }
        if BLOCK.contains(&name.as_str()) {
            out.paragraph();
        } else if LINE.contains(&name.as_str()) {
            out.line();
        } else if CELL.contains(&name.as_str()) && !closing {
            out.brk(Break::Space);
        }
    }
    out.finish()
}

/// Index of the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '>') => return Some(i),
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
    }
    None
}

/// Case-insensitive (ASCII) search.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn text(out: &mut TextBuilder, raw: &str, pre: bool) {
    if raw.is_empty() {
        return;
    }
    let decoded = decode_references(raw);
    if pre {
        out.verbatim(&decoded);
    } else {
        out.collapsing(&decoded);
    }
}

/// Decodes character references (`&amp;`, `&#233;`, `&#xE9;`, `&eacute;` …); anything
/// that is not one stays as written.
pub(crate) fn decode_references(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .char_indices()
            .take(40)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
            .filter(|&(_, c)| c == ';')
            .map(|(i, _)| i + 1);
        match end {
            Some(semi) if semi > 1 => {
                // `&…;` (ASCII): the HTML5 table of mail-parser decodes it, or keeps it
                mail_parser::decoders::html::add_html_token(
                    &mut out,
                    &rest.as_bytes()[..=semi],
                    false,
                );
                rest = &rest[semi + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, text: &str) {
        assert_eq!(to_text(html), text, "{html}");
    }

    #[test]
    fn keeps_paragraphs_and_drops_markup() {
        check(
            "<html><head><title>T</title><style>p{x:1}</style></head><body>\
             <h1>Dear  Minister,</h1>\n<p>We need <b>more</b>\n   money.</p><p>And&nbsp;soon &amp; now&#8230;</p>\
             <script>alert('<p>no</p>')</script><ul><li>one</li><li>two</li></ul>Yours,<br>A&nbsp;Parent</body></html>",
            "Dear Minister,\n\nWe need more money.\n\nAnd soon & now\u{2026}\n\none\ntwo\n\nYours,\nA Parent",
        );
        check(
            "<p>caf&eacute; &rsquo;s &#xE9; &bogus; & a&b</p>",
            "caf\u{e9} \u{2019}s \u{e9} &bogus; & a&b",
        );
        check("<pre>  keep\n   this </pre>x", "  keep\n   this \n\nx");
        check("<!-- <p>hidden</p> -->shown<!DOCTYPE x>", "shown");
        check("a < b and <a href=\"x>y\">link</a>", "a < b and link");
        check(
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
            "a b\nc",
        );
    }

    #[test]
    fn never_fails_on_broken_markup() {
        for s in [
            "<",
            "<p",
            "<!--",
            "<script>",
            "&",
            "&#;",
            "&#x110000;",
            "<a href='",
            "</",
            "<\u{e9}>",
            "&\u{e9};",
        ] {
            let _ = to_text(s);
        }
    }
}

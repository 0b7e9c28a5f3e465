//! Word-processor letters: DOCX (`word/document.xml`) and ODT (`content.xml`), read from
//! the zip archive with `zip` and `quick-xml`.
//!
//! Each paragraph (`w:p`; `text:p`, `text:h`) becomes a paragraph of the text, separated by
//! `\n\n`; empty paragraphs are dropped. Tabs and line breaks inside a paragraph are kept.
//! Deleted tracked changes, comments, paragraph properties and the fallback copies of
//! drawings are not text. Headers, footers and footnotes of DOCX (other parts of the
//! archive) are not read.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// The largest XML part read (decompressed); a larger one is not read (a zip bomb, or not
/// a letter).
const MAX_PART: u64 = 256 << 20;

struct Dialect {
    /// Format name for messages.
    name: &'static str,
    /// The part holding the body.
    part: &'static str,
    /// Elements that are paragraphs.
    paragraphs: &'static [&'static str],
    /// When set, only text inside these elements is read (DOCX `w:t`).
    text_in: &'static [&'static str],
    tabs: &'static [&'static str],
    breaks: &'static [&'static str],
    hyphens: &'static [&'static str],
    /// `text:s`: `text:c` spaces (default 1).
    spaces: &'static str,
    /// Subtrees that are not text.
    skip: &'static [&'static str],
    /// Whether runs of white space in text collapse (ODF) or are kept (DOCX `w:t`).
    collapse: bool,
}

const DOCX: Dialect = Dialect {
    name: "DOCX",
    part: "word/document.xml",
    paragraphs: &["w:p"],
    text_in: &["w:t"],
    tabs: &["w:tab", "w:ptab"],
    breaks: &["w:br", "w:cr"],
    hyphens: &["w:noBreakHyphen"],
    spaces: "",
    skip: &["w:pPr", "w:rPr", "w:del", "mc:Fallback", "w:instrText"],
    collapse: false,
};

const ODT: Dialect = Dialect {
    name: "ODT",
    part: "content.xml",
    paragraphs: &["text:p", "text:h"],
    text_in: &[],
    tabs: &["text:tab"],
    breaks: &["text:line-break"],
    hyphens: &[],
    spaces: "text:s",
    skip: &[
        "office:annotation",
        "text:tracked-changes",
        "text:note-citation",
        "office:forms",
    ],
    collapse: true,
};

/// The text of a DOCX file.
pub(crate) fn docx_text(bytes: &[u8]) -> Result<String, String> {
    text(bytes, &DOCX)
}

/// The text of an ODT file.
pub(crate) fn odt_text(bytes: &[u8]) -> Result<String, String> {
    text(bytes, &ODT)
}

fn text(bytes: &[u8], d: &Dialect) -> Result<String, String> {
    let xml = zip_part(bytes, d)?;
    paragraphs(&xml, d).map_err(|(pos, e)| {
        format!(
            "corrupt {} ({} is not well-formed XML at byte {pos}: {e}): file not read",
            d.name, d.part
        )
    })
}

fn zip_part(bytes: &[u8], d: &Dialect) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!(
            "not a readable {} file (not a zip archive — truncated, corrupt or password-protected? {e}): file not read",
            d.name
        )
    })?;
    let mut part = archive.by_name(d.part).map_err(|_| {
        format!(
            "not a {} file (no {} in the archive): file not read",
            d.name, d.part
        )
    })?;
    if part.size() > MAX_PART {
        return Err(format!(
            "{} of this {} file is {} MiB, over the {} MiB limit: file not read",
            d.part,
            d.name,
            part.size() >> 20,
            MAX_PART >> 20
        ));
    }
    let mut xml = Vec::with_capacity(part.size() as usize);
    (&mut part)
        .take(MAX_PART + 1)
        .read_to_end(&mut xml)
        .map_err(|e| {
            format!(
                "corrupt {} (cannot decompress {}: {e}): file not read",
                d.name, d.part
            )
        })?;
    if xml.len() as u64 > MAX_PART {
        return Err(format!(
            "{} of this {} file is over the {} MiB limit: file not read",
            d.part,
            d.name,
            MAX_PART >> 20
        ));
    }
    Ok(xml)
}

/// Paragraph texts joined by `\n\n`; on malformed XML, the byte position and error.
fn paragraphs(xml: &[u8], d: &Dialect) -> Result<String, (u64, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    // one buffer per open paragraph (paragraphs nest: notes, text boxes)
    let mut open: Vec<String> = Vec::new();
    let mut done: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    let mut text_depth = 0usize;
    let mut depth = 0usize;
    let reading = |open: &Vec<String>, text_depth: usize, skip_depth: usize| {
        !open.is_empty() && skip_depth == 0 && (d.text_in.is_empty() || text_depth > 0)
    };
    let push = |open: &mut Vec<String>, s: &str| {
        if let Some(p) = open.last_mut() {
            p.push_str(s);
        }
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| (reader.error_position(), e.to_string()))?;
        match event {
            Event::Eof if depth > 0 => {
                return Err((
                    reader.buffer_position(),
                    "it ends before its elements are closed (cut short?)".into(),
                ))
            }
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                let name = e.name();
                let name = name.as_ref();
                if skip_depth > 0 {
                    skip_depth += 1;
                } else if d.skip.contains(&name) {
                    skip_depth = 1;
                } else if d.paragraphs.contains(&name) {
                    open.push(String::new());
                } else if d.text_in.contains(&name) {
                    text_depth += 1;
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.name();
                let name = name.as_ref();
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else if d.paragraphs.contains(&name) {
                    if let Some(p) = open.pop() {
                        let p = p.trim();
                        if !p.is_empty() {
                            done.push(p.to_string());
                        }
                    }
                } else if d.text_in.contains(&name) {
                    text_depth = text_depth.saturating_sub(1);
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 || open.is_empty() {
                    continue;
                }
                let name = e.name();
                let name = name.as_ref();
                if d.tabs.contains(&name) {
                    push(&mut open, "\t");
                } else if d.breaks.contains(&name) {
                    push(&mut open, "\n");
                } else if d.hyphens.contains(&name) {
                    push(&mut open, "-");
                } else if !d.spaces.is_empty() && name == d.spaces {
                    let n = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| a.value.trim().parse().ok())
                        .unwrap_or(1usize)
                        .min(1000);
                    push(&mut open, &" ".repeat(n));
                }
            }
            Event::Text(t) if reading(&open, text_depth, skip_depth) => {
                let s = t.xml10_content();
                if d.collapse {
                    let c = collapse(&s, open.last().map(String::as_str));
                    push(&mut open, &c);
                } else {
                    push(&mut open, &s);
                }
            }
            Event::CData(t) if reading(&open, text_depth, skip_depth) => push(&mut open, &t),
            Event::GeneralRef(r) if reading(&open, text_depth, skip_depth) => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::unescape(&format!("&{};", &*r))
                        .map(|c| c.into_owned())
                        .unwrap_or_else(|_| format!("&{};", &*r)),
                };
                push(&mut open, &s);
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(done.join("\n\n"))
}

/// ODF white space: runs of space, tab and newline in text are one space, and a space
/// after a space already written is dropped.
fn collapse(s: &str, before: Option<&str>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = before.is_none_or(|b| b.is_empty() || b.ends_with(' '));
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(xml: &str, d: &Dialect, text: &str) {
        assert_eq!(paragraphs(xml.as_bytes(), d).unwrap(), text, "{xml}");
    }

    #[test]
    fn docx_paragraphs_tabs_breaks_and_references() {
        check(
            "<w:document xmlns:w=\"w\"><w:body>\
             <w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
             <w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Dear </w:t></w:r><w:r><w:t>Minister,</w:t></w:r></w:p>\
             <w:p/><w:p><w:r><w:t></w:t></w:r></w:p>\
             <w:p><w:r><w:t>Funding &amp; staff &lt;now&gt;</w:t><w:tab/><w:t>please</w:t><w:noBreakHyphen/><w:t>now&#8217;s</w:t></w:r></w:p>\
             <w:p><w:r><w:t xml:space=\"preserve\">  Yours  </w:t></w:r></w:p></w:body></w:document>",
            &DOCX,
            "Dear Minister,\n\nFunding & staff <now>\tplease-now\u{2019}s\n\nYours",
        );
    }

    #[test]
    fn docx_skips_deleted_text_field_codes_and_drawing_fallbacks() {
        check(
            "<w:document><w:body>\
             <w:p><w:r><w:t>kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>\
             <w:r><w:instrText>PAGE</w:instrText><w:br/><w:t>next</w:t></w:r></w:p>\
             <w:p><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>box</w:t></w:r></w:p></mc:Choice>\
             <mc:Fallback><w:p><w:r><w:t>box</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:p>\
             </w:body></w:document>",
            &DOCX,
            "kept\nnext\n\nbox",
        );
    }

    #[test]
    fn odt_paragraphs_spaces_and_annotations() {
        check(
            "<office:text><text:h>Title</text:h><text:p>One\n   two<text:s text:c=\"3\"/>three<text:tab/>four<text:line-break/>five</text:p>\
             <text:p/><text:p>x<office:annotation><text:p>comment</text:p></office:annotation> <text:span>y</text:span></text:p>\
             <text:list><text:list-item><text:p>item</text:p></text:list-item></text:list></office:text>",
            &ODT,
            "Title\n\nOne two   three\tfour\nfive\n\nx y\n\nitem",
        );
    }

    #[test]
    fn malformed_xml_is_an_error_with_its_position() {
        let err = paragraphs(b"<w:document><w:p><w:t>x</w:p>", &DOCX).unwrap_err();
        assert!(err.0 > 0, "{err:?}");
        let err = paragraphs(b"<w:document><w:p><w:t>cut", &DOCX).unwrap_err();
        assert!(err.1.contains("cut short"), "{err:?}");
    }
}

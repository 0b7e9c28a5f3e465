//! PDF letters: the text layer, read with `lopdf`.
//!
//! The text-showing operators of each page's content are decoded with the page's font
//! encodings and laid out as lines by their baseline (the text and line matrices). Lines
//! are joined into paragraphs with a space; a paragraph ends where the gap to the next
//! line is clearly wider than the page's closest line spacing (or than 1.8 times the text
//! size), where the text moves back up the page (a new column or box), and at the end of a
//! page. Paragraphs are separated by `\n\n`. A PDF without a text layer (a scan) is not
//! read: there is nothing to read.

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object, ObjectId};

/// The most decompressed content read per page.
const MAX_PAGE_CONTENT: usize = 64 << 20;

/// What a PDF's text layer gives: the text and warnings (pages that could not be read).
pub(crate) fn text(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let doc = Document::load_mem(bytes)
        .map_err(|e| format!("not a readable PDF ({e}; truncated or corrupt?): file not read"))?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("the PDF has no pages: file not read".into());
    }
    let mut paragraphs = Vec::new();
    let mut failed = Vec::new();
    for (&number, &id) in &pages {
        match page_lines(&doc, id) {
            Ok(lines) => paragraphs.extend(join_lines(&lines)),
            Err(e) => failed.push(format!("{number} ({e})")),
        }
    }
    let mut warnings = Vec::new();
    if doc.xref_recovery.is_some() {
        warnings.push(
            "the PDF's cross-reference data was damaged and repaired (truncated or edited?): check its text is complete"
                .to_string(),
        );
    }
    if !failed.is_empty() {
        warnings.push(format!(
            "text of page {} could not be read: those pages left out",
            failed.join(", ")
        ));
    }
    let text = paragraphs.join("\n\n");
    if text.trim().is_empty() {
        return Err(if failed.is_empty() {
            "the PDF has no text layer (a scanned image? password-protected?): file not read".into()
        } else {
            format!(
                "no page of the PDF could be read ({}): file not read",
                failed.join(", ")
            )
        });
    }
    Ok((text, warnings))
}

/// A line of text at one baseline.
#[derive(Debug)]
struct Line {
    y: f32,
    size: f32,
    text: String,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` translated by (tx, ty) in its own space: `[1 0 0 1 tx ty] × m`.
fn translate(m: &Matrix, tx: f32, ty: f32) -> Matrix {
    [
        m[0],
        m[1],
        m[2],
        m[3],
        tx * m[0] + ty * m[2] + m[4],
        tx * m[1] + ty * m[3] + m[5],
    ]
}

fn number(o: Option<&Object>) -> f32 {
    o.and_then(|o| o.as_float().ok())
        .filter(|f| f.is_finite())
        .unwrap_or(0.0)
}

fn page_lines(doc: &Document, page: ObjectId) -> Result<Vec<Line>, String> {
    let fonts = doc.get_page_fonts(page).map_err(|e| e.to_string())?;
    let encodings: Vec<(Vec<u8>, Encoding)> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, MAX_PAGE_CONTENT)
                .ok()
                .map(|e| (name, e))
        })
        .collect();
    let data = doc
        .get_page_content_with_limit(page, MAX_PAGE_CONTENT)
        .map_err(|e| e.to_string())?;
    let content = Content::decode(&data).map_err(|e| e.to_string())?;

    let mut lines: Vec<Line> = Vec::new();
    let mut tm = IDENTITY;
    let mut tlm = IDENTITY;
    let mut leading = 0.0f32;
    let mut font_size = 0.0f32;
    let mut encoding: Option<&Encoding> = None;
    let mut moved = true;
    let show =
        |lines: &mut Vec<Line>, tm: &Matrix, font_size: f32, moved: &mut bool, piece: &str| {
            if piece.is_empty() {
                return;
            }
            let size = (font_size * tm[2].hypot(tm[3])).abs().max(1.0);
            let y = tm[5];
            match lines.last_mut() {
                Some(l) if (l.y - y).abs() <= 0.5 * size.min(l.size) => {
                    if *moved
                        && !l.text.ends_with(char::is_whitespace)
                        && !piece.starts_with(char::is_whitespace)
                    {
                        l.text.push(' ');
                    }
                    l.text.push_str(piece);
                    l.size = l.size.max(size);
                }
                _ => lines.push(Line {
                    y,
                    size,
                    text: piece.to_string(),
                }),
            }
            *moved = false;
        };
    for op in &content.operations {
        let operands = &op.operands;
        match op.operator.as_str() {
            "BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
                moved = true;
            }
            "Tf" => {
                font_size = number(operands.get(1));
                encoding = operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| encodings.iter().find(|(n, _)| n == name))
                    .map(|(_, e)| e);
            }
            "TL" => leading = number(operands.first()),
            "Td" | "TD" => {
                let (tx, ty) = (number(operands.first()), number(operands.get(1)));
                if op.operator == "TD" {
                    leading = -ty;
                }
                tlm = translate(&tlm, tx, ty);
                tm = tlm;
                moved = true;
            }
            "Tm" => {
                let mut m = IDENTITY;
                for (i, v) in m.iter_mut().enumerate() {
                    *v = number(operands.get(i));
                }
                tlm = m;
                tm = m;
                moved = true;
            }
            "T*" => {
                tlm = translate(&tlm, 0.0, -leading);
                tm = tlm;
                moved = true;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator == "'" || op.operator == "\"" {
                    tlm = translate(&tlm, 0.0, -leading);
                    tm = tlm;
                    moved = true;
                }
                let Some(enc) = encoding else { continue };
                let shown = if op.operator == "\"" {
                    operands.get(2).into_iter().collect::<Vec<_>>()
                } else {
                    operands.iter().collect()
                };
                let mut piece = String::new();
                for o in shown {
                    collect(&mut piece, enc, o);
                }
                show(&mut lines, &tm, font_size, &mut moved, &piece);
            }
            _ => {}
        }
    }
    Ok(lines)
}

/// The text of a `Tj` string or `TJ` array; a wide negative adjustment is a word gap.
fn collect(out: &mut String, enc: &Encoding, o: &Object) {
    match o {
        Object::String(bytes, _) => {
            if let Ok(s) = Document::decode_text(enc, bytes) {
                out.push_str(&s);
            }
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::Integer(_) | Object::Real(_)
                        if number(Some(item)) < -150.0
                            && !out.is_empty()
                            && !out.ends_with(char::is_whitespace) =>
                    {
                        out.push(' ')
                    }
                    Object::String(..) => collect(out, enc, item),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Lines joined into paragraphs (see the module docs).
fn join_lines(lines: &[Line]) -> Vec<String> {
    // the usual distance between consecutive lines of a paragraph: the smallest step down
    // the page that is a real new line (at least 0.8 of the text size)
    let usual = lines
        .windows(2)
        .map(|w| (w[0].y - w[1].y, w[0].size.max(w[1].size)))
        .filter(|&(gap, size)| gap >= 0.8 * size)
        .map(|(gap, _)| gap)
        .min_by(f32::total_cmp);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut prev: Option<&Line> = None;
    for line in lines {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(p) = prev {
            let gap = p.y - line.y;
            let size = p.size.max(line.size);
            let new_paragraph =
                gap < -size || gap > 1.8 * size || usual.is_some_and(|u| gap > 1.3 * u);
            if new_paragraph {
                paragraphs.push(std::mem::take(&mut current));
            } else if !current.is_empty() {
                current.push(' ');
            }
        }
        current.push_str(text);
        prev = Some(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(spec: &[(f32, &str)]) -> Vec<Line> {
        spec.iter()
            .map(|&(y, t)| Line {
                y,
                size: 12.0,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn joins_lines_into_paragraphs_by_their_spacing() {
        // 14 pt between lines, 24 pt between paragraphs
        let l = lines(&[
            (770.0, "Dear Minister,"),
            (746.0, "We need more"),
            (732.0, "money."),
            (708.0, "Yours"),
        ]);
        assert_eq!(
            join_lines(&l),
            ["Dear Minister,", "We need more money.", "Yours"]
        );
        // evenly spaced lines are one paragraph; moving back up the page starts another
        let l = lines(&[
            (700.0, "a"),
            (686.0, "b"),
            (672.0, "c"),
            (760.0, "column two"),
        ]);
        assert_eq!(join_lines(&l), ["a b c", "column two"]);
        // a single line far below the one before
        let l = lines(&[(700.0, "top"), (100.0, "bottom")]);
        assert_eq!(join_lines(&l), ["top", "bottom"]);
        assert!(join_lines(&[]).is_empty());
    }

    #[test]
    fn garbage_is_not_a_pdf() {
        for bytes in [&b""[..], b"%PDF-1.4\n garbage \x00\x01", b"hello"] {
            assert!(text(bytes).unwrap_err().ends_with("file not read"));
        }
    }
}

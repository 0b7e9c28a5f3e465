//! Fixture builders: CSV text, and minimal but valid XLSX, ODS, DOCX, ODT, PDF and email
//! files, made in memory so no binary fixture is committed.

use std::io::{Cursor, Write};

/// A CSV row: cells quoted when they need it, joined by `delimiter`, ended by `\r\n`.
pub fn csv_row(cells: &[&str], delimiter: char) -> String {
    let mut s = cells
        .iter()
        .map(|c| {
            if c.contains([delimiter, '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(&delimiter.to_string());
    s.push_str("\r\n");
    s
}

/// A CSV file of these rows.
pub fn csv(rows: &[&[&str]], delimiter: char) -> String {
    rows.iter().map(|r| csv_row(r, delimiter)).collect()
}

/// A zip archive of these parts (stored, uncompressed; or deflated when `deflate`).
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A DOCX with these paragraphs (a `\n` inside one becomes `w:br`, a `\t` `w:tab`).
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut body = String::new();
    for p in paragraphs {
        body.push_str("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>");
        for (i, line) in p.split('\n').enumerate() {
            if i > 0 {
                body.push_str("<w:r><w:br/></w:r>");
            }
            for (j, run) in line.split('\t').enumerate() {
                if j > 0 {
                    body.push_str("<w:r><w:tab/></w:r>");
                }
                body.push_str(&format!(
                    "<w:r><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    xml_escape(run)
                ));
            }
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip(&[
        (
            "[Content_Types].xml",
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
              <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// An ODT with these paragraphs (the first a heading).
pub fn odt(paragraphs: &[&str]) -> Vec<u8> {
    let mut body = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let tag = if i == 0 { "text:h" } else { "text:p" };
        body.push_str(&format!("<{tag}>{}</{tag}>", xml_escape(p)));
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
         <office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
    ])
}

/// A PDF: one page per entry; each page paragraphs of lines, laid out like a word
/// processor (12 pt text, 14 pt line spacing, 24 pt between paragraphs), each line a `TJ`
/// array with word-gap adjustments.
pub fn pdf(pages: &[&[&[&str]]]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids: Vec<Object> = Vec::new();
    for paragraphs in pages {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("TL", vec![14.into()]),
            Operation::new("Td", vec![72.into(), 770.into()]),
        ];
        for (i, lines) in paragraphs.iter().enumerate() {
            if i > 0 {
                ops.push(Operation::new("Td", vec![0.into(), (-24).into()]));
            }
            for (j, line) in lines.iter().enumerate() {
                if j > 0 {
                    ops.push(Operation::new("T*", vec![]));
                }
                let mut arr = Vec::new();
                for (k, w) in line.split(' ').enumerate() {
                    if k > 0 {
                        arr.push(Object::Integer(-250));
                    }
                    arr.push(Object::string_literal(cp1252(w)));
                }
                ops.push(Operation::new("TJ", vec![Object::Array(arr)]));
            }
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Base64 in 76-character lines.
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for j in 0..4 {
            if j <= chunk.len() {
                out.push(A[((n >> (18 - 6 * j)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A multipart/mixed email: a body (`text/plain` or `text/html`) and attachments
/// `(file name, MIME type, bytes)`.
pub fn eml(body_mime: &str, body: &str, attachments: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut s = String::from(
        "From: A Parent <parent@example.org>\r\nTo: consultation@example.gov.uk\r\n\
         Subject: My response\r\nDate: Mon, 4 Mar 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n--XYZ\r\n",
    );
    s.push_str(&format!(
        "Content-Type: {body_mime}; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        base64(body.as_bytes())
    ));
    for (name, mime, bytes) in attachments {
        s.push_str(&format!(
            "--XYZ\r\nContent-Type: {mime}; name=\"{name}\"\r\n\
             Content-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64(bytes)
        ));
    }
    s.push_str("--XYZ--\r\n");
    s.into_bytes()
}

/// A spreadsheet cell for [`xlsx`] and [`ods`].
#[derive(Clone, Copy)]
pub enum Cell<'a> {
    Empty,
    Str(&'a str),
    Num(f64),
    /// An Excel serial date (days since 1899-12-30), shown with a date format.
    Date(f64),
    Bool(bool),
    /// An error value such as `#N/A`.
    Error(&'a str),
}

fn col(i: usize) -> String {
    let mut s = Vec::new();
    let mut i = i;
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// An XLSX workbook: sheets of rows, the first row of each at `first_row` (1-based).
pub fn xlsx(sheets: &[(&str, usize, &[Vec<Cell>])]) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut sheet_list = String::new();
    let mut rels = String::new();
    let mut overrides = String::new();
    for (n, (name, first_row, rows)) in sheets.iter().enumerate() {
        let n = n + 1;
        sheet_list.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            xml_escape(name)
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        overrides.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
        let mut data = String::new();
        for (i, row) in rows.iter().enumerate() {
            let r = first_row + i;
            data.push_str(&format!("<row r=\"{r}\">"));
            for (j, cell) in row.iter().enumerate() {
                let at = format!("{}{r}", col(j));
                data.push_str(&match cell {
                    Cell::Empty => String::new(),
                    Cell::Str(s) => format!(
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                        xml_escape(s)
                    ),
                    Cell::Num(v) => format!("<c r=\"{at}\"><v>{v}</v></c>"),
                    Cell::Date(v) => format!("<c r=\"{at}\" s=\"1\"><v>{v}</v></c>"),
                    Cell::Bool(b) => format!("<c r=\"{at}\" t=\"b\"><v>{}</v></c>", u8::from(*b)),
                    Cell::Error(e) => format!("<c r=\"{at}\" t=\"e\"><v>{}</v></c>", xml_escape(e)),
                });
            }
            data.push_str("</row>");
        }
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                 <sheetData>{data}</sheetData></worksheet>"
            )
            .into_bytes(),
        ));
    }
    parts.push((
        "[Content_Types].xml".into(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>{overrides}</Types>"
        )
        .into_bytes(),
    ));
    parts.push((
        "_rels/.rels".into(),
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
          <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            .to_vec(),
    ));
    parts.push((
        "xl/workbook.xml".into(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{sheet_list}</sheets></workbook>"
        )
        .into_bytes(),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}\
             <Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
        )
        .into_bytes(),
    ));
    parts.push((
        "xl/styles.xml".into(),
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
          <cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
            .to_vec(),
    ));
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip(&refs)
}

/// An ODS workbook of these sheets (rows from the first row).
pub fn ods(sheets: &[(&str, &[Vec<Cell>])]) -> Vec<u8> {
    let mut body = String::new();
    for (name, rows) in sheets {
        body.push_str(&format!(
            "<table:table table:name=\"{}\">",
            xml_escape(name)
        ));
        for row in rows.iter() {
            body.push_str("<table:table-row>");
            for cell in row {
                body.push_str(&match cell {
                    Cell::Empty => "<table:table-cell/>".to_string(),
                    Cell::Str(s) => format!(
                        "<table:table-cell office:value-type=\"string\">{}</table:table-cell>",
                        s.split('\n')
                            .map(|l| format!("<text:p>{}</text:p>", xml_escape(l)))
                            .collect::<String>()
                    ),
                    Cell::Num(v) => format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
                    ),
                    Cell::Date(_) => "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-03-01\"><text:p>01/03/2024</text:p></table:table-cell>".to_string(),
                    Cell::Bool(b) => format!(
                        "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"{b}\"><text:p>{b}</text:p></table:table-cell>"
                    ),
                    Cell::Error(e) => format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                        xml_escape(e)
                    ),
                });
            }
            body.push_str("</table:table-row>");
        }
        body.push_str("</table:table>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    );
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
              <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
              <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>",
        ),
        ("content.xml", content.as_bytes()),
    ])
}

/// Windows-1252 bytes of `s` (which must be representable).
pub fn cp1252(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
    assert!(!unmappable, "{s:?} is not all Windows-1252");
    bytes.into_owned()
}

/// UTF-16 bytes of `s` with a byte-order mark.
pub fn utf16(s: &str, little_endian: bool) -> Vec<u8> {
    let mut v = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        v.extend(if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    v
}

/// `book` (a zip) with its part `name` rewritten by `edit` (the other parts kept).
pub fn edit_part(book: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let part_name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        if part_name == name {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        parts.push((part_name, data));
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip(&refs)
}

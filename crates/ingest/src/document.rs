//! Letters and emails: each file is one response, its id the path relative to the
//! consultation's folder, its question the consultation's document question (`letter` by
//! default), its respondent type from `[documents]` path rules.
//!
//! | format | read with | encoding recorded |
//! |---|---|---|
//! | `.txt`, `.md` | [`crate::decode`] | detected |
//! | `.html`, `.htm` | [`crate::decode`], then [`crate::html`] | detected |
//! | `.docx`, `.odt` | [`crate::office`] | `binary` |
//! | `.pdf` | [`crate::pdf`] | `binary` |
//! | `.eml` | [`crate::email`] | the body's charset |
//!
//! An email's attachments in these formats are responses of their own, with the id
//! `EMAIL#attachment-NAME` and the email's respondent, question and type; each has its own
//! entry in the report (path `EMAIL#attachment-NAME`, a note naming the email). Images
//! attached (logos, signatures) are listed as ignored; other attachments as skipped.
//!
//! Paragraph breaks are `\n\n` in the text of every format. Nothing here panics on any
//! input: each third-party parser runs under `catch_unwind`, and a failure is a problem.

use std::io::Read;
use std::path::Path;

use crate::consultation::Consultation;
use crate::decode::decode;
use crate::hashing::sha256_hex;
use crate::record::{Record, Response};
use crate::report::{FileReport, Role};

/// The largest letter read (it is read whole).
pub(crate) const MAX_LETTER: u64 = 256 << 20;

/// How deep emails attached to emails are followed.
const MAX_NESTING: usize = 3;

/// The formats of letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LetterFormat {
    /// Plain text or Markdown.
    Text,
    /// A web page.
    Html,
    /// Word (Office Open XML).
    Docx,
    /// OpenDocument text.
    Odt,
    /// PDF (its text layer).
    Pdf,
    /// An email message.
    Email,
}

/// Extensions read as letters, for messages.
pub(crate) const LETTER_EXTENSIONS: &str = ".txt, .md, .html, .htm, .docx, .odt, .pdf, .eml";

impl LetterFormat {
    /// The format of a (lower-case) extension.
    pub(crate) fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext {
            "txt" | "md" | "text" => LetterFormat::Text,
            "html" | "htm" | "xhtml" => LetterFormat::Html,
            "docx" => LetterFormat::Docx,
            "odt" => LetterFormat::Odt,
            "pdf" => LetterFormat::Pdf,
            "eml" => LetterFormat::Email,
            _ => return None,
        })
    }

    fn from_mime(mime: &str) -> Option<Self> {
        Some(match mime {
            "text/plain" | "text/markdown" => LetterFormat::Text,
            "text/html" | "application/xhtml+xml" => LetterFormat::Html,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
                LetterFormat::Docx
            }
            "application/vnd.oasis.opendocument.text" => LetterFormat::Odt,
            "application/pdf" => LetterFormat::Pdf,
            "message/rfc822" => LetterFormat::Email,
            _ => return None,
        })
    }

    /// The name recorded as the file's format.
    pub(crate) fn name(self) -> &'static str {
        match self {
            LetterFormat::Text => "text",
            LetterFormat::Html => "html",
            LetterFormat::Docx => "docx",
            LetterFormat::Odt => "odt",
            LetterFormat::Pdf => "pdf",
            LetterFormat::Email => "email",
        }
    }
}

/// What a letter's bytes give.
struct Extracted {
    text: String,
    encoding: String,
    warnings: Vec<String>,
    attachments: Vec<crate::email::Attachment>,
}

/// Reads a whole file of at most `max` bytes, or says why not.
pub(crate) fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "file is over the {} MiB limit for a file read whole: not read",
            max >> 20
        ));
    }
    Ok(bytes)
}

/// Who a letter's responses belong to.
struct Attribution<'a> {
    respondent: &'a str,
    question: &'a str,
    respondent_type: &'a str,
}

pub(crate) fn read(
    path: &Path,
    rel: String,
    crel: &str,
    format: LetterFormat,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> Vec<FileReport> {
    let mut f = FileReport::new(rel.clone(), Role::Document, format.name());
    let bytes = match read_limited(path, MAX_LETTER) {
        Ok(b) => b,
        Err(reason) => {
            f.role = Role::Unreadable;
            f.skip(None, reason);
            return vec![f];
        }
    };
    let who = Attribution {
        respondent: crel,
        question: crate::consultation::document_question(consultation),
        respondent_type: consultation.map_or(crate::consultation::DEFAULT_DOCUMENT_TYPE, |c| {
            c.document_type(crel)
        }),
    };
    let mut reports = Vec::new();
    letter(&mut f, &bytes, format, crel, &who, 0, &mut reports, sink);
    reports.insert(0, f);
    reports
}

/// Reads one letter's bytes into `f` and `sink`; the reports of its attachments go to
/// `reports`.
#[allow(clippy::too_many_arguments)]
fn letter(
    f: &mut FileReport,
    bytes: &[u8],
    format: LetterFormat,
    id: &str,
    who: &Attribution,
    depth: usize,
    reports: &mut Vec<FileReport>,
    sink: &mut dyn FnMut(Record),
) {
    f.sha256 = sha256_hex(bytes);
    f.rows = 1;
    if format != LetterFormat::Text && format != LetterFormat::Html {
        f.encoding = "binary".into();
    }
    let extracted = match extract(format, bytes) {
        Ok(x) => x,
        Err(reason) => {
            f.skip(None, reason);
            return;
        }
    };
    f.encoding = extracted.encoding;
    for w in extracted.warnings {
        f.warn(None, w);
    }
    if extracted.text.trim().is_empty() {
        f.blank_answers = 1;
    } else {
        f.responses = 1;
        sink(Record::Response(Response {
            id: id.into(),
            respondent: who.respondent.into(),
            question: who.question.into(),
            respondent_type: who.respondent_type.into(),
            text: extracted.text,
            source: f.path.as_str().into(),
            line: 1,
        }));
    }
    if extracted.attachments.is_empty() {
        return;
    }
    let read = attachments(f, extracted.attachments, id, who, depth, reports, sink);
    if !read.is_empty() {
        f.note = Some(format!(
            "attachments read as responses of their own: {}",
            read.iter()
                .map(|n| format!("{id}#attachment-{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// Reads the attachments of letter `parent` (id `id`), each under a name unique among
/// them; their reports go to `reports`. Returns the names of those read as responses.
#[allow(clippy::too_many_arguments)]
fn attachments(
    parent: &FileReport,
    attachments: Vec<crate::email::Attachment>,
    id: &str,
    who: &Attribution,
    depth: usize,
    reports: &mut Vec<FileReport>,
    sink: &mut dyn FnMut(Record),
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut read = Vec::new();
    for (i, att) in attachments.into_iter().enumerate() {
        let name = attachment_name(&names, att.name.as_deref(), i);
        names.push(name.clone());
        if attachment(parent, &att, &name, id, who, depth, reports, sink) {
            read.push(name);
        }
    }
    read
}

/// The name of the `i`th attachment: its own (cleaned), or its number, with " (2)", " (3)"
/// … after a name already taken.
fn attachment_name(taken: &[String], own: Option<&str>, i: usize) -> String {
    let mut name = own
        .map(clean_name)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| (i + 1).to_string());
    if taken.contains(&name) {
        let base = name.clone();
        let mut k = 2;
        while taken.contains(&name) {
            name = format!("{base} ({k})");
            k += 1;
        }
    }
    name
}

/// Reads one attachment (named `name`) of letter `parent`: as a letter of its own if its
/// format is one (an email only up to [`MAX_NESTING`] levels deep), else reported as an
/// image or an unreadable file. Returns whether it was read as a response.
#[allow(clippy::too_many_arguments)]
fn attachment(
    parent: &FileReport,
    att: &crate::email::Attachment,
    name: &str,
    id: &str,
    who: &Attribution,
    depth: usize,
    reports: &mut Vec<FileReport>,
    sink: &mut dyn FnMut(Record),
) -> bool {
    let path = format!("{}#attachment-{name}", parent.path);
    let att_id = format!("{id}#attachment-{name}");
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let fmt = LetterFormat::from_extension(&ext).or_else(|| LetterFormat::from_mime(&att.mime));
    let mut a = FileReport::new(path, Role::Document, fmt.map_or("unknown", |x| x.name()));
    a.note = Some(format!("attachment of {}", parent.path));
    match fmt {
        Some(LetterFormat::Email) if depth + 1 >= MAX_NESTING => {
            a.sha256 = sha256_hex(&att.bytes);
            a.skip(
                None,
                format!("an email attached {MAX_NESTING} levels deep: not read"),
            );
        }
        Some(fmt) => {
            let mut nested = Vec::new();
            letter(
                &mut a,
                &att.bytes,
                fmt,
                &att_id,
                who,
                depth + 1,
                &mut nested,
                sink,
            );
            let read = a.responses > 0;
            reports.push(a);
            reports.append(&mut nested);
            return read;
        }
        None if att.mime.starts_with("image/") => {
            a.role = Role::Ignored;
            a.format = "image".into();
            a.sha256 = sha256_hex(&att.bytes);
            a.note = Some(format!("image attached to {}: not read", parent.path));
        }
        None => {
            a.role = Role::Unreadable;
            a.sha256 = sha256_hex(&att.bytes);
            a.skip(
                None,
                format!(
                    "attachment of type {} is not read as a letter (supported: {LETTER_EXTENSIONS})",
                    att.mime
                ),
            );
        }
    }
    reports.push(a);
    false
}

/// An attachment name fit for an id: no path, no control characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.chars()
        .map(|c| if c.is_control() || c == '#' { '_' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The text of a letter's bytes, or why it cannot be read. Never panics.
fn extract(format: LetterFormat, bytes: &[u8]) -> Result<Extracted, String> {
    if bytes.is_empty() {
        return Err("empty file (0 bytes): nothing to read".into());
    }
    std::panic::catch_unwind(|| extract_inner(format, bytes)).unwrap_or_else(|_| {
        Err(format!(
            "the {} reader failed on this file: file not read",
            format.name()
        ))
    })
}

/// The kind of file these bytes start like, for formats that have a signature.
fn signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "zip (DOCX, XLSX, ODT …)"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "Microsoft Office 97–2003 (.doc, .xls, .msg)",
        ),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"{\\rtf", "RTF"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
}

fn extract_inner(format: LetterFormat, bytes: &[u8]) -> Result<Extracted, String> {
    if matches!(
        format,
        LetterFormat::Text | LetterFormat::Html | LetterFormat::Email
    ) {
        if let Some(kind) = signature(bytes) {
            return Err(format!(
                "the content is a {kind} file, not {}: not read (is the extension wrong?)",
                format.name()
            ));
        }
    }
    let plain = |text: String, encoding: &str| Extracted {
        text,
        encoding: encoding.to_string(),
        warnings: Vec::new(),
        attachments: Vec::new(),
    };
    match format {
        LetterFormat::Text | LetterFormat::Html => {
            let d = decode(bytes)?;
            let text = if format == LetterFormat::Html {
                crate::html::to_text(&d.text)
            } else {
                d.text.into_owned()
            };
            let mut x = plain(text, d.encoding.label());
            x.warnings.extend(d.replaced);
            Ok(x)
        }
        LetterFormat::Docx => Ok(plain(crate::office::docx_text(bytes)?, "binary")),
        LetterFormat::Odt => Ok(plain(crate::office::odt_text(bytes)?, "binary")),
        LetterFormat::Pdf => {
            let (text, warnings) = crate::pdf::text(bytes)?;
            let mut x = plain(text, "binary");
            x.warnings = warnings;
            Ok(x)
        }
        LetterFormat::Email => {
            if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                return Err(crate::decode::binary_reason(offset));
            }
            let e = crate::email::read(bytes)?;
            let mut x = plain(e.text, &e.charset);
            x.attachments = e.attachments;
            Ok(x)
        }
    }
}

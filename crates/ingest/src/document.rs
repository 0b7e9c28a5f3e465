//! Letters and emails (`.txt`, `.md`): each file is one response, its id the path relative
//! to the consultation's folder, its question the consultation's document question
//! (`letter` by default), its respondent type from `[documents]` path rules.

use std::path::Path;

use crate::consultation::Consultation;
use crate::hashing::sha256_hex;
use crate::record::{Record, Response};
use crate::report::{FileReport, Role};

pub(crate) fn read(
    path: &Path,
    rel: String,
    crel: &str,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> FileReport {
    let source: std::sync::Arc<str> = rel.as_str().into();
    let mut f = FileReport::new(rel, Role::Document, "text");
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            f.role = Role::Unreadable;
            f.skip(None, format!("cannot read: {e}"));
            return f;
        }
    };
    f.sha256 = sha256_hex(&bytes);
    f.rows = 1;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}'),
        Err(e) => {
            f.skip(None, format!("not valid UTF-8 (first bad byte at offset {}): file not read (save it as UTF-8)", e.valid_up_to()));
            return f;
        }
    };
    if text.trim().is_empty() {
        f.blank_answers = 1;
        return f;
    }
    f.responses = 1;
    sink(Record::Response(Response {
        id: crel.to_string(),
        respondent: crel.to_string(),
        question: consultation
            .map_or("letter", |c| c.document_question.as_str())
            .to_string(),
        respondent_type: consultation
            .map_or("Letter or email", |c| c.document_type(crel))
            .to_string(),
        text: text.to_string(),
        source: source.clone(),
        line: 1,
    }));
    f
}

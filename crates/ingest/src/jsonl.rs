//! JSONL in long form: one object per line, `{"id", "respondent_type", "question", "text"}`
//! (and optionally `respondent_id`). Needs no consultation.toml. A line that is not such an
//! object is skipped with its line number; a blank line is passed over.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

use crate::hashing::HashingReader;
use crate::record::{Record, Response};
use crate::report::{FileReport, Role};

pub(crate) fn read(path: &Path, rel: String, sink: &mut dyn FnMut(Record)) -> FileReport {
    let source: std::sync::Arc<str> = rel.as_str().into();
    let mut f = FileReport::new(rel, Role::Responses, "jsonl");
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            f.role = Role::Unreadable;
            f.skip(None, format!("cannot open: {e}"));
            return f;
        }
    };
    let mut reader = BufReader::new(HashingReader::new(file));
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                f.skip(
                    Some(line + 1),
                    format!("read error, rest of file not read: {e}"),
                );
                break;
            }
        }
        line += 1;
        let Ok(text) = std::str::from_utf8(&buf) else {
            f.rows += 1;
            f.skip(Some(line), "line is not valid UTF-8: skipped");
            continue;
        };
        let text = if line == 1 {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        };
        if text.trim().is_empty() {
            continue;
        }
        f.rows += 1;
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                f.skip(Some(line), format!("not valid JSON ({e}): line skipped"));
                continue;
            }
        };
        let field = |k: &str| match value.get(k) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let (Some(id), Some(question)) = (
            field("id").filter(|s| !s.trim().is_empty()),
            field("question").filter(|s| !s.trim().is_empty()),
        ) else {
            f.skip(
                Some(line),
                "object lacks a non-empty \"id\" or \"question\": line skipped",
            );
            continue;
        };
        let Some(body) = field("text") else {
            f.skip(Some(line), "object lacks a string \"text\": line skipped");
            continue;
        };
        if body.trim().is_empty() {
            f.blank_answers += 1;
            continue;
        }
        f.responses += 1;
        sink(Record::Response(Response {
            respondent: field("respondent_id")
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| id.clone()),
            id,
            question,
            respondent_type: field("respondent_type")
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| "Not stated".into()),
            text: body,
            source: source.clone(),
            line,
        }));
    }
    match reader.into_inner().finish() {
        Ok(sha) => f.sha256 = sha,
        Err(e) => f.warn(None, format!("could not hash the file: {e}")),
    }
    f
}

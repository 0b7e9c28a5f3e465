//! JSONL in long form: one object per line, `{"id", "respondent_type", "question", "text"}`
//! (and optionally `respondent_id`). Needs no consultation.toml; its `blank_values` count as
//! blank answers when there is one. Ids are read as a long export's ([`crate::longid`]): an
//! object without a `respondent_id` is answer `ID:QUESTION` of respondent `ID`; one with a
//! `respondent_id` is answer `ID`, unique in the file. A line that is not such an
//! object is skipped with its line number; a blank line is passed over. The file is decoded
//! as it streams ([`crate::decode`]); a line longer than [`max_line`] (4 × the longest
//! response read, and 64 KiB) is skipped, without being held: JSON cut short cannot be
//! read, and the bound leaves room for a response at the limit written with JSON's escapes
//! (`\u00e9` for `é`, as Python's `json.dumps` writes: at most 3 bytes of line for one of
//! text, but for control characters). A response on a shorter line but over the limit is
//! truncated like any other.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

use crate::consultation::Consultation;
use crate::decode::{binary_reason, finish_text, TextReader};
use crate::hashing::HashingReader;
use crate::longid::{read_answer, AnswerIds, Read};
use crate::record::{Record, Response, SourceName};
use crate::report::{FileReport, Role};

pub(crate) fn read(
    path: &Path,
    rel: String,
    consultation: Option<&Consultation>,
    kept: bool,
    sink: &mut dyn FnMut(Record),
) -> FileReport {
    let mut ids = kept.then(AnswerIds::default);
    let source: SourceName = rel.as_str().into();
    let mut f = FileReport::new(rel, Role::Responses, "jsonl");
    let text = match File::open(path).and_then(|file| TextReader::new(HashingReader::new(file))) {
        Ok(t) => t,
        Err(e) => {
            f.role = Role::Unreadable;
            f.skip(None, format!("cannot open: {e}"));
            return f;
        }
    };
    let binary = text.binary();
    let mut reader = BufReader::with_capacity(64 * 1024, text);
    let mut buf = Vec::new();
    let mut line = 0u64;
    let max = max_line(crate::limits::max_response_bytes());
    if let Some(offset) = binary {
        f.role = Role::Unreadable;
        f.skip(None, binary_reason(offset));
    }
    while binary.is_none() {
        buf.clear();
        match read_line(&mut reader, &mut buf, max) {
            Ok((0, _)) => break,
            Ok((_, true)) => {
                line += 1;
                f.rows += 1;
                f.skip(
                    Some(line),
                    format!("line is longer than {max} bytes (4 × --max-response-bytes + 64 KiB; JSON cut short cannot be read): skipped"),
                );
                continue;
            }
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
        if memchr::memchr(0, &buf).is_some() {
            f.rows += 1;
            f.skip(
                Some(line),
                "line holds a NUL byte (binary content): skipped",
            );
            continue;
        }
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
        let answer = Answer {
            line,
            consultation,
            source,
        };
        if let Some(response) = answer.read(text, ids.as_mut(), &mut f) {
            f.responses += 1;
            sink(Record::Response(response));
        }
    }
    finish_text(&mut f, reader.into_inner());
    f
}

/// One JSONL line's object, read into a response.
struct Answer<'a> {
    line: u64,
    consultation: Option<&'a Consultation>,
    source: SourceName,
}

impl Answer<'_> {
    /// The response `text` (one line's JSON) holds, or `None` when it is skipped (the
    /// reason in `f`) or blank (counted in `f`).
    fn read(
        &self,
        text: &str,
        ids: Option<&mut AnswerIds>,
        f: &mut FileReport,
    ) -> Option<Response> {
        let line = self.line;
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                f.skip(Some(line), format!("not valid JSON ({e}): line skipped"));
                return None;
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
            return None;
        };
        let Some(body) = field("text") else {
            f.skip(Some(line), "object lacks a string \"text\": line skipped");
            return None;
        };
        if body.trim().is_empty() || self.consultation.is_some_and(|c| c.is_blank_value(&body)) {
            f.blank_answers += 1;
            return None;
        }
        let who = field("respondent_id").filter(|s| !s.trim().is_empty());
        let names_respondent = who.is_none();
        let Read { id, given } = read_answer(ids, &id, &question, names_respondent, line, f);
        Some(Response {
            respondent: who.map_or(given, Into::into),
            id,
            question: question.into(),
            respondent_type: field("respondent_type")
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| "Not stated".into())
                .into(),
            text: body,
            source: self.source,
            line,
        })
    }
}

/// The longest line read when responses are at most `max_response` bytes; a longer one
/// is skipped (without holding it in memory).
pub(crate) fn max_line(max_response: usize) -> usize {
    max_response.saturating_mul(4).saturating_add(64 << 10)
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `max` bytes. Returns the bytes
/// consumed and whether the line was longer than `max` (then `buf` is left empty).
fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, max: usize) -> io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed, long));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !long {
            if buf.len() + take > max {
                long = true;
                buf.clear();
            } else {
                // grow by doubling, but never past the bound
                if buf.capacity() < buf.len() + take {
                    let want = (buf.capacity() * 2).max(buf.len() + take).min(max);
                    buf.reserve_exact(want - buf.len());
                }
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(take);
        consumed += take;
        if done {
            return Ok((consumed, long));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_flags_those_over_the_limit() {
        let src = b"short\n0123456789abc\nend";
        let mut r = io::BufReader::with_capacity(4, &src[..]);
        let mut buf = Vec::new();
        let mut lines = Vec::new();
        loop {
            buf.clear();
            let (n, long) = read_line(&mut r, &mut buf, 8).unwrap();
            if n == 0 {
                break;
            }
            lines.push((String::from_utf8(buf.clone()).unwrap(), n, long));
        }
        assert_eq!(
            lines,
            [
                ("short\n".to_string(), 6, false),
                (String::new(), 14, true),
                ("end".to_string(), 3, false)
            ]
        );
    }
}

//! CSV survey exports: wide (one row per respondent, one column per question, as survey
//! platforms export them; needs consultation.toml) or long (`id`, `question`, `text`, and
//! optionally `respondent_type`, `respondent_id` columns; needs nothing).
//!
//! Quoted multi-line cells are handled by the `csv` crate. A row with the wrong number of
//! fields, or with invalid UTF-8 in a cell that is read, is skipped with its line; a
//! closed answer outside the allowed answers is skipped with its line; a configured column
//! missing from the header is reported and the rest of the file is read.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use crate::consultation::Consultation;
use crate::hashing::HashingReader;
use crate::record::{ClosedAnswer, Record, Response};
use crate::report::{FileReport, Role};

struct QuestionColumns<'c> {
    id: &'c str,
    answer: Option<usize>,
    text: Option<usize>,
    answers: Vec<&'c str>,
}

enum Layout<'c> {
    Wide {
        id: Option<usize>,
        kind: Option<usize>,
        questions: Vec<QuestionColumns<'c>>,
    },
    Long {
        id: usize,
        question: usize,
        text: usize,
        kind: Option<usize>,
        respondent: Option<usize>,
    },
}

pub(crate) fn read(
    path: &Path,
    rel: String,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> FileReport {
    let source: std::sync::Arc<str> = rel.as_str().into();
    let mut f = FileReport::new(rel, Role::Responses, "csv");
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            f.role = Role::Unreadable;
            f.skip(None, format!("cannot open: {e}"));
            return f;
        }
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(HashingReader::new(BufReader::new(file)));
    let mut rec = csv::ByteRecord::new();
    let header: Vec<String> = match rdr.read_byte_record(&mut rec) {
        Ok(false) => {
            f.skip(None, "empty file: no header row");
            finish(&mut f, rdr);
            return f;
        }
        Err(e) => {
            f.skip(Some(1), format!("cannot read the header row: {e}"));
            finish(&mut f, rdr);
            return f;
        }
        Ok(true) => match rec
            .iter()
            .map(|b| {
                std::str::from_utf8(b).map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
            })
            .collect()
        {
            Ok(h) => h,
            Err(_) => {
                f.role = Role::Unreadable;
                f.skip(
                    Some(1),
                    "the header row is not valid UTF-8: file not read (save it as UTF-8)",
                );
                finish(&mut f, rdr);
                return f;
            }
        },
    };
    let Some(layout) = layout(&header, consultation, &mut f) else {
        finish(&mut f, rdr);
        return f;
    };
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                f.skip(line, format!("unreadable row, rest of file not read: {e}"));
                break;
            }
        }
        let line = rec.position().map_or(0, |p| p.line());
        f.rows += 1;
        if rec.len() != header.len() {
            if rec.len() == 1
                && rec
                    .get(0)
                    .is_some_and(|c| c.iter().all(u8::is_ascii_whitespace))
            {
                f.rows -= 1; // a blank line between rows is not a row
                continue;
            }
            f.skip(
                Some(line),
                format!(
                    "row has {} fields, the header has {}: row skipped",
                    rec.len(),
                    header.len()
                ),
            );
            continue;
        }
        let cell = |i: usize| std::str::from_utf8(rec.get(i).unwrap_or_default());
        // check every cell that is used decodes before reading any of them
        let used: Vec<usize> = match &layout {
            Layout::Wide {
                id,
                kind,
                questions,
            } => id
                .iter()
                .chain(kind)
                .copied()
                .chain(
                    questions
                        .iter()
                        .flat_map(|q| q.answer.into_iter().chain(q.text)),
                )
                .collect(),
            Layout::Long {
                id,
                question,
                text,
                kind,
                respondent,
            } => [Some(*id), Some(*question), Some(*text), *kind, *respondent]
                .into_iter()
                .flatten()
                .collect(),
        };
        if let Some(&bad) = used.iter().find(|&&i| cell(i).is_err()) {
            f.skip(
                Some(line),
                format!("column {:?} is not valid UTF-8: row skipped", header[bad]),
            );
            continue;
        }
        let get = |i: usize| cell(i).unwrap_or_default();
        let get_opt = |i: Option<usize>| i.map(|i| get(i).trim()).filter(|s| !s.is_empty());
        match &layout {
            Layout::Wide {
                id,
                kind,
                questions,
            } => {
                let fallback = format!("{}#{line}", f.path);
                let mut respondent = get_opt(*id).map_or(fallback, str::to_string);
                if let Some(first) = seen_ids.insert(respondent.clone(), line) {
                    f.warn(Some(line), format!("respondent id {respondent:?} already used on line {first}: read as {respondent}#{line}"));
                    respondent = format!("{respondent}#{line}");
                }
                let respondent_type = get_opt(*kind).unwrap_or("Not stated").to_string();
                for q in questions {
                    if let Some(ai) = q.answer {
                        let given = get(ai).trim();
                        if !given.is_empty() {
                            match q.answers.iter().find(|a| a.eq_ignore_ascii_case(given)) {
                                Some(a) => {
                                    f.closed_answers += 1;
                                    sink(Record::Closed(ClosedAnswer {
                                        respondent: respondent.clone(),
                                        question: q.id.to_string(),
                                        respondent_type: respondent_type.clone(),
                                        answer: a.to_string(),
                                    }));
                                }
                                None => f.skip(
                                    Some(line),
                                    format!(
                                        "answer {given:?} to {} is not one of {}: answer skipped",
                                        q.id,
                                        q.answers.join(" / ")
                                    ),
                                ),
                            }
                        }
                    }
                    if let Some(ti) = q.text {
                        let text = get(ti);
                        if text.trim().is_empty() {
                            f.blank_answers += 1;
                        } else {
                            f.responses += 1;
                            sink(Record::Response(Response {
                                id: format!("{respondent}:{}", q.id),
                                respondent: respondent.clone(),
                                question: q.id.to_string(),
                                respondent_type: respondent_type.clone(),
                                text: text.to_string(),
                                source: source.clone(),
                                line,
                            }));
                        }
                    }
                }
            }
            Layout::Long {
                id,
                question,
                text,
                kind,
                respondent,
            } => {
                let rid =
                    get_opt(Some(*id)).map_or_else(|| format!("{}#{line}", f.path), str::to_string);
                let Some(q) = get_opt(Some(*question)) else {
                    f.skip(Some(line), "no question id: row skipped");
                    continue;
                };
                let body = get(*text);
                if body.trim().is_empty() {
                    f.blank_answers += 1;
                    continue;
                }
                f.responses += 1;
                sink(Record::Response(Response {
                    respondent: get_opt(*respondent).map_or_else(|| rid.clone(), str::to_string),
                    id: rid,
                    question: q.to_string(),
                    respondent_type: get_opt(*kind).unwrap_or("Not stated").to_string(),
                    text: body.to_string(),
                    source: source.clone(),
                    line,
                }));
            }
        }
    }
    finish(&mut f, rdr);
    f
}

fn finish(f: &mut FileReport, rdr: csv::Reader<HashingReader<BufReader<File>>>) {
    match rdr.into_inner().finish() {
        Ok(sha) => f.sha256 = sha,
        Err(e) => f.warn(
            None,
            format!("could not read to the end to hash the file: {e}"),
        ),
    }
}

fn layout<'c>(
    header: &[String],
    consultation: Option<&'c Consultation>,
    f: &mut FileReport,
) -> Option<Layout<'c>> {
    let find = |name: &str| header.iter().position(|h| h == name.trim());
    let find_ci = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    if let Some(c) = consultation {
        let mut questions = Vec::new();
        let mut found_any = false;
        let mut missing = Vec::new();
        for q in &c.questions {
            let mut cols = QuestionColumns {
                id: &q.id,
                answer: None,
                text: None,
                answers: q.answers.iter().map(|a| a.value.as_str()).collect(),
            };
            if let Some(name) = &q.answer_column {
                cols.answer = find(name);
                if cols.answer.is_none() {
                    missing.push(format!(
                        "column {name:?} ({} answer) is not in the header: not read from this file",
                        q.id
                    ));
                }
            }
            if let Some(name) = &q.text_column {
                cols.text = find(name);
                if cols.text.is_none() {
                    missing.push(format!(
                        "column {name:?} ({} text) is not in the header: not read from this file",
                        q.id
                    ));
                }
            }
            found_any |= cols.answer.is_some() || cols.text.is_some();
            questions.push(cols);
        }
        if found_any {
            f.format = "csv-wide".into();
            for m in missing {
                f.skip(Some(1), m);
            }
            let column = |name: &Option<String>, what: &str, f: &mut FileReport| {
                let n = name.as_ref()?;
                let i = find(n);
                if i.is_none() {
                    f.skip(
                        Some(1),
                        format!(
                            "{what} column {n:?} is not in the header: {}",
                            if what == "respondent id" {
                                "rows get FILE#LINE ids"
                            } else {
                                "types read as \"Not stated\""
                            }
                        ),
                    );
                }
                i
            };
            let id = column(&c.id_column, "respondent id", f);
            let kind = column(&c.type_column, "respondent type", f);
            return Some(Layout::Wide {
                id,
                kind,
                questions,
            });
        }
    }
    if let (Some(id), Some(question), Some(text)) =
        (find_ci("id"), find_ci("question"), find_ci("text"))
    {
        f.format = "csv-long".into();
        return Some(Layout::Long {
            id,
            question,
            text,
            kind: find_ci("respondent_type"),
            respondent: find_ci("respondent_id"),
        });
    }
    f.role = Role::Unreadable;
    f.skip(
        Some(1),
        if consultation.is_some() {
            "no column named in consultation.toml is in the header, and it is not a long export (id, question, text): file not read"
        } else {
            "not a long export (columns id, question, text) and no consultation.toml describes its columns: file not read"
        },
    );
    None
}

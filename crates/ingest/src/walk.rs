//! Walking the input directory in a fixed order and sending each file to its reader.
//!
//! Every file met is accounted for in the report: read, or skipped or ignored with the
//! reason. Hidden files and folders (names starting `.`) are listed as ignored and not
//! entered. Links are followed; a link loop or an unreadable entry is a problem, not a stop.
//! A file is sent to its reader by its extension: `.csv` / `.tsv` ([`crate::csvfile`]),
//! `.jsonl` / `.ndjson` ([`crate::jsonl`]), `.xlsx` / `.xlsm` / `.xlsb` / `.xls` / `.ods`
//! ([`crate::workbook`]), letters ([`crate::document`]). An empty file (0 bytes) is
//! skipped; a name that is not valid UTF-8 is shown lossily, with a warning. A FIFO, socket
//! or device is not opened (reading it could block for ever): it is listed as skipped.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::consultation::{Consultation, ConsultationError};
use crate::document::{LetterFormat, LETTER_EXTENSIONS};
use crate::record::Record;
use crate::report::{FileReport, IngestReport, Role};
use crate::runids::RunIds;
use crate::{csvfile, document, jsonl, workbook};

/// Every file called `name` under `dir` (hidden folders not entered), in sorted order.
pub fn find_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == name)
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Paths joined for a message.
pub fn list_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Finds the single `consultation.toml` under `dir`, if any.
pub fn find_consultation(dir: &Path) -> Result<Option<Consultation>, ConsultationError> {
    let found = find_named(dir, "consultation.toml");
    match found.len() {
        0 => Ok(None),
        1 => Consultation::load(&found[0]).map(Some),
        _ => Err(ConsultationError::Ambiguous {
            dir: dir.display().to_string(),
            found: list_paths(&found),
        }),
    }
}

/// `path` relative to `base` with `/` separators, or `None` if not under it.
fn relative(path: &Path, base: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The signature of [`read_dir`] and [`read_dir_unhashed`], for callers that take either.
pub type ReadDir = fn(&Path, Option<&Consultation>, &mut dyn FnMut(Record)) -> IngestReport;

/// Reads every input under `dir`, calling `sink` with each record in order, and returns the
/// account of every file.
pub fn read_dir(
    dir: &Path,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> IngestReport {
    read_dir_kept(dir, consultation, true, sink)
}

/// [`read_dir`] for a pass whose report is used only to compare reads, such as campaign
/// detection's first read of the input: without the check that a CSV's respondent ids are
/// unique (a million ids held to the end of each file) and that response ids are unique in
/// the run (see [`Response::id`](crate::Response::id)), so an id used twice keeps its
/// spelling, with no warning. Otherwise the same records in the same order (the same
/// responses, questions and texts) and the same SHA-256 of every file, which the pipeline
/// compares with the second read's. (The name is historical: every file is hashed.)
pub fn read_dir_unhashed(
    dir: &Path,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> IngestReport {
    read_dir_kept(dir, consultation, false, sink)
}

/// [`read_dir`] when the report is `kept`, else [`read_dir_unhashed`]: whether tables'
/// respondent ids are checked.
fn read_dir_kept(
    dir: &Path,
    consultation: Option<&Consultation>,
    kept: bool,
    sink: &mut dyn FnMut(Record),
) -> IngestReport {
    let mut report = IngestReport::default();
    // response ids unique in the run, when ids are checked (crate::runids)
    let mut run_ids = kept.then(RunIds::default);
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative(p, dir).unwrap_or_else(|| p.display().to_string()))
                    .unwrap_or_default();
                let mut f = FileReport::new(path, Role::Unreadable, "unknown");
                let reason = if err.loop_ancestor().is_some() {
                    "link loop: not followed".to_string()
                } else {
                    format!("cannot read: {err}")
                };
                f.skip(None, reason);
                report.files.push(f);
                continue;
            }
        };
        let path = entry.path();
        let rel = relative(path, dir).unwrap_or_else(|| path.display().to_string());
        if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
            let is_dir = entry.file_type().is_dir();
            let mut f = FileReport::new(
                rel,
                Role::Ignored,
                if is_dir { "folder" } else { "unknown" },
            );
            f.note = Some("hidden: names starting with `.` are not read".into());
            report.files.push(f);
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // a FIFO, socket or device: reading it could block or never end
            let mut f = FileReport::new(rel, Role::Unreadable, "unknown");
            f.skip(
                None,
                format!(
                    "not a regular file ({}): not read",
                    special_kind(&entry.file_type())
                ),
            );
            report.files.push(f);
            continue;
        }
        let start = report.files.len();
        let mut renamed = Vec::new();
        let unique = &mut |mut record: Record| {
            if let (Some(ids), Record::Response(r)) = (run_ids.as_mut(), &mut record) {
                renamed.extend(ids.check(r));
            }
            sink(record)
        };
        read_file(path, rel, consultation, kept, unique, &mut report.files);
        for r in renamed {
            if let Some(f) = report.files[start..]
                .iter_mut()
                .find(|f| f.path == *r.source)
            {
                f.warn(Some(r.line), r.reason());
            }
        }
        if let Some(shown) = lossy_name(path, dir) {
            if let Some(f) = report.files.get_mut(start) {
                f.warn(
                    None,
                    format!("the file's name is not valid UTF-8: shown as {shown:?}"),
                );
            }
        }
    }
    report
}

/// What a file that is neither a regular file nor a folder is, for its reason.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = t;
    "a special file"
}

/// The lossy form of `path` (relative to `dir`) when some part of it is not valid UTF-8.
fn lossy_name(path: &Path, dir: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    if rel.to_str().is_some() {
        return None;
    }
    Some(relative(path, dir).unwrap_or_else(|| path.display().to_string()))
}

/// What reads a file, by its (lower-case) extension.
enum Reader {
    Csv,
    Jsonl,
    Workbook,
    Letter(LetterFormat),
}

impl Reader {
    fn of(ext: &str) -> Option<Reader> {
        Some(match ext {
            "csv" | "tsv" => Reader::Csv,
            "jsonl" | "ndjson" => Reader::Jsonl,
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Reader::Workbook,
            _ => Reader::Letter(LetterFormat::from_extension(ext)?),
        })
    }
}

fn read_file(
    path: &Path,
    rel: String,
    consultation: Option<&Consultation>,
    kept: bool,
    sink: &mut dyn FnMut(Record),
    out: &mut Vec<FileReport>,
) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().to_string())
        .unwrap_or_default();
    // path relative to the consultation's own folder, for its globs and letter ids
    let crel = consultation
        .and_then(|c| relative(path, &c.root))
        .unwrap_or_else(|| rel.clone());
    let reader = match reader_of(path, &rel, &name, &ext, &crel, consultation) {
        Ok(reader) => reader,
        Err(f) => {
            out.push(*f);
            return;
        }
    };
    let start = out.len();
    let max = crate::limits::max_response_bytes();
    let mut cut = Vec::new();
    {
        let sink = &mut |mut record: Record| {
            if let Record::Response(r) = &mut record {
                if let Some(len) = crate::limits::truncate(&mut r.text, max) {
                    cut.push((r.source, r.line, r.id.clone(), len));
                }
            }
            sink(record)
        };
        read_with(
            reader,
            path,
            rel,
            &crel,
            &ext,
            consultation,
            kept,
            sink,
            out,
        );
    }
    // each truncation is a warning of the file (or attachment) the response came from
    for (source, line, id, len) in cut {
        let at = out[start..]
            .iter()
            .position(|f| f.path == *source)
            .unwrap_or(0);
        let Some(f) = out.get_mut(start + at) else {
            continue;
        };
        f.warn(
            Some(line),
            format!("response {id} is {len} bytes, more than the limit of {max} (--max-response-bytes): truncated"),
        );
    }
}

/// The reader for a file, or, for a file that is not read as responses (settings, a
/// human-coded sample, an ignored or unknown or empty file), its report.
fn reader_of(
    path: &Path,
    rel: &str,
    name: &str,
    ext: &str,
    crel: &str,
    consultation: Option<&Consultation>,
) -> Result<Reader, Box<FileReport>> {
    let config = |note: &str| {
        let mut f = FileReport::new(rel.to_string(), Role::Config, "toml");
        f.note = Some(note.to_string());
        f.sha256 = sha256_of(path);
        f
    };
    if name == "consultation.toml" {
        return Err(Box::new(config("the consultation's questions and columns")));
    }
    if ext == "toml" {
        return Err(Box::new(config(
            "settings file (a codebook is read by the coding stage)",
        )));
    }
    if let Some(c) = consultation {
        if c.is_gold(crel) {
            let mut f = FileReport::new(rel.to_string(), Role::Gold, "csv");
            f.note = Some("human-coded sample: used for agreement, not read as responses".into());
            f.sha256 = sha256_of(path);
            return Err(Box::new(f));
        }
        if c.is_ignored(crel) {
            let mut f = FileReport::new(rel.to_string(), Role::Ignored, "unknown");
            f.note = Some("listed under `ignore` in consultation.toml".into());
            return Err(Box::new(f));
        }
    }
    if name.starts_with("readme") || name.starts_with("license") || name.starts_with("licence") {
        let mut f = FileReport::new(rel.to_string(), Role::Ignored, "text");
        f.note = Some("documentation (README / LICENSE) is not read as a response".into());
        return Err(Box::new(f));
    }
    let Some(reader) = Reader::of(ext) else {
        let mut f = FileReport::new(rel.to_string(), Role::Unreadable, "unknown");
        f.skip(
            None,
            format!(
                "unknown format `.{ext}`: not read (supported: .csv, .tsv, .jsonl, .xlsx, .xls, .ods, {LETTER_EXTENSIONS})"
            ),
        );
        return Err(Box::new(f));
    };
    if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
        let (role, format) = match &reader {
            Reader::Csv => (Role::Responses, "csv".to_string()),
            Reader::Jsonl => (Role::Responses, "jsonl".to_string()),
            Reader::Workbook => (Role::Responses, ext.replace("xlsm", "xlsx")),
            Reader::Letter(l) => (Role::Document, l.name().to_string()),
        };
        let mut f = FileReport::new(rel.to_string(), role, &format);
        f.sha256 = crate::hashing::sha256_hex(b"");
        f.skip(None, "empty file (0 bytes): nothing to read");
        return Err(Box::new(f));
    }
    Ok(reader)
}

/// The SHA-256 of a file's bytes (empty when it cannot be read).
fn sha256_of(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| crate::hashing::sha256_hex(&b))
        .unwrap_or_default()
}

/// Sends a file to its reader.
#[allow(clippy::too_many_arguments)]
fn read_with(
    reader: Reader,
    path: &Path,
    rel: String,
    crel: &str,
    ext: &str,
    consultation: Option<&Consultation>,
    kept: bool,
    sink: &mut dyn FnMut(Record),
    out: &mut Vec<FileReport>,
) {
    match reader {
        Reader::Csv => out.push(csvfile::read(path, rel, consultation, kept, sink)),
        Reader::Jsonl => out.push(jsonl::read(path, rel, consultation, kept, sink)),
        Reader::Workbook => out.push(workbook::read(path, rel, ext, consultation, sink)),
        Reader::Letter(format) => {
            out.extend(document::read(path, rel, crel, format, consultation, sink))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_opened_is_unreadable_for_every_reader() {
        // the path a permission error takes (tests may run as root, who can read anything)
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "gone.csv",
            "gone.jsonl",
            "gone.xlsx",
            "gone.txt",
            "gone.pdf",
            "gone.eml",
        ] {
            let mut out = Vec::new();
            read_file(
                &dir.path().join(name),
                name.to_string(),
                None,
                true,
                &mut |_| panic!("nothing to read"),
                &mut out,
            );
            assert_eq!(out.len(), 1, "{name}");
            let f = &out[0];
            assert_eq!((f.role, f.skipped), (Role::Unreadable, 1), "{f:#?}");
            assert!(f.problems[0].reason.starts_with("cannot "), "{f:#?}");
            assert!(f.problems[0].reason.contains("No such file"), "{f:#?}");
        }
    }
}

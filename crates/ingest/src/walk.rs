//! Walking the input directory in a fixed order and sending each file to its reader.
//!
//! Every file met is accounted for in the report: read, or skipped or ignored with the
//! reason. Hidden files and folders (names starting `.`) are listed as ignored and not
//! entered. Links are followed; a link loop or an unreadable entry is a problem, not a stop.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::consultation::{Consultation, ConsultationError};
use crate::record::Record;
use crate::report::{FileReport, IngestReport, Role};
use crate::{csvfile, document, jsonl};

/// Finds the single `consultation.toml` under `dir`, if any.
pub fn find_consultation(dir: &Path) -> Result<Option<Consultation>, ConsultationError> {
    let found: Vec<PathBuf> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == "consultation.toml")
        .map(|e| e.into_path())
        .collect();
    match found.len() {
        0 => Ok(None),
        1 => Consultation::load(&found[0]).map(Some),
        _ => Err(ConsultationError::Ambiguous {
            dir: dir.display().to_string(),
            found: found
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
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

/// Reads every input under `dir`, calling `sink` with each record in order, and returns the
/// account of every file.
pub fn read_dir(
    dir: &Path,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> IngestReport {
    let mut report = IngestReport::default();
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
        if !entry.file_type().is_file() {
            continue;
        }
        let f = read_file(path, rel, consultation, sink);
        report.files.push(f);
    }
    report
}

fn read_file(
    path: &Path,
    rel: String,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> FileReport {
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
    let config = |note: &str| {
        let mut f = FileReport::new(rel.clone(), Role::Config, "toml");
        f.note = Some(note.to_string());
        f.sha256 = std::fs::read(path)
            .map(|b| crate::hashing::sha256_hex(&b))
            .unwrap_or_default();
        f
    };
    if name == "consultation.toml" {
        return config("the consultation's questions and columns");
    }
    if ext == "toml" {
        return config("settings file (a codebook is read by the coding stage)");
    }
    if let Some(c) = consultation {
        if c.is_gold(&crel) {
            let mut f = FileReport::new(rel, Role::Gold, "csv");
            f.note = Some("human-coded sample: used for agreement, not read as responses".into());
            f.sha256 = std::fs::read(path)
                .map(|b| crate::hashing::sha256_hex(&b))
                .unwrap_or_default();
            return f;
        }
        if c.is_ignored(&crel) {
            let mut f = FileReport::new(rel, Role::Ignored, "unknown");
            f.note = Some("listed under `ignore` in consultation.toml".into());
            return f;
        }
    }
    if name.starts_with("readme") || name.starts_with("license") || name.starts_with("licence") {
        let mut f = FileReport::new(rel, Role::Ignored, "text");
        f.note = Some("documentation (README / LICENSE) is not read as a response".into());
        return f;
    }
    match ext.as_str() {
        "csv" => csvfile::read(path, rel, consultation, sink),
        "jsonl" | "ndjson" => jsonl::read(path, rel, sink),
        "txt" | "md" => document::read(path, rel, &crel, consultation, sink),
        _ => {
            let mut f = FileReport::new(rel, Role::Unreadable, "unknown");
            f.skip(
                None,
                format!("unknown format `.{ext}`: not read (supported: .csv, .jsonl, .txt, .md)"),
            );
            f
        }
    }
}

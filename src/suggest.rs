//! Wiring of `tally codebook suggest`: find the inputs, run tally-suggest, write the report
//! or (with `--apply`) the new codebook and its diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tally_ingest::{CodingMode, Consultation};
use tally_suggest::{apply, render, Proposal, Sample, Settings};

use crate::cli::SuggestArgs;

/// Runs the command; returns what goes to stdout.
pub fn run(args: &SuggestArgs) -> Result<String, String> {
    let consultation = match &args.consultation {
        Some(p) => Consultation::load(p).map_err(|e| e.to_string())?,
        None => tally_ingest::find_consultation(&args.dir)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                format!(
                    "{}: no consultation.toml, which declares the human-coded sample",
                    args.dir.display()
                )
            })?,
    };
    let path = match &args.codebook {
        Some(p) => p.clone(),
        None => tally_pipeline::find_codebook(&args.dir).map_err(|e| e.to_string())?,
    };
    let src = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let shown = path.display().to_string();
    let book = tally_code::Codebook::parse(&src, &shown).map_err(|es| {
        es.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let sample = Sample::load(&consultation, &book).map_err(|e| e.to_string())?;
    let single: BTreeSet<String> = consultation
        .questions
        .iter()
        .filter(|q| q.mode == CodingMode::Single)
        .map(|q| q.id.clone())
        .collect();
    let settings = Settings {
        folds: usize::from(args.folds),
        ..Settings::default()
    };
    let report =
        tally_suggest::suggest(&sample, &book, &single, settings).map_err(|e| e.to_string())?;
    if args.apply.is_empty() {
        let text = if args.json {
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
        } else {
            render::markdown(&report)
        };
        return match &args.out {
            Some(out) => write(out, &text).map(|()| String::new()),
            None => Ok(text),
        };
    }
    let chosen = args
        .apply
        .iter()
        .map(|&n| {
            report
                .proposals
                .iter()
                .find(|p| p.number == n)
                .ok_or_else(|| {
                    tally_suggest::SuggestError::NoProposal(n, report.proposals.len()).to_string()
                })
        })
        .collect::<Result<Vec<&Proposal>, String>>()?;
    let new = apply::apply(&src, &book, &chosen).map_err(|e| e.to_string())?;
    let dest = args
        .out
        .clone()
        .unwrap_or_else(|| path.with_file_name("codebook.suggested.toml"));
    if same_file(&dest, &path) {
        return Err(format!(
            "{}: is the codebook read; write the new one elsewhere (--out) and compare first",
            dest.display()
        ));
    }
    write(&dest, &new)?;
    Ok(apply::diff(&src, &new, &shown, &dest.display().to_string()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| PathBuf::from(p));
    canon(a) == canon(b)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

//! Wiring of `tally review sample` and `tally review export`.

use std::path::Path;

use tally_review::{
    stratified_sample, write_sample_csv, Candidate, Decision, DecisionsFile, Verdict,
};

/// Draws the sample; returns the CSV (or a one-line note when written to a file).
pub fn sample(
    dir: &Path,
    n: usize,
    seed: u64,
    codebook: Option<&Path>,
    out: Option<&Path>,
) -> Result<String, String> {
    let codebook = match codebook {
        Some(p) => p.to_path_buf(),
        None => tally_pipeline::find_codebook(dir).map_err(|e| e.to_string())?,
    };
    let src = std::fs::read_to_string(&codebook)
        .map_err(|e| format!("cannot read {}: {e}", codebook.display()))?;
    let book =
        tally_code::Codebook::parse(&src, &codebook.display().to_string()).map_err(|es| {
            es.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })?;
    let themes: Vec<String> = book.themes.iter().map(|t| t.id.clone()).collect();
    let consultation = tally_ingest::find_consultation(dir).map_err(|e| e.to_string())?;
    let mut candidates = Vec::new();
    tally_ingest::read_dir(dir, consultation.as_ref(), &mut |r| {
        if let tally_ingest::Record::Response(r) = r {
            candidates.push(Candidate {
                id: r.id.into(),
                question: r.question.into(),
                respondent_type: r.respondent_type.into(),
                text: r.text,
            });
        }
    });
    let drawn = stratified_sample(candidates, n, seed);
    let mut buf = Vec::new();
    write_sample_csv(&drawn, &themes, &mut buf).map_err(|e| e.to_string())?;
    match out {
        Some(path) => {
            std::fs::write(path, &buf)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(format!(
                "{} responses written to {}\n",
                drawn.len(),
                path.display()
            ))
        }
        None => String::from_utf8(buf).map_err(|e| e.to_string()),
    }
}

/// Every coding in the audit as an accept decision (JSON).
pub fn export(audit: &Path, reviewer: &str) -> Result<String, String> {
    let (coding, _) = tally_report::read_coding(audit).map_err(|e| e.to_string())?;
    let decisions = coding
        .into_iter()
        .flat_map(|(id, themes)| {
            themes.into_iter().map(move |theme| Decision {
                response_id: id.clone(),
                question: None,
                theme,
                decision: Verdict::Accept,
                evidence: None,
                reviewer: reviewer.to_string(),
                note: None,
            })
        })
        .collect();
    let mut json =
        serde_json::to_string_pretty(&DecisionsFile { decisions }).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}

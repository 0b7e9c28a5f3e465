//! Wiring of `tally agree`: load the codings, compare, render.
//!
//! The comparisons are [`tally_review::agreements`], as in `tally analyse`: tally against
//! each sample, then each pair of samples, over the theme columns of the first sample.

use tally_review::GoldSet;

use crate::cli::AgreeArgs;

/// Runs the comparison; returns the Markdown report.
pub fn run(args: &AgreeArgs) -> Result<String, String> {
    let (coding, evidence) = tally_report::read_coding(&args.audit).map_err(|e| e.to_string())?;
    let golds: Vec<GoldSet> = args
        .gold
        .iter()
        .map(|p| GoldSet::load(p).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let themes = golds[0].themes.clone();
    let reports = tally_review::agreements(&coding, &evidence, &golds, &themes);
    if let Some(path) = &args.json {
        let mut json = serde_json::to_string_pretty(&reports).map_err(|e| e.to_string())?;
        json.push('\n');
        std::fs::write(path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut md = String::from("# Agreement with human coding\n\n");
    for r in &reports {
        md.push_str(&r.markdown());
        md.push('\n');
    }
    Ok(md)
}

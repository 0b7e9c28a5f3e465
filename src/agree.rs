//! Wiring of `tally agree`: load the codings, compare, render.

use tally_review::{coding_from_audit, Agreement, Coding, GoldSet};

use crate::cli::AgreeArgs;

/// Runs the comparison; returns the Markdown report.
pub fn run(args: &AgreeArgs) -> Result<String, String> {
    let (coding, evidence) = coding_from_audit(&args.audit).map_err(|e| e.to_string())?;
    let golds: Vec<GoldSet> = args
        .gold
        .iter()
        .map(|p| GoldSet::load(p).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let themes = golds[0].themes.clone();
    let mut reports: Vec<Agreement> = golds
        .iter()
        .map(|g| Agreement::compute("tally", &coding, &evidence, g, &themes))
        .collect();
    if let [a, b, ..] = golds.as_slice() {
        let coding_a: Coding = a
            .items
            .iter()
            .map(|(id, item)| (id.clone(), item.themes.clone()))
            .collect();
        reports.push(Agreement::compute(
            &a.path,
            &coding_a,
            &Default::default(),
            b,
            &themes,
        ));
    }
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

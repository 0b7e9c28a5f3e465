//! Wiring of `tally agree`: load the codings, compare, render.
//!
//! The comparisons are [`tally_review::agreements`], as in `tally analyse`: tally against
//! each sample, then each pair of samples, over the theme columns of the first sample.
//! Each sample's rows are matched to the audit's responses as `tally analyse` matches them
//! ([`tally_review::keys`]); a row naming several responses, or none, is named on stderr.

use tally_review::GoldSet;

use crate::cli::AgreeArgs;

/// Runs the comparison; returns the Markdown report.
pub fn run(args: &AgreeArgs) -> Result<String, String> {
    let (coding, evidence) = tally_report::read_coding(&args.audit).map_err(|e| e.to_string())?;
    let mut golds: Vec<GoldSet> = args
        .gold
        .iter()
        .map(|p| GoldSet::load(p).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    resolve(&args.audit, &mut golds)?;
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

/// Keys each sample's rows by the audit's response ids; prints the rows naming several
/// responses, or none, on stderr.
fn resolve(audit: &std::path::Path, golds: &mut [GoldSet]) -> Result<(), String> {
    let keys: Vec<_> = golds.iter().flat_map(GoldSet::keys).collect();
    let mut resolver = tally_review::keys::Resolver::new(keys);
    for line in tally_report::AuditReader::open(audit).map_err(|e| e.to_string())? {
        let line = line.map_err(|e| e.to_string())?;
        resolver.observe(&line.response_id, &line.question, &line.source.file);
    }
    let found = resolver.finish();
    let mut rest = found.as_slice();
    for g in golds {
        let (mine, after) = rest.split_at(g.items.len());
        rest = after;
        for (line, why) in g.resolve(mine) {
            eprintln!("tally: {}:{line}: {why}", g.path);
        }
    }
    Ok(())
}

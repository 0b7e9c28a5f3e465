//! Publication: the numbers finished (estimates, redacted quotes), every report written
//! beside the audit trail, and the whole set published at once, run.json last
//! ([`OutputSet`]). The reports are rendered by `tally-report`; this only hands them what
//! the run made.

use std::io::{BufWriter, Write};

use serde::Serialize;
use tally_aggregate::Summary;
use tally_report::{
    render_summary, write_closed_csv, write_themes_csv, OutputSet, ReviewInfo, RunFacts,
    RunManifest, RunSettings,
};

use crate::error::PipelineError;
use crate::merge::{write_err, Merged};
use crate::pass2::Pass2;
use crate::plan::Plan;
use crate::run::OUTPUT_FILES;

/// What a published run reports.
pub(crate) struct Published {
    /// run.json.
    pub(crate) manifest: RunManifest,
    /// The numbers.
    pub(crate) summary: Summary,
}

/// Writes the reports of pass 2's results into `outputs`, and publishes them.
pub(crate) fn publish(
    plan: &Plan,
    pass2: Pass2,
    mut outputs: OutputSet,
) -> Result<Published, PipelineError> {
    let Pass2 { report, merged, .. } = pass2;
    let Merged {
        closed_answers,
        aggregator,
        gold,
        review,
        qdpx,
        page,
    } = merged;
    let mut summary = aggregator.finish();
    summary.estimates =
        tally_review::cell_estimates(&summary, &plan.golds, &gold.coding, &gold.seen);
    if let Some(redactor) = plan.redactor() {
        redact_quotes(&mut summary, redactor);
    }
    let out = &plan.opts.out;
    outputs.write(&out.join("themes.csv"), |w| write_themes_csv(&summary, w))?;
    outputs.write(&out.join("closed.csv"), |w| write_closed_csv(&summary, w))?;
    let review: Option<ReviewInfo> = review
        .zip(plan.review.as_ref())
        .map(|(r, (_, file))| r.finish(file));
    let agreements =
        crate::gold::agreements(&plan.golds, &gold.coding, &gold.evidence, &plan.theme_ids);
    let facts = RunFacts {
        input: &plan.opts.input.display().to_string(),
        consultation: plan.consultation.as_ref().map(|(c, f)| (c, f)),
        codebook: (&plan.book, &plan.matcher, &plan.book_file),
        settings: RunSettings {
            quotes: plan.opts.quotes,
            small_cell: plan.opts.small_cell,
            strict: plan.opts.strict,
            campaigns: plan.opts.campaigns.as_str(),
        },
        ingest: &report,
        summary: &summary,
        closed_answers,
        agreements: &agreements,
        review: review.as_ref(),
        outputs: OUTPUT_FILES,
    };
    let meta = facts.summary_meta();
    outputs.write(&out.join("summary.md"), |w| {
        w.write_all(render_summary(&summary, &meta).as_bytes())
    })?;
    outputs.write(&out.join("report.html"), |w| {
        w.write_all(tally_report::render_report(&summary, &meta).as_bytes())
    })?;
    let mut manifest = facts.manifest();
    manifest.coder = plan
        .model
        .as_ref()
        .map(|(_, file)| tally_report::CoderInfo {
            path: file.path.clone(),
            sha256: file.sha256.clone(),
            combine: plan.opts.combine.as_str().to_string(),
        });
    if let (Some(path), Some(sources)) = (&plan.opts.qdpx, qdpx) {
        let project = crate::qdpx::project(&meta.title, &plan.book, sources);
        let file = BufWriter::new(outputs.create(path)?);
        tally_qdpx::write_qdpx_to(&project, file, path)?;
        manifest.outputs.push(path.display().to_string());
    }
    write_xlsx(plan, &summary, &mut manifest, &mut outputs)?;
    let page_meta = tally_report::ReviewPageMeta::of(&meta.title, &summary, &manifest);
    outputs.write(&out.join("review.html"), |w| {
        tally_report::write_review_page(&page, &page_meta, w)
    })?;
    let json = manifest_json(&manifest)?;
    outputs.write(&out.join("run.json"), |w| w.write_all(&json))?;
    outputs.commit()?;
    Ok(Published { manifest, summary })
}

/// coded.xlsx, from coded.csv as staged, when the run writes it; otherwise a previous
/// run's workbook is withdrawn (it must not stand beside this run's outputs).
fn write_xlsx(
    plan: &Plan,
    summary: &Summary,
    manifest: &mut RunManifest,
    outputs: &mut OutputSet,
) -> Result<(), PipelineError> {
    let responses = manifest.totals.responses;
    let xlsx = plan.opts.out.join("coded.xlsx");
    if !plan.opts.xlsx.writes(responses) {
        outputs.withdraw(&xlsx);
        return Ok(());
    }
    let coded_path = plan.opts.out.join("coded.csv");
    let written = outputs
        .staged(&coded_path)
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| write_err(&coded_path)(std::io::Error::other("coded.csv was not staged")))?;
    let file = outputs.create(&xlsx)?;
    tally_report::write_coded_xlsx(&written, responses, summary, &plan.theme_ids, file, &xlsx)?;
    manifest.outputs.push("coded.xlsx".into());
    Ok(())
}

/// The manifest as run.json holds it (pretty JSON and a newline); a manifest that cannot
/// be serialised is an error, never an empty or partial run.json.
fn manifest_json(manifest: &impl Serialize) -> Result<Vec<u8>, PipelineError> {
    let mut json = serde_json::to_vec_pretty(manifest).map_err(PipelineError::Manifest)?;
    json.push(b'\n');
    Ok(json)
}

/// Replaces personal data in every quote with typed placeholders. The quote's offsets still
/// locate the original text in the response.
fn redact_quotes(summary: &mut Summary, redactor: &tally_redact::Redactor) {
    for c in &mut summary.campaigns {
        c.template_text = redactor.redact(&c.template_text).text;
    }
    for q in &mut summary.questions {
        for t in &mut q.themes {
            for quote in &mut t.quotes {
                quote.text = redactor.redact(&quote.text).text;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value serde_json cannot serialise (a map whose keys are not strings).
    #[derive(Serialize)]
    struct Unserialisable {
        map: std::collections::BTreeMap<(u8, u8), u8>,
    }

    #[test]
    fn a_manifest_that_cannot_be_serialised_is_an_error() {
        let bad = Unserialisable {
            map: [((1, 2), 3)].into_iter().collect(),
        };
        let err = manifest_json(&bad).unwrap_err();
        assert!(matches!(err, PipelineError::Manifest(_)), "{err}");
        assert!(err
            .to_string()
            .contains("cannot serialise the run manifest"));
    }

    #[test]
    fn a_manifest_is_pretty_json_and_a_newline() {
        let json = manifest_json(&serde_json::json!({"a": [1]})).unwrap();
        assert_eq!(json, b"{\n  \"a\": [\n    1\n  ]\n}\n");
    }
}

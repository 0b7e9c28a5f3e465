//! The run itself, as a short sequence: load the plan ([`crate::plan`]), pass 1 finds the
//! campaigns ([`crate::pass1`]), pass 2 codes and counts ([`crate::pass2`]), publish
//! ([`crate::publish`]). Orchestration only: each step lives in its own module, and every
//! output is rendered by `tally-report`.

use std::time::Instant;

use tally_aggregate::Summary;
use tally_report::{OutputSet, RunManifest};

use crate::error::PipelineError;
use crate::freelater::FreeLater;
use crate::merge::write_err;
use crate::options::{Options, Progress};
use crate::plan::Plan;

/// Files a run writes into the output directory.
pub const OUTPUT_FILES: &[&str] = &[
    "summary.md",
    "report.html",
    "themes.csv",
    "closed.csv",
    "audit.jsonl",
    "coded.csv",
    "review.html",
    "run.json",
];

/// What a completed run produced.
#[derive(Debug)]
pub struct Outcome {
    /// The manifest written to run.json.
    pub manifest: RunManifest,
    /// The numbers.
    pub summary: Summary,
    /// Input problems (skips and warnings): non-zero means "completed with problems".
    pub problems: u64,
    /// Responses that took the coding of a verbatim twin instead of being coded again
    /// ([`Options::reuse`](crate::Options::reuse); depends on how the workers shared the
    /// responses out, so it is not written to the outputs).
    pub reused: u64,
    /// Wall-clock time of the run (printed by the CLI, never written to an output, so that
    /// the same run gives byte-identical files).
    pub elapsed: std::time::Duration,
}

/// Runs the whole pipeline.
pub fn analyse(opts: &Options, progress: &(dyn Progress + Sync)) -> Result<Outcome, PipelineError> {
    let started = Instant::now();
    let mut plan = Plan::load(opts)?;
    let mut keys = crate::resolve::Keys::of(&plan);
    // its threads are joined when it is dropped, on every way out of this function
    let mut later = FreeLater::default();
    let (campaigns, first_read) = crate::pass1::detect_campaigns(
        &opts.input,
        plan.consultation(),
        opts.batch.max(1),
        opts.reuse,
        keys.as_mut(),
    )?;
    let unresolved = keys.map(|k| k.apply(&mut plan)).unwrap_or_default();
    progress.first_read_done();
    std::fs::create_dir_all(&opts.out).map_err(write_err(&opts.out))?;
    // every output is staged and published together, run.json last (tally_report::OutputSet)
    let mut outputs = opts
        .fail_writes_after
        .map_or_else(OutputSet::new, OutputSet::failing_after);
    let mut coded = crate::pass2::code(&plan, &campaigns, &mut outputs, &mut later, progress)?;
    crate::reread::check_unchanged(&first_read, &coded.report)?;
    let elsewhere = unresolved.report(&mut coded.report);
    let problems = coded.report.problems() + elsewhere;
    if opts.strict && problems > 0 {
        return Err(PipelineError::Strict(problems));
    }
    let reused = coded.reused;
    let published = crate::publish::publish(&plan, coded, outputs)?;
    Ok(Outcome {
        manifest: published.manifest,
        summary: published.summary,
        problems,
        reused,
        elapsed: started.elapsed(),
    })
}

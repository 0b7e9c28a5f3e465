//! Pass 2: the input read again and coded. Ingest reads on a thread of its own, handing
//! batches over a bounded channel; the rayon workers code a batch ([`crate::stage`]) while
//! the merge, on another thread, takes the previous one in input order
//! ([`crate::merge`]), so reading, coding and merging overlap and the outputs do not
//! depend on the thread count.

use tally_aggregate::{Aggregator, QuestionInfo, Settings as AggSettings, ThemeInfo};
use tally_campaign::Campaigns;
use tally_ingest::{read_dir, IngestReport, Record};
use tally_report::{BodyWriter, CodedCsv, OutputSet};

use crate::error::PipelineError;
use crate::freelater::FreeLater;
use crate::memo::Shards;
use crate::merge::{Coder, GoldCoding, Merged, Sink};
use crate::options::Progress;
use crate::perthread::PerThread;
use crate::plan::Plan;
use crate::reader::{join, read_batches};
use crate::stage::{single_questions, Batch, Stage};

/// What pass 2 made.
pub(crate) struct Pass2<'a> {
    /// What ingest read.
    pub(crate) report: IngestReport,
    /// What the merge made.
    pub(crate) merged: Merged<'a>,
    /// Responses that took the coding of a verbatim twin.
    pub(crate) reused: u64,
}

/// Codes the input: audit.jsonl and coded.csv are written into `outputs` as the merge goes;
/// the tables the workers leave are freed on `later`'s threads.
pub(crate) fn code<'a>(
    plan: &'a Plan<'a>,
    campaigns: &'a Campaigns,
    outputs: &mut OutputSet,
    later: &mut FreeLater,
    progress: &(dyn Progress + Sync),
) -> Result<Pass2<'a>, PipelineError> {
    let out = &plan.opts.out;
    let audit = Sink::new(
        outputs.create(&out.join("audit.jsonl"))?,
        out.join("audit.jsonl"),
    );
    let mut coded = Sink::new(
        outputs.create(&out.join("coded.csv"))?,
        out.join("coded.csv"),
    );
    coded.write(&CodedCsv::header())?;
    let stage = stage(plan, campaigns);
    let coder = Coder {
        matcher: &plan.matcher,
        theme_ids: &plan.theme_ids,
        bodies: stage.bodies.clone(),
        quotes: plan.opts.quotes > 0,
        campaigns,
        campaign_mode: plan.opts.campaigns,
        redactor: plan.redactor(),
        audit,
        coded,
        rows: CodedCsv::default(),
        error: None,
        merged: Merged {
            closed_answers: 0,
            aggregator: aggregator(plan, campaigns),
            gold: GoldCoding {
                ids: plan
                    .golds
                    .iter()
                    .flat_map(|g| g.items.keys().cloned())
                    .collect(),
                ..Default::default()
            },
            review: plan.decisions().map(crate::review::Review::new),
            qdpx: plan.opts.qdpx.as_ref().map(|_| Vec::new()),
            page: tally_report::ReviewItems::new(
                &plan.matcher,
                &plan.theme_ids,
                plan.decisions(),
                tally_report::PER_THEME,
            ),
        },
    };
    let threads = run(plan, &stage, coder, progress);
    let reused = stage.workers.each().map(|w| w.reused).sum();
    later.free((stage.memo, stage.workers));
    let (report, coder) = threads?;
    progress.finishing();
    Ok(Pass2 {
        report,
        merged: coder.finish()?,
        reused,
    })
}

/// The parallel stage, its tables empty.
fn stage<'a>(plan: &'a Plan<'a>, campaigns: &'a Campaigns) -> Stage<'a> {
    Stage {
        matcher: &plan.matcher,
        theme_ids: &plan.theme_ids,
        bodies: BodyWriter::new(&plan.matcher, &plan.theme_ids),
        workers: PerThread::new(),
        memo: Shards::for_pool(),
        reuse: plan.opts.reuse,
        quotes: plan.opts.quotes > 0,
        campaigns,
        redactor: plan.redactor(),
        decisions: plan.decisions(),
        single: plan
            .consultation()
            .iter()
            .flat_map(|c| single_questions(c))
            .collect(),
        model: plan.model.as_ref().map(|(m, _)| m),
    }
}

/// The aggregator for the consultation's questions and types, the codebook's themes and
/// the campaigns found in pass 1.
fn aggregator(plan: &Plan, campaigns: &Campaigns) -> Aggregator {
    let (questions, types) = plan.consultation().map_or_else(Default::default, |c| {
        (QuestionInfo::of_consultation(c), c.types.clone())
    });
    let themes = plan.book.themes.iter().map(ThemeInfo::from).collect();
    let settings = AggSettings {
        quotes: plan.opts.quotes,
        small_cell: plan.opts.small_cell,
    };
    let mut a = Aggregator::new(questions, types, themes, settings);
    a.set_campaigns(campaigns.campaigns.clone());
    a
}

/// The threads of pass 2: the reader, the workers (on this thread's rayon pool) and the
/// merge. A thread that panicked fails the run.
fn run<'a>(
    plan: &Plan,
    stage: &Stage,
    mut coder: Coder<'a>,
    progress: &(dyn Progress + Sync),
) -> Result<(IngestReport, Coder<'a>), PipelineError> {
    let batch_size = plan.opts.batch.max(1);
    let panic_after = plan.opts.panic_reader_after;
    std::thread::scope(|scope| {
        let mut last_source: Option<tally_ingest::SourceName> = None;
        let mut records = 0u64;
        let (rx, back, reader) = read_batches(
            scope,
            read_dir,
            &plan.opts.input,
            plan.consultation(),
            batch_size,
            move |record| {
                if panic_after == Some(records) {
                    panic!("injected reader failure (test hook)");
                }
                records += 1;
                if let Record::Response(r) = &record {
                    if last_source.as_ref().is_none_or(|s| !s.same(&r.source)) {
                        progress.file(&r.source);
                        last_source = Some(r.source);
                    }
                }
                Some(record)
            },
        );
        // the merge on its own thread: the workers code the next batch meanwhile
        let (merge_tx, merge_rx) = std::sync::mpsc::sync_channel::<Batch>(2);
        let merger = scope.spawn(move || {
            for batch in merge_rx {
                let records = coder.merge(batch, progress);
                // once the reader has finished, its receiver is gone and the records are
                // dropped here
                let _ = back.send(Box::new(records));
            }
            coder
        });
        let mut ordinal = 0u64;
        for batch in rx {
            let coded = stage.code(batch, ordinal);
            ordinal += coded.responses.len() as u64;
            if merge_tx.send(coded).is_err() {
                break;
            }
        }
        drop(merge_tx);
        let report = join(reader, "reader");
        let coder = join(merger, "merge");
        Ok((report?, coder?))
    })
}

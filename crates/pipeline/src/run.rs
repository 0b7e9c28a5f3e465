//! The run itself.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tally_aggregate::{
    Aggregator, ClosedKind, QuestionInfo, Settings as AggSettings, Summary, ThemeInfo,
};
use tally_code::{Codebook, Evidence, Matcher, Scratch, ThemeHit, NO_PATTERN, REVIEW_RULE};
use tally_ingest::{
    find_consultation, read_dir, Consultation, IngestReport, Record, Response, Role,
};
use tally_report::{
    render_summary, write_closed_csv, write_themes_csv, AgreementEntry, AuditBody, AuditLine,
    AuditReview, BodyWriter, CampaignEntry, CodebookInfo, CodedCsv, CodedRow, ConsultationInfo,
    FileEntry, OutputSet, ProblemEntry, ReviewInfo, RunManifest, Settings, SummaryMeta, ThemeScore,
    ToolInfo, Totals, UnmatchedDecision,
};

use crate::discover::{check_out, find_codebook, shown};
use crate::error::PipelineError;
use crate::freelater::FreeLater;
use crate::memo::{Coding, Shards};
use crate::options::{Options, Progress};
use crate::perthread::PerThread;

/// Files a run writes into the output directory.
pub const OUTPUT_FILES: &[&str] = &[
    "summary.md",
    "themes.csv",
    "closed.csv",
    "audit.jsonl",
    "coded.csv",
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

fn sha256_file(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| {
            Sha256::digest(&b)
                .iter()
                .map(|x| format!("{x:02x}"))
                .collect()
        })
        .unwrap_or_default()
}

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> PipelineError + '_ {
    move |source| PipelineError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// The parallel stage: codes a batch of responses (matching, quote candidates, audit lines)
/// on the rayon workers.
struct Stage<'a> {
    matcher: &'a Matcher,
    theme_ids: &'a [String],
    /// The audit bodies of fresh codings, written with the codebook's strings escaped once.
    bodies: BodyWriter,
    /// One matcher scratch per worker thread, kept for the whole run (warm caches).
    workers: PerThread<Worker>,
    /// The table of repeated texts and their codings, shared by the workers.
    memo: Shards<Coding>,
    /// Whether verbatim repeats take the coding of their earlier twin ([`crate::memo`]).
    reuse: bool,
    quotes: bool,
    campaigns: &'a tally_campaign::Campaigns,
    redactor: Option<&'a tally_redact::Redactor>,
    /// Review decisions: the lines of responses they name are made in the merge, once the
    /// decisions are applied.
    decisions: Option<&'a tally_review::Decisions>,
    /// Questions coded with one theme per answer (`mode = "single"`).
    single: Vec<String>,
    /// A learned coder coding beside the rules (`--coder`).
    model: Option<&'a tally_learn::Model>,
}

/// A worker thread's own working space.
#[derive(Default)]
struct Worker {
    scratch: Scratch,
    /// Responses that took the coding of an earlier twin.
    reused: u64,
    /// Its rows of coded.csv.
    rows: CodedCsv,
}

/// A coded batch on its way to the merge: the closed answers and responses in input order,
/// and what the stage made of each response.
struct Batch {
    closed: Vec<tally_ingest::ClosedAnswer>,
    responses: Vec<Response>,
    /// What the stage made of the responses, in runs of [`CHUNK`].
    coded: Vec<Chunk>,
}

/// Responses a worker codes at a time, writing their audit lines into one buffer.
const CHUNK: usize = 32;

/// A run of consecutive responses coded together: what was made of each, and their audit
/// lines one after another in one buffer (one allocation for the run, not one a line).
struct Chunk {
    coded: Vec<Coded>,
    audit: Vec<u8>,
    /// Their rows of coded.csv, likewise.
    rows: Vec<u8>,
}

/// The merge: takes coded batches in input order, on a thread of its own (so the workers
/// code the next batch meanwhile), and applies review decisions, counts, and writes the
/// audit file.
struct Coder<'a> {
    matcher: &'a Matcher,
    theme_ids: &'a [String],
    quotes: bool,
    closed_answers: u64,
    audit: BufWriter<crate::dropbehind::DropBehind<tally_report::OutputFile>>,
    audit_path: &'a Path,
    /// coded.csv, written beside the audit, and the rows of reviewed responses made here.
    coded: BufWriter<crate::dropbehind::DropBehind<tally_report::OutputFile>>,
    coded_path: &'a Path,
    rows: CodedCsv,
    aggregator: Aggregator,
    error: Option<PipelineError>,
    /// Ids of human-coded responses, and tally's coding of them as it is made.
    gold_ids: std::collections::BTreeSet<String>,
    gold_coding: tally_review::Coding,
    gold_evidence: tally_review::EvidenceTexts,
    /// Where the run counted each hand-coded response (for the corrected estimates).
    gold_seen: tally_review::ObservedMap,
    review: Option<Review<'a>>,
    /// Sources for the REFI-QDA export, when asked for (held in memory until written).
    qdpx: Option<Vec<tally_qdpx::Source>>,
    /// Campaigns found in the first pass, and how they count.
    campaigns: &'a tally_campaign::Campaigns,
    campaign_mode: crate::options::CampaignMode,
    /// Redacts text bound for publication (quotes, the REFI-QDA export); `None` with
    /// `--no-redact`.
    redactor: Option<&'a tally_redact::Redactor>,
}

/// Review decisions being applied, and what came of them.
struct Review<'a> {
    decisions: &'a tally_review::Decisions,
    seen: std::collections::BTreeSet<String>,
    accepted: u64,
    rejected: u64,
    added: u64,
    unmatched: Vec<UnmatchedDecision>,
}

impl Review<'_> {
    fn unmatched(&mut self, d: &tally_review::Decision, reason: &str) {
        self.unmatched.push(UnmatchedDecision {
            response_id: d.response_id.clone(),
            theme: d.theme.clone(),
            decision: d.decision.as_str().to_string(),
            reason: reason.to_string(),
        });
    }

    /// Applies the decisions on response `r` to its coding; returns the reviews of kept
    /// codings (by theme index) and the rejected codings.
    fn apply(
        &mut self,
        r: &Response,
        hits: &mut Vec<ThemeHit>,
        theme_ids: &[String],
    ) -> (Vec<(u32, AuditReview)>, Vec<AuditReview>) {
        use tally_review::Verdict;
        let mut kept = Vec::new();
        let mut rejected = Vec::new();
        let Some(decisions) = self.decisions.by_response.get(r.id.as_str()).cloned() else {
            return (kept, rejected);
        };
        self.seen.insert(r.id.to_string());
        for (theme, d) in &decisions {
            let audit = AuditReview {
                decision: d.decision.as_str().into(),
                theme: theme.clone(),
                reviewer: d.reviewer.clone(),
                note: d.note.clone(),
            };
            let Some(t) = theme_ids.iter().position(|x| x == theme) else {
                self.unmatched(d, "no such theme in the codebook");
                continue;
            };
            let t = t as u32;
            let at = hits.iter().position(|h| h.theme == t);
            match (d.decision, at) {
                (Verdict::Accept, Some(_)) => {
                    self.accepted += 1;
                    kept.push((t, audit));
                }
                (Verdict::Reject, Some(i)) => {
                    self.rejected += 1;
                    hits.remove(i);
                    rejected.push(audit);
                }
                (Verdict::Accept | Verdict::Reject, None) => {
                    self.unmatched(d, "the response is not coded with this theme in this run")
                }
                (Verdict::Add, Some(_)) => {
                    self.accepted += 1;
                    kept.push((
                        t,
                        AuditReview {
                            decision: "accept".into(),
                            note: Some(format!(
                                "added by review; now coded by the codebook{}",
                                d.note.as_ref().map_or(String::new(), |n| format!(": {n}"))
                            )),
                            ..audit
                        },
                    ));
                }
                (Verdict::Add, None) => {
                    let mut evidence = Vec::new();
                    if let Some(ev) = &d.evidence {
                        match r.text.find(ev.as_str()) {
                            Some(s) if !ev.is_empty() => evidence.push(Evidence {
                                start: s as u32,
                                end: (s + ev.len()) as u32,
                                rule: REVIEW_RULE,
                                patterns: [NO_PATTERN; 2],
                            }),
                            _ => self.unmatched(
                                d,
                                "evidence text not found in the response: added without a span",
                            ),
                        }
                    }
                    self.added += 1;
                    let at = hits.iter().position(|h| h.theme > t).unwrap_or(hits.len());
                    hits.insert(at, ThemeHit { theme: t, evidence });
                    kept.push((t, audit));
                }
            }
        }
        (kept, rejected)
    }
}

/// What the parallel stage makes of one response.
struct Coded {
    /// Shared with the table of repeated texts, and with the response's repeats.
    hits: Arc<Vec<ThemeHit>>,
    candidates: Vec<tally_aggregate::QuoteCandidate>,
    /// Where its audit line ends in its chunk's buffer (the line starts where the previous
    /// response's ends; it is empty when review decisions will change it).
    audit_end: usize,
    /// Where its row of coded.csv ends in its chunk's rows, likewise.
    row_end: usize,
    /// The response has review decisions (its line is made in the merge).
    reviewed: bool,
    /// Its campaign and role (looked up once, here, for the audit line and the counts).
    campaign: Option<tally_campaign::Membership>,
    /// Themes dropped by a single-code question's choice of one.
    dropped: Vec<u32>,
}

impl Stage<'_> {
    /// Codes a batch in parallel; `first` is the input position of its first response.
    fn code(&self, batch: Vec<Record>, first: u64) -> Batch {
        // both vectors at their final size (pushing closed answers one by one regrew theirs)
        let closed_len = batch
            .iter()
            .filter(|r| matches!(r, Record::Closed(_)))
            .count();
        let mut responses = Vec::with_capacity(batch.len() - closed_len);
        let mut closed = Vec::with_capacity(closed_len);
        for record in batch {
            match record {
                Record::Response(r) => responses.push(r),
                Record::Closed(c) => closed.push(c),
            }
        }
        let workers = &self.workers;
        let coded: Vec<Chunk> = responses
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(at, chunk)| {
                let mut worker = workers.mine();
                let Worker {
                    scratch,
                    reused,
                    rows,
                } = &mut *worker;
                let mut audit = Vec::with_capacity(chunk.len() * AUDIT_TYPICAL + AUDIT_LINE);
                let coded = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let position = first + (at * CHUNK + i) as u64;
                        self.code_one(r, position, scratch, reused, rows, &mut audit)
                    })
                    .collect();
                Chunk {
                    coded,
                    audit,
                    rows: rows.take(),
                }
            })
            .collect();
        Batch {
            closed,
            responses,
            coded,
        }
    }

    /// Codes one response, at `position` in the input, on a worker (with its scratch), and
    /// appends its audit line to its chunk's `audit` buffer and its row to `rows` (unless
    /// review decisions will change them).
    fn code_one(
        &self,
        r: &Response,
        position: u64,
        scratch: &mut Scratch,
        reused: &mut u64,
        rows: &mut CodedCsv,
        audit: &mut Vec<u8>,
    ) -> Coded {
        let reviewed = self
            .decisions
            .is_some_and(|d| d.by_response.contains_key(r.id.as_str()));
        let campaign = self.campaigns.role(position);
        // the audit line's own fields, before its body (a reviewed response's line is made in
        // the merge, once its decisions are applied)
        let in_campaign = audit_campaign(self.campaigns, campaign);
        let head = |dropped: &[u32]| {
            let mut line = AuditLine::new(r, &r.source, &[], self.matcher, self.theme_ids);
            line.campaign.clone_from(&in_campaign);
            line.single_mode_dropped = dropped_ids(dropped, self.theme_ids);
            line
        };
        // writes the response's row (unless reviewed: `None`); where the rows end
        let mut row = |coding: Option<(&[ThemeHit], &[tally_report::AuditRedaction])>| {
            if let Some((hits, redacted)) = coding {
                rows.push(&CodedRow {
                    response: r,
                    hits,
                    theme_ids: self.theme_ids,
                    redacted,
                    campaign: in_campaign.as_ref(),
                    review: None,
                });
            }
            rows.len()
        };
        // a reviewed response is coded afresh: its decisions change its coding
        let key = (self.reuse && !reviewed).then(|| crate::memo::key(&r.question, &r.text));
        if let Some(k) = key {
            let memo = self.memo.lock(k);
            if let Some(twin) = memo.get(k, &r.question, &r.text) {
                *reused += 1;
                push_audit(audit, &head(&twin.dropped), &twin.body);
                return Coded {
                    hits: Arc::clone(&twin.hits),
                    candidates: tally_aggregate::quote_candidates_for(r, &twin.candidates),
                    audit_end: audit.len(),
                    row_end: row(Some((&twin.hits, &twin.redacted))),
                    reviewed,
                    campaign,
                    dropped: twin.dropped.clone(),
                };
            }
        }
        let mut hits = self.matcher.code(scratch, &r.question, &r.text);
        if let Some(m) = self.model {
            hits = m.apply(&r.question, scratch.analysis(), hits);
        }
        let dropped = if self
            .single
            .iter()
            .any(|q| q.as_str() == r.question.as_str())
        {
            tally_code::keep_best(&mut hits, self.matcher)
        } else {
            Vec::new()
        };
        // the matcher's sentences serve the quotes (reviewed responses get theirs once the
        // decisions are applied)
        let candidates = if self.quotes && !reviewed && !hits.is_empty() {
            tally_aggregate::quote_candidates_in(r, &hits, scratch.sentences())
        } else {
            Vec::new()
        };
        let mut body = AuditBody::default();
        let mut redacted = Vec::new();
        let row_end = if reviewed {
            row(None)
        } else {
            redacted = redactions(self.redactor, &r.text);
            body = self.bodies.body(&r.text, &hits, &redacted);
            push_audit(audit, &head(&dropped), &body);
            row(Some((&hits, &redacted)))
        };
        let coding = Coding {
            hits: Arc::new(hits),
            candidates,
            body,
            dropped,
            redacted,
        };
        if let Some(k) = key {
            self.memo.lock(k).offer(k, &r.question, &r.text, &coding);
        }
        Coded {
            hits: coding.hits,
            candidates: coding.candidates,
            audit_end: audit.len(),
            row_end,
            reviewed,
            campaign,
            dropped: coding.dropped,
        }
    }
}

/// The ids of the questions coded with one theme per answer (`mode = "single"`).
fn single_questions(c: &Consultation) -> impl Iterator<Item = String> + '_ {
    c.questions
        .iter()
        .filter(|q| q.mode == tally_ingest::CodingMode::Single)
        .map(|q| q.id.clone())
}

/// The ids of themes dropped by a single-code question (see [`Coded::dropped`]).
fn dropped_ids<'a>(dropped: &[u32], theme_ids: &'a [String]) -> Vec<std::borrow::Cow<'a, str>> {
    dropped
        .iter()
        .map(|&t| theme_ids[t as usize].as_str().into())
        .collect()
}

impl Coder<'_> {
    /// Merges a coded batch, in input order: review decisions, counts and the audit file.
    /// Returns the batch's records, for the reader thread to drop.
    fn merge(
        &mut self,
        batch: Batch,
        progress: &dyn Progress,
    ) -> (Vec<tally_ingest::ClosedAnswer>, Vec<Response>) {
        let Batch {
            closed,
            responses,
            coded,
        } = batch;
        for c in &closed {
            self.closed_answers += u64::from(c.answer.is_some());
            self.aggregator.add_closed(c);
        }
        let matcher = self.matcher;
        let mode = self.campaign_mode;
        let mut rs = responses.iter();
        for chunk in coded {
            let (mut start, mut row_start) = (0, 0);
            for mut c in chunk.coded {
                let r = rs.next().expect("one coding per response");
                let mut line_bytes = &chunk.audit[start..c.audit_end];
                let mut row_bytes = &chunk.rows[row_start..c.row_end];
                start = c.audit_end;
                row_start = c.row_end;
                let (own, own_row);
                if c.reviewed {
                    if let Some(review) = &mut self.review {
                        let (reviews, rejected) =
                            review.apply(r, Arc::make_mut(&mut c.hits), self.theme_ids);
                        c.candidates = if self.quotes {
                            tally_aggregate::quote_candidates(r, &c.hits)
                        } else {
                            Vec::new()
                        };
                        let mut line =
                            AuditLine::new(r, &r.source, &c.hits, matcher, self.theme_ids);
                        line.single_mode_dropped = dropped_ids(&c.dropped, self.theme_ids);
                        for (t, review) in reviews {
                            if let Some(theme) = line
                                .themes
                                .iter_mut()
                                .find(|x| x.theme == self.theme_ids[t as usize].as_str())
                            {
                                theme.review = Some(review);
                            }
                        }
                        line.rejected = rejected;
                        line.campaign = audit_campaign(self.campaigns, c.campaign);
                        line.redacted = redactions(self.redactor, &r.text);
                        own = audit_bytes(&line, &line.body());
                        line_bytes = &own;
                        let cells = review.decisions.by_response.get(r.id.as_str());
                        let cells = tally_review::ReviewCells::of(
                            cells.into_iter().flat_map(|d| d.values()),
                        );
                        self.rows.push(&CodedRow {
                            response: r,
                            hits: &c.hits,
                            theme_ids: self.theme_ids,
                            redacted: &line.redacted,
                            campaign: line.campaign.as_ref(),
                            review: Some(&cells),
                        });
                        own_row = self.rows.take();
                        row_bytes = &own_row;
                    }
                }
                if self.gold_ids.contains(r.id.as_str()) {
                    self.gold_seen.insert(
                        r.id.to_string(),
                        tally_review::Observed {
                            question: r.question.to_string(),
                            respondent_type: r.respondent_type.to_string(),
                            headline: membership(c.campaign, mode).main,
                        },
                    );
                    let themes = self.gold_coding.entry(r.id.to_string()).or_default();
                    for hit in c.hits.iter() {
                        let theme = self.theme_ids[hit.theme as usize].clone();
                        let texts = hit
                            .evidence
                            .iter()
                            .map(|e| r.text[e.start as usize..e.end as usize].to_string())
                            .collect();
                        self.gold_evidence
                            .insert((r.id.to_string(), theme.clone()), texts);
                        themes.insert(theme);
                    }
                }
                if let Some(sources) = &mut self.qdpx {
                    sources.push(qdpx_source(r, &c.hits, self.theme_ids, self.redactor));
                }
                self.aggregator
                    .add_coded(r, &c.hits, c.candidates, membership(c.campaign, mode));
                if self.error.is_none() {
                    if let Err(e) = self.audit.write_all(line_bytes) {
                        self.error = Some(write_err(self.audit_path)(e));
                    } else if let Err(e) = self.coded.write_all(row_bytes) {
                        self.error = Some(write_err(self.coded_path)(e));
                    }
                }
            }
        }
        progress.coded(responses.len() as u64);
        (closed, responses)
    }
}

/// Runs the whole pipeline.
pub fn analyse(opts: &Options, progress: &(dyn Progress + Sync)) -> Result<Outcome, PipelineError> {
    let started = Instant::now();
    let input = &opts.input;
    if !input.is_dir() {
        return Err(PipelineError::Input(input.display().to_string()));
    }
    check_out(input, &opts.out)?;
    tally_ingest::set_max_response_bytes(opts.max_response_bytes);
    if let Some(q) = &opts.qdpx {
        check_out(input, q)?;
    }
    let consultation: Option<Consultation> = match &opts.consultation {
        Some(p) => Some(Consultation::load(p)?),
        None => find_consultation(input)?,
    };
    let codebook_path = match &opts.codebook {
        Some(p) => p.clone(),
        None => find_codebook(input)?,
    };
    let src =
        std::fs::read_to_string(&codebook_path).map_err(|source| PipelineError::ReadCodebook {
            path: codebook_path.display().to_string(),
            source,
        })?;
    let codebook_shown = shown(&codebook_path, input);
    let book = Codebook::parse(&src, &codebook_shown).map_err(PipelineError::Codebook)?;
    if let Some(c) = &consultation {
        let mut known: Vec<String> = c.questions.iter().map(|q| q.id.clone()).collect();
        known.push(c.document_question.clone());
        let errors = book.check_questions(&known);
        if !errors.is_empty() {
            return Err(PipelineError::Codebook(errors));
        }
    }
    let matcher = Matcher::compile(&book).map_err(PipelineError::Codebook)?;
    let model = opts
        .coder
        .as_deref()
        .map(|p| tally_learn::Model::load(p, &book, &sha256_file(&codebook_path), opts.combine))
        .transpose()
        .map_err(|e| PipelineError::Coder(e.to_string()))?;

    let mut questions: Vec<QuestionInfo> = Vec::new();
    let mut types = Vec::new();
    if let Some(c) = &consultation {
        questions = c
            .questions
            .iter()
            .map(|q| QuestionInfo {
                id: q.id.clone(),
                text: q.text.clone(),
                answers: q
                    .answers
                    .iter()
                    .map(|a| (a.value.clone(), a.verb.clone()))
                    .collect(),
                closed: closed_kind(&q.shape),
            })
            .collect();
        questions.push(QuestionInfo {
            id: c.document_question.clone(),
            text: c.document_question_text.clone(),
            answers: Vec::new(),
            closed: ClosedKind::Single,
        });
        types = c.types.clone();
    }
    let themes: Vec<ThemeInfo> = book.themes.iter().map(ThemeInfo::from).collect();

    let golds = load_gold(consultation.as_ref(), input)?;
    if let Some(p) = &opts.review {
        crate::discover::check_not_overwritten(p, &opts.out, OUTPUT_FILES)?;
    }
    let decisions = opts
        .review
        .as_deref()
        .map(|p| tally_review::Decisions::load_any(p, opts.reviewer.as_deref()))
        .transpose()?;
    let review = decisions.as_ref().map(|decisions| Review {
        decisions,
        seen: Default::default(),
        accepted: 0,
        rejected: 0,
        added: 0,
        unmatched: Vec::new(),
    });
    // its threads are joined when it is dropped, on every way out of this function
    let mut later = FreeLater::default();
    let (campaigns, first_read) =
        detect_campaigns(input, consultation.as_ref(), opts.batch.max(1), opts.reuse);
    progress.first_read_done();
    std::fs::create_dir_all(&opts.out).map_err(write_err(&opts.out))?;
    // every output is staged and published together, run.json last (tally_report::OutputSet)
    let mut outputs = opts
        .fail_writes_after
        .map_or_else(OutputSet::new, OutputSet::failing_after);
    let audit_path = opts.out.join("audit.jsonl");
    let audit_file = outputs.create(&audit_path)?;
    let coded_path = opts.out.join("coded.csv");
    let mut coded = BufWriter::with_capacity(
        1 << 20,
        crate::dropbehind::DropBehind::new(outputs.create(&coded_path)?),
    );
    coded
        .write_all(&CodedCsv::header())
        .map_err(write_err(&coded_path))?;
    let theme_ids: Vec<String> = book.themes.iter().map(|t| t.id.clone()).collect();
    let redactor = (!opts.no_redact).then(tally_redact::Redactor::new);
    let stage = Stage {
        matcher: &matcher,
        theme_ids: &theme_ids,
        bodies: BodyWriter::new(&matcher, &theme_ids),
        workers: PerThread::new(),
        memo: Shards::for_pool(),
        reuse: opts.reuse,
        quotes: opts.quotes > 0,
        campaigns: &campaigns,
        redactor: redactor.as_ref(),
        decisions: decisions.as_ref(),
        single: consultation.iter().flat_map(single_questions).collect(),
        model: model.as_ref(),
    };
    let mut coder = Coder {
        matcher: &matcher,
        theme_ids: &theme_ids,
        quotes: opts.quotes > 0,
        closed_answers: 0,
        audit: BufWriter::with_capacity(1 << 20, crate::dropbehind::DropBehind::new(audit_file)),
        audit_path: &audit_path,
        coded,
        coded_path: &coded_path,
        rows: CodedCsv::default(),
        aggregator: {
            let mut a = Aggregator::new(
                questions,
                types,
                themes,
                AggSettings {
                    quotes: opts.quotes,
                    small_cell: opts.small_cell,
                },
            );
            a.set_campaigns(
                campaigns
                    .campaigns
                    .iter()
                    .map(|c| tally_aggregate::CampaignInfo {
                        id: c.id.clone(),
                        question: c.question.clone(),
                        members: c.members,
                        copies: c.copies,
                        variants: c.variants,
                    })
                    .collect(),
            );
            a
        },
        error: None,
        gold_ids: golds.iter().flat_map(|g| g.items.keys().cloned()).collect(),
        gold_coding: Default::default(),
        gold_evidence: Default::default(),
        gold_seen: Default::default(),
        review,
        qdpx: opts.qdpx.as_ref().map(|_| Vec::new()),
        redactor: redactor.as_ref(),
        campaigns: &campaigns,
        campaign_mode: opts.campaigns,
    };
    // ingest on its own thread, handing batches over a bounded channel, so reading the next
    // batch overlaps coding this one; the order of batches and records is kept
    let batch_size = opts.batch.max(1);
    let (report, coder): (IngestReport, _) = std::thread::scope(|scope| {
        let mut last_source: Option<tally_ingest::SourceName> = None;
        let (rx, back, reader) = read_batches(
            scope,
            read_dir,
            input,
            consultation.as_ref(),
            batch_size,
            move |record| {
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
        let report = reader.join().unwrap_or_default();
        (report, merger.join())
    });
    let mut coder = match coder {
        Ok(c) => c,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let closed_answers = coder.closed_answers;
    let reused = stage.workers.each().map(|w| w.reused).sum();
    later.free((stage.memo, stage.workers));
    progress.finishing();
    if let Some(e) = coder.error.take() {
        return Err(e);
    }
    crate::reread::check_unchanged(&first_read, &report)?;
    coder.audit.flush().map_err(write_err(&audit_path))?;
    coder.coded.flush().map_err(write_err(&coded_path))?;
    drop(coder.audit);
    drop(coder.coded);
    let problems = report.problems();
    if opts.strict && problems > 0 {
        return Err(PipelineError::Strict(problems));
    }
    let mut summary = coder.aggregator.finish();
    summary.estimates =
        tally_review::cell_estimates(&summary, &golds, &coder.gold_coding, &coder.gold_seen);
    if let Some(redactor) = coder.redactor {
        redact_quotes(&mut summary, redactor);
    }

    // reports
    outputs.write(&opts.out.join("themes.csv"), |w| {
        write_themes_csv(&summary, w)
    })?;
    outputs.write(&opts.out.join("closed.csv"), |w| {
        write_closed_csv(&summary, w)
    })?;
    let listed: Vec<(String, Option<u64>, String)> = report
        .files
        .iter()
        .flat_map(|f| {
            f.problems
                .iter()
                .map(move |p| (f.path.clone(), p.line, p.reason.clone()))
        })
        .take(20)
        .collect();
    let review_info = coder.review.take().map(|mut rv| {
        let unseen: Vec<tally_review::Decision> = rv
            .decisions
            .all
            .iter()
            .filter(|d| !rv.seen.contains(&d.response_id))
            .cloned()
            .collect();
        for d in &unseen {
            rv.unmatched(d, "no response with this id in this run");
        }
        let path = opts
            .review
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        ReviewInfo {
            sha256: opts.review.as_deref().map(sha256_file).unwrap_or_default(),
            path,
            decisions: rv.decisions.all.len() as u64,
            reviewed: rv.accepted + rv.rejected + rv.added,
            accepted: rv.accepted,
            rejected: rv.rejected,
            added: rv.added,
            unmatched: rv.unmatched,
        }
    });
    let agreements = agreements(&golds, &coder.gold_coding, &coder.gold_evidence, &theme_ids);
    let meta = SummaryMeta {
        title: consultation
            .as_ref()
            .map_or_else(|| "Consultation".to_string(), |c| c.title.clone()),
        version: env!("CARGO_PKG_VERSION").to_string(),
        codebook: book.name.clone(),
        codebook_sha256: sha256_file(&codebook_path),
        closed_answers,
        problems: listed,
        problem_total: problems,
        appendix: appendix(&agreements),
        campaigns_mode: opts.campaigns.as_str().to_string(),
        review: review_info.as_ref().map(|r| {
            format!(
                "**Review.** {} codings were reviewed by people: {} accepted, {} rejected (removed from the counts and quotes) and {} added.{}",
                r.reviewed,
                r.accepted,
                r.rejected,
                r.added,
                if r.unmatched.is_empty() { String::new() } else { format!(" {} decisions matched nothing in this run (listed in `run.json`).", r.unmatched.len()) }
            )
        }),
    };
    let md_path = opts.out.join("summary.md");
    outputs.write(&md_path, |w| {
        w.write_all(render_summary(&summary, &meta).as_bytes())
    })?;

    let mut manifest = manifest(
        opts,
        &report,
        consultation.as_ref(),
        &book,
        &matcher,
        &codebook_shown,
        &meta,
        &summary,
        closed_answers,
    );
    manifest.agreement = agreements.iter().map(entry).collect();
    manifest.review = review_info;
    manifest.coder = opts.coder.as_ref().map(|p| tally_report::CoderInfo {
        path: p.display().to_string(),
        sha256: sha256_file(p),
        combine: opts.combine.as_str().to_string(),
    });
    if let (Some(path), Some(sources)) = (&opts.qdpx, coder.qdpx.take()) {
        let project = tally_qdpx::Project {
            name: meta.title.clone(),
            codes: book
                .themes
                .iter()
                .map(|t| tally_qdpx::Code {
                    id: t.id.clone(),
                    name: t.label.clone(),
                    description: t.description.clone(),
                })
                .collect(),
            sources,
        };
        let file = BufWriter::new(outputs.create(path)?);
        tally_qdpx::write_qdpx_to(&project, file, path)?;
        manifest.outputs.push(path.display().to_string());
    }
    let responses = manifest.totals.responses;
    let xlsx = opts.out.join("coded.xlsx");
    if !opts.xlsx.writes(responses) {
        // a previous run's workbook must not stand beside this run's outputs
        outputs.withdraw(&xlsx);
    } else {
        let written = outputs
            .staged(&coded_path)
            .map(std::path::Path::to_path_buf)
            .ok_or_else(|| {
                write_err(&coded_path)(std::io::Error::other("coded.csv was not staged"))
            })?;
        let file = outputs.create(&xlsx)?;
        tally_report::write_coded_xlsx(&written, responses, &summary, &theme_ids, file, &xlsx)?;
        manifest.outputs.push("coded.xlsx".into());
    }
    let run_path = opts.out.join("run.json");
    outputs.write(&run_path, |w| {
        serde_json::to_writer_pretty(&mut *w, &manifest)?;
        w.write_all(b"\n")
    })?;
    outputs.commit()?;
    Ok(Outcome {
        manifest,
        summary,
        problems,
        reused,
        elapsed: started.elapsed(),
    })
}

/// How a response in campaign `member` (if any) stands towards the headline count.
fn membership(
    member: Option<tally_campaign::Membership>,
    mode: crate::options::CampaignMode,
) -> tally_aggregate::Membership {
    use crate::options::CampaignMode;
    use tally_campaign::Role;
    match member {
        None => tally_aggregate::Membership::NONE,
        Some(m) => tally_aggregate::Membership {
            campaign: Some(m.campaign),
            template: m.role == Role::Template,
            main: match mode {
                CampaignMode::All => true,
                CampaignMode::Once => m.role != Role::Copy,
                CampaignMode::Separate => m.role == Role::Variant,
            },
        },
    }
}

/// Where the redactor finds personal data in a text (nothing with `--no-redact`).
fn redactions(
    redactor: Option<&tally_redact::Redactor>,
    text: &str,
) -> Vec<tally_report::AuditRedaction<'static>> {
    redactor
        .map(|r| r.find(text))
        .unwrap_or_default()
        .into_iter()
        .map(|s| tally_report::AuditRedaction {
            start: s.start as u32,
            end: s.end as u32,
            kind: s.kind.as_str().into(),
        })
        .collect()
}

/// Bytes of an audit line besides its themes and redactions, reserved ahead (ids, question,
/// type, source, campaign: no regrowth for a typical line).
const AUDIT_LINE: usize = 320;

/// Bytes reserved a response for a chunk's audit lines: lines average 745 bytes on the
/// synthetic corpora, and a chunk's 32 lines then fit in the buffer without its growing
/// (each line asks for [`AUDIT_LINE`] bytes of room besides its body before it is written,
/// so a buffer sized at the average grew, by doubling, near the end of most chunks).
const AUDIT_TYPICAL: usize = 1024;

/// An audit line as JSON and its newline, with the themes and redactions of `body` (the
/// line's own, or its verbatim twin's), in a buffer sized for it: every line of the audit
/// file is written here, through [`AuditLine::write_with`].
fn audit_bytes(line: &AuditLine, body: &AuditBody) -> Vec<u8> {
    let mut out = Vec::new();
    push_audit(&mut out, line, body);
    out
}

/// Appends an audit line (as [`audit_bytes`] makes it) to a buffer, reserving room for it.
fn push_audit(out: &mut Vec<u8>, line: &AuditLine, body: &AuditBody) {
    out.reserve(AUDIT_LINE + body.len());
    line.write_with(body, out);
}

/// The audit line's record of campaign `member` (if any).
fn audit_campaign(
    campaigns: &tally_campaign::Campaigns,
    member: Option<tally_campaign::Membership>,
) -> Option<tally_report::AuditCampaign<'_>> {
    member.map(|m| tally_report::AuditCampaign {
        id: campaigns.campaigns[m.campaign as usize].id.as_str().into(),
        role: m.role.as_str().into(),
    })
}

/// The first pass: every response's signature (in parallel), inserted in input order on a
/// thread of its own while the next batch is signed. The input is read on another thread
/// ([`read_batches`]), so reading, signing and inserting overlap. With `reuse`, a text its
/// worker has already signed takes that signature (a signature depends on the text alone).
fn detect_campaigns(
    input: &Path,
    consultation: Option<&Consultation>,
    batch_size: usize,
    reuse: bool,
) -> (tally_campaign::Campaigns, IngestReport) {
    // only a response's question and text are kept: the rest is dropped on the reader thread
    // that made it (a local free, cheaper than one from another thread)
    type Signed = (
        Vec<(tally_ingest::Label, String)>,
        Vec<Option<tally_campaign::Signature>>,
    );
    let signer = tally_campaign::Signer::new();
    std::thread::scope(|scope| {
        let memos: Shards<Option<tally_campaign::Signature>> = Shards::for_pool();
        // the report of this read is kept only to check the second read against it
        let (rx, back, reader) = read_batches(
            scope,
            tally_ingest::read_dir_unhashed,
            input,
            consultation,
            batch_size,
            |record| match record {
                Record::Response(r) => Some((r.question, r.text)),
                Record::Closed(_) => None,
            },
        );
        let (signed_tx, signed_rx) = std::sync::mpsc::sync_channel::<Signed>(2);
        let inserter = scope.spawn(move || {
            let mut detector = tally_campaign::Detector::new();
            let mut ordinal = 0u64;
            for (batch, sigs) in signed_rx {
                for ((question, _), sig) in batch.iter().zip(sigs) {
                    if let Some(sig) = sig {
                        detector.insert(ordinal, question, &sig);
                    }
                    ordinal += 1;
                }
                // once the reader has finished, its receiver is gone and the batch is
                // dropped here
                let _ = back.send(Box::new(batch));
            }
            detector.finish()
        });
        for batch in rx {
            let sigs = batch
                .par_iter()
                .with_min_len(64)
                .map(|(_, text)| {
                    if !reuse {
                        return signer.sign(text);
                    }
                    let key = crate::memo::key("", text);
                    if let Some(sig) = memos.lock(key).get(key, "", text) {
                        return *sig;
                    }
                    let sig = signer.sign(text);
                    memos.lock(key).offer(key, "", text, &sig);
                    sig
                })
                .collect();
            if signed_tx.send((batch, sigs)).is_err() {
                break;
            }
        }
        // freed before the campaigns are grouped (the inserter groups them once this
        // channel closes), while the last batches are inserted: the grouping's working
        // memory then reuses the table's instead of adding to it at the pass's peak
        drop(memos);
        drop(signed_tx);
        let report = reader
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        match inserter.join() {
            Ok(found) => (found, report),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// What a consumer of [`read_batches`] sends back to the reader thread to be dropped there:
/// the records it was handed. Memory freed on the thread that allocated it is a local free
/// for the allocator (cheaper than a free from another thread).
type Returned = Box<dyn Send>;

/// Reads the input on a thread of the scope with `read` ([`read_dir`], or
/// [`tally_ingest::read_dir_unhashed`] for the first pass), handing what
/// `keep` makes of each record over a bounded channel in batches of `batch_size`, in input
/// order (at most two batches wait). The thread's result is the ingest report. What is sent
/// back on the returned sender is dropped on the reader thread, between batches.
fn read_batches<'scope, 'env, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    read: tally_ingest::ReadDir,
    input: &'env Path,
    consultation: Option<&'env Consultation>,
    batch_size: usize,
    mut keep: impl FnMut(Record) -> Option<T> + Send + 'scope,
) -> (
    std::sync::mpsc::Receiver<Vec<T>>,
    std::sync::mpsc::Sender<Returned>,
    std::thread::ScopedJoinHandle<'scope, IngestReport>,
) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(2);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Returned>();
    let reader = scope.spawn(move || {
        let mut batch = Vec::with_capacity(batch_size);
        let report = read(input, consultation, &mut |record| {
            if let Some(item) = keep(record) {
                batch.push(item);
                if batch.len() >= batch_size {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
                    let _ = tx.send(full);
                    back_rx.try_iter().for_each(drop);
                }
            }
        });
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        report
    });
    (rx, back_tx, reader)
}

/// A response as a REFI-QDA text source: redacted text, its respondent type and question as
/// variables, each evidence span as a coded selection (offsets moved through the
/// placeholders).
fn qdpx_source(
    r: &Response,
    hits: &[ThemeHit],
    theme_ids: &[String],
    redactor: Option<&tally_redact::Redactor>,
) -> tally_qdpx::Source {
    let (text, found) = match redactor {
        Some(red) => {
            let out = red.redact(&r.text);
            (out.text, out.found)
        }
        None => (r.text.clone(), Vec::new()),
    };
    let map =
        |at: u32, end_side: bool| tally_redact::Redactor::map_offset(&found, at as usize, end_side);
    let selections = hits
        .iter()
        .flat_map(|h| {
            h.evidence.iter().map(move |e| tally_qdpx::Selection {
                code_id: theme_ids[h.theme as usize].clone(),
                start: map(e.start, false),
                end: map(e.end, true),
            })
        })
        .collect();
    tally_qdpx::Source {
        id: r.id.to_string(),
        text,
        variables: vec![
            ("respondent_type".into(), r.respondent_type.to_string()),
            ("question".into(), r.question.to_string()),
        ],
        selections,
    }
}

/// The human-coded samples the consultation declares (`gold` globs), read and checked.
fn load_gold(
    consultation: Option<&Consultation>,
    input: &Path,
) -> Result<Vec<tally_review::GoldSet>, PipelineError> {
    let Some(c) = consultation else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&c.root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .strip_prefix(&c.root)
                .is_ok_and(|rel| c.is_gold(&rel.to_string_lossy().replace('\\', "/")))
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let mut g =
                tally_review::GoldSet::load(p).map_err(|e| PipelineError::Gold(e.to_string()))?;
            g.path = shown(p, input);
            Ok(g)
        })
        .collect()
}

/// tally against each gold sample, then each pair of gold samples (human against human).
fn agreements(
    golds: &[tally_review::GoldSet],
    coding: &tally_review::Coding,
    evidence: &tally_review::EvidenceTexts,
    theme_ids: &[String],
) -> Vec<tally_review::Agreement> {
    let mut out: Vec<tally_review::Agreement> = golds
        .iter()
        .map(|g| tally_review::Agreement::compute("tally", coding, evidence, g, theme_ids))
        .collect();
    for (i, a) in golds.iter().enumerate() {
        for b in &golds[i + 1..] {
            let coding_a: tally_review::Coding = a
                .items
                .iter()
                .map(|(id, item)| (id.clone(), item.themes.clone()))
                .collect();
            out.push(tally_review::Agreement::compute(
                &a.path,
                &coding_a,
                &Default::default(),
                b,
                theme_ids,
            ));
        }
    }
    out
}

fn appendix(agreements: &[tally_review::Agreement]) -> Option<String> {
    if agreements.is_empty() {
        return None;
    }
    let mut s = String::from(
        "How far tally's coding agrees with people who coded a sample by hand, theme by theme, and how far \
         the people agree with each other. Precision: of the responses tally coded with a theme, the share the \
         human also coded; recall: of those the human coded, the share tally found. `tally agree` lists every \
         disagreement with its text and evidence.\n\n",
    );
    for a in agreements {
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.2}"));
        s.push_str(&format!(
            "### {} against {}\n\n{} responses compared: macro F1 {}, macro kappa {}, micro F1 {}.\n\n",
            tally_escape::markdown_line(&a.a),
            tally_escape::markdown_line(&a.b),
            a.items,
            f(a.macro_f1),
            f(a.macro_kappa),
            f(a.micro.f1)
        ));
        s.push_str(&a.markdown_table());
        s.push('\n');
    }
    Some(s)
}

fn entry(a: &tally_review::Agreement) -> AgreementEntry {
    AgreementEntry {
        a: a.a.clone(),
        b: a.b.clone(),
        items: a.items,
        macro_f1: a.macro_f1,
        macro_kappa: a.macro_kappa,
        macro_alpha: a.macro_alpha,
        micro_f1: a.micro.f1,
        themes: a
            .themes
            .iter()
            .map(|t| ThemeScore {
                theme: t.theme.clone(),
                coded_a: t.both + t.only_a,
                coded_b: t.both + t.only_b,
                precision: t.precision,
                recall: t.recall,
                f1: t.f1,
                kappa: t.kappa,
            })
            .collect(),
    }
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

/// How the aggregator counts a question's closed part.
fn closed_kind(shape: &tally_ingest::ClosedShape) -> ClosedKind {
    match shape {
        tally_ingest::ClosedShape::Single => ClosedKind::Single,
        tally_ingest::ClosedShape::Separated { .. }
        | tally_ingest::ClosedShape::OptionColumns(_) => ClosedKind::Multi,
        tally_ingest::ClosedShape::Grid(items) => {
            ClosedKind::Grid(items.iter().map(|i| i.label.clone()).collect())
        }
    }
}

/// The identity a wide table's free-text cells satisfy, for run.json.
fn wide_identity(f: &tally_ingest::FileReport) -> Option<tally_report::WideIdentity> {
    let w = f.wide?;
    // a table's cells are its rows × its open questions (every row counted adds them)
    let rows = w.cells.checked_div(w.open_questions).unwrap_or(f.rows);
    Some(tally_report::WideIdentity::new(
        rows,
        w.open_questions,
        f.responses,
        f.blank_answers,
        w.skipped,
    ))
}

#[allow(clippy::too_many_arguments)]
fn manifest(
    opts: &Options,
    report: &IngestReport,
    consultation: Option<&Consultation>,
    book: &Codebook,
    matcher: &Matcher,
    codebook_shown: &str,
    meta: &SummaryMeta,
    summary: &Summary,
    closed_answers: u64,
) -> RunManifest {
    let files: Vec<FileEntry> = report
        .files
        .iter()
        .map(|f| FileEntry {
            path: f.path.clone(),
            role: f.role.as_str().to_string(),
            format: f.format.clone(),
            encoding: f.encoding.clone(),
            sha256: f.sha256.clone(),
            rows: f.rows,
            responses: f.responses,
            closed_answers: f.closed_answers,
            blank_answers: f.blank_answers,
            blank_closed_answers: f.blank_closed,
            only_undeclared: f.only_undeclared,
            identity: wide_identity(f),
            excluded: f.excluded,
            skipped: f.skipped,
            warnings: f.warnings,
            note: f.note.clone(),
            problems: f
                .problems
                .iter()
                .map(|p| ProblemEntry {
                    line: p.line,
                    reason: p.reason.clone(),
                })
                .collect(),
        })
        .collect();
    let sum = |g: fn(&tally_ingest::FileReport) -> u64| report.files.iter().map(g).sum::<u64>();
    RunManifest {
        tool: ToolInfo {
            name: "tally".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        input: opts.input.display().to_string(),
        consultation: consultation.map(|c| ConsultationInfo {
            path: shown(&c.path, &opts.input),
            sha256: sha256_file(&c.path),
            title: c.title.clone(),
        }),
        codebook: CodebookInfo {
            path: codebook_shown.to_string(),
            sha256: meta.codebook_sha256.clone(),
            name: book.name.clone(),
            themes: book.themes.len(),
            rules: matcher.rule_count(),
        },
        settings: Settings {
            quotes: opts.quotes,
            small_cell: opts.small_cell,
            strict: opts.strict,
            campaigns: opts.campaigns.as_str().to_string(),
        },
        totals: Totals {
            files: files.len() as u64,
            rows: report
                .files
                .iter()
                .filter(|f| matches!(f.role, Role::Responses | Role::Document))
                .map(|f| f.rows)
                .sum(),
            responses: sum(|f| f.responses),
            closed_answers,
            blank_answers: sum(|f| f.blank_answers),
            blank_closed_answers: sum(|f| f.blank_closed),
            only_undeclared: sum(|f| f.only_undeclared),
            excluded: sum(|f| f.excluded),
            skipped: sum(|f| f.skipped),
            warnings: sum(|f| f.warnings),
            respondents: summary.respondents,
            coded_responses: summary.coded_responses,
        },
        files,
        campaigns: summary
            .campaigns
            .iter()
            .map(|c| CampaignEntry {
                id: c.id.clone(),
                question: c.question.clone(),
                members: c.members,
                copies: c.copies,
                variants: c.variants,
                template_response_id: c.template_response_id.clone(),
            })
            .collect(),
        review: None,
        coder: None,
        agreement: Vec::new(),
        estimates: tally_report::estimates_entry(&summary.estimates),
        outputs: OUTPUT_FILES.iter().map(|s| s.to_string()).collect(),
    }
}

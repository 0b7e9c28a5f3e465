//! Pass 2's merge: takes coded batches in input order, on a thread of its own (so the
//! workers code the next batch meanwhile), applies review decisions, counts, keeps tally's
//! coding of the human-coded responses, and writes audit.jsonl and coded.csv.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tally_aggregate::Aggregator;
use tally_code::Matcher;
use tally_ingest::{ClosedAnswer, Response};
use tally_report::{AuditLine, BodyWriter, CodedCsv, CodedRow, OutputFile};

use crate::dropbehind::DropBehind;
use crate::error::PipelineError;
use crate::lines::{audit_bytes, audit_campaign, dropped_ids, redactions};
use crate::options::{CampaignMode, Progress};
use crate::review::Review;
use crate::stage::{Batch, Coded};

/// An output file the merge streams into.
pub(crate) struct Sink {
    /// The file, written 1 MiB at a time, its pages dropped from the cache once written.
    pub(crate) writer: BufWriter<DropBehind<OutputFile>>,
    /// Its path, for errors.
    pub(crate) path: PathBuf,
}

impl Sink {
    /// A sink writing `file`, found at `path`.
    pub(crate) fn new(file: OutputFile, path: PathBuf) -> Self {
        Sink {
            writer: BufWriter::with_capacity(1 << 20, DropBehind::new(file)),
            path,
        }
    }

    /// Writes `bytes` (buffered).
    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<(), PipelineError> {
        self.writer.write_all(bytes).map_err(write_err(&self.path))
    }

    /// Writes out what is buffered and closes the file.
    fn finish(mut self) -> Result<(), PipelineError> {
        self.writer.flush().map_err(write_err(&self.path))
    }
}

/// The error of a failed write to `path`.
pub(crate) fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> PipelineError + '_ {
    move |source| PipelineError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// tally's coding of the human-coded responses, as the merge meets them.
#[derive(Default)]
pub(crate) struct GoldCoding {
    /// Ids of human-coded responses.
    pub(crate) ids: BTreeSet<String>,
    /// Their themes in tally's coding.
    pub(crate) coding: tally_review::Coding,
    /// The evidence of each of those codings.
    pub(crate) evidence: tally_review::EvidenceTexts,
    /// Where the run counted each (for the corrected estimates).
    pub(crate) seen: tally_review::ObservedMap,
}

/// What the merge made, for publication.
pub(crate) struct Merged<'a> {
    /// Closed answers read.
    pub(crate) closed_answers: u64,
    /// The counts and quotes.
    pub(crate) aggregator: Aggregator,
    /// tally's coding of the human-coded responses.
    pub(crate) gold: GoldCoding,
    /// Review decisions applied, and what came of them.
    pub(crate) review: Option<Review<'a>>,
    /// Sources for the REFI-QDA export, when asked for (held in memory until written).
    pub(crate) qdpx: Option<Vec<tally_qdpx::Source>>,
    /// The coded responses review.html embeds.
    pub(crate) page: tally_report::ReviewItems,
}

/// The merge's state: what it works with, its two output files, and what it has made.
pub(crate) struct Coder<'a> {
    pub(crate) matcher: &'a Matcher,
    pub(crate) theme_ids: &'a [String],
    /// The audit bodies of reviewed responses (the stage's writer).
    pub(crate) bodies: BodyWriter,
    /// Whether quotes are chosen at all.
    pub(crate) quotes: bool,
    /// Campaigns found in the first pass, and how they count.
    pub(crate) campaigns: &'a tally_campaign::Campaigns,
    pub(crate) campaign_mode: CampaignMode,
    /// Redacts text bound for publication (quotes, the REFI-QDA export); `None` with
    /// `--no-redact`.
    pub(crate) redactor: Option<&'a tally_redact::Redactor>,
    pub(crate) audit: Sink,
    /// coded.csv, written beside the audit, and the rows of reviewed responses made here.
    pub(crate) coded: Sink,
    pub(crate) rows: CodedCsv,
    /// The first write error (the merge goes on counting; the run fails at its end).
    pub(crate) error: Option<PipelineError>,
    pub(crate) merged: Merged<'a>,
}

impl<'a> Coder<'a> {
    /// Merges a coded batch, in input order: review decisions, counts and the audit file.
    /// Returns the batch's records, for the reader thread to drop.
    pub(crate) fn merge(
        &mut self,
        batch: Batch,
        progress: &dyn Progress,
    ) -> (Vec<ClosedAnswer>, Vec<Response>) {
        let Batch {
            closed,
            responses,
            coded,
        } = batch;
        for c in &closed {
            self.merged.closed_answers += u64::from(c.answer.is_some());
            self.merged.aggregator.add_closed(c);
        }
        let mut rs = responses.iter();
        for chunk in coded {
            let (mut start, mut row_start) = (0, 0);
            for mut c in chunk.coded {
                let r = rs.next().expect("one coding per response");
                let line = &chunk.audit[start..c.audit_end];
                let row = &chunk.rows[row_start..c.row_end];
                start = c.audit_end;
                row_start = c.row_end;
                let own = if c.reviewed {
                    self.review(r, &mut c)
                } else {
                    None
                };
                let (line, row) = own.as_ref().map_or((line, row), |(l, w)| (l, w));
                self.offer_to_page(r, &c);
                self.count(r, c);
                if self.error.is_none() {
                    self.error = self
                        .audit
                        .write(line)
                        .and_then(|()| self.coded.write(row))
                        .err();
                }
            }
        }
        progress.coded(responses.len() as u64);
        (closed, responses)
    }

    /// Offers a response, as coded (decisions applied), to review.html's items.
    fn offer_to_page(&mut self, r: &Response, c: &Coded) {
        if self.merged.page.count(&r.id, &c.hits) {
            let redacted = redactions(self.redactor, &r.text);
            let campaign = audit_campaign(self.campaigns, c.campaign);
            self.merged.page.push(&CodedRow {
                response: r,
                hits: &c.hits,
                theme_ids: self.theme_ids,
                redacted: &redacted,
                campaign: campaign.as_ref(),
                review: None,
            });
        }
    }

    /// Applies the review decisions on response `r` to its coding `c`; its audit line and
    /// coded.csv row, made afresh (`None` when the run applies no decisions).
    fn review(&mut self, r: &Response, c: &mut Coded) -> Option<(Vec<u8>, Vec<u8>)> {
        let review = self.merged.review.as_mut()?;
        let (reviews, rejected) = review.apply(r, Arc::make_mut(&mut c.hits), self.theme_ids);
        c.candidates = if self.quotes {
            tally_aggregate::quote_candidates(r, &c.hits)
        } else {
            Vec::new()
        };
        let mut line = AuditLine::new(r, &r.source, &[], self.matcher, self.theme_ids);
        line.single_mode_dropped = dropped_ids(&c.dropped, self.theme_ids);
        line.rejected = rejected;
        line.campaign = audit_campaign(self.campaigns, c.campaign);
        line.redacted = redactions(self.redactor, &r.text);
        let cells = review.decisions.by_response.get(r.id.as_str());
        let cells = tally_review::ReviewCells::of(cells.into_iter().flat_map(|d| d.values()));
        self.rows.push(&CodedRow {
            response: r,
            hits: &c.hits,
            theme_ids: self.theme_ids,
            redacted: &line.redacted,
            campaign: line.campaign.as_ref(),
            review: Some(&cells),
        });
        let body = self
            .bodies
            .reviewed_body(&r.text, &c.hits, &reviews, &line.redacted);
        Some((audit_bytes(&line, &body), self.rows.take()))
    }

    /// Counts response `r` as coded (`c`), keeps its coding if it is human-coded, and its
    /// REFI-QDA source if one is asked for.
    fn count(&mut self, r: &Response, c: Coded) {
        let membership = membership(c.campaign, self.campaign_mode);
        if self.merged.gold.ids.contains(r.id.as_str()) {
            self.note_gold(r, &c, membership.main);
        }
        if let Some(sources) = &mut self.merged.qdpx {
            sources.push(crate::qdpx::source(
                r,
                &c.hits,
                self.theme_ids,
                self.redactor,
            ));
        }
        self.merged
            .aggregator
            .add_coded(r, &c.hits, c.candidates, membership);
    }

    /// Keeps tally's coding of a human-coded response, and where the run counted it.
    fn note_gold(&mut self, r: &Response, c: &Coded, headline: bool) {
        let gold = &mut self.merged.gold;
        gold.seen.insert(
            r.id.to_string(),
            tally_review::Observed {
                question: r.question.to_string(),
                respondent_type: r.respondent_type.to_string(),
                headline,
            },
        );
        let themes = gold.coding.entry(r.id.to_string()).or_default();
        for hit in c.hits.iter() {
            let theme = self.theme_ids[hit.theme as usize].clone();
            let texts = hit
                .evidence
                .iter()
                .map(|e| r.text[e.start as usize..e.end as usize].to_string())
                .collect();
            gold.evidence
                .insert((r.id.to_string(), theme.clone()), texts);
            themes.insert(theme);
        }
    }

    /// The first write error, if any; otherwise audit.jsonl and coded.csv written out, and
    /// what the merge made.
    pub(crate) fn finish(self) -> Result<Merged<'a>, PipelineError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.audit.finish()?;
        self.coded.finish()?;
        Ok(self.merged)
    }
}

/// How a response in campaign `member` (if any) stands towards the headline count.
fn membership(
    member: Option<tally_campaign::Membership>,
    mode: CampaignMode,
) -> tally_aggregate::Membership {
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

//! Pass 2's parallel stage: codes a batch of responses on the rayon workers (matching,
//! single-code choice, quote candidates, audit lines and coded.csv rows), taking a verbatim
//! repeat's coding from the table of repeated texts ([`crate::memo`]).

use std::sync::Arc;

use rayon::prelude::*;
use tally_code::{Matcher, Scratch, ThemeHit};
use tally_ingest::{Consultation, Record, Response};
use tally_report::{AuditBody, AuditLine, BodyWriter, CodedCsv, CodedRow};

use crate::lines::{
    audit_campaign, dropped_ids, push_audit, redactions, AUDIT_LINE, AUDIT_TYPICAL,
};
use crate::memo::{Coding, Shards};
use crate::perthread::PerThread;

/// The parallel stage: codes a batch of responses (matching, quote candidates, audit lines)
/// on the rayon workers.
pub(crate) struct Stage<'a> {
    pub(crate) matcher: &'a Matcher,
    pub(crate) theme_ids: &'a [String],
    /// The audit bodies of fresh codings, written with the codebook's strings escaped once.
    pub(crate) bodies: BodyWriter,
    /// One matcher scratch per worker thread, kept for the whole run (warm caches).
    pub(crate) workers: PerThread<Worker>,
    /// The table of repeated texts and their codings, shared by the workers.
    pub(crate) memo: Shards<Coding>,
    /// Whether verbatim repeats take the coding of their earlier twin ([`crate::memo`]).
    pub(crate) reuse: bool,
    pub(crate) quotes: bool,
    pub(crate) campaigns: &'a tally_campaign::Campaigns,
    pub(crate) redactor: Option<&'a tally_redact::Redactor>,
    /// Review decisions: the lines of responses they name are made in the merge, once the
    /// decisions are applied.
    pub(crate) decisions: Option<&'a tally_review::Decisions>,
    /// Questions coded with one theme per answer (`mode = "single"`).
    pub(crate) single: Vec<String>,
    /// A learned coder coding beside the rules (`--coder`).
    pub(crate) model: Option<&'a tally_learn::Model>,
}

/// A worker thread's own working space.
#[derive(Default)]
pub(crate) struct Worker {
    pub(crate) scratch: Scratch,
    /// Responses that took the coding of an earlier twin.
    pub(crate) reused: u64,
    /// Its rows of coded.csv.
    pub(crate) rows: CodedCsv,
}

/// A coded batch on its way to the merge: the closed answers and responses in input order,
/// and what the stage made of each response.
pub(crate) struct Batch {
    pub(crate) closed: Vec<tally_ingest::ClosedAnswer>,
    pub(crate) responses: Vec<Response>,
    /// What the stage made of the responses, in runs of [`CHUNK`].
    pub(crate) coded: Vec<Chunk>,
}

/// Responses a worker codes at a time, writing their audit lines into one buffer.
pub(crate) const CHUNK: usize = 32;

/// A run of consecutive responses coded together: what was made of each, and their audit
/// lines one after another in one buffer (one allocation for the run, not one a line).
pub(crate) struct Chunk {
    pub(crate) coded: Vec<Coded>,
    pub(crate) audit: Vec<u8>,
    /// Their rows of coded.csv, likewise.
    pub(crate) rows: Vec<u8>,
}

/// What the parallel stage makes of one response.
pub(crate) struct Coded {
    /// Shared with the table of repeated texts, and with the response's repeats.
    pub(crate) hits: Arc<Vec<ThemeHit>>,
    pub(crate) candidates: Vec<tally_aggregate::QuoteCandidate>,
    /// Where its audit line ends in its chunk's buffer (the line starts where the previous
    /// response's ends; it is empty when review decisions will change it).
    pub(crate) audit_end: usize,
    /// Where its row of coded.csv ends in its chunk's rows, likewise.
    pub(crate) row_end: usize,
    /// The response has review decisions (its line is made in the merge).
    pub(crate) reviewed: bool,
    /// Its campaign and role (looked up once, here, for the audit line and the counts).
    pub(crate) campaign: Option<tally_campaign::Membership>,
    /// Themes dropped by a single-code question's choice of one.
    pub(crate) dropped: Vec<u32>,
}

impl Stage<'_> {
    /// Codes a batch in parallel; `first` is the input position of its first response.
    pub(crate) fn code(&self, batch: Vec<Record>, first: u64) -> Batch {
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
        let reviewed = self.reviewed(r);
        let campaign = self.campaigns.role(position);
        let in_campaign = audit_campaign(self.campaigns, campaign);
        let head = |dropped: &[u32]| self.head(r, &in_campaign, dropped);
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
        let (hits, dropped, candidates) = self.match_one(r, reviewed, scratch);
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

    /// Whether response `r` has review decisions (its line and row are made in the merge).
    fn reviewed(&self, r: &Response) -> bool {
        self.decisions
            .is_some_and(|d| d.by_response.contains_key(r.id.as_str()))
    }

    /// An audit line's own fields, before its body (a reviewed response's line is made in
    /// the merge, once its decisions are applied).
    fn head<'a>(
        &'a self,
        r: &'a Response,
        campaign: &Option<tally_report::AuditCampaign<'a>>,
        dropped: &[u32],
    ) -> AuditLine<'a> {
        let mut line = AuditLine::new(r, &r.source, &[], self.matcher, self.theme_ids);
        line.campaign.clone_from(campaign);
        line.single_mode_dropped = dropped_ids(dropped, self.theme_ids);
        line
    }

    /// Codes a response's text afresh: its theme hits, the themes a single-code question
    /// dropped, and its quote candidates (from the matcher's sentences; a reviewed response
    /// gets its own once its decisions are applied).
    fn match_one(
        &self,
        r: &Response,
        reviewed: bool,
        scratch: &mut Scratch,
    ) -> (
        Vec<ThemeHit>,
        Vec<u32>,
        Vec<tally_aggregate::QuoteCandidate>,
    ) {
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
        let candidates = if self.quotes && !reviewed && !hits.is_empty() {
            tally_aggregate::quote_candidates_in(r, &hits, scratch.sentences())
        } else {
            Vec::new()
        };
        (hits, dropped, candidates)
    }
}

/// The ids of the questions coded with one theme per answer (`mode = "single"`).
pub(crate) fn single_questions(c: &Consultation) -> impl Iterator<Item = String> + '_ {
    c.questions
        .iter()
        .filter(|q| q.mode == tally_ingest::CodingMode::Single)
        .map(|q| q.id.clone())
}

//! Review decisions applied to the coding as pass 2 merges it: accept, reject or add a
//! theme, each recorded in the response's audit line, and what came of them. Decisions are
//! keyed by the run's response ids before pass 2 ([`crate::resolve`]); one that named
//! several responses, or none, is listed as unmatched with why, never applied.

use tally_code::{Evidence, ThemeHit, NO_PATTERN, REVIEW_RULE};
use tally_ingest::Response;
use tally_report::{AuditReview, HashedFile, ReviewCounts, ReviewInfo, UnmatchedDecision};

/// Review decisions being applied, and what came of them.
pub(crate) struct Review<'a> {
    pub(crate) decisions: &'a tally_review::Decisions,
    seen: std::collections::BTreeSet<String>,
    counts: ReviewCounts,
    unmatched: Vec<UnmatchedDecision>,
}

impl<'a> Review<'a> {
    /// Decisions to apply, none applied yet.
    pub(crate) fn new(decisions: &'a tally_review::Decisions) -> Self {
        Review {
            decisions,
            seen: Default::default(),
            counts: ReviewCounts::default(),
            unmatched: Vec::new(),
        }
    }

    fn unmatched(&mut self, d: &tally_review::Decision, reason: &str) {
        self.unmatched.push(UnmatchedDecision::new(d, reason));
    }

    /// Applies the decisions on response `r` to its coding; returns the reviews of kept
    /// codings (by theme index) and the rejected codings.
    pub(crate) fn apply(
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
            let audit = AuditReview::from(d);
            let Some(t) = theme_ids.iter().position(|x| x == theme) else {
                self.unmatched(d, "no such theme in the codebook");
                continue;
            };
            let t = t as u32;
            let at = hits.iter().position(|h| h.theme == t);
            match (d.decision, at) {
                (Verdict::Accept, Some(_)) => {
                    self.counts.accepted += 1;
                    kept.push((t, audit));
                }
                (Verdict::Reject, Some(i)) => {
                    self.counts.rejected += 1;
                    hits.remove(i);
                    rejected.push(audit);
                }
                (Verdict::Accept | Verdict::Reject, None) => {
                    self.unmatched(d, "the response is not coded with this theme in this run")
                }
                (Verdict::Add, Some(_)) => {
                    self.counts.accepted += 1;
                    kept.push((t, AuditReview::added_now_coded(d)));
                }
                (Verdict::Add, None) => {
                    self.add(r, d, t, hits);
                    kept.push((t, audit));
                }
            }
        }
        (kept, rejected)
    }

    /// Adds theme `t` to response `r`'s coding as decision `d` asks, with its evidence when
    /// the decision quotes some found in the response.
    fn add(&mut self, r: &Response, d: &tally_review::Decision, t: u32, hits: &mut Vec<ThemeHit>) {
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
        self.counts.added += 1;
        let at = hits.iter().position(|h| h.theme > t).unwrap_or(hits.len());
        hits.insert(
            at,
            ThemeHit {
                theme: t,
                evidence,
                score: None,
            },
        );
    }

    /// What came of the decisions, for run.json and the summary, once every response has
    /// been met (a decision naming none is listed as unmatched).
    pub(crate) fn finish(mut self, file: &HashedFile) -> ReviewInfo {
        let all = &self.decisions.all;
        let unresolved = &self.decisions.unresolved;
        let mut unmatched: Vec<UnmatchedDecision> = unresolved
            .iter()
            .map(|(i, why)| UnmatchedDecision::new(&all[*i], why))
            .collect();
        let listed: std::collections::BTreeSet<usize> = unresolved.iter().map(|u| u.0).collect();
        for (i, d) in all.iter().enumerate() {
            if !listed.contains(&i) && !self.seen.contains(&d.response_id) {
                unmatched.push(UnmatchedDecision::new(
                    d,
                    "no response with this id in this run",
                ));
            }
        }
        self.unmatched.append(&mut unmatched);
        ReviewInfo::new(
            file,
            self.decisions.all.len() as u64,
            self.counts,
            self.unmatched,
        )
    }
}

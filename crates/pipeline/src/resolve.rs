//! Which response each review decision and each human-coded row names, found in pass 1.
//!
//! Both name a response by id, and may give its question ([`tally_review::keys`]): an id the
//! run no longer uses (a long export's own id, before each answer had one) names the one
//! response it and the question name. Whether it names one, several or none is known only
//! once every response has been met, and decisions change codings as pass 2 meets them, so
//! the first pass (which reads every response anyway) meets each response's id, question
//! and file; the plan's decisions and samples are then keyed by the run's ids before pass 2.
//! That read then checks ids as pass 2's does (`tally_ingest::read_dir`), so both see the
//! same ids. A decision or row naming several responses, or none, is applied to none and
//! is a problem: a decision's is listed among the review's unmatched decisions, a row's
//! is a warning of its sample's file, with its line; `--strict` fails on either.

use tally_ingest::{IngestReport, Problem, Response};
use tally_review::keys::Resolver;

use crate::plan::Plan;

/// The keys of a run's decisions and samples being resolved: decisions first, then each
/// sample's rows.
pub(crate) struct Keys {
    resolver: Resolver,
    decisions: usize,
    golds: Vec<usize>,
}

/// Decisions and rows that named no single response, once the plan is re-keyed.
#[derive(Debug, Default)]
pub(crate) struct Unresolved {
    /// Per sample file (as the input lists it): the line and why.
    gold: Vec<(String, u64, String)>,
    /// Decisions applied to none.
    decisions: u64,
}

impl Keys {
    /// The keys of the plan's decisions and samples (`None` when it has neither).
    pub(crate) fn of(plan: &Plan) -> Option<Keys> {
        let mut keys = plan.decisions().map(|d| d.keys()).unwrap_or_default();
        let decisions = keys.len();
        let mut golds = Vec::new();
        for g in &plan.golds {
            let k = g.keys();
            golds.push(k.len());
            keys.extend(k);
        }
        let resolver = Resolver::new(keys);
        (!resolver.is_empty()).then_some(Keys {
            resolver,
            decisions,
            golds,
        })
    }

    /// Meets one response of the run.
    pub(crate) fn observe(&mut self, r: &Response) {
        self.resolver.observe(&r.id, &r.question, &r.source);
    }

    /// Keys the plan's decisions and samples by the run's response ids.
    pub(crate) fn apply(self, plan: &mut Plan) -> Unresolved {
        let found = self.resolver.finish();
        let (mine, mut rest) = found.split_at(self.decisions);
        let mut out = Unresolved::default();
        if let Some((d, _)) = plan.review.as_mut() {
            d.resolve(mine);
            out.decisions = d.unresolved.len() as u64;
        }
        for (g, n) in plan.golds.iter_mut().zip(self.golds) {
            let (theirs, after) = rest.split_at(n);
            rest = after;
            for (line, why) in g.resolve(theirs) {
                out.gold.push((g.path.clone(), line, why));
            }
        }
        out
    }
}

impl Unresolved {
    /// Lists the samples' problems in their files' reports; returns the problems not in
    /// the ingest report, for `--strict`: the decisions applied to none, and the rows of a
    /// sample outside the input (the agreement lists those as missing).
    pub(crate) fn report(self, ingest: &mut IngestReport) -> u64 {
        let mut elsewhere = 0;
        for (path, line, reason) in self.gold {
            let Some(f) = ingest.files.iter_mut().find(|f| f.path == path) else {
                elsewhere += 1;
                continue;
            };
            f.warnings += 1;
            if f.problems.len() < tally_ingest::MAX_LISTED_PROBLEMS {
                f.problems.push(Problem {
                    line: Some(line),
                    reason,
                });
            }
        }
        self.decisions + elsewhere
    }
}

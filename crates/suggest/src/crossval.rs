//! Out-of-fold measurement: proposals learned on the other folds, counted on the held-out
//! one, summed over the folds.
//!
//! Two figures come out of it:
//!
//! - for each edit, its **held-out effect**: in every fold whose training part also
//!   proposes it, the responses of the held-out fold it changes (alone, against the current
//!   codebook), summed over folds; on single-code questions also the other themes' codings
//!   it changes (the answer keeps another theme). An edit that fits only particular rows is not proposed
//!   when those rows are held out, and changes nothing elsewhere: its effect is zero.
//! - the **cross-validated coding**: each fold coded with all the edits learned on the
//!   other folds; pooled over folds it gives the macro F1 the procedure reaches on
//!   responses it did not learn from.

use std::collections::BTreeMap;

use crate::edit::{Ctx, Edit};
use crate::learn::learn;
use crate::score::Counts;

/// How an edit changed the held-out responses (summed over folds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Effect {
    /// Folds whose training part proposed the edit.
    pub folds: u32,
    /// Positives now found (misses fixed).
    pub found: u32,
    /// Negatives now coded (new false hits).
    pub new_false: u32,
    /// False hits now cancelled.
    pub cleared: u32,
    /// Positives now lost.
    pub lost: u32,
    /// On single-code questions: codings of other themes the edit puts right (the answer
    /// now keeps, or no longer keeps, another theme, and the coder agrees).
    pub others_right: u32,
    /// On single-code questions: codings of other themes the edit puts wrong.
    pub others_wrong: u32,
}

impl Effect {
    /// `base` with this effect.
    pub fn apply(&self, base: Counts) -> Counts {
        Counts {
            agreed: base.agreed + self.found - self.lost,
            false_hits: base.false_hits + self.new_false - self.cleared,
            missed: base.missed - self.found + self.lost,
        }
    }
}

/// The result of cross-validation.
#[derive(Debug, Clone, Default)]
pub struct CrossVal {
    /// Per edit learned in some fold, its held-out effect.
    pub effects: BTreeMap<Edit, Effect>,
    /// Per theme, the counts of the cross-validated coding.
    pub after: Vec<Counts>,
}

/// Cross-validates over `folds[i]` (the fold of each response), `k` folds.
pub fn cross_validate(ctx: &Ctx, folds: &[usize], k: usize) -> CrossVal {
    let themes = ctx.in_scope.len();
    let mut cv = CrossVal {
        effects: BTreeMap::new(),
        after: vec![Counts::default(); themes],
    };
    for f in 0..k {
        let train: Vec<bool> = folds.iter().map(|&g| g != f).collect();
        let held: Vec<usize> = (0..folds.len()).filter(|&i| folds[i] == f).collect();
        let edits = learn(ctx, &train);
        for e in &edits {
            let effect = cv.effects.entry(e.clone()).or_default();
            effect.folds += 1;
            held_out_effect(ctx, e, &held, effect);
        }
        let after = measure(ctx, &edits, &held);
        for (t, c) in after.into_iter().enumerate() {
            cv.after[t] = cv.after[t].plus(c);
        }
    }
    cv
}

/// Per theme, the counts over `items` once `edits` are made.
pub fn measure(ctx: &Ctx, edits: &[Edit], items: &[usize]) -> Vec<Counts> {
    let all: Vec<&Edit> = edits.iter().collect();
    (0..ctx.in_scope.len())
        .map(|t| {
            let mut c = Counts::default();
            if ctx.sample.evaluated[t] {
                for &i in items {
                    c.add(ctx.coded_with(t, &all, i), ctx.sample.items[i].gold[t]);
                }
            }
            c
        })
        .collect()
}

fn held_out_effect(ctx: &Ctx, e: &Edit, held: &[usize], out: &mut Effect) {
    let t = e.theme();
    for &i in held {
        let before = ctx.baseline.coded(i, t);
        let after = ctx.coded_with(t, &[e], i);
        let gold = ctx.sample.items[i].gold[t];
        match (before, after, gold) {
            (false, true, true) => out.found += 1,
            (false, true, false) => out.new_false += 1,
            (true, false, false) => out.cleared += 1,
            (true, false, true) => out.lost += 1,
            _ => {}
        }
        if !ctx.baseline.single[i] {
            continue;
        }
        for u in (0..ctx.in_scope.len()).filter(|&u| u != t && ctx.sample.evaluated[u]) {
            let (before, after) = (ctx.baseline.coded(i, u), ctx.coded_with(u, &[e], i));
            if before != after {
                if after == ctx.sample.items[i].gold[u] {
                    out.others_right += 1;
                } else {
                    out.others_wrong += 1;
                }
            }
        }
    }
}

//! Closed-question tallies: one answer, a multi-select or a grid, and the blanks.
//!
//! - **One answer**: each answer's count out of the respondents who answered (the counts
//!   add up to the base).
//! - **Multi-select**: each option's count out of the respondents who chose at least one
//!   option; a respondent may choose several, so the shares can add up past 100%.
//! - **Grid**: per item, each rating's count out of the respondents who rated that item.
//! - **Not answered**: per question (per item for a grid), the respondents whose row
//!   reached the question but left it blank, out of those who answered plus those who left
//!   it blank.

use crate::summary::{Cell, ClosedResult};

/// How a closed question is counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ClosedKind {
    /// One answer per respondent.
    #[default]
    Single,
    /// Any number of the answers per respondent ("tick all that apply").
    Multi,
    /// Each of these items (their labels, in order) rated with one of the answers.
    Grid(Vec<String>),
}

impl ClosedKind {
    /// Items counted apart: a grid's, else one.
    pub(crate) fn items(&self) -> usize {
        match self {
            ClosedKind::Grid(items) => items.len(),
            _ => 1,
        }
    }
}

/// A question's closed tallies while counting, per respondent type (unsorted).
#[derive(Debug, Default)]
pub(crate) struct ClosedAcc {
    /// `[item × answers + answer][type]`.
    counts: Vec<Vec<u64>>,
    /// Respondents who answered, `[item][type]`.
    base: Vec<Vec<u64>>,
    /// Respondents who left it blank, `[item][type]`.
    blank: Vec<Vec<u64>>,
}

fn bump(v: &mut Vec<Vec<u64>>, i: usize, ty: usize) {
    if v.len() <= i {
        v.resize_with(i + 1, Vec::new);
    }
    let row = &mut v[i];
    if row.len() <= ty {
        row.resize(ty + 1, 0);
    }
    row[ty] += 1;
}

impl ClosedAcc {
    /// Counts answer `answer` (of `answers`) to `item`; `new` says whether the respondent
    /// enters the base (false for a multi-select's second and later options).
    pub(crate) fn answer(
        &mut self,
        item: usize,
        answer: usize,
        answers: usize,
        ty: usize,
        new: bool,
    ) {
        bump(&mut self.counts, item * answers + answer, ty);
        if new {
            bump(&mut self.base, item, ty);
        }
    }

    /// Counts a blank answer to `item`.
    pub(crate) fn blank(&mut self, item: usize, ty: usize) {
        bump(&mut self.blank, item, ty);
    }

    /// The tallies and the not-answered rows, with `by_type` putting a per-type vector in
    /// breakdown order. `answers` are (answer, verb) pairs.
    pub(crate) fn finish(
        &self,
        kind: &ClosedKind,
        answers: &[(String, String)],
        by_type: &dyn Fn(&[u64]) -> Vec<u64>,
    ) -> (Vec<ClosedResult>, Vec<ClosedResult>) {
        let get = |v: &Vec<Vec<u64>>, i: usize| by_type(v.get(i).map_or(&[][..], |r| &r[..]));
        let cell_row = |counts: &[u64], bases: &[u64]| -> (Cell, Vec<Cell>) {
            let by: Vec<Cell> = counts
                .iter()
                .zip(bases)
                .map(|(&count, &base)| Cell { count, base })
                .collect();
            let total = Cell {
                count: counts.iter().sum(),
                base: bases.iter().sum(),
            };
            (total, by)
        };
        let mut results = Vec::new();
        let mut blanks = Vec::new();
        if answers.is_empty() {
            return (results, blanks);
        }
        for item in 0..kind.items() {
            let label = match kind {
                ClosedKind::Grid(items) => Some(items[item].clone()),
                _ => None,
            };
            let bases = get(&self.base, item);
            for (a, (answer, verb)) in answers.iter().enumerate() {
                let (total, by_type) =
                    cell_row(&get(&self.counts, item * answers.len() + a), &bases);
                results.push(ClosedResult {
                    answer: answer.clone(),
                    verb: verb.clone(),
                    item: label.clone(),
                    total,
                    by_type,
                });
            }
            let blank = get(&self.blank, item);
            let reached: Vec<u64> = bases.iter().zip(&blank).map(|(a, b)| a + b).collect();
            if reached.iter().sum::<u64>() > 0 {
                let (total, by_type) = cell_row(&blank, &reached);
                blanks.push(ClosedResult {
                    answer: String::new(),
                    verb: "did not answer".into(),
                    item: label,
                    total,
                    by_type,
                });
            }
        }
        (results, blanks)
    }
}

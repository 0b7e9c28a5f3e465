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

#[cfg(test)]
mod tests {
    use tally_ingest::ClosedAnswer;

    use super::ClosedKind;
    use crate::{Aggregator, Cell, QuestionInfo, Settings};

    fn answer(who: &str, q: &str, ty: &str, item: Option<&str>, a: Option<&str>) -> ClosedAnswer {
        ClosedAnswer {
            respondent: who.into(),
            question: q.into(),
            respondent_type: ty.into(),
            answer: a.map(Into::into),
            item: item.map(Into::into),
        }
    }

    fn info(id: &str, answers: &[&str], closed: ClosedKind) -> QuestionInfo {
        QuestionInfo {
            id: id.into(),
            text: id.into(),
            answers: answers
                .iter()
                .map(|a| (a.to_string(), format!("chose {a}")))
                .collect(),
            closed,
        }
    }

    #[test]
    fn multi_select_shares_are_of_respondents_and_add_past_100() {
        let mut a = Aggregator::new(
            vec![info("M", &["Walk", "Bus", "Car"], ClosedKind::Multi)],
            vec!["P".into(), "O".into()],
            Vec::new(),
            Settings::default(),
        );
        for (who, ty, opt) in [
            ("R1", "P", Some("Walk")),
            ("R1", "P", Some("Bus")),
            ("R2", "P", Some("Bus")),
            ("R3", "O", Some("Walk")),
            ("R3", "O", Some("Bus")),
            ("R3", "O", Some("Car")),
            ("R4", "O", None),
        ] {
            a.add_closed(&answer(who, "M", ty, None, opt));
        }
        let s = a.finish();
        let q = &s.questions[0];
        let totals: Vec<Cell> = q.closed.iter().map(|c| c.total).collect();
        // base: the 3 respondents who chose at least one option, not the 6 options
        assert_eq!(
            totals,
            [
                Cell { count: 2, base: 3 },
                Cell { count: 3, base: 3 },
                Cell { count: 1, base: 3 }
            ]
        );
        assert!(totals.iter().filter_map(|c| c.percent()).sum::<u32>() > 100);
        assert_eq!(
            q.closed[1].by_type,
            [Cell { count: 2, base: 2 }, Cell { count: 1, base: 1 }]
        );
        // R4 left it blank: out of the 4 who had the question; not a respondent
        assert_eq!(q.not_answered.len(), 1);
        assert_eq!(q.not_answered[0].total, Cell { count: 1, base: 4 });
        assert_eq!(s.respondents, 3);
    }

    #[test]
    fn grid_items_have_their_own_bases_and_blanks() {
        let grid = ClosedKind::Grid(vec!["Streets".into(), "Air".into()]);
        let mut a = Aggregator::new(
            vec![info("G", &["High", "Low"], grid.clone())],
            Vec::new(),
            Vec::new(),
            Settings::default(),
        );
        for (who, item, rating) in [
            ("R1", "Streets", Some("High")),
            ("R1", "Air", Some("Low")),
            ("R2", "Streets", Some("High")),
            ("R2", "Air", None),
            ("R3", "Streets", Some("Low")),
            ("R3", "Air", Some("Low")),
            ("R3", "Nowhere", Some("Low")), // not an item: ignored
        ] {
            a.add_closed(&answer(who, "G", "T", Some(item), rating));
        }
        let s = a.finish();
        let q = &s.questions[0];
        assert_eq!(q.closed_kind, grid);
        let rows: Vec<(Option<&str>, &str, Cell)> = q
            .closed
            .iter()
            .map(|c| (c.item.as_deref(), c.answer.as_str(), c.total))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("Streets"), "High", Cell { count: 2, base: 3 }),
                (Some("Streets"), "Low", Cell { count: 1, base: 3 }),
                (Some("Air"), "High", Cell { count: 0, base: 2 }),
                (Some("Air"), "Low", Cell { count: 2, base: 2 }),
            ]
        );
        let blanks: Vec<(Option<&str>, Cell)> = q
            .not_answered
            .iter()
            .map(|b| (b.item.as_deref(), b.total))
            .collect();
        assert_eq!(
            blanks,
            [
                (Some("Streets"), Cell { count: 0, base: 3 }),
                (Some("Air"), Cell { count: 1, base: 3 })
            ]
        );
    }
}

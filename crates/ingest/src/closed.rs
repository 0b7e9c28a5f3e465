//! Reading the closed part of a question from a wide export's row: one answer, a
//! multi-select (one cell of separated options, or one column per option) or a grid (one
//! column per item). Each answer becomes a [`ClosedAnswer`] record; a question (or grid
//! item) left blank becomes one record without an answer, so blanks are counted per
//! question; an answer outside the allowed ones is skipped with its line.

use crate::record::{ClosedAnswer, Label, Record};
use crate::report::FileReport;
use crate::shapes::is_ticked;

/// The columns of a question's closed part, resolved against a header.
pub(crate) enum ClosedColumns<'c> {
    /// No closed part, or its column is not in this table.
    None,
    /// One answer in one column.
    Single(usize),
    /// Options in one cell, cut at the separator.
    Separated(usize, &'c str),
    /// One column per option, in the order of the answers (`None`: not in this table).
    Options(Vec<Option<usize>>),
    /// One column per grid item: its label and column (`None`: not in this table).
    Grid(Vec<(&'c str, Option<usize>)>),
}

impl ClosedColumns<'_> {
    /// Every column read.
    pub(crate) fn used(&self) -> Vec<usize> {
        match self {
            ClosedColumns::None => Vec::new(),
            ClosedColumns::Single(i) | ClosedColumns::Separated(i, _) => vec![*i],
            ClosedColumns::Options(cols) => cols.iter().flatten().copied().collect(),
            ClosedColumns::Grid(items) => items.iter().filter_map(|(_, c)| *c).collect(),
        }
    }

    /// Whether any of its columns is in the table.
    pub(crate) fn found(&self) -> bool {
        !self.used().is_empty()
    }
}

/// What a closed part is read with: the row's cells, who answered, and the rules.
pub(crate) struct ClosedRow<'a> {
    /// The cell of a column, as read.
    pub(crate) get: &'a dyn Fn(usize) -> &'a str,
    /// Whether an answer is one of the consultation's `blank_values`.
    pub(crate) is_blank_value: &'a dyn Fn(&str) -> bool,
    pub(crate) respondent: &'a Label,
    pub(crate) respondent_type: &'a Label,
    pub(crate) line: u64,
}

impl ClosedRow<'_> {
    fn record(&self, question: &str, answer: Option<&str>, item: Option<&str>) -> Record {
        Record::Closed(ClosedAnswer {
            respondent: self.respondent.clone(),
            question: question.into(),
            respondent_type: self.respondent_type.clone(),
            answer: answer.map(Label::from),
            item: item.map(Label::from),
        })
    }
}

/// Reads question `id`'s closed part from a row; `answers` are the allowed answers. Returns
/// whether any answer was given (blank and skipped answers are not).
pub(crate) fn read_closed(
    id: &str,
    columns: &ClosedColumns<'_>,
    answers: &[&str],
    row: &ClosedRow<'_>,
    f: &mut FileReport,
    sink: &mut dyn FnMut(Record),
) -> bool {
    let allowed = |given: &str| {
        answers
            .iter()
            .find(|a| a.eq_ignore_ascii_case(given))
            .copied()
    };
    let mut one = |cell: &str, item: Option<&str>, f: &mut FileReport| -> bool {
        let given = cell.trim();
        match allowed(given) {
            Some(a) => {
                f.closed_answers += 1;
                sink(row.record(id, Some(a), item));
                true
            }
            None if given.is_empty() || (row.is_blank_value)(given) => {
                f.blank_closed += 1;
                sink(row.record(id, None, item));
                false
            }
            None => {
                let what = item.map_or_else(|| id.to_string(), |i| format!("{id} ({i})"));
                f.skip(
                    Some(row.line),
                    format!(
                        "answer {given:?} to {what} is not one of {}: answer skipped",
                        answers.join(" / ")
                    ),
                );
                false
            }
        }
    };
    match columns {
        ClosedColumns::None => false,
        ClosedColumns::Single(i) => one((row.get)(*i), None, f),
        ClosedColumns::Grid(items) => {
            let mut any = false;
            for (label, col) in items {
                if let Some(c) = col {
                    any |= one((row.get)(*c), Some(label), f);
                }
            }
            any
        }
        ClosedColumns::Separated(i, sep) => {
            separated(id, (row.get)(*i), sep, answers, row, f, sink)
        }
        ClosedColumns::Options(cols) => {
            let chosen: Vec<&str> = answers
                .iter()
                .zip(cols)
                .filter(|(_, c)| c.is_some_and(|c| is_ticked((row.get)(c), row.is_blank_value)))
                .map(|(a, _)| *a)
                .collect();
            options(id, &chosen, false, row, f, sink)
        }
    }
}

/// Reads a multi-select's cell of options cut at `sep`: each option allowed is chosen
/// (once, in the consultation's order), each other is skipped with its line.
fn separated(
    id: &str,
    cell: &str,
    sep: &str,
    answers: &[&str],
    row: &ClosedRow<'_>,
    f: &mut FileReport,
    sink: &mut dyn FnMut(Record),
) -> bool {
    let mut chosen: Vec<&str> = Vec::new();
    let mut unknown = false;
    for part in cell.split(sep).map(str::trim).filter(|p| !p.is_empty()) {
        match answers.iter().find(|a| a.eq_ignore_ascii_case(part)) {
            Some(a) if !chosen.contains(a) => chosen.push(a),
            Some(_) => {}
            None if (row.is_blank_value)(part) => {}
            None => {
                unknown = true;
                f.skip(
                    Some(row.line),
                    format!(
                        "option {part:?} of {id} is not one of {}: option skipped",
                        answers.join(" / ")
                    ),
                );
            }
        }
    }
    // in the order the consultation lists them, whatever the cell's order
    chosen.sort_by_key(|a| answers.iter().position(|x| x == a));
    options(id, &chosen, unknown, row, f, sink)
}

/// Sends a multi-select's chosen options, or one blank record when none was chosen (and
/// none was skipped as unknown).
fn options(
    id: &str,
    chosen: &[&str],
    unknown: bool,
    row: &ClosedRow<'_>,
    f: &mut FileReport,
    sink: &mut dyn FnMut(Record),
) -> bool {
    for a in chosen {
        f.closed_answers += 1;
        sink(row.record(id, Some(a), None));
    }
    if chosen.is_empty() && !unknown {
        f.blank_closed += 1;
        sink(row.record(id, None, None));
    }
    !chosen.is_empty()
}

//! `themes.csv` and `closed.csv`: every count with its base and percentage, for the totals
//! (`respondent_type` = `all`: every response), the headline count (`headline`: campaign
//! copies counted once or apart, per `--campaigns`; themes only) and each respondent type. Breakdown cells whose count (if
//! non-zero) or base is under the small-cell threshold get `flag` = `small` and no
//! percentage. Text cells lose control characters (but line ends) and a cell that a spreadsheet
//! would run as a formula is neutralised ([`tally_escape::cell`]).
//! themes.csv's `estimate, ci_low, ci_high` (percent, one decimal) and `method` give the
//! error-corrected estimate beside each count (empty when there is none: across all
//! questions, a question or type without hand-coded responses, a small cell).

use std::io::{self, Write};

use tally_aggregate::{Cell, CellEstimate, Summary};

use crate::estimates::estimate_fields;
pub use tally_escape::neutralise_cell;

fn write_rows<W: Write>(out: W, header: &[&str], rows: Vec<Vec<String>>) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.iter().map(|c| tally_escape::cell(c).into_owned()))?;
    }
    w.flush()
}

fn cell_fields(cell: &Cell, breakdown: bool, small: u64) -> [String; 4] {
    let flagged = breakdown && cell.is_small(small);
    let percent = if flagged {
        String::new()
    } else {
        cell.percent().map(|p| p.to_string()).unwrap_or_default()
    };
    [
        cell.count.to_string(),
        cell.base.to_string(),
        percent,
        if flagged {
            "small".into()
        } else {
            String::new()
        },
    ]
}

/// A table: its header and rows (the cells not yet neutralised).
pub(crate) type Table = (&'static [&'static str], Vec<Vec<String>>);

/// Writes themes.csv to `out`: overall (`question` = `all`) then each question.
pub fn write_themes_csv<W: Write>(summary: &Summary, out: W) -> io::Result<()> {
    let (header, rows) = themes_table(summary);
    write_rows(out, header, rows)
}

/// themes.csv's table.
pub(crate) fn themes_table(summary: &Summary) -> Table {
    let mut rows = Vec::new();
    let sections = std::iter::once(("all", &summary.overall.themes, None)).chain(
        summary
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), &q.themes, Some(i))),
    );
    for (qid, themes, qi) in sections {
        for t in themes {
            let (id, label, _) = &summary.themes[t.theme];
            let est = qi.and_then(|q| summary.estimates.theme(q, t.theme));
            let mut push = |ty: &str, cell: &Cell, breakdown: bool, e: Option<&CellEstimate>| {
                let mut row = vec![qid.to_string(), id.clone(), label.clone(), ty.to_string()];
                row.extend(cell_fields(cell, breakdown, summary.small_cell));
                row.extend(estimate_fields(e));
                rows.push(row);
            };
            push("all", &t.total, false, est.and_then(|e| e.total.as_ref()));
            push(
                "headline",
                &t.main,
                false,
                est.and_then(|e| e.main.as_ref()),
            );
            for (i, (ty, cell)) in summary.types.iter().zip(&t.by_type).enumerate() {
                let e = est.and_then(|e| e.by_type.get(i)?.as_ref());
                push(ty, cell, true, e);
            }
        }
    }
    (
        &[
            "question",
            "theme",
            "label",
            "respondent_type",
            "count",
            "base",
            "percent",
            "flag",
            "estimate",
            "ci_low",
            "ci_high",
            "method",
        ],
        rows,
    )
}

/// The `answer` of closed.csv's row counting those who left a question blank.
pub const NOT_ANSWERED: &str = "(not answered)";

/// Writes closed.csv: per question (per item for a grid: `item` names it, empty
/// otherwise) each answer's count out of the respondents who answered (for a multi-select,
/// who chose at least one option: its shares can add past 100%), then a
/// [`NOT_ANSWERED`] row: those who left it blank, out of those who answered plus them.
pub fn write_closed_csv<W: Write>(summary: &Summary, out: W) -> io::Result<()> {
    let (header, rows) = closed_table(summary);
    write_rows(out, header, rows)
}

/// closed.csv's table.
pub(crate) fn closed_table(summary: &Summary) -> Table {
    let mut rows = Vec::new();
    for q in &summary.questions {
        // each item's answers, then its blanks
        let mut list = Vec::new();
        for (i, a) in q.closed.iter().enumerate() {
            list.push((a, a.answer.as_str()));
            if q.closed.get(i + 1).is_none_or(|next| next.item != a.item) {
                if let Some(b) = q.not_answered.iter().find(|b| b.item == a.item) {
                    list.push((b, NOT_ANSWERED));
                }
            }
        }
        for (a, answer) in list {
            let mut push = |ty: &str, cell: &Cell, breakdown: bool| {
                let mut row = vec![
                    q.id.clone(),
                    a.item.clone().unwrap_or_default(),
                    answer.to_string(),
                    ty.to_string(),
                ];
                row.extend(cell_fields(cell, breakdown, summary.small_cell));
                rows.push(row);
            };
            push("all", &a.total, false);
            for (ty, cell) in summary.types.iter().zip(&a.by_type) {
                push(ty, cell, true);
            }
        }
    }
    (
        &[
            "question",
            "item",
            "answer",
            "respondent_type",
            "count",
            "base",
            "percent",
            "flag",
        ],
        rows,
    )
}

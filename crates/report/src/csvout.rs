//! `themes.csv` and `closed.csv`: every count with its base and percentage, for the totals
//! (`respondent_type` = `all`: every response), the headline count (`headline`: campaign
//! copies counted once or apart, per `--campaigns`; themes only) and each respondent type. Breakdown cells whose count (if
//! non-zero) or base is under the small-cell threshold get `flag` = `small` and no
//! percentage. Text cells that a spreadsheet would run as a formula are neutralised.
//! themes.csv's `estimate, ci_low, ci_high` (percent, one decimal) and `method` give the
//! error-corrected estimate beside each count (empty when there is none: across all
//! questions, a question or type without hand-coded responses, a small cell).

use std::path::Path;

use tally_aggregate::{Cell, CellEstimate, Summary};

use crate::estimates::estimate_fields;
use crate::ReportError;

/// Prefixes a `'` to a cell starting with `=`, `+`, `-`, `@`, tab or carriage return, so a
/// spreadsheet shows it as text instead of running it.
pub fn neutralise_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

fn write_rows(path: &Path, header: &[&str], rows: Vec<Vec<String>>) -> Result<(), ReportError> {
    let err = |e: std::io::Error| ReportError::Write {
        path: path.display().to_string(),
        source: e,
    };
    let mut w = csv::Writer::from_path(path).map_err(|e| err(e.into()))?;
    w.write_record(header).map_err(|e| err(e.into()))?;
    for row in rows {
        w.write_record(row.iter().map(|c| neutralise_cell(c).into_owned()))
            .map_err(|e| err(e.into()))?;
    }
    w.flush().map_err(err)
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

/// Writes themes.csv: overall (`question` = `all`) then each question.
pub fn write_themes_csv(summary: &Summary, path: &Path) -> Result<(), ReportError> {
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
    write_rows(
        path,
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

/// Writes closed.csv.
pub fn write_closed_csv(summary: &Summary, path: &Path) -> Result<(), ReportError> {
    let mut rows = Vec::new();
    for q in &summary.questions {
        for a in &q.closed {
            let mut push = |ty: &str, cell: &Cell, breakdown: bool| {
                let mut row = vec![q.id.clone(), a.answer.clone(), ty.to_string()];
                row.extend(cell_fields(cell, breakdown, summary.small_cell));
                rows.push(row);
            };
            push("all", &a.total, false);
            for (ty, cell) in summary.types.iter().zip(&a.by_type) {
                push(ty, cell, true);
            }
        }
    }
    write_rows(
        path,
        &[
            "question",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_cells_only() {
        for (input, want) in [
            ("=1+1", "'=1+1"),
            ("+44 7700", "'+44 7700"),
            ("-x", "'-x"),
            ("@SUM", "'@SUM"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise_cell(input), want);
        }
    }
}

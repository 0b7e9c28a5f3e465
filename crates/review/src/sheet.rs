//! Review decisions marked in a coded-responses sheet: `coded.csv`, or the `coded` sheet of
//! `coded.xlsx` (or any CSV or workbook with the same columns), as `tally analyse` writes
//! them.
//!
//! Only four columns are read, found by their header: `response_id`, `decision` (see
//! [`crate::parse_decision_cell`]), `themes` (the row's theme ids, `;`-separated, which a
//! bare `accept` / `reject` refers to) and, when present, `reviewer` and `note`. Rows with an
//! empty decision are skipped. A decision's reviewer is its row's `reviewer` cell or, where
//! that is empty, the reviewer given to the run (`--reviewer`); a decision with neither is an
//! error. Every error names the file and the row (the line of the CSV, the row number the
//! spreadsheet shows), like a malformed JSON entry.

use std::path::Path;

use calamine::Reader;

use crate::cell::parse_decision_cell;
use crate::decisions::{Decision, Decisions, DecisionsError};

/// The columns of a coded-responses sheet, in order.
pub const CODED_COLUMNS: [&str; 12] = [
    "response_id",
    "respondent_id",
    "question",
    "respondent_type",
    "campaign",
    "campaign_role",
    "text",
    "themes",
    "evidence",
    "decision",
    "reviewer",
    "note",
];

/// The name of the coded-responses sheet in a workbook.
pub const CODED_SHEET: &str = "coded";

/// A cell as written, without the `'` that `tally_escape::neutralise_cell` put before it
/// against spreadsheet formulas: the exact inverse of that function, so every rule it
/// knows (a leading `=`, `+`, `-`, `@`, also after spaces or zero-width characters, and
/// their fullwidth forms) is undone, and a `'` it did not add is kept.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if tally_escape::neutralise_cell(rest) != rest => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod unneutralise_tests {
    use super::unneutralise;

    #[test]
    fn reading_undoes_what_writing_did() {
        for id in [
            "=R1",
            "+R1",
            "-R1",
            "@R1",
            " =R1",
            "\u{200b}=R1",
            "＝R1",
            "−R1",
            "R1",
            "'R1",
            "''=R1",
        ] {
            let written = tally_escape::neutralise_cell(id);
            assert_eq!(unneutralise(&written), id, "{id:?} written as {written:?}");
        }
    }
}

/// Where the read columns are.
struct Columns {
    id: usize,
    decision: usize,
    themes: Option<usize>,
    question: Option<usize>,
    reviewer: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    fn find(header: &[String]) -> Result<Columns, String> {
        let at = |name: &str| {
            header.iter().position(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(name)
            })
        };
        let need = |name: &str| {
            at(name).ok_or_else(|| {
                format!(
                    "no `{name}` column in the header: a review sheet is the coded.csv (or coded.xlsx) \
                     tally analyse writes, with its decision column filled in"
                )
            })
        };
        Ok(Columns {
            id: need("response_id")?,
            decision: need("decision")?,
            themes: at("themes"),
            question: at("question"),
            reviewer: at("reviewer"),
            note: at("note"),
        })
    }
}

/// Turns a sheet's rows (each with the row number people see) into checked decisions.
fn decisions_of(
    rows: impl Iterator<Item = (u64, Vec<String>)>,
    header: &[String],
    shown: &str,
    reviewer: Option<&str>,
) -> Result<Decisions, DecisionsError> {
    let err = |message: String| DecisionsError {
        path: shown.to_string(),
        message,
    };
    let cols = Columns::find(header).map_err(|m| err(format!("row 1: {m}")))?;
    let (mut all, mut labels) = (Vec::new(), Vec::new());
    for (row, cells) in rows {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map_or("", |c| unneutralise(c.trim()))
        };
        let decision = cell(Some(cols.decision));
        if decision.is_empty() {
            continue;
        }
        let id = cell(Some(cols.id));
        let at = |m: String| err(format!("row {row} ({id}): {m}"));
        let parsed = parse_decision_cell(decision).map_err(at)?;
        let themes: Vec<&str> = cell(cols.themes)
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        let who =
            match (cell(cols.reviewer), reviewer) {
                ("", Some(r)) => r.to_string(),
                ("", None) => return Err(at(
                    "no reviewer: fill in the row's reviewer column or name one with --reviewer"
                        .into(),
                )),
                (r, _) => r.to_string(),
            };
        let note = Some(cell(cols.note)).filter(|n| !n.is_empty());
        for p in parsed {
            let theme = match (p.theme, themes.as_slice()) {
                (Some(t), _) => t,
                (None, [only]) => only.to_string(),
                (None, _) => {
                    return Err(at(format!(
                        "a bare `{}` needs a row with exactly one theme (this row has {}): write `{} THEME`",
                        p.verdict.as_str(),
                        themes.len(),
                        p.verdict.as_str()
                    )))
                }
            };
            all.push(Decision {
                response_id: id.to_string(),
                question: Some(cell(cols.question))
                    .filter(|q| !q.is_empty())
                    .map(String::from),
                theme,
                decision: p.verdict,
                evidence: p.evidence,
                reviewer: who.clone(),
                note: note.map(String::from),
            });
            labels.push(format!("row {row}"));
        }
    }
    Decisions::index(all, labels, shown)
}

/// Reads a CSV review sheet: rows numbered by the line they start on.
fn read_csv(path: &Path, shown: &str, reviewer: Option<&str>) -> Result<Decisions, DecisionsError> {
    let err = |message: String| DecisionsError {
        path: shown.to_string(),
        message,
    };
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_path(path)
        .map_err(|e| err(format!("cannot read: {e}")))?;
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match r.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                let cells = record
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect();
                rows.push((line, cells));
            }
            Err(e) => return Err(err(format!("cannot read: {e}"))),
        }
    }
    let mut rows = rows.into_iter();
    let (_, header) = rows.next().ok_or_else(|| err("the file is empty".into()))?;
    decisions_of(rows, &header, shown, reviewer)
}

/// Reads the `coded` sheet of a workbook (XLSX, XLS, ODS): rows numbered as the
/// spreadsheet shows them.
fn read_workbook(
    path: &Path,
    shown: &str,
    reviewer: Option<&str>,
) -> Result<Decisions, DecisionsError> {
    let err = |message: String| DecisionsError {
        path: shown.to_string(),
        message,
    };
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| err(format!("cannot read: {e}")))?;
    if !book.sheet_names().iter().any(|n| n == CODED_SHEET) {
        return Err(err(format!(
            "no sheet named `{CODED_SHEET}` (the coded responses, with their decision column)"
        )));
    }
    let range = book
        .worksheet_range(CODED_SHEET)
        .map_err(|e| err(format!("cannot read sheet `{CODED_SHEET}`: {e}")))?;
    let first = range.start().map_or(0, |(row, _)| row as u64);
    let lead = range.start().map_or(0, |(_, col)| col as usize);
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        // the cells left of the range are empty
        let mut row = vec![String::new(); lead];
        row.extend(cells.iter().map(ToString::to_string));
        (first + i as u64 + 1, row)
    });
    let (_, header) = rows
        .next()
        .ok_or_else(|| err(format!("sheet `{CODED_SHEET}` is empty")))?;
    decisions_of(rows, &header, shown, reviewer)
}

impl Decisions {
    /// Reads review decisions from `path`: a coded-responses sheet (`.csv`, or a workbook:
    /// `.xlsx`, `.xlsm`, `.xls`, `.ods`), or else a JSON decisions file. `reviewer` names the
    /// reviewer of a sheet's decisions whose row has no reviewer of its own (a JSON
    /// decision always names its reviewer).
    pub fn load_any(path: &Path, reviewer: Option<&str>) -> Result<Decisions, DecisionsError> {
        let shown = path.display().to_string();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let reviewer = reviewer.map(str::trim).filter(|r| !r.is_empty());
        match ext.as_str() {
            "csv" => read_csv(path, &shown, reviewer),
            "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path, &shown, reviewer),
            _ => Decisions::load(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Verdict;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    const HEAD: &str = "response_id,respondent_id,question,respondent_type,campaign,campaign_role,text,themes,evidence,decision,reviewer,note\n";

    #[test]
    fn a_csv_sheet_gives_the_decisions_of_its_rows() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(
            tmp.path(),
            "coded.csv",
            &format!(
                "{HEAD}1:Q,1,Q,x,,,more money,funding,,reject,AB,sarcastic\n\
                 2:Q,2,Q,x,,,\"two\nlines\",funding;pay,,accept pay; add workload \"two\",,\n\
                 3:Q,3,Q,x,,,none,,,,,\n\
                 '-4:Q,4,Q,x,,,x,pay,,Accept,,\n"
            ),
        );
        let d = Decisions::load_any(&p, Some("Team")).unwrap();
        assert_eq!(d.all.len(), 4);
        let r1 = &d.by_response["1:Q"]["funding"];
        assert_eq!(
            (r1.decision, r1.reviewer.as_str(), r1.note.as_deref()),
            (Verdict::Reject, "AB", Some("sarcastic"))
        );
        assert_eq!(d.by_response["2:Q"]["pay"].reviewer, "Team");
        assert_eq!(
            d.by_response["2:Q"]["workload"].evidence.as_deref(),
            Some("two")
        );
        // a neutralised id is read as the id it stands for; a bare verb takes the only theme
        assert_eq!(d.by_response["-4:Q"]["pay"].decision, Verdict::Accept);
    }

    #[test]
    fn a_bad_row_is_an_error_naming_its_line() {
        let tmp = tempfile::tempdir().unwrap();
        for (rows, want) in [
            // the second row starts on line 3 (the first row's text spans two lines)
            (
                "1:Q,1,Q,x,,,\"a\nb\",funding,,,,\n2:Q,2,Q,x,,,t,funding;pay,,reject,AB,\n",
                "row 4 (2:Q): a bare `reject` needs a row with exactly one theme (this row has 2)",
            ),
            (
                "1:Q,1,Q,x,,,t,funding,,perhaps funding,AB,\n",
                "row 2 (1:Q): `perhaps funding`: a decision starts with accept, reject or add",
            ),
            (
                "1:Q,1,Q,x,,,t,funding,,reject funding,,\n",
                "row 2 (1:Q): no reviewer",
            ),
            (
                "1:Q,1,Q,x,,,t,funding,,reject funding; accept funding,AB,\n",
                "row 2: a second decision for 1:Q / funding",
            ),
        ] {
            let p = write(tmp.path(), "c.csv", &format!("{HEAD}{rows}"));
            let e = Decisions::load_any(&p, None).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
            assert!(e.starts_with(&p.display().to_string()), "{e}");
        }
        let p = write(tmp.path(), "c.csv", "id,themes\n1,pay\n");
        let e = Decisions::load_any(&p, None).unwrap_err().to_string();
        assert!(e.contains("row 1: no `response_id` column"), "{e}");
    }

    #[test]
    fn a_workbook_sheet_gives_the_same_decisions_with_spreadsheet_row_numbers() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("coded.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().set_name("about").unwrap();
        let sheet = book.add_worksheet().set_name(CODED_SHEET).unwrap();
        for (c, h) in CODED_COLUMNS.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        let rows = [
            [
                "1:Q", "1", "Q", "x", "", "", "t", "funding", "", "reject", "AB", "",
            ],
            ["2:Q", "2", "Q", "x", "", "", "t", "", "", "", "", ""],
            [
                "3:Q",
                "3",
                "Q",
                "x",
                "",
                "",
                "t",
                "",
                "",
                "add pay; accept x",
                "",
                "",
            ],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
        }
        sheet.write_number(2, 0, 12.0).unwrap(); // an id retyped as a number
        sheet.write_string(2, 9, "accept funding").unwrap();
        book.save(&p).unwrap();
        let d = Decisions::load_any(&p, Some("CD")).unwrap();
        assert_eq!(d.by_response["1:Q"]["funding"].decision, Verdict::Reject);
        assert_eq!(d.by_response["12"]["funding"].reviewer, "CD");
        assert_eq!(d.by_response["3:Q"]["pay"].decision, Verdict::Add);
        assert_eq!(d.all.len(), 4);
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name(CODED_SHEET).unwrap();
        sheet.write_string(0, 0, "response_id").unwrap();
        sheet.write_string(0, 1, "decision").unwrap();
        sheet.write_string(4, 0, "9:Q").unwrap();
        sheet.write_string(4, 1, "accept").unwrap();
        book.save(&p).unwrap();
        let e = Decisions::load_any(&p, Some("CD")).unwrap_err().to_string();
        assert!(
            e.contains(
                "row 5 (9:Q): a bare `accept` needs a row with exactly one theme (this row has 0)"
            ),
            "{e}"
        );
    }
}

//! `coded.xlsx`: the coded responses as a spreadsheet, for a reviewer who works in Excel or
//! LibreOffice rather than in a CSV, with the summary tables beside them.
//!
//! Sheets: `coded` (coded.csv's rows, the cells as written there; the `decision` column
//! offers the decisions as a drop-down, but takes any text, since a cell may hold several),
//! `themes` and `closed` (themes.csv's and closed.csv's tables, counts as numbers), `about`
//! (what the sheets are, how to mark decisions, and what was cut), and a hidden `lists` (the
//! drop-down's choices).
//!
//! Excel's limits apply: a sheet holds 1,048,576 rows, so the `coded` sheet holds the first
//! [`XLSX_ROWS`] responses and `about` says how many more coded.csv has; a cell holds 32,767
//! characters, so a longer text (a long letter) is cut, with a note, in the sheet only.
//! The coded sheet is read from coded.csv and streamed to the workbook (rust_xlsxwriter's
//! constant-memory mode); the file's creation date is fixed, so the same run gives the same
//! bytes.

use std::io::{Seek, Write};
use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Formula,
    Workbook, Worksheet, XlsxError,
};
use tally_aggregate::Summary;
use tally_review::{CODED_COLUMNS, CODED_SHEET};

use crate::csvout::{closed_table, themes_table, Table};
use crate::ReportError;

/// Responses the `coded` sheet holds at most: Excel's rows, less the header.
pub const XLSX_ROWS: u64 = 1_048_575;

/// Characters (UTF-16 units) a cell holds at most.
const CELL_UNITS: usize = 32_767;

/// Appended to a text cut to fit a cell.
const CUT: &str = " … [cut to fit a spreadsheet cell: the whole text is in coded.csv]";

/// What went into the workbook.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XlsxInfo {
    /// Responses on the `coded` sheet.
    pub rows: u64,
    /// Responses of coded.csv left off it (beyond Excel's rows).
    pub left_off: u64,
    /// Texts cut to fit a cell.
    pub cut: u64,
}

/// `s` whole, or cut (at a character) to fit a cell with [`CUT`] after it.
fn fit(s: &str) -> (std::borrow::Cow<'_, str>, bool) {
    if s.len() <= CELL_UNITS || s.encode_utf16().count() <= CELL_UNITS {
        return (s.into(), false);
    }
    let room = CELL_UNITS - CUT.encode_utf16().count();
    let (mut units, mut end) = (0, 0);
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > room {
            break;
        }
        end = i + c.len_utf8();
    }
    (format!("{}{CUT}", &s[..end]).into(), true)
}

/// The drop-down's choices: bare accept / reject, then each verb with each theme.
fn choices(theme_ids: &[String]) -> Vec<String> {
    let mut out = vec!["accept".to_string(), "reject".to_string()];
    for verb in ["accept", "reject", "add"] {
        out.extend(theme_ids.iter().map(|t| format!("{verb} {t}")));
    }
    out
}

/// Writes the `coded` sheet from coded.csv (`total` rows), at most `limit` of them.
fn coded_sheet(
    sheet: &mut Worksheet,
    (coded_csv, total, limit): (&Path, u64, u64),
    bold: &Format,
    choices: usize,
) -> Result<XlsxInfo, XlsxError> {
    sheet.set_name(CODED_SHEET)?;
    let mut info = XlsxInfo::default();
    let mut reader = csv::Reader::from_path(coded_csv)
        .map_err(|e| XlsxError::IoError(std::io::Error::other(e)))?;
    for (c, h) in CODED_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    let mut record = csv::StringRecord::new();
    while info.rows < limit
        && reader
            .read_record(&mut record)
            .map_err(|e| XlsxError::IoError(std::io::Error::other(e)))?
    {
        info.rows += 1;
        for (c, cell) in record.iter().enumerate() {
            let (cell, cut) = fit(cell);
            info.cut += u64::from(cut);
            sheet.write_string(info.rows as u32, c as u16, cell)?;
        }
    }
    info.left_off = total.saturating_sub(info.rows);
    for (c, width) in [14, 14, 8, 20, 9, 9, 80, 24, 50, 24, 12, 24]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last = info.rows.max(1) as u32;
    sheet.autofilter(0, 0, last, CODED_COLUMNS.len() as u16 - 1)?;
    let decision = CODED_COLUMNS
        .iter()
        .position(|c| *c == "decision")
        .unwrap_or(9) as u16;
    let list = DataValidation::new()
        .allow_list_formula(Formula::new(format!("=lists!$A$1:$A${choices}")))
        .set_error_style(DataValidationErrorStyle::Information)
        .set_error_title("Several decisions?")?
        .set_error_message(
            "Not one of the listed decisions. Several go in one cell separated by `;` \
             (accept pay; add workload): click OK to keep what you wrote.",
        )?;
    sheet.add_data_validation(1, decision, last, decision, &list)?;
    Ok(info)
}

/// Writes a summary table; count, base and percent cells as numbers.
fn table_sheet(
    sheet: &mut Worksheet,
    name: &str,
    (header, rows): Table,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            let numeric = matches!(header[c as usize], "count" | "base" | "percent");
            match cell.parse::<f64>() {
                Ok(n) if numeric => sheet.write_number(r, c, n)?,
                _ => sheet.write_string(r, c, tally_escape::cell(cell))?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len().max(1) as u32, header.len() as u16 - 1)?;
    Ok(())
}

/// The `about` sheet's lines.
fn about(info: &XlsxInfo, total: u64) -> Vec<String> {
    let mut lines = vec![
        "coded: one row per coded response (as coded.csv): its text with personal data replaced, the themes tally coded and the evidence for each.".to_string(),
        "To review, write in the decision column: accept THEME, reject THEME or add THEME (several separated by ;), or a bare accept / reject on a row with one theme; add may quote its evidence: add pay \"wages are poor\".".into(),
        "Put your name in the reviewer column (or run with --reviewer NAME) and a reason in note if you like.".into(),
        "Then save this workbook outside the output folder and run: tally analyse DIR --review coded.xlsx".into(),
        "themes and closed: the tables of themes.csv and closed.csv.".into(),
    ];
    if info.left_off > 0 {
        lines.push(format!(
            "The coded sheet holds the first {} of {total} responses (a sheet's row limit): the other {} are in coded.csv.",
            info.rows, info.left_off
        ));
    }
    if info.cut > 0 {
        lines.push(format!(
            "{} texts longer than a cell holds (32,767 characters) are cut here, with a note; coded.csv has them whole.",
            info.cut
        ));
    }
    lines
}

fn workbook<W: Write + Seek + Send>(
    coded: (&Path, u64, u64),
    summary: &Summary,
    theme_ids: &[String],
    out: W,
) -> Result<XlsxInfo, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title("Coded responses")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let bold = Format::new().set_bold();
    let choices = choices(theme_ids);
    let info = coded_sheet(
        book.add_worksheet_with_constant_memory()?,
        coded,
        &bold,
        choices.len(),
    )?;
    table_sheet(book.add_worksheet(), "themes", themes_table(summary), &bold)?;
    table_sheet(book.add_worksheet(), "closed", closed_table(summary), &bold)?;
    let sheet = book.add_worksheet().set_name("about")?;
    sheet.set_column_width(0, 120)?;
    for (r, line) in about(&info, coded.1).iter().enumerate() {
        sheet.write_string(r as u32, 0, line)?;
    }
    let sheet = book.add_worksheet().set_name("lists")?;
    for (r, c) in choices.iter().enumerate() {
        sheet.write_string(r as u32, 0, c)?;
    }
    sheet.set_hidden(true);
    book.save_to_writer(out)?;
    Ok(info)
}

/// Writes `coded.xlsx` to `out` (a staged output: [`crate::OutputSet`]; `path`, where it
/// will be published, names it in errors) from the run's coded.csv at `coded_csv` (of
/// `total` responses) and its summary, the drop-down offering `theme_ids`.
pub fn write_coded_xlsx<W: Write + Seek + Send>(
    coded_csv: &Path,
    total: u64,
    summary: &Summary,
    theme_ids: &[String],
    out: W,
    path: &Path,
) -> Result<XlsxInfo, ReportError> {
    workbook((coded_csv, total, XLSX_ROWS), summary, theme_ids, out).map_err(|e| {
        ReportError::Write {
            path: path.display().to_string(),
            source: match e {
                XlsxError::IoError(e) => e,
                e => std::io::Error::other(e),
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader;

    #[test]
    fn the_coded_sheet_stops_at_its_limit_and_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let csv_path = tmp.path().join("coded.csv");
        let mut text = CODED_COLUMNS.join(",");
        for i in 0..5 {
            text.push_str(&format!("\nR{i}:Q,R{i},Q,x,,,text {i},,,,,"));
        }
        std::fs::write(&csv_path, text + "\n").unwrap();
        let summary = tally_aggregate::Aggregator::new(
            Vec::new(),
            Vec::new(),
            Vec::new(),
            tally_aggregate::Settings {
                quotes: 0,
                small_cell: 5,
            },
        )
        .finish();
        let path = tmp.path().join("coded.xlsx");
        let file = std::fs::File::create(&path).unwrap();
        let info = workbook((&csv_path, 5, 3), &summary, &["pay".into()], file).unwrap();
        assert_eq!(
            info,
            XlsxInfo {
                rows: 3,
                left_off: 2,
                cut: 0
            }
        );
        let mut book = calamine::open_workbook_auto(&path).unwrap();
        let coded = book.worksheet_range(CODED_SHEET).unwrap();
        assert_eq!(coded.get_size().0, 4);
        let about = book.worksheet_range("about").unwrap();
        let said: Vec<String> = about.rows().map(|r| r[0].to_string()).collect();
        assert!(
            said.iter().any(|l| l.contains("first 3 of 5 responses")
                && l.contains("the other 2 are in coded.csv")),
            "{said:?}"
        );
        let lists = book.worksheet_range("lists").unwrap();
        assert_eq!(lists.get_size().0, 2 + 3);
    }

    #[test]
    fn a_long_text_is_cut_at_a_character_to_fit_a_cell() {
        let long = "é".repeat(40_000);
        let (cut, was) = fit(&long);
        assert!(was);
        assert!(cut.encode_utf16().count() <= CELL_UNITS);
        assert!(cut.ends_with(CUT));
        let short = "plain";
        assert_eq!(fit(short), (short.into(), false));
        let emoji = "😀".repeat(20_000); // 40,000 UTF-16 units in 20,000 characters
        assert!(fit(&emoji).1);
    }
}

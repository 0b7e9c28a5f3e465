//! Spreadsheet workbooks (XLSX, XLSM, XLSB, XLS, ODS), read with `calamine` as a row source
//! for [`crate::table`]: exactly like a CSV export of the sheet.
//!
//! The sheet read is the first whose header row makes a table (wide through
//! consultation.toml, or long); the header is the first of the sheet's first ten non-empty
//! rows that does, so title rows above it are passed over. If no sheet has one, the first
//! non-empty sheet is reported. Lines are spreadsheet row numbers. Cells are rendered as text
//! deterministically: numbers as Excel's General format shows them (up to 15 significant
//! digits, integers without a decimal point), dates as ISO 8601 (`2024-03-01`,
//! `2024-03-01 14:30:00`), booleans as `TRUE` / `FALSE`; an error cell (`#N/A` …) is read
//! as blank, with a warning. Empty rows are not rows.
//!
//! Sheets are read sparsely, row by row ([`crate::sheet`]): a row is its header's columns
//! (cells left or right of the header's first and last names are not read), so memory does
//! not grow with the cell positions a sheet claims. A zipped workbook whose parts would
//! expand past the limits of [`crate::expansion`] is reported and not read.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};

use crate::consultation::Consultation;
use crate::hashing::sha256_hex;
use crate::record::Record;
use crate::report::{FileReport, Role};
use crate::sheet;
use crate::table::{readable, Table};

/// How many non-empty rows at the top of a sheet may be the header.
const HEADER_SEARCH: usize = 10;

/// The largest workbook read (it is read whole).
pub(crate) const MAX_WORKBOOK: u64 = 512 << 20;

pub(crate) fn read(
    path: &Path,
    rel: String,
    ext: &str,
    consultation: Option<&Consultation>,
    sink: &mut dyn FnMut(Record),
) -> FileReport {
    let kind = match ext {
        "xlsm" => "xlsx",
        e => e,
    };
    let mut f = FileReport::new(rel, Role::Responses, kind);
    f.encoding = "binary".into();
    let bytes = match crate::document::read_limited(path, MAX_WORKBOOK) {
        Ok(b) => b,
        Err(reason) => {
            f.role = Role::Unreadable;
            f.skip(None, reason);
            return f;
        }
    };
    f.sha256 = sha256_hex(&bytes);
    let what = kind.to_ascii_uppercase();
    if kind != "xls" {
        if let Err(reason) = crate::expansion::check(&bytes, kind) {
            f.role = Role::Unreadable;
            f.skip(None, reason);
            return f;
        }
    }
    let opened = std::panic::catch_unwind(|| open(&bytes, kind));
    let mut book = match opened {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => {
            f.role = Role::Unreadable;
            f.skip(
                None,
                format!("not a readable {what} workbook ({e}; truncated, corrupt or password-protected?): file not read"),
            );
            return f;
        }
        Err(_) => {
            f.role = Role::Unreadable;
            f.skip(
                None,
                format!("the {what} reader failed on this file: file not read"),
            );
            return f;
        }
    };
    let names = book.sheet_names();
    let mut unreadable = Vec::new();
    // each sheet's header: the first of its first few non-empty rows that makes a table
    // (title rows above the header are common), else its first non-empty row
    let mut headed: Vec<(&String, Header)> = Vec::new();
    for name in &names {
        match header_of(&mut book, name, consultation) {
            Ok(Some(h)) => headed.push((name, h)),
            Ok(None) => {}
            Err(e) => unreadable.push(format!("sheet {name:?} cannot be read ({e})")),
        }
    }
    let Some((name, header)) = headed
        .iter()
        .find(|(_, h)| h.table)
        .or_else(|| headed.first())
    else {
        f.role = Role::Unreadable;
        let mut reason =
            "no sheet has a header row (the workbook is empty): file not read".to_string();
        if !unreadable.is_empty() {
            reason = format!("{}; {reason}", unreadable.join("; "));
        }
        f.skip(None, reason);
        return f;
    };
    for u in &unreadable {
        f.warn(None, u.clone());
    }
    if names.len() > 1 {
        let others: Vec<String> = names
            .iter()
            .filter(|n| n != name)
            .map(|n| format!("{n:?}"))
            .collect();
        f.note = Some(format!(
            "sheet {name:?} read; not read: {}",
            others.join(", ")
        ));
    }
    let Some(mut table) = Table::new(
        header.cells.clone(),
        header.line,
        kind,
        consultation,
        &mut f,
    ) else {
        return f;
    };
    let mut rows = match sheet::open(&mut book, name) {
        Ok(r) => r,
        Err(e) => {
            f.skip(None, format!("sheet {name:?} cannot be read ({e})"));
            return f;
        }
    };
    let mut cells: Vec<String> = Vec::new();
    loop {
        let row = match rows.next_row() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(e) => {
                f.skip(
                    None,
                    format!("sheet {name:?}: reading stopped ({e}); the rows before were read"),
                );
                break;
            }
        };
        let line = u64::from(row.row) + 1;
        if line <= header.line {
            continue;
        }
        let errors = header.cells_of(&row, &mut cells);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue; // an empty row is not a row
        }
        match errors.len() {
            0 => {}
            1 => f.warn(
                Some(line),
                format!("cell {} is a spreadsheet error: read as blank", errors[0]),
            ),
            _ => f.warn(
                Some(line),
                format!(
                    "cells {} are spreadsheet errors: read as blank",
                    errors.join(", ")
                ),
            ),
        }
        table.row(line, cells.as_slice(), &mut f, sink);
    }
    f
}

/// A sheet's header row: its line, its cells from its first to its last non-empty one, the
/// column of its first, and whether it makes a table.
struct Header {
    line: u64,
    cells: Vec<String>,
    first_col: u32,
    table: bool,
}

impl Header {
    /// A data row's cells under this header's columns (cells outside them are not read),
    /// in `out`; and the spreadsheet errors among them, by cell name.
    fn cells_of(&self, row: &sheet::Row, out: &mut Vec<String>) -> Vec<String> {
        out.clear();
        out.resize(self.cells.len(), String::new());
        let mut errors = Vec::new();
        let end = self.first_col as usize + self.cells.len();
        for (col, data) in &row.cells {
            let col = *col as usize;
            if col < self.first_col as usize || col >= end {
                continue;
            }
            let (text, error) = render(data);
            if error {
                errors.push(format!(
                    "{}{} ({text})",
                    column_name(col),
                    row.row as u64 + 1
                ));
            } else {
                out[col - self.first_col as usize] = text;
            }
        }
        errors
    }
}

/// The header of sheet `name`: the first of its first [`HEADER_SEARCH`] non-empty rows that
/// makes a table, else its first non-empty row; `None` for an empty sheet.
fn header_of(
    book: &mut sheet::Book<'_>,
    name: &str,
    consultation: Option<&Consultation>,
) -> Result<Option<Header>, String> {
    let mut rows = sheet::open(book, name)?;
    let mut first = None;
    let mut seen = 0;
    while seen < HEADER_SEARCH {
        let Some(row) = rows.next_row()? else {
            break;
        };
        let texts: Vec<(u32, String)> = row
            .cells
            .iter()
            .map(|(c, d)| (*c, render(d).0.trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let (Some(&(lo, _)), Some(&(hi, _))) = (texts.first(), texts.last()) else {
            continue;
        };
        seen += 1;
        let mut cells = vec![String::new(); (hi - lo) as usize + 1];
        for (c, t) in texts {
            cells[(c - lo) as usize] = t;
        }
        let header = Header {
            line: u64::from(row.row) + 1,
            table: readable(&cells, consultation),
            cells,
            first_col: lo,
        };
        if header.table {
            return Ok(Some(header));
        }
        first.get_or_insert(header);
    }
    Ok(first)
}

fn open<'a>(bytes: &'a [u8], kind: &str) -> Result<Sheets<Cursor<&'a [u8]>>, String> {
    let c = Cursor::new(bytes);
    let err = |e: &dyn std::fmt::Display| e.to_string();
    Ok(match kind {
        "xlsx" => {
            Sheets::Xlsx(calamine::open_workbook_from_rs::<Xlsx<_>, _>(c).map_err(|e| err(&e))?)
        }
        "xlsb" => {
            Sheets::Xlsb(calamine::open_workbook_from_rs::<Xlsb<_>, _>(c).map_err(|e| err(&e))?)
        }
        "xls" => Sheets::Xls(calamine::open_workbook_from_rs::<Xls<_>, _>(c).map_err(|e| err(&e))?),
        _ => Sheets::Ods(calamine::open_workbook_from_rs::<Ods<_>, _>(c).map_err(|e| err(&e))?),
    })
}

/// `A`, `B`, … `Z`, `AA` … for a 0-based column.
fn column_name(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell as text, and whether it is an error value.
pub(crate) fn render(cell: &Data) -> (String, bool) {
    match cell {
        Data::Empty => (String::new(), false),
        Data::String(s) => (s.clone(), false),
        Data::Int(i) => (i.to_string(), false),
        Data::Float(f) => (general_number(*f), false),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_string(), false),
        Data::DateTime(d) => {
            if d.is_duration() {
                (duration(d.as_f64()), false)
            } else {
                let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
                let mut out = format!("{y:04}-{mo:02}-{da:02}");
                if (h, mi, s, ms) != (0, 0, 0, 0) {
                    out.push_str(&format!(" {h:02}:{mi:02}:{s:02}"));
                    if ms != 0 {
                        out.push_str(&format!(".{ms:03}"));
                    }
                }
                (out, false)
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), false),
        Data::Error(e) => (e.to_string(), true),
    }
}

/// A number as Excel's General format shows it: at most 15 significant digits, no
/// exponent for ordinary magnitudes, integers without a decimal point.
fn general_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    // round to 15 significant digits, then print the shortest form of that value
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == 0.0 {
        return "0".into(); // also -0
    }
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        return format!("{rounded:.0}");
    }
    rounded.to_string()
}

/// A duration (days) as `[h]:mm:ss`.
fn duration(days: f64) -> String {
    let total = (days * 86_400.0).round();
    let sign = if total < 0.0 { "-" } else { "" };
    let total = total.abs().min(1e15) as u64;
    format!(
        "{sign}{}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn renders_cells_deterministically() {
        let dt = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        for (cell, text) in [
            (Data::Int(42), "42"),
            (Data::Float(3.0), "3"),
            (Data::Float(-0.0), "0"),
            (Data::Float(0.1 + 0.2), "0.3"),
            (Data::Float(1234567.125), "1234567.125"),
            (Data::Float(1e20), "100000000000000000000"),
            (Data::Float(2.5e-7), "0.00000025"),
            (Data::Bool(true), "TRUE"),
            (dt(45352.0), "2024-03-01"),
            (dt(45352.5), "2024-03-01 12:00:00"),
            (
                Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false)),
                "36:00:00",
            ),
            (Data::DateTimeIso("2024-03-01".into()), "2024-03-01"),
            (Data::String(" as is ".into()), " as is "),
            (Data::Empty, ""),
        ] {
            assert_eq!(render(&cell), (text.to_string(), false), "{cell:?}");
        }
        assert_eq!(
            render(&Data::Error(CellErrorType::NA)),
            ("#N/A".to_string(), true)
        );
    }

    #[test]
    fn names_columns() {
        assert_eq!(
            [0, 25, 26, 27, 701, 702].map(column_name),
            ["A", "Z", "AA", "AB", "ZZ", "AAA"]
        );
    }
}

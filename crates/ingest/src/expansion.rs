//! Limits on what a zipped workbook (XLSX, XLSB, ODS) may expand to, checked before the
//! workbook reader is given it: a few kilobytes of zip can claim gigabytes of XML, and a few
//! hundred bytes of ODS can repeat one cell across billions of positions.
//!
//! - Every part's size as the zip declares it: together at most [`MAX_EXPANDED`], and any
//!   part the reader holds whole (shared strings, styles, an ODS's `content.xml`) at most
//!   [`MAX_HELD_PART`]. Worksheets of XLSX and XLSB are streamed cell by cell
//!   ([`crate::sheet`]), so only the total bounds them.
//! - An ODS sheet is read whole into a dense grid by the reader, repeated rows
//!   (`table:number-rows-repeated`) and cells (`table:number-columns-repeated`) written out
//!   in full: the grid a sheet would make is counted from `content.xml` first, and a
//!   workbook with a sheet of more than [`MAX_DENSE_CELLS`] cells is not read. Repeats
//!   count only while they carry content: empty rows and cells after a sheet's or row's
//!   last value are not part of its grid.

use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};

/// The most a workbook's parts may expand to together (as their zip entries declare).
pub(crate) const MAX_EXPANDED: u64 = 2 << 30;

/// The most one part that is read whole (shared strings, styles, ODS content) may expand to.
pub(crate) const MAX_HELD_PART: u64 = 256 << 20;

/// The most cells an ODS sheet's grid may have (the reader holds about 56 bytes a cell:
/// about 235 MB at the limit).
pub(crate) const MAX_DENSE_CELLS: u64 = 1 << 22;

/// The spreadsheet format's own limits, which the ODS reader caps repeats at.
const MAX_ROWS: u64 = 1 << 20;
const MAX_COLUMNS: u64 = 1 << 14;

/// Why a zipped workbook must not be given to the reader, if it must not.
pub(crate) fn check(bytes: &[u8], kind: &str) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // not a zip: the reader reports it
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let size = part.size();
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        total = total.saturating_add(size);
        let streamed = name.starts_with("xl/worksheets/");
        if !streamed && size > MAX_HELD_PART && !name.ends_with('/') {
            return Err(format!(
                "its part {name:?} expands to {size} bytes, more than the {} MiB read whole: file not read",
                MAX_HELD_PART >> 20
            ));
        }
    }
    if total > MAX_EXPANDED {
        return Err(format!(
            "its parts expand to {total} bytes, more than the {} GiB limit: file not read",
            MAX_EXPANDED >> 30
        ));
    }
    if kind == "ods" {
        let Ok(content) = zip.by_name("content.xml") else {
            return Ok(());
        };
        ods_grid(std::io::BufReader::new(content))?;
    }
    Ok(())
}

/// The grid of one ODS sheet, counted as the reader would build it.
#[derive(Default)]
struct Grid {
    name: String,
    /// Cells stored while parsing: each row element up to its last value.
    parsed: u64,
    /// Rows (repeats counted) before the current one.
    row: u64,
    first: Option<u64>,
    end: u64,
    width: u64,
}

impl Grid {
    fn cells(&self) -> u64 {
        let rows = self.end.saturating_sub(self.first.unwrap_or(self.end));
        rows.saturating_mul(self.width).max(self.parsed)
    }
}

/// Checks every sheet of an ODS's `content.xml` against [`MAX_DENSE_CELLS`].
fn ods_grid<R: std::io::BufRead>(content: R) -> Result<(), String> {
    let mut xml = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut grid = Grid::default();
    // the current row: its repeats, columns passed, end of its last value
    let (mut repeats, mut col, mut last) = (1u64, 0u64, 0u64);
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("content.xml is not well-formed ({e}): file not read"))?;
        let (e, open) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                let width = last.min(MAX_COLUMNS);
                if width > 0 {
                    grid.parsed = grid.parsed.saturating_add(width);
                    grid.first.get_or_insert(grid.row);
                    grid.end = grid.row.saturating_add(repeats).min(MAX_ROWS);
                    grid.width = grid.width.max(width);
                }
                grid.row = grid.row.saturating_add(repeats).min(MAX_ROWS);
                over(&grid)?;
                buf.clear();
                continue;
            }
            Event::Eof => return Ok(()),
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" => {
                grid = Grid {
                    name: attr(e, "table:name").unwrap_or_default(),
                    ..Grid::default()
                };
            }
            "table:table-row" => {
                repeats = number(e, "table:number-rows-repeated");
                (col, last) = (0, 0);
                if !open {
                    grid.row = grid.row.saturating_add(repeats).min(MAX_ROWS);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = number(e, "table:number-columns-repeated");
                col = col.saturating_add(n);
                let valued = open
                    || attr(e, "office:value-type").is_some()
                    || attr(e, "table:formula").is_some();
                if valued {
                    last = col;
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

fn over(grid: &Grid) -> Result<(), String> {
    let cells = grid.cells();
    if cells > MAX_DENSE_CELLS {
        return Err(format!(
            "sheet {:?} would expand to {cells} cells (repeated rows or cells), more than the limit of {MAX_DENSE_CELLS}: file not read",
            grid.name
        ));
    }
    Ok(())
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.to_string())
}

/// A repeat count attribute (1 when absent or unreadable).
fn number(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &str) -> Result<(), String> {
        let xml = format!(
            "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"S\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
        );
        ods_grid(xml.as_bytes())
    }

    #[test]
    fn repeated_rows_and_cells_count_only_while_they_carry_content() {
        let cell =
            "<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>";
        // empty repeats at the end of a row or sheet (what spreadsheet programs write) are free
        let tail = "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>";
        assert_eq!(
            grid(&format!(
                "<table:table-row>{cell}{cell}</table:table-row>{tail}"
            )),
            Ok(())
        );
        // one valued cell repeated across a row that is itself repeated: a bomb
        let bomb = "<table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>";
        let err = grid(bomb).unwrap_err();
        assert!(
            err.contains("sheet \"S\" would expand to 98304000 cells"),
            "{err}"
        );
    }
}

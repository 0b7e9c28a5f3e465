//! One worksheet of a workbook, read row by row and sparsely: each row is the cells it holds,
//! with their columns, never a grid of the sheet's whole extent.
//!
//! XLSX and XLSB sheets are streamed with the reader's cell-by-cell API, so a sheet's memory
//! is one row's cells whatever positions its cells claim (one cell at `XFD1048576` is one
//! cell, not seventeen billion). XLS and ODS sheets are only read whole by the reader; an
//! ODS's grid is bounded before it is built ([`crate::expansion`]), an XLS's by its format
//! (65,536 rows × 256 columns).

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Range, Reader, Sheets};

/// A workbook as the readers hold it.
pub(crate) type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// One non-empty row: its 0-based row number and its cells (0-based column, value), in
/// column order.
pub(crate) struct Row {
    pub row: u32,
    pub cells: Vec<(u32, Data)>,
}

/// A cell stream: the next cell (row, column, value) in the sheet's order.
type Cells<'a> = Box<dyn FnMut() -> Result<Option<(u32, u32, Data)>, String> + 'a>;

/// The rows of one sheet, in the order the sheet stores them.
pub(crate) enum Rows<'a> {
    /// XLSX or XLSB, streamed; the first cell of the next row once seen (`None` too at
    /// the end of the stream, which is not read past).
    Streamed(Cells<'a>, Option<(u32, u32, Data)>, bool),
    /// XLS and ODS: the reader's whole range, and the next of its rows to give.
    Whole(Range<Data>, usize),
}

/// Opens sheet `name` of `book` for reading row by row.
pub(crate) fn open<'a>(book: &'a mut Book<'_>, name: &str) -> Result<Rows<'a>, String> {
    let opened = catch_unwind(AssertUnwindSafe(|| match book {
        Sheets::Xlsx(x) => {
            let mut r = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            let cells: Cells<'a> = Box::new(move || {
                r.next_cell()
                    .map(|c| c.map(|c| (c.get_position(), Data::from(c.get_value().clone()))))
                    .map(|c| c.map(|((row, col), d)| (row, col, d)))
                    .map_err(|e| e.to_string())
            });
            Ok(Rows::Streamed(cells, None, false))
        }
        Sheets::Xlsb(x) => {
            let mut r = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            let cells: Cells<'a> = Box::new(move || {
                r.next_cell()
                    .map(|c| c.map(|c| (c.get_position(), Data::from(c.get_value().clone()))))
                    .map(|c| c.map(|((row, col), d)| (row, col, d)))
                    .map_err(|e| e.to_string())
            });
            Ok(Rows::Streamed(cells, None, false))
        }
        other => other
            .worksheet_range(name)
            .map(|r| Rows::Whole(r, 0))
            .map_err(|e| e.to_string()),
    }));
    opened.unwrap_or_else(|_| Err("reader failed".into()))
}

impl Rows<'_> {
    /// The next row that holds a cell, `None` at the sheet's end, or why reading stopped.
    pub(crate) fn next_row(&mut self) -> Result<Option<Row>, String> {
        catch_unwind(AssertUnwindSafe(|| loop {
            let next = match self {
                Rows::Whole(range, i) => return Ok(whole_row(range, i)),
                Rows::Streamed(cells, pending, ended) => streamed(pending, ended, cells)?,
            };
            match next {
                Some(row) if row.cells.is_empty() => continue,
                other => return Ok(other),
            }
        }))
        .unwrap_or_else(|_| Err("reader failed".into()))
    }
}

/// Gathers the cells of one row from a cell stream (`next`), keeping the first cell of the
/// following row in `pending`. Empty cells are dropped.
fn streamed(
    pending: &mut Option<(u32, u32, Data)>,
    ended: &mut bool,
    next: &mut Cells<'_>,
) -> Result<Option<Row>, String> {
    let first = match pending.take() {
        Some(c) => c,
        None if *ended => return Ok(None),
        None => match next()? {
            Some(c) => c,
            None => {
                *ended = true;
                return Ok(None);
            }
        },
    };
    let row = first.0;
    let mut cells = Vec::new();
    let push = |cells: &mut Vec<(u32, Data)>, col: u32, data: Data| {
        if data != Data::Empty {
            cells.push((col, data));
        }
    };
    push(&mut cells, first.1, first.2);
    loop {
        let Some((r, col, data)) = next()? else {
            *ended = true;
            break;
        };
        if r != row {
            *pending = Some((r, col, data));
            break;
        }
        push(&mut cells, col, data);
    }
    cells.sort_by_key(|c| c.0);
    Ok(Some(Row { row, cells }))
}

/// The next row of a whole range that holds a cell.
fn whole_row(range: &Range<Data>, i: &mut usize) -> Option<Row> {
    let (first_row, first_col) = range.start()?;
    loop {
        let row = range.rows().nth(*i)?;
        let n = *i as u32;
        *i += 1;
        let kept: Vec<(u32, Data)> = row
            .iter()
            .enumerate()
            .filter(|(_, d)| **d != Data::Empty)
            .map(|(j, d)| (first_col + j as u32, d.clone()))
            .collect();
        if !kept.is_empty() {
            return Some(Row {
                row: first_row + n,
                cells: kept,
            });
        }
    }
}

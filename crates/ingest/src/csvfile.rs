//! CSV and TSV survey exports, as a row source for [`crate::table`].
//!
//! The file is decoded as it streams ([`crate::decode`]: UTF-8 with or without a BOM,
//! UTF-16 with a BOM, Windows-1252), its delimiter found from the header line (comma,
//! semicolon — Excel in much of Europe — or tab; always tab for `.tsv`), and its records
//! (quoted multi-line cells included) parsed by `csv-core` in bounded memory
//! ([`crate::bounded`]): a cell is kept up to the response limit (`--max-response-bytes`)
//! and the rest only counted, the response read from it truncated with a warning giving its
//! full length; a row keeps its header's columns and one more. Lines are those of the
//! file. A row holding a NUL byte is skipped (a NUL at the file's start makes it binary,
//! not read).

use std::fs::File;
use std::io::{self, BufReader, Chain, Cursor, Read};
use std::path::Path;

use crate::bounded::{BoundedReader, Overflow};
use crate::consultation::Consultation;
use crate::decode::{binary_reason, finish_text, TextReader};
use crate::hashing::HashingReader;
use crate::record::Record;
use crate::report::{FileReport, Role};
use crate::table::{Cells, Table};

/// The longest header line looked at to find the delimiter.
const HEADER_PEEK: usize = 1 << 20;

/// The most columns a header row may have (a wider one: the file is not read).
const MAX_COLUMNS: usize = 1 << 20;

/// The most bytes kept of one column name, and of a whole header row (a longer row: the
/// file is not read).
const MAX_HEADER_FIELD: usize = 64 << 10;
const MAX_HEADER_ROW: usize = 16 << 20;

type Source = BufReader<Chain<Cursor<Vec<u8>>, TextReader<HashingReader<BufReader<File>>>>>;

pub(crate) fn read(
    path: &Path,
    rel: String,
    consultation: Option<&Consultation>,
    kept: bool,
    sink: &mut dyn FnMut(Record),
) -> FileReport {
    let mut f = FileReport::new(rel, Role::Responses, "csv");
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let mut text = match File::open(path).and_then(|file| {
        TextReader::new(HashingReader::new(BufReader::with_capacity(1 << 18, file)))
    }) {
        Ok(t) => t,
        Err(e) => {
            f.role = Role::Unreadable;
            f.skip(None, format!("cannot open: {e}"));
            return f;
        }
    };
    if let Some(offset) = text.binary() {
        f.role = Role::Unreadable;
        f.skip(None, binary_reason(offset));
        finish_text(&mut f, text);
        return f;
    }
    let head = match peek_header(&mut text) {
        Ok(h) => h,
        Err(e) => {
            f.role = Role::Unreadable;
            f.skip(Some(1), format!("cannot read the header row: {e}"));
            finish_text(&mut f, text);
            return f;
        }
    };
    let delimiter = if tsv { b'\t' } else { sniff_delimiter(&head) };
    match delimiter {
        b';' => f.note = Some("semicolon-separated".into()),
        b'\t' if !tsv => f.note = Some("tab-separated".into()),
        _ => {}
    }
    let source = BufReader::with_capacity(1 << 16, Cursor::new(head).chain(text));
    let mut rdr = BoundedReader::new(source, delimiter, MAX_HEADER_FIELD, MAX_COLUMNS + 1);
    rdr.max_row = MAX_HEADER_ROW;
    let Some(header) = header(&mut rdr, &mut f) else {
        finish(&mut f, rdr);
        return f;
    };
    let Some(mut table) = Table::new(header.clone(), 1, "csv", consultation, &mut f) else {
        finish(&mut f, rdr);
        return f;
    };
    if !kept {
        // the report is not kept: neither are the ids the read has seen
        table.without_id_checks();
    }
    // a row keeps one field more than the header has (enough to know it is too wide), each
    // cut to the longest response read
    let max = crate::limits::max_response_bytes();
    (rdr.max_field, rdr.max_fields, rdr.max_row) = (max, header.len() + 1, usize::MAX);
    rows(&mut rdr, &mut table, &header, &mut f, sink);
    finish(&mut f, rdr);
    f
}

/// Reads the header row: its column names, or `None` (the reason recorded) when it cannot
/// be read or is too large.
fn header(rdr: &mut BoundedReader<Source>, f: &mut FileReport) -> Option<Vec<String>> {
    let (mut rec, mut over) = (csv::ByteRecord::new(), Overflow::default());
    match rdr.read(&mut rec, &mut over) {
        Ok(None) => {
            f.skip(None, "empty file: no header row");
            return None;
        }
        Err(e) => {
            f.skip(Some(1), format!("cannot read the header row: {e}"));
            return None;
        }
        Ok(Some(_)) => {}
    }
    if over.fields > MAX_COLUMNS || over.row_cut {
        f.role = Role::Unreadable;
        f.skip(
            Some(1),
            format!(
                "the header row is too large ({} columns; at most {MAX_COLUMNS} columns and {} MiB): file not read",
                over.fields,
                MAX_HEADER_ROW >> 20
            ),
        );
        return None;
    }
    let names: Result<Vec<String>, _> = rec
        .iter()
        .map(|b| {
            std::str::from_utf8(b).map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
        })
        .collect();
    if names.is_err() {
        f.role = Role::Unreadable;
        f.skip(
            Some(1),
            "the header row is not valid UTF-8: file not read (save it as UTF-8)",
        );
    }
    names.ok()
}

/// Reads the data rows into `table`; a cell cut to the response limit is a warning (in the
/// words of every other truncated response when it is one).
fn rows(
    rdr: &mut BoundedReader<Source>,
    table: &mut Table,
    header: &[String],
    f: &mut FileReport,
    sink: &mut dyn FnMut(Record),
) {
    let max = rdr.max_field;
    let (mut rec, mut over) = (csv::ByteRecord::new(), Overflow::default());
    let mut cut: Vec<(usize, u64, Option<String>)> = Vec::new();
    loop {
        let line = match rdr.read(&mut rec, &mut over) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                f.skip(None, format!("unreadable row, rest of file not read: {e}"));
                break;
            }
        };
        if over.nul {
            table.skip_row(
                line,
                "row holds a NUL byte (binary content): row skipped",
                f,
            );
            continue;
        }
        cut.clear();
        cut.extend(over.long.iter().map(|&(i, len)| (i, len, None)));
        // one UTF-8 check for the whole row (its cells are then read without another); a row
        // that fails is read as bytes, cell by cell, so the problem names the bad column
        // (the record's buffers move into the checked row and back: nothing is allocated)
        let fields = over.fields;
        let (skipped, excluded) = (f.skipped, f.excluded);
        rec = match csv::StringRecord::from_byte_record(std::mem::take(&mut rec)) {
            Ok(row) => {
                read_row(table, line, &Counted(&row, fields), &mut cut, f, sink);
                row.into_byte_record()
            }
            Err(bad) => {
                let rec = bad.into_byte_record();
                read_row(table, line, &Counted(&rec, fields), &mut cut, f, sink);
                rec
            }
        };
        let read = (skipped, excluded) == (f.skipped, f.excluded);
        for (i, len, id) in &cut {
            let what = match id {
                Some(id) => format!("response {id}"),
                // a cell of a row skipped or excluded: its reason is enough
                None if !read => continue,
                None => format!("the cell of column {:?}", header.get(*i).map_or("", |h| h)),
            };
            f.warn(
                Some(line),
                format!("{what} is {len} bytes, more than the limit of {max} (--max-response-bytes): truncated"),
            );
        }
    }
}

/// Reads one row into `table`, naming the response read from each cut cell by its id.
fn read_row<C: Cells>(
    table: &mut Table,
    line: u64,
    row: &C,
    cut: &mut [(usize, u64, Option<String>)],
    f: &mut FileReport,
    sink: &mut dyn FnMut(Record),
) {
    let sink = &mut |record: Record| {
        if let Record::Response(r) = &record {
            let cell = cut
                .iter_mut()
                .find(|(i, _, id)| id.is_none() && row.cell(*i) == Ok(r.text.as_str()));
            if let Some((_, _, id)) = cell {
                *id = Some(r.id.to_string());
            }
        }
        sink(record)
    };
    table.row(line, row, f, sink);
}

/// A row whose number of fields is what the file held, though fewer may have been kept.
struct Counted<'a, C>(&'a C, usize);

impl<C: Cells> Cells for Counted<'_, C> {
    fn count(&self) -> usize {
        self.1
    }
    fn cell(&self, i: usize) -> Result<&str, std::str::Utf8Error> {
        self.0.cell(i)
    }
    fn is_blank_line(&self) -> bool {
        self.0.is_blank_line()
    }
}

/// Reads the decoded text up to the end of the first record (a newline outside quotes),
/// or [`HEADER_PEEK`] bytes, whichever comes first.
fn peek_header<R: Read>(r: &mut R) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut quoted = false;
    let mut chunk = [0u8; 4096];
    while head.len() < HEADER_PEEK {
        let n = r.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        let start = head.len();
        head.extend_from_slice(&chunk[..n]);
        for &b in &head[start..] {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => return Ok(head),
                _ => {}
            }
        }
    }
    Ok(head)
}

/// The delimiter of a header line: the most frequent of comma, semicolon and tab outside
/// quotes (comma on a tie or when there is none).
pub(crate) fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    [b',', b';', b'\t'][best]
}

fn finish(f: &mut FileReport, rdr: BoundedReader<Source>) {
    let (_, text) = rdr.into_inner().into_inner().into_inner();
    finish_text(f, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_delimiter_of_the_header_line() {
        for (head, d) in [
            (&b"id,question,text\n"[..], b','),
            (b"id;question;text\r\n", b';'),
            (b"id\tquestion\ttext", b'\t'),
            (b"\"a;b\",c,d\n", b','),
            (b"\"Q1, why?\";\"Q2, how?\";id\n1,2,3,4,5\n", b';'),
            (b"text\n", b','),
            (b"", b','),
        ] {
            assert_eq!(
                sniff_delimiter(head) as char,
                d as char,
                "{}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn peeks_to_the_end_of_a_quoted_multi_line_header() {
        let src = b"\"a\nb\",c\nrow,2\n";
        let head = peek_header(&mut &src[..]).unwrap();
        assert!(head.starts_with(b"\"a\nb\",c\n"));
    }
}

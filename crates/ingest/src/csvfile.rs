//! CSV and TSV survey exports, as a row source for [`crate::table`].
//!
//! The file is decoded as it streams ([`crate::decode`]: UTF-8 with or without a BOM,
//! UTF-16 with a BOM, Windows-1252), its delimiter found from the header line (comma,
//! semicolon — Excel in much of Europe — or tab; always tab for `.tsv`), and quoted
//! multi-line cells are handled by the `csv` crate. Lines are those of the file. A row
//! holding a NUL byte is skipped (a NUL at the file's start makes it binary, not read).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Chain, Cursor, Read};
use std::path::Path;
use std::rc::Rc;

use crate::consultation::Consultation;
use crate::decode::{binary_reason, finish_text, TextReader};
use crate::hashing::HashingReader;
use crate::record::Record;
use crate::report::{FileReport, Role};
use crate::table::Table;

/// The longest header line looked at to find the delimiter.
const HEADER_PEEK: usize = 1 << 20;

type Source = Newlines<Chain<Cursor<Vec<u8>>, TextReader<HashingReader<BufReader<File>>>>>;

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
    let mut lines = Lines::default();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(Newlines {
            inner: Cursor::new(head).chain(text),
            offset: 0,
            seen: lines.seen.clone(),
        });
    let mut rec = csv::ByteRecord::new();
    let header: Vec<String> = match rdr.read_byte_record(&mut rec) {
        Ok(false) => {
            f.skip(None, "empty file: no header row");
            finish(&mut f, rdr);
            return f;
        }
        Err(e) => {
            f.skip(Some(1), format!("cannot read the header row: {e}"));
            finish(&mut f, rdr);
            return f;
        }
        Ok(true) => match rec
            .iter()
            .map(|b| {
                std::str::from_utf8(b).map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
            })
            .collect()
        {
            Ok(h) => h,
            Err(_) => {
                f.role = Role::Unreadable;
                f.skip(
                    Some(1),
                    "the header row is not valid UTF-8: file not read (save it as UTF-8)",
                );
                finish(&mut f, rdr);
                return f;
            }
        },
    };
    let Some(mut table) = Table::new(header, 1, "csv", consultation, &mut f) else {
        finish(&mut f, rdr);
        return f;
    };
    if !kept {
        // the report is not kept: neither are the ids the read has seen
        table.without_id_checks();
    }
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                f.skip(line, format!("unreadable row, rest of file not read: {e}"));
                break;
            }
        }
        let line = rec.position().map_or(0, |p| lines.line_at(p.byte()));
        if memchr::memchr(0, rec.as_slice()).is_some() {
            f.rows += 1;
            f.skip(
                Some(line),
                "row holds a NUL byte (binary content): row skipped",
            );
            continue;
        }
        // one UTF-8 check for the whole row (its cells are then read without another); a row
        // that fails is read as bytes, cell by cell, so the problem names the bad column
        // (the record's buffers move into the checked row and back: nothing is allocated)
        rec = match csv::StringRecord::from_byte_record(rec) {
            Ok(row) => {
                table.row(line, &row, &mut f, sink);
                row.into_byte_record()
            }
            Err(bad) => {
                let rec = bad.into_byte_record();
                table.row(line, &rec, &mut f, sink);
                rec
            }
        };
    }
    finish(&mut f, rdr);
    f
}

/// Line breaks (`\r`, `\n`) seen in the text, by offset, not yet passed by the records.
type Seen = Rc<RefCell<VecDeque<(u64, bool)>>>;

/// A reader noting where the line breaks of the text are, so that each record's line can
/// be known exactly: the `csv` crate's own record positions point before the `\n` of a
/// `\r\n` ending and before blank lines, one or more lines early.
struct Newlines<R> {
    inner: R,
    offset: u64,
    seen: Seen,
}

impl<R: Read> Read for Newlines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut seen = self.seen.borrow_mut();
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            seen.push_back((self.offset + i as u64, buf[i] == b'\n'));
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Turns record positions into 1-based lines.
#[derive(Default)]
struct Lines {
    seen: Seen,
    /// `\n`s passed so far.
    passed: u64,
}

impl Lines {
    /// The line on which the record whose position is `start` begins: past the line
    /// breaks the `csv` crate skips before it.
    fn line_at(&mut self, start: u64) -> u64 {
        let mut seen = self.seen.borrow_mut();
        let mut pos = start;
        while let Some(&(offset, lf)) = seen.front() {
            if offset > pos {
                break;
            }
            if offset == pos {
                pos += 1; // a line break at the record's start: not part of it
            }
            self.passed += u64::from(lf);
            seen.pop_front();
        }
        self.passed + 1
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

fn finish(f: &mut FileReport, rdr: csv::Reader<Source>) {
    let (_, text) = rdr.into_inner().inner.into_inner();
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
    fn record_lines_count_crlf_and_blank_lines() {
        for (data, expected) in [
            ("h1,h2\na,b\n\"c\nd\",e\n\nf,g\n", [1, 2, 3, 6]),
            ("h1,h2\r\na,b\r\n\"c\r\nd\",e\r\n\r\nf,g", [1, 2, 3, 6]),
        ] {
            let mut lines = Lines::default();
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(Newlines {
                    inner: data.as_bytes(),
                    offset: 0,
                    seen: lines.seen.clone(),
                });
            let mut rec = csv::ByteRecord::new();
            let mut got = Vec::new();
            while rdr.read_byte_record(&mut rec).unwrap() {
                got.push(lines.line_at(rec.position().unwrap().byte()));
            }
            assert_eq!(got, expected, "{data:?}");
        }
    }

    #[test]
    fn peeks_to_the_end_of_a_quoted_multi_line_header() {
        let src = b"\"a\nb\",c\nrow,2\n";
        let head = peek_header(&mut &src[..]).unwrap();
        assert!(head.starts_with(b"\"a\nb\",c\n"));
    }
}

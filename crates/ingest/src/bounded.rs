//! CSV records read with bounded memory: `csv-core`'s parser fed from a buffered reader,
//! each field kept up to a byte limit and each row up to a number of fields, whatever the
//! file holds (the `csv` crate's records grow with the longest cell and the widest row: a
//! 200 MB cell was held whole, several times over, before it was cut to a response's limit).
//!
//! A field longer than the limit keeps its first bytes, cut at a character boundary, and
//! its full length is noted; fields past the limit on their number are counted, not kept.
//! Lines are counted as the bytes pass (`\n` only, as editors do), and a record's line is
//! that of its first byte: the line breaks before a record (a `\r\n` ending's `\n`, blank
//! lines) are not part of it.

use std::io::{self, BufRead};

use csv::ByteRecord;
use csv_core::ReadRecordResult;

/// What one record held beyond what was kept.
#[derive(Debug, Default)]
pub(crate) struct Overflow {
    /// Fields cut to the byte limit: (index among the kept fields, full length in bytes).
    pub long: Vec<(usize, u64)>,
    /// The number of fields the record had (more than were kept when over the limit).
    pub fields: usize,
    /// Whether any byte of the record (kept or not) is NUL.
    pub nul: bool,
    /// Whether the record was cut to the row's byte limit.
    pub row_cut: bool,
}

/// A CSV reader whose records hold at most `max_fields` fields of `max_field` bytes.
pub(crate) struct BoundedReader<R> {
    src: R,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    field: Vec<u8>,
    field_len: u64,
    /// Bytes kept of the current record.
    kept: usize,
    /// `\n`s consumed so far.
    newlines: u64,
    /// The most bytes kept of one field.
    pub max_field: usize,
    /// The most fields kept of one record.
    pub max_fields: usize,
    /// The most bytes kept of one record.
    pub max_row: usize,
}

impl<R: BufRead> BoundedReader<R> {
    /// A reader of `src` with fields separated by `delimiter` (quotes as Excel writes them).
    pub(crate) fn new(src: R, delimiter: u8, max_field: usize, max_fields: usize) -> Self {
        BoundedReader {
            src,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 1 << 16],
            ends: vec![0; 256],
            field: Vec::new(),
            field_len: 0,
            kept: 0,
            newlines: 0,
            max_field,
            max_fields,
            max_row: usize::MAX,
        }
    }

    /// Reads the next record into `rec` (and what did not fit into `over`): the 1-based line
    /// it starts on, or `None` at the end of the input.
    pub(crate) fn read(
        &mut self,
        rec: &mut ByteRecord,
        over: &mut Overflow,
    ) -> io::Result<Option<u64>> {
        rec.clear();
        over.long.clear();
        over.fields = 0;
        over.nul = false;
        over.row_cut = false;
        self.field.clear();
        self.field_len = 0;
        self.kept = 0;
        self.skip_line_breaks()?;
        let line = self.newlines + 1;
        // csv-core numbers the field ends as if the record were one buffer: `virt` is where
        // the output of the current call starts in it
        let mut virt = 0;
        loop {
            let input = self.src.fill_buf()?;
            let eof = input.is_empty();
            let (res, nin, nout, nend) =
                self.core.read_record(input, &mut self.out, &mut self.ends);
            self.newlines += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            self.src.consume(nin);
            let mut at = 0;
            for i in 0..nend {
                let upto = self.ends[i] - virt;
                self.push(at, upto, over);
                self.end_field(rec, over);
                at = upto;
            }
            self.push(at, nout, over);
            virt += nout;
            match res {
                ReadRecordResult::InputEmpty if eof => return Ok(None),
                ReadRecordResult::InputEmpty
                | ReadRecordResult::OutputFull
                | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => return Ok(Some(line)),
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// The reader read from.
    pub(crate) fn into_inner(self) -> R {
        self.src
    }

    /// Consumes the line breaks before a record (csv-core passes over them too).
    fn skip_line_breaks(&mut self) -> io::Result<()> {
        loop {
            let input = self.src.fill_buf()?;
            let n = input
                .iter()
                .position(|&b| b != b'\n' && b != b'\r')
                .unwrap_or(input.len());
            let done = n < input.len() || input.is_empty();
            self.newlines += memchr::memchr_iter(b'\n', &input[..n]).count() as u64;
            self.src.consume(n);
            if done {
                return Ok(());
            }
        }
    }

    /// Appends `out[from..to]` to the current field, up to the limit.
    fn push(&mut self, from: usize, to: usize, over: &mut Overflow) {
        let bytes = &self.out[from..to];
        over.nul |= memchr::memchr(0, bytes).is_some();
        self.field_len += bytes.len() as u64;
        let room = self.max_field.saturating_sub(self.field.len());
        let row_room = self.max_row.saturating_sub(self.kept);
        over.row_cut |= row_room < room.min(bytes.len());
        let take = room.min(row_room).min(bytes.len());
        self.field.extend_from_slice(&bytes[..take]);
        self.kept += take;
    }

    /// Ends the current field: kept (cut at a character boundary if it was too long), or
    /// only counted when the record already has `max_fields` fields.
    fn end_field(&mut self, rec: &mut ByteRecord, over: &mut Overflow) {
        over.fields += 1;
        if rec.len() < self.max_fields {
            if self.field_len > self.field.len() as u64 {
                cut_to_char(&mut self.field);
                over.long.push((rec.len(), self.field_len));
            }
            rec.push_field(&self.field);
        }
        self.field.clear();
        self.field_len = 0;
    }
}

/// Drops an incomplete UTF-8 sequence at the end of `bytes` (what a cut mid-character
/// leaves); bytes that are not UTF-8 anyway are left for the row's own check to report.
fn cut_to_char(bytes: &mut Vec<u8>) {
    if let Err(e) = std::str::from_utf8(bytes) {
        if e.error_len().is_none() {
            bytes.truncate(e.valid_up_to());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record read: its line, fields, long fields, number of fields and whether it has a NUL.
    type Read = (u64, Vec<String>, Vec<(usize, u64)>, usize, bool);

    /// Every record of `data` read `chunk` bytes at a time.
    fn records(data: &[u8], chunk: usize, max_field: usize, max_fields: usize) -> Vec<Read> {
        let src = io::BufReader::with_capacity(chunk, data);
        let mut r = BoundedReader::new(src, b',', max_field, max_fields);
        r.out = vec![0; chunk.max(1)];
        r.ends = vec![0; 2];
        let (mut rec, mut over) = (ByteRecord::new(), Overflow::default());
        let mut got = Vec::new();
        while let Some(line) = r.read(&mut rec, &mut over).unwrap() {
            let fields = rec
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            got.push((line, fields, over.long.clone(), over.fields, over.nul));
        }
        got
    }

    #[test]
    fn reads_what_the_csv_crate_reads_in_any_chunking() {
        for data in [
            &b"h1,h2\na,b\n\"c\nd\",e\n\nf,g\n"[..],
            b"h1,h2\r\na,b\r\n\"c\r\nd\",e\r\n\r\nf,g",
            b"\n\nx,\"y \"\"q\"\" z\",\n  \n,,,\n\"unclosed\n",
            b"a;b,c\rd\re",
            b"",
        ] {
            let mut want = Vec::new();
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(data);
            for rec in rdr.byte_records() {
                let rec = rec.unwrap();
                want.push(
                    rec.iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect::<Vec<_>>(),
                );
            }
            for chunk in [1, 2, 3, 7, 4096] {
                let got: Vec<_> = records(data, chunk, 1 << 20, 1 << 20)
                    .into_iter()
                    .map(|r| r.1)
                    .collect();
                assert_eq!(got, want, "{:?} in chunks of {chunk}", data);
            }
        }
    }

    #[test]
    fn record_lines_count_crlf_and_blank_lines() {
        for (data, expected) in [
            (&b"h1,h2\na,b\n\"c\nd\",e\n\nf,g\n"[..], [1, 2, 3, 6]),
            (b"h1,h2\r\na,b\r\n\"c\r\nd\",e\r\n\r\nf,g", [1, 2, 3, 6]),
            (
                b"\nh1,h2\n\n\na,b\n\"c\n\nd\",e\r\n\n\r\nf,g\n\n",
                [2, 5, 6, 11],
            ),
        ] {
            for chunk in [1, 2, 5, 4096] {
                let lines: Vec<u64> = records(data, chunk, 64, 64)
                    .into_iter()
                    .map(|r| r.0)
                    .collect();
                assert_eq!(lines, expected, "{:?} in chunks of {chunk}", data);
            }
        }
    }

    #[test]
    fn a_long_field_keeps_its_first_bytes_at_a_character_boundary() {
        // "é" is two bytes: a cut after 5 bytes would split the third one
        let data = "id,text\n1,\"\u{e9}\u{e9}\u{e9}\u{e9}\",x\n2,ok,y\n".as_bytes();
        for chunk in [1, 3, 4096] {
            let got = records(data, chunk, 5, 8);
            assert_eq!(got[1].1, ["1", "\u{e9}\u{e9}", "x"], "chunk {chunk}");
            assert_eq!(got[1].2, [(1, 8)]);
            assert_eq!(got[2].1, ["2", "ok", "y"]);
            assert!(got[2].2.is_empty());
        }
    }

    #[test]
    fn fields_past_the_limit_are_counted_not_kept() {
        let data = b"a,b\n1,2,3,4,5\n\"x\0y\",2\n";
        let got = records(data, 2, 16, 3);
        assert_eq!(got[1].1, ["1", "2", "3"]);
        assert_eq!((got[1].3, got[1].4), (5, false));
        assert_eq!((got[2].3, got[2].4), (2, true));
    }

    #[test]
    fn a_nul_past_the_kept_bytes_is_still_seen() {
        let data = b"h\nabcdefgh\0\n";
        let got = records(data, 4, 3, 4);
        assert_eq!(got[1].1, ["abc"]);
        assert!(got[1].4);
    }
}

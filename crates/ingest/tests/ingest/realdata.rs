//! Real exports, read with the example consultation.toml files in `examples/`: NHS Friends
//! and Family Test comments (a long export with "Did not answer" cells) and US public
//! comments on a federal rule (a regulations.gov export ending in two totals rows). No row
//! may be lost: every data row of the file, counted here independently with the `csv`
//! crate, is a response, a blank answer, an excluded row or a skipped row.
//!
//! The data lives outside the repository, in `../shared/realdata/` beside the clone (see its
//! README). Where it is missing these tests pass with a one-line notice on stderr, so a fresh
//! clone with nothing beside it tests clean; with `TALLY_REQUIRE_REALDATA` set (as `.ci/run`
//! sets it) a missing folder fails them instead, so CI never skips them silently.

use std::path::Path;

use tally_ingest::Consultation;

use crate::common::{problems, run_with};

use tally_benchdata::realdata;

fn example(rel: &str) -> Consultation {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples")).join(rel);
    Consultation::load(&p).unwrap_or_else(|e| panic!("{e}"))
}

/// The data records of a CSV file (after its header), each with the 1-based line it starts
/// on: the `csv` crate's byte position, past any line break it points at (its own line
/// numbers are one early after a `\r\n`), counted in the raw bytes.
fn records(path: &Path) -> (csv::StringRecord, Vec<(u64, csv::StringRecord)>) {
    let raw = std::fs::read(path).unwrap();
    let mut rdr = csv::Reader::from_reader(&raw[..]);
    let header = rdr.headers().unwrap().clone();
    let (mut counted, mut breaks) = (0, 0u64);
    let rows = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            let mut start = r.position().unwrap().byte() as usize;
            while matches!(raw.get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            breaks += raw[counted..start].iter().filter(|&&b| b == b'\n').count() as u64;
            counted = start;
            (breaks + 1, r)
        })
        .collect();
    (header, rows)
}

fn column(header: &csv::StringRecord, name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

#[test]
fn nhs_friends_and_family_test_comments_lose_no_row() {
    let Some(dir) = realdata("nhs-fft") else {
        return;
    };
    let file = dir.join("fft-v6-dev.csv");
    let consultation = example("nhs-fft/consultation.toml");
    let r = run_with(&dir, Some(&consultation));
    assert_eq!(r.paths(), ["fft-v6-dev.csv"]);
    let f = r.file("fft-v6-dev.csv");

    let (header, rows) = records(&file);
    let answer = column(&header, "FFT answer");
    let blank = rows
        .iter()
        .filter(|(_, row)| {
            let a = row[answer].trim().to_lowercase();
            a.is_empty() || a == "did not answer" || a == "n/a"
        })
        .count() as u64;
    let data_rows = rows.len() as u64;
    assert_eq!(data_rows, 3949);

    assert_eq!(f.format, "csv-long");
    assert_eq!(f.rows, data_rows);
    assert_eq!(
        f.responses + f.blank_answers + f.excluded + f.skipped,
        data_rows,
        "{f:#?}"
    );
    assert_eq!(f.blank_answers, blank);
    assert_eq!(f.responses, data_rows - blank);
    assert_eq!((f.excluded, f.skipped, f.warnings), (0, 0, 0), "{f:#?}");
    assert_eq!(r.responses.len() as u64, f.responses);

    // every question cell names a declared question (the 111 question comes with two
    // spellings of its line break), and every response keeps its patient
    let declared: Vec<&str> = consultation
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(r
        .responses
        .iter()
        .all(|x| declared.contains(&x.question.as_str())));
    let nhs111 = r
        .responses
        .iter()
        .filter(|x| x.question == "nhs111")
        .count();
    assert!(nhs111 > 0);
    let (id, respondent) = (
        column(&header, "Comment ID"),
        column(&header, "Respondent ID"),
    );
    let by_line: std::collections::HashMap<u64, &csv::StringRecord> =
        rows.iter().map(|(l, row)| (*l, row)).collect();
    for x in &r.responses {
        let row = by_line[&x.line];
        assert_eq!(
            (x.id.as_str(), x.respondent.as_str()),
            (&row[id], &row[respondent])
        );
        assert_eq!(x.text, row[answer]);
    }
}

#[test]
fn us_public_comments_lose_no_row_and_the_totals_rows_are_excluded() {
    let Some(dir) = realdata("us-public-comments") else {
        return;
    };
    let file = dir.join("title-ix-athletics-2023-sample.csv");
    let consultation = example("us-public-comments/consultation.toml");
    let r = run_with(&dir, Some(&consultation));
    assert_eq!(r.paths(), ["title-ix-athletics-2023-sample.csv"]);
    let f = r.file("title-ix-athletics-2023-sample.csv");

    let (header, rows) = records(&file);
    let data_rows = rows.len() as u64;
    assert_eq!(data_rows, 1002);
    // the last two rows are the stance columns' totals and percentages, nothing else
    let (document, comment) = (column(&header, "Document ID"), column(&header, "Comment"));
    let totals: Vec<u64> = rows
        .iter()
        .filter(|(_, row)| row[document].is_empty() && row[comment].is_empty())
        .map(|(line, _)| *line)
        .collect();
    let last_two: Vec<u64> = rows[rows.len() - 2..].iter().map(|(l, _)| *l).collect();
    assert_eq!(totals, last_two);

    assert_eq!(f.format, "csv-wide");
    assert_eq!(f.rows, data_rows);
    assert_eq!(
        f.responses + f.blank_answers + f.excluded + f.skipped,
        data_rows,
        "{f:#?}"
    );
    assert_eq!(
        (f.responses, f.blank_answers, f.excluded, f.skipped),
        (1000, 0, 2, 0)
    );
    assert_eq!(r.responses.len(), 1000);
    let reason = "row excluded by consultation.toml: summary row (stance totals or percentages of the sample), not a comment";
    assert_eq!(
        problems(f),
        [(Some(last_two[0]), reason), (Some(last_two[1]), reason)]
    );
    assert_eq!(
        f.warnings, 0,
        "a configured exclusion is listed, not a problem"
    );
    // no totals row was read as a response
    assert!(r
        .responses
        .iter()
        .all(|x| !last_two.contains(&x.line) && x.id.starts_with("ED-2022-OCR-0143-")));
}

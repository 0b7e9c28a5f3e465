//! Every text format in every encoding analysts receive: UTF-8 with or without a BOM,
//! UTF-16 LE / BE with a BOM, and Windows-1252 as Excel writes it.

use crate::common::{dir, problems, run, CONSULTATION, WIDE_HEADER};
use crate::fixtures::{cp1252, csv, utf16};

/// Text in every encoding, and the label each should be recorded with. The text is all
/// Windows-1252 (so every encoding can hold it).
fn encodings(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    vec![
        ("utf-8", text.as_bytes().to_vec()),
        ("utf-8-bom", bom),
        ("utf-16le", utf16(text, true)),
        ("utf-16be", utf16(text, false)),
        ("windows-1252", cp1252(text)),
    ]
}

const ANSWER: &str =
    "Caf\u{e9} staff \u{2013} \u{201c}overworked\u{201d}, \u{a3}2.6bn \u{20ac} na\u{ef}ve\u{2026}";

#[test]
fn wide_csv_in_every_encoding() {
    let text = csv(
        &[
            &WIDE_HEADER,
            &["R1", "Parent", "Agree", ANSWER, "Second\nline \u{e9}"],
        ],
        ',',
    );
    for (label, bytes) in encodings(&text) {
        let d = dir(&[
            ("consultation.toml", CONSULTATION.as_bytes()),
            ("export.csv", &bytes),
        ]);
        let r = run(d.path());
        let f = r.file("export.csv");
        assert_eq!(f.encoding, label);
        assert_eq!(f.format, "csv-wide", "{label}: {f:#?}");
        assert!(f.problems.is_empty(), "{label}: {f:#?}");
        assert_eq!(
            r.texts(),
            [("R1:Q1", ANSWER), ("R1:Q2", "Second\nline \u{e9}")],
            "{label}"
        );
        // the hash is of the bytes on disk
        assert_eq!(f.sha256, sha256(&bytes), "{label}");
    }
}

#[test]
fn jsonl_in_every_encoding() {
    let text = format!(
        "{{\"id\":\"a\",\"question\":\"Q1\",\"text\":\"{ANSWER}\"}}\n\n{{\"id\":\"b\",\"question\":\"Q1\",\"text\":\"\u{e9}\"}}\r\n"
    );
    for (label, bytes) in encodings(&text) {
        let d = dir(&[("r.jsonl", &bytes)]);
        let r = run(d.path());
        let f = r.file("r.jsonl");
        assert_eq!(f.encoding, label);
        assert!(f.problems.is_empty(), "{label}: {f:#?}");
        assert_eq!(r.texts(), [("a:Q1", ANSWER), ("b:Q1", "\u{e9}")], "{label}");
        assert_eq!(r.responses[1].line, 3);
    }
}

#[test]
fn text_letters_in_every_encoding() {
    let text = format!("Dear Minister,\r\n\r\n{ANSWER}\r\n");
    for (label, bytes) in encodings(&text) {
        let d = dir(&[("letters/a.txt", &bytes), ("letters/b.md", &bytes)]);
        let r = run(d.path());
        for path in ["letters/a.txt", "letters/b.md"] {
            let f = r.file(path);
            assert_eq!((f.encoding.as_str(), f.format.as_str()), (label, "text"));
            assert!(f.problems.is_empty(), "{label}: {f:#?}");
            assert_eq!(r.response(path).text, text, "{label}");
        }
    }
}

#[test]
fn html_letters_are_decoded_too() {
    let html = format!("<p>Dear Minister,</p><p>{ANSWER}</p>");
    for (label, bytes) in encodings(&html) {
        let d = dir(&[("l.html", &bytes)]);
        let r = run(d.path());
        assert_eq!(r.file("l.html").encoding, label);
        assert_eq!(
            r.response("l.html").text,
            format!("Dear Minister,\n\n{ANSWER}")
        );
    }
}

#[test]
fn a_windows_1252_letter_is_read_not_skipped() {
    // the case that used to be skipped as invalid UTF-8
    let d = dir(&[("letters/latin1.txt", b"Caf\xe9 society needs more money\n")]);
    let r = run(d.path());
    let f = r.file("letters/latin1.txt");
    assert_eq!((f.encoding.as_str(), f.skipped), ("windows-1252", 0));
    assert_eq!(
        r.response("letters/latin1.txt").text,
        "Caf\u{e9} society needs more money\n"
    );
}

#[test]
fn windows_1252_found_far_into_a_streamed_file() {
    // the first non-ASCII byte comes after several read chunks
    let mut rows: Vec<Vec<String>> = vec![vec!["id".into(), "question".into(), "text".into()]];
    for i in 0..5000 {
        rows.push(vec![
            format!("r{i}"),
            "Q1".into(),
            format!("answer number {i}"),
        ]);
    }
    rows.push(vec![
        "last".into(),
        "Q1".into(),
        "na\u{ef}ve caf\u{e9}".into(),
    ]);
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let refs: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let text = csv(&refs, ',');
    assert!(text.len() > 100_000);
    let d = dir(&[("big.csv", &cp1252(&text))]);
    let r = run(d.path());
    assert_eq!(r.file("big.csv").encoding, "windows-1252");
    assert_eq!(r.responses.len(), 5001);
    assert_eq!(r.response("last:Q1").text, "na\u{ef}ve caf\u{e9}");
}

#[test]
fn a_utf8_csv_with_a_stray_bad_byte_skips_that_row_only() {
    let mut bytes = "id,question,text\na,Q1,caf\u{e9}\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"b,Q1,bad \xff byte\nc,Q1,fine\n");
    let d = dir(&[("r.csv", &bytes)]);
    let r = run(d.path());
    let f = r.file("r.csv");
    assert_eq!(f.encoding, "utf-8");
    assert_eq!(r.texts(), [("a:Q1", "caf\u{e9}"), ("c:Q1", "fine")]);
    assert_eq!(
        problems(f),
        [(Some(3), "column \"text\" is not valid UTF-8: row skipped")]
    );
}

#[test]
fn a_utf8_letter_with_a_stray_bad_byte_is_read_with_a_warning() {
    let mut bytes = "caf\u{e9} ".as_bytes().to_vec();
    bytes.extend_from_slice(b"and \xff here");
    let d = dir(&[("l.txt", &bytes)]);
    let r = run(d.path());
    let f = r.file("l.txt");
    assert_eq!(
        (f.encoding.as_str(), f.skipped, f.warnings),
        ("utf-8", 0, 1)
    );
    assert!(problems(f)[0]
        .1
        .contains("invalid UTF-8 (first bad byte at offset 10)"));
    assert_eq!(r.response("l.txt").text, "caf\u{e9} and \u{fffd} here");
}

#[test]
fn malformed_utf16_is_read_with_a_warning() {
    let mut bytes = utf16("id,question,text\na,Q1,x", true);
    bytes.extend([0x00, 0xD8]); // an unpaired surrogate
    bytes.extend(&utf16("y\n", true)[2..]);
    let d = dir(&[("r.csv", &bytes)]);
    let r = run(d.path());
    let f = r.file("r.csv");
    assert_eq!((f.encoding.as_str(), f.warnings), ("utf-16le", 1));
    assert_eq!(r.texts(), [("a:Q1", "x\u{fffd}y")]);
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

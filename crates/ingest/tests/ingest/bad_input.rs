//! Bad input: each gives one clear problem naming the file (and line, where there is one),
//! the rest is read, and nothing panics.

use crate::common::{dir, problems, run};
use crate::fixtures::{docx, eml, ods, odt, pdf, xlsx, Cell};
use tally_ingest::Role;

#[test]
fn truncated_and_corrupt_binary_files_are_skipped_with_a_reason() {
    let sheet: Vec<Vec<Cell>> = vec![
        vec![Cell::Str("id"), Cell::Str("question"), Cell::Str("text")],
        vec![Cell::Str("a"), Cell::Str("Q1"), Cell::Str("x")],
    ];
    let whole: [(&str, Vec<u8>); 5] = [
        ("xlsx", xlsx(&[("S", 1, &sheet)])),
        ("ods", ods(&[("S", &sheet)])),
        ("docx", docx(&["Hello there."])),
        ("odt", odt(&["Hello there."])),
        ("pdf", pdf(&[&[&["Hello there."]]])),
    ];
    for (ext, bytes) in &whole {
        for cut in [1, 30, bytes.len() / 2, bytes.len() - 10] {
            let name = format!("cut-{cut}.{ext}");
            let d = dir(&[(&name, &bytes[..cut]), ("ok.txt", b"Still read.")]);
            let r = run(d.path());
            let f = r.file(&name);
            assert_eq!(f.problems.len(), 1, "{name}: {f:#?}");
            if f.responses == 1 {
                // a PDF whose end was cut can be repaired: read, with a warning
                assert_eq!((*ext, f.warnings), ("pdf", 1), "{name}: {f:#?}");
                assert!(f.problems[0].reason.contains("damaged and repaired"));
            } else {
                assert_eq!(f.skipped, 1, "{name}: {f:#?}");
                assert!(f.problems[0].reason.ends_with("not read"), "{name}: {f:#?}");
            }
            assert_eq!(f.sha256.len(), 64, "{name}");
            assert_eq!(r.response("ok.txt").text, "Still read.");
        }
    }
}

#[test]
fn a_file_of_another_format_under_a_known_extension() {
    let d = dir(&[
        ("really-a-zip.csv", &docx(&["x"])),
        ("really-text.docx", b"Dear Minister, plain text."),
        ("really-text.pdf", b"Dear Minister, plain text."),
        ("really-text.xlsx", b"id,question,text\n"),
        ("really-pdf.eml", &pdf(&[&[&["x"]]])),
    ]);
    let r = run(d.path());
    for path in [
        "really-a-zip.csv",
        "really-text.docx",
        "really-text.pdf",
        "really-text.xlsx",
        "really-pdf.eml",
    ] {
        let f = r.file(path);
        assert_eq!(f.skipped, 1, "{path}: {f:#?}");
        assert_eq!(r.responses.len(), 0, "{path}");
    }
    assert!(problems(r.file("really-a-zip.csv"))[0]
        .1
        .starts_with("binary content (NUL byte"));
    assert!(problems(r.file("really-text.docx"))[0]
        .1
        .contains("not a zip archive"));
    assert_eq!(
        problems(r.file("really-pdf.eml")),
        [(
            None,
            "the content is a PDF file, not email: not read (is the extension wrong?)"
        )]
    );
}

#[test]
fn binary_content_under_a_text_extension_is_skipped() {
    let d = dir(&[
        ("blob.txt", b"some text\x00\x01\x02 more"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("data.csv", b"id,question,\x00text\na,Q1,x"),
        ("data.jsonl", b"{\"id\":\"a\"}\x00\n"),
        ("page.html", b"<p>x</p>\x00"),
    ]);
    let r = run(d.path());
    assert_eq!(
        problems(r.file("image.txt")),
        [(
            None,
            "the content is a PNG image file, not text: not read (is the extension wrong?)"
        )]
    );
    for (path, offset) in [
        ("blob.txt", 9),
        ("data.csv", 12),
        ("data.jsonl", 10),
        ("page.html", 8),
    ] {
        let f = r.file(path);
        assert_eq!(f.skipped, 1, "{path}: {f:#?}");
        assert!(
            f.problems[0]
                .reason
                .starts_with(&format!("binary content (NUL byte at offset {offset})")),
            "{path}: {f:#?}"
        );
        assert_eq!(f.sha256.len(), 64, "{path}");
    }
    assert!(r.responses.is_empty());
}

#[test]
fn a_stray_nul_byte_skips_its_row_not_the_file() {
    // issue 19: one NUL byte made the whole CSV or JSONL file binary, losing every good row
    let d = dir(&[
        ("data.csv", b"id,question,text\na,Q1,Good.\nb,Q1,Bad\x00row.\nc,Q1,Also good.\n"),
        (
            "data.jsonl",
            b"{\"id\":\"j1\",\"question\":\"Q1\",\"text\":\"Fine.\"}\n{\"id\":\"j2\",\x00}\n{\"id\":\"j3\",\"question\":\"Q1\",\"text\":\"Fine too.\"}\n",
        ),
    ]);
    let r = run(d.path());
    assert_eq!(
        r.texts(),
        [
            ("a:Q1", "Good."),
            ("c:Q1", "Also good."),
            ("j1:Q1", "Fine."),
            ("j3:Q1", "Fine too.")
        ]
    );
    assert_eq!(
        problems(r.file("data.csv")),
        [(
            Some(3),
            "row holds a NUL byte (binary content): row skipped"
        )]
    );
    assert_eq!(
        problems(r.file("data.jsonl")),
        [(Some(2), "line holds a NUL byte (binary content): skipped")]
    );
    assert_eq!(r.file("data.csv").role, tally_ingest::Role::Responses);
}

#[test]
fn empty_files_of_every_kind_are_reported() {
    let names = [
        ("e.csv", "csv", Role::Responses),
        ("e.tsv", "csv", Role::Responses),
        ("e.jsonl", "jsonl", Role::Responses),
        ("e.xlsx", "xlsx", Role::Responses),
        ("e.ods", "ods", Role::Responses),
        ("e.txt", "text", Role::Document),
        ("e.md", "text", Role::Document),
        ("e.html", "html", Role::Document),
        ("e.docx", "docx", Role::Document),
        ("e.odt", "odt", Role::Document),
        ("e.pdf", "pdf", Role::Document),
        ("e.eml", "email", Role::Document),
    ];
    let files: Vec<(&str, &[u8])> = names.iter().map(|(n, _, _)| (*n, &b""[..])).collect();
    let d = dir(&files);
    let r = run(d.path());
    for (name, format, role) in names {
        let f = r.file(name);
        assert_eq!((f.role, f.format.as_str()), (role, format), "{name}");
        assert_eq!(
            problems(f),
            [(None, "empty file (0 bytes): nothing to read")],
            "{name}"
        );
        assert_eq!(
            f.sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
    // a CSV holding only a byte-order mark has no header row
    let d = dir(&[("bom.csv", b"\xEF\xBB\xBF")]);
    let r = run(d.path());
    assert_eq!(
        problems(r.file("bom.csv")),
        [(None, "empty file: no header row")]
    );
}

#[test]
fn a_10_mb_answer_and_very_long_lines_are_read_and_truncated_to_the_limit() {
    // issue 19: a response over --max-response-bytes (default 1 MiB) is cut, with a warning
    let max = tally_ingest::DEFAULT_MAX_RESPONSE_BYTES;
    let big: String = "Funding for social work is needed. ".repeat(300_000);
    assert!(big.len() > 10_000_000);
    let csv = format!("id,question,text\nbig,Q1,\"{big}\"\nsmall,Q1,after\n");
    // a JSONL line over 4 × the limit (+ 64 KiB) cannot be read cut short: it is skipped, the
    // lines after it read; a shorter one with a text over the limit is truncated
    let mid = &big[..3_000_000];
    let jsonl = format!(
        "{{\"id\":\"mid\",\"question\":\"Q1\",\"text\":\"{mid}\"}}\n{{\"id\":\"big\",\"question\":\"Q1\",\"text\":\"{big}\"}}\n{{\"id\":\"small\",\"question\":\"Q1\",\"text\":\"after\"}}\n"
    );
    let d = dir(&[
        ("a.csv", csv.as_bytes()),
        ("b.jsonl", jsonl.as_bytes()),
        ("c.txt", big.as_bytes()),
        ("d.docx", &docx(&[&big])),
    ]);
    let r = run(d.path());
    let texts: Vec<(&str, usize)> = r
        .responses
        .iter()
        .map(|x| (x.id.as_str(), x.text.len()))
        .collect();
    assert_eq!(
        texts,
        [
            ("big:Q1", max),
            ("small:Q1", 5),
            ("mid:Q1", max),
            // b.jsonl's "small" answers Q1 as a.csv's does: one id each in the run
            ("b.jsonl/small:Q1", 5),
            ("c.txt", max),
            ("d.docx", max),
        ]
    );
    assert_eq!(r.responses[3].line, 3);
    // (b.jsonl's "small" is renamed: a.csv used its id first)
    assert_eq!(r.report.problems(), 6);
    assert_eq!(
        problems(r.file("a.csv")),
        [(
            Some(2),
            "response big:Q1 is 10500000 bytes, more than the limit of 1048576 (--max-response-bytes): truncated"
        )]
    );
    assert_eq!(
        problems(r.file("b.jsonl")),
        // (a truncation is noted once the file is read)
        [
            (
                Some(2),
                "line is longer than 4259840 bytes (4 × --max-response-bytes + 64 KiB; JSON cut short cannot be read): skipped"
            ),
            (
                Some(1),
                "response mid:Q1 is 3000000 bytes, more than the limit of 1048576 (--max-response-bytes): truncated"
            ),
            (
                Some(3),
                "response id \"small:Q1\" already used in a.csv: read as b.jsonl/small:Q1"
            )
        ]
    );
    assert_eq!(problems(r.file("d.docx")).len(), 1);
}

#[test]
fn an_unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir(&[
        ("locked.csv", b"id,question,text\na,Q1,x\n"),
        ("locked.txt", b"x"),
        ("ok.txt", b"Read."),
    ]);
    for name in ["locked.csv", "locked.txt"] {
        let p = d.path().join(name);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let root = std::fs::read(d.path().join("locked.txt")).is_ok();
    let r = run(d.path());
    assert_eq!(r.response("ok.txt").text, "Read.");
    if root {
        // running as root, permissions do not stop reading: the files are read
        assert_eq!(r.responses.len(), 3);
    } else {
        for name in ["locked.csv", "locked.txt"] {
            let f = r.file(name);
            assert_eq!((f.role, f.skipped), (Role::Unreadable, 1), "{f:#?}");
            assert!(f.problems[0].reason.contains("ermission denied"), "{f:#?}");
        }
    }
}

#[test]
fn a_dangling_link_is_an_unreadable_entry() {
    // the code path of a file that cannot be opened, whoever runs the test
    let d = dir(&[("ok.txt", b"Read.")]);
    std::os::unix::fs::symlink(d.path().join("gone.csv"), d.path().join("dangling.csv")).unwrap();
    let r = run(d.path());
    let f = r.file("dangling.csv");
    assert_eq!((f.role, f.skipped), (Role::Unreadable, 1));
    assert!(f.problems[0].reason.starts_with("cannot read"), "{f:#?}");
    assert_eq!(r.responses.len(), 1);
}

#[test]
fn a_link_loop_is_reported_not_followed() {
    let d = dir(&[("sub/a.txt", b"Once.")]);
    std::os::unix::fs::symlink(d.path().join("sub"), d.path().join("sub/loop")).unwrap();
    let r = run(d.path());
    let f = r.file("sub/loop");
    assert_eq!(
        (f.role, problems(f)),
        (Role::Unreadable, vec![(None, "link loop: not followed")])
    );
    assert_eq!(r.texts(), [("sub/a.txt", "Once.")]);
}

#[test]
fn a_file_name_that_is_not_utf8_is_read_under_a_lossy_name() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = dir(&[]);
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(d.path().join(name), b"Read anyway.").unwrap();
    let dir_name = OsStr::from_bytes(b"l\xf6tters");
    std::fs::create_dir(d.path().join(dir_name)).unwrap();
    std::fs::write(
        d.path().join(dir_name).join("a.csv"),
        b"id,question,text\nx,Q1,y\n",
    )
    .unwrap();
    let r = run(d.path());
    let f = r.file("caf\u{fffd}.txt");
    assert_eq!((f.responses, f.warnings), (1, 1));
    assert_eq!(
        problems(f),
        [(
            None,
            "the file's name is not valid UTF-8: shown as \"caf\u{fffd}.txt\""
        )]
    );
    assert_eq!(r.response("caf\u{fffd}.txt").text, "Read anyway.");
    let f = r.file("l\u{fffd}tters/a.csv");
    assert_eq!((f.responses, f.warnings), (1, 1));
}

#[test]
fn a_broken_email_and_odd_attachments_do_not_stop_the_run() {
    let mut cut = eml(
        "text/plain",
        "Body.",
        &[("a.docx", "application/octet-stream", &docx(&["x"]))],
    );
    cut.truncate(cut.len() - 40);
    let d = dir(&[
        ("cut.eml", &cut),
        ("junk.eml", b"\xff\xfe\xfd not an email at all"),
    ]);
    let r = run(d.path());
    // whatever mail-parser makes of them, each is accounted for and nothing panics
    assert!(r.paths().contains(&"cut.eml") && r.paths().contains(&"junk.eml"));
}

#[test]
fn random_bytes_under_every_extension_never_panic() {
    // property-style: pseudo-random bytes, and random cuts and flips of valid files
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let sheet: Vec<Vec<Cell>> = vec![vec![
        Cell::Str("id"),
        Cell::Str("question"),
        Cell::Str("text"),
    ]];
    let valid: Vec<(&str, Vec<u8>)> = vec![
        ("csv", b"id,question,text\na,Q1,\"multi\nline\"\n".to_vec()),
        (
            "jsonl",
            b"{\"id\":\"a\",\"question\":\"Q\",\"text\":\"t\"}\n".to_vec(),
        ),
        ("txt", "caf\u{e9}\n".as_bytes().to_vec()),
        ("html", b"<p>a &amp; b</p><p>c</p>".to_vec()),
        ("xlsx", xlsx(&[("S", 1, &sheet)])),
        ("ods", ods(&[("S", &sheet)])),
        ("docx", docx(&["a", "b"])),
        ("odt", odt(&["a", "b"])),
        ("pdf", pdf(&[&[&["a b"]]])),
        (
            "eml",
            eml("text/plain", "x", &[("a.txt", "text/plain", b"y")]),
        ),
    ];
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for round in 0..6 {
        for (ext, bytes) in &valid {
            let mut b = bytes.clone();
            match round {
                0 => b = (0..(next() % 600)).map(|_| next() as u8).collect(),
                1 => b.truncate((next() as usize) % b.len().max(1)),
                _ => {
                    for _ in 0..(1 + round) {
                        let i = (next() as usize) % b.len().max(1);
                        if let Some(x) = b.get_mut(i) {
                            *x ^= (next() as u8) | 1;
                        }
                    }
                }
            }
            files.push((format!("f{round}.{ext}"), b));
        }
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let d = dir(&refs);
    let r = run(d.path());
    // every file is accounted for (and `run` checked the report's invariants)
    for (name, _) in &files {
        r.file(name);
    }
}

#[test]
fn issue_19_a_header_or_row_of_millions_of_fields_is_counted_not_held() {
    // every field was held (8 bytes of bounds each, and a string per header name): a file
    // of commas grew 8 to 32 times its size in memory
    let wide_header = format!("id,question,text{}\na,Q1,x\n", ",".repeat(1 << 20));
    let wide_row = format!(
        "id,question,text\nw,Q1,wide{}\nn,Q1,narrow\n",
        ",".repeat(1 << 20)
    );
    let d = dir(&[
        ("header.csv", wide_header.as_bytes()),
        ("row.csv", wide_row.as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("header.csv");
    assert_eq!((f.role, f.rows), (Role::Unreadable, 0), "{f:#?}");
    assert_eq!(
        problems(f),
        [(
            Some(1),
            "the header row is too large (1048579 columns; at most 1048576 columns and 16 MiB): file not read"
        )]
    );
    assert_eq!(
        problems(r.file("row.csv")),
        [(
            Some(2),
            "row has 1048579 fields, the header has 3: row skipped"
        )]
    );
    assert_eq!(r.response("n:Q1").text, "narrow");
}

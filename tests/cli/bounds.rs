//! Issue 19: inputs that could exhaust the machine are bounded, each run under a memory
//! limit (`ulimit -v`) beside a good file whose response must still be read and whose
//! outputs must still be written; and what can be kept is kept.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::common::{fixture, Run, CODEBOOK};

/// Virtual memory a run may use, in KiB. Address space, not resident memory: mimalloc
/// reserves arenas well beyond what it uses, so the limit is 1 GiB although these runs stay
/// under 100 MB resident; before issue 19 each bomb here needed several GiB, or 512 GiB.
const LIMIT_KIB: u64 = 1024 * 1024;

/// Runs `tally analyse in --out out --quiet EXTRA…` in `dir` under `ulimit -v LIMIT_KIB`.
fn analyse_limited(dir: &Path, extra: &[&str]) -> Run {
    analyse_under(dir, LIMIT_KIB, extra)
}

/// Runs `tally analyse in --out out --quiet EXTRA…` in `dir` under `ulimit -v kib`.
fn analyse_under(dir: &Path, kib: u64, extra: &[&str]) -> Run {
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_tally"))
        .args(["analyse", "in", "--out", "out", "--quiet", "--threads", "2"])
        .args(extra)
        .current_dir(dir)
        .output()
        .expect("bash runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A folder `in/` with the codebook, a good long CSV and `files`.
fn input(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let mut all: Vec<(&str, &[u8])> = vec![
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        (
            "in/good.csv",
            b"id,question,text\nG1,Q1,We need more money.\n",
        ),
    ];
    all.extend_from_slice(files);
    fixture(&all)
}

/// run.json's entry for `path`, and the ids of the responses coded (from audit.jsonl).
fn file_and_ids(dir: &Path, path: &str) -> (serde_json::Value, Vec<String>) {
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/run.json")).unwrap()).unwrap();
    let file = run["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} in run.json"))
        .clone();
    let audit = std::fs::read_to_string(dir.join("out/audit.jsonl")).unwrap();
    let mut ids: Vec<String> = audit
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["response_id"].as_str().map(str::to_string))
        .collect();
    ids.dedup();
    (file, ids)
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An XLSX workbook of one sheet whose `<sheetData>` is `rows`.
fn xlsx(rows: &str) -> Vec<u8> {
    let parts = xlsx_parts(rows);
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (*n, d.as_bytes())).collect();
    zip(&parts)
}

/// The parts of an XLSX workbook of one sheet whose `<sheetData>` is `rows`.
fn xlsx_parts(rows: &str) -> Vec<(&'static str, String)> {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    vec![
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml", format!("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{rel}\"><sheets><sheet name=\"Responses\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>")),
    ]
}

/// An inline-string cell.
fn cell(at: &str, text: &str) -> String {
    format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

#[test]
fn issue_19_an_xlsx_cell_at_xfd1048576_is_read_as_one_cell() {
    // a 2 KB workbook made the reader build a grid of 17 billion cells: the process aborted
    let rows = format!(
        "<row r=\"1\">{}{}{}</row><row r=\"2\">{}{}{}</row><row r=\"1048576\">{}</row>",
        cell("A1", "id"),
        cell("B1", "question"),
        cell("C1", "text"),
        cell("A2", "X1"),
        cell("B2", "Q1"),
        cell("C2", "Caseloads are crushing us."),
        cell("XFD1048576", "far away")
    );
    let book = xlsx(&rows);
    assert!(book.len() < 4096, "{}", book.len());
    let dir = input(&[("in/sparse.xlsx", &book)]);
    let run = analyse_limited(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (file, ids) = file_and_ids(dir.path(), "sparse.xlsx");
    assert_eq!(file["responses"], 1, "{file}");
    assert_eq!(ids, ["G1:Q1", "X1:Q1"]);
}

#[test]
fn issue_19_an_ods_row_repeated_6000_times_16384_cells_wide_is_reported() {
    // 1 KB of ODS peaked at 7.5 GB and exited 0
    let content = "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Bomb\"><table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>more money</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    let book = zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    assert!(book.len() < 2048, "{}", book.len());
    let dir = input(&[("in/bomb.ods", &book)]);
    let run = analyse_limited(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bomb.ods: sheet \"Bomb\" would expand to 98304000 cells"),
        "{}",
        run.stderr
    );
    let (file, ids) = file_and_ids(dir.path(), "bomb.ods");
    assert_eq!(file["skipped"], 1, "{file}");
    assert_eq!(ids, ["G1:Q1"]);
}

#[test]
fn max_response_bytes_truncates_at_a_character_boundary() {
    let dir = input(&[(
        "in/letter.txt",
        "Caf\u{e9} more money, more money.".as_bytes(),
    )]);
    let run = analyse_limited(dir.path(), &["--max-response-bytes", "4"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "letter.txt:1: response letter.txt is 29 bytes, more than the limit of 4 (--max-response-bytes): truncated"
        ),
        "{}",
        run.stderr
    );
    let audit = std::fs::read_to_string(dir.path().join("out/audit.jsonl")).unwrap();
    assert!(!audit.contains("more money"), "{audit}");
    let bad = crate::common::tally(
        dir.path(),
        &[
            "analyse",
            "in",
            "--out",
            "out2",
            "--max-response-bytes",
            "0",
        ],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[cfg(unix)]
#[test]
fn issue_19_a_fifo_is_listed_in_run_json_as_skipped() {
    let dir = input(&[]);
    let made = Command::new("mkfifo")
        .arg(dir.path().join("in/pipe.jsonl"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let run = analyse_limited(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let (file, ids) = file_and_ids(dir.path(), "pipe.jsonl");
    assert_eq!(file["role"], "unreadable", "{file}");
    assert_eq!(
        file["problems"][0]["reason"],
        "not a regular file (a FIFO): not read"
    );
    assert_eq!(ids, ["G1:Q1"]);
}

/// Address space for the runs reading a 33 MB cell or line, in KiB: a run of the small
/// fixture needs under 128 MiB, one with such a cell under 160 MiB; the reader before
/// issue 19's bounds held the cell several times over (its record buffer doubling, then
/// the response's copy: 182 MB of heap, `crates/ingest/tests/memory.rs`).
const TIGHT_KIB: u64 = 224 * 1024;

/// 33 MB of text in short lines (a cell or JSON string of many lines, as a pasted document).
fn big_text() -> String {
    "more money is needed\n".repeat((32 << 20) / 21 + 1000)
}

#[test]
fn issue_19_a_33_mb_csv_cell_is_read_in_bounded_memory() {
    // a 220 MB cell peaked at 563 MB resident: the record was held whole while parsed
    let body = big_text();
    let csv = format!("id,question,text\nB1,Q1,\"{body}\"\nB2,Q1,Caseloads after the big one.\n");
    let dir = input(&[("in/big.csv", csv.as_bytes())]);
    let run = analyse_under(dir.path(), TIGHT_KIB, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = format!(
        "big.csv:2: response B1:Q1 is {} bytes, more than the limit of 1048576 (--max-response-bytes): truncated",
        body.len()
    );
    assert!(run.stderr.contains(&said), "{}", run.stderr);
    let (file, ids) = file_and_ids(dir.path(), "big.csv");
    assert_eq!(
        (&file["responses"], &file["warnings"]),
        (&2.into(), &1.into()),
        "{file}"
    );
    assert_eq!(ids, ["B1:Q1", "B2:Q1", "G1:Q1"]);
}

#[test]
fn issue_19_a_33_mb_jsonl_line_is_skipped_in_bounded_memory() {
    // a JSONL line up to 256 MiB was held whole (then parsed, then copied)
    let body = big_text().replace('\n', "\\n");
    let jsonl = format!(
        "{{\"id\":\"B1\",\"question\":\"Q1\",\"text\":\"{body}\"}}\n{{\"id\":\"B2\",\"question\":\"Q1\",\"text\":\"Caseloads after the big one.\"}}\n"
    );
    let dir = input(&[("in/big.jsonl", jsonl.as_bytes())]);
    let run = analyse_under(dir.path(), TIGHT_KIB, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "big.jsonl:1: line is longer than 4259840 bytes (4 × --max-response-bytes + 64 KiB; JSON cut short cannot be read): skipped"
        ),
        "{}",
        run.stderr
    );
    let (file, ids) = file_and_ids(dir.path(), "big.jsonl");
    assert_eq!(
        (&file["responses"], &file["skipped"]),
        (&1.into(), &1.into()),
        "{file}"
    );
    assert_eq!(ids, ["B2:Q1", "G1:Q1"]);
}

/// A zip holding `parts`, then `big`: its `head`, `len` bytes of `fill` and its `tail`,
/// deflated as written (about 1,000 to 1: a few hundred KB for hundreds of MB), then copied
/// (compressed) under each of `copies`.
fn zip_bomb(
    parts: &[(&str, &[u8])],
    big: (&str, &str, u8, usize, &str),
    copies: &[&str],
) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    let (name, head, fill, len, tail) = big;
    w.start_file(name, opts).unwrap();
    w.write_all(head.as_bytes()).unwrap();
    let chunk = vec![fill; 1 << 20];
    for _ in 0..len >> 20 {
        w.write_all(&chunk).unwrap();
    }
    w.write_all(tail.as_bytes()).unwrap();
    for copy in copies {
        w.deep_copy_file(name, copy).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A one-response sheet: header `id, question, text`, and `id` answering Q1.
fn one_row(id: &str) -> String {
    format!(
        "<row r=\"1\">{}{}{}</row><row r=\"2\">{}{}{}</row>",
        cell("A1", "id"),
        cell("B1", "question"),
        cell("C1", "text"),
        cell("A2", id),
        cell("B2", "Q1"),
        cell("C2", "We need more money.")
    )
}

#[test]
fn issue_19_deflate_bombs_are_reported_from_their_declared_sizes_and_not_read() {
    // (file, bomb, what is said): each would hold hundreds of MB or GB if read
    let parts = xlsx_parts(&one_row("X1"));
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (*n, d.as_bytes())).collect();
    let mib = 1 << 20;
    // shared strings are held whole: one string of 300 MiB
    let strings = zip_bomb(
        &parts,
        (
            "xl/sharedStrings.xml",
            "<sst><si><t>",
            b'a',
            300 * mib,
            "</t></si></sst>",
        ),
        &[],
    );
    // sheets stream, but not without end: 34 parts of 64 MiB
    let names: Vec<String> = (2..=34)
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let sheets = zip_bomb(
        &parts,
        (
            "xl/worksheets/sheet99.xml",
            "<worksheet><sheetData><row><c><v>",
            b'1',
            64 * mib,
            "</v></c></row></sheetData></worksheet>",
        ),
        &names,
    );
    // a letter's body is read whole: the same 300 MiB (copied compressed, not made again)
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(&strings)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.raw_copy_file_rename(
        from.by_name("xl/sharedStrings.xml").unwrap(),
        "word/document.xml",
    )
    .unwrap();
    let letter = w.finish().unwrap().into_inner();
    for (name, bytes) in [
        ("strings.xlsx", &strings),
        ("sheets.xlsx", &sheets),
        ("letter.docx", &letter),
    ] {
        assert!(bytes.len() < 4 << 20, "{name}: {} bytes", bytes.len());
    }
    let good = xlsx(&one_row("X2"));
    let dir = input(&[
        ("in/strings.xlsx", &strings),
        ("in/sheets.xlsx", &sheets),
        ("in/letter.docx", &letter),
        ("in/good.xlsx", &good),
    ]);
    let run = analyse_limited(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "strings.xlsx: its part \"xl/sharedStrings.xml\" expands to 314572827 bytes, more than the 256 MiB read whole: file not read",
        "sheets.xlsx: its parts expand to 2281705556 bytes, more than the 2 GiB limit: file not read",
        "letter.docx: word/document.xml of this DOCX file is 300 MiB, over the 256 MiB limit: file not read",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    for (name, role) in [
        ("strings.xlsx", "unreadable"),
        ("sheets.xlsx", "unreadable"),
        ("letter.docx", "document"),
    ] {
        let (file, _) = file_and_ids(dir.path(), name);
        assert_eq!(
            (&file["role"], &file["skipped"], &file["responses"]),
            (&role.into(), &1.into(), &0.into()),
            "{file}"
        );
    }
    let (file, ids) = file_and_ids(dir.path(), "good.xlsx");
    assert_eq!(file["responses"], 1, "{file}");
    assert_eq!(ids, ["G1:Q1", "X2:Q1"]);
}

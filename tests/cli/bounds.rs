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
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\" \"$@\""))
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
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    zip(&[
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"),
        ("_rels/.rels", format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").as_bytes()),
        ("xl/workbook.xml", format!("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{rel}\"><sheets><sheet name=\"Responses\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").as_bytes()),
        ("xl/_rels/workbook.xml.rels", format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>").as_bytes()),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>").as_bytes()),
    ])
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
    assert_eq!(ids, ["G1", "X1"]);
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
    assert_eq!(ids, ["G1"]);
}

#[test]
fn issue_19_one_huge_csv_cell_is_truncated_and_the_rest_read() {
    // one 200 MB cell peaked at 2.2 GB; 11 MB here (a debug build reads it twice, slowly)
    let mut big = b"id,question,text\nB1,Q1,\"".to_vec();
    big.extend_from_slice(&b"lorem ipsum".repeat(1 << 20));
    big.extend_from_slice(b"\"\nB2,Q1,Caseloads after the big one.\n");
    let dir = input(&[("in/big.csv", &big)]);
    let run = analyse_limited(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "big.csv:2: response B1 is 11534336 bytes, more than the limit of 1048576 (--max-response-bytes): truncated"
        ),
        "{}",
        run.stderr
    );
    let (file, ids) = file_and_ids(dir.path(), "big.csv");
    assert_eq!(
        (&file["responses"], &file["warnings"]),
        (&2.into(), &1.into()),
        "{file}"
    );
    assert_eq!(ids, ["B1", "B2", "G1"]);
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
    assert_eq!(ids, ["G1"]);
}

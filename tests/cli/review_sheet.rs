//! The review file a person can use (issue 18 §5): `coded.csv` and `coded.xlsx` list every
//! coded response with its text, themes and evidence; a reviewer marks the `decision`
//! column, and `tally analyse --review` applies it as it applies a JSON decisions file.

use std::path::Path;

use calamine::Reader;

use crate::common::{fixture, read_output, root, tally};

const BOOK: &str = "[[themes]]\nid = \"funding\"\nlabel = \"Funding\"\n[[themes.rules]]\nmatch = [\"more money\"]\n\n[[themes]]\nid = \"pay\"\nlabel = \"Pay\"\n[[themes.rules]]\nmatch = [\"salary\"]\n";

const RESPONSES: &str = concat!(
    "{\"id\":\"1\",\"question\":\"Q\",\"text\":\"more money please\"}\n",
    "{\"id\":\"2\",\"question\":\"Q\",\"text\":\"more money and a better salary\"}\n",
    "{\"id\":\"3\",\"question\":\"Q\",\"text\":\"the wages are poor\"}\n",
    "{\"id\":\"=4\",\"question\":\"Q\",\"text\":\"Write to jo.bloggs@example.com about more money\"}\n",
);

/// The fixture, analysed into `out`.
fn analysed() -> tempfile::TempDir {
    let dir = fixture(&[
        ("in/codebook.toml", BOOK.as_bytes()),
        ("in/a.jsonl", RESPONSES.as_bytes()),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// themes.csv's overall count of `theme` for question Q.
fn count(out: &Path, theme: &str) -> u64 {
    let csv = read_output(out, "themes.csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    r.records()
        .map(Result::unwrap)
        .find(|row| &row[0] == "Q" && &row[1] == theme && &row[3] == "all")
        .map_or(0, |row| row[4].parse().unwrap())
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        tally_review::CODED_COLUMNS
    );
    r.records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// Analyses the fixture again with `review` (in the fixture's directory) into `out2`, and
/// checks the decisions moved the counts by exactly one each and are listed.
fn check_reviewed(dir: &Path, review: &str) {
    let (before_funding, before_pay) = (
        count(&dir.join("out"), "funding"),
        count(&dir.join("out"), "pay"),
    );
    let run = tally(
        dir,
        &[
            "analyse",
            "in",
            "--out",
            "out2",
            "--quiet",
            "--review",
            review,
            "--reviewer",
            "CD",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out2 = dir.join("out2");
    assert_eq!(
        count(&out2, "funding"),
        before_funding - 1,
        "one funding coding rejected"
    );
    assert_eq!(count(&out2, "pay"), before_pay + 1, "one pay coding added");
    let manifest: serde_json::Value =
        serde_json::from_str(&read_output(&out2, "run.json")).unwrap();
    let review_info = &manifest["review"];
    assert_eq!(review_info["path"], review);
    assert_eq!(review_info["decisions"], 3);
    assert_eq!(review_info["rejected"], 1);
    assert_eq!(review_info["added"], 1);
    assert_eq!(review_info["accepted"], 1);
    assert_eq!(review_info["unmatched"].as_array().unwrap().len(), 0);
    // the audit names the reviewers: the row's own, else --reviewer
    let audit = std::fs::read_to_string(out2.join("audit.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["rejected"][0]["reviewer"], "AB");
    assert_eq!(lines[0]["rejected"][0]["note"], "sarcastic");
    assert_eq!(lines[2]["themes"][0]["review"]["reviewer"], "CD");
    // the new coded.csv shows the decisions applied, written out in full, and reads back as
    // the same decisions
    let after = rows(&out2.join("coded.csv"));
    assert_eq!(&after[0][7], "");
    assert_eq!(&after[0][9], "reject funding");
    assert_eq!(&after[2][7], "pay");
    assert_eq!(&after[2][9], "add pay");
    assert_eq!(&after[2][10], "CD");
    let again = tally(
        dir,
        &[
            "analyse",
            "in",
            "--out",
            "out3",
            "--quiet",
            "--review",
            "out2/coded.csv",
        ],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        read_output(&dir.join("out3"), "themes.csv"),
        read_output(&out2, "themes.csv")
    );
}

#[test]
fn issue_18_coded_csv_lists_every_response_and_a_reviewed_copy_applies_its_decisions() {
    let dir = analysed();
    let out = dir.path().join("out");
    let mut rows = rows(&out.join("coded.csv"));
    // every response, the one that raised no theme included, in input order
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["1:Q", "2:Q", "3:Q", "'=4:Q"],
        "the formula-like id is neutralised"
    );
    assert_eq!(&rows[1][7], "funding;pay");
    assert_eq!(&rows[1][8], "funding: \"more money\"; pay: \"salary\"");
    assert_eq!(&rows[2][7], "", "no theme");
    assert_eq!(
        &rows[3][6], "Write to [email] about more money",
        "the text is redacted"
    );
    assert!(rows.iter().all(|r| r[9].is_empty() && r[10].is_empty()));
    // the reviewer: rejects response 1's only theme (a bare verb), accepts 2's pay and adds
    // pay to 3 (the reviewer from --reviewer)
    rows[0][9] = "reject".into();
    rows[0][10] = "AB".into();
    rows[0][11] = "sarcastic".into();
    rows[1][9] = "Accept pay".into();
    rows[2][9] = "add pay".into();
    let mut w = csv::Writer::from_path(dir.path().join("reviewed.csv")).unwrap();
    w.write_record(tally_review::CODED_COLUMNS).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    check_reviewed(dir.path(), "reviewed.csv");
}

#[test]
fn issue_18_coded_xlsx_holds_the_rows_and_tables_and_a_reviewed_copy_applies_its_decisions() {
    let dir = analysed();
    let out = dir.path().join("out");
    let mut book = calamine::open_workbook_auto(out.join("coded.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["coded", "themes", "closed", "about", "lists"]
    );
    let themes = book.worksheet_range("themes").unwrap();
    // themes.csv's table, its counts as numbers
    let themes_csv = read_output(&out, "themes.csv");
    assert_eq!(themes.get_size().0, themes_csv.lines().count());
    assert!(matches!(themes.get((1, 4)), Some(calamine::Data::Float(_))));
    let coded = book.worksheet_range("coded").unwrap();
    let cells: Vec<Vec<String>> = coded
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    // the same cells as coded.csv
    let csv_rows = rows(&out.join("coded.csv"));
    assert_eq!(cells.len(), 1 + csv_rows.len());
    for (got, want) in cells[1..].iter().zip(&csv_rows) {
        assert_eq!(got, want);
    }
    // the reviewer's copy, saved from a spreadsheet
    let mut edited = rust_xlsxwriter::Workbook::new();
    let sheet = edited.add_worksheet().set_name("coded").unwrap();
    for (r, row) in cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    sheet.write_string(1, 9, "reject funding").unwrap();
    sheet.write_string(1, 10, "AB").unwrap();
    sheet.write_string(1, 11, "sarcastic").unwrap();
    sheet.write_string(2, 9, "accept pay").unwrap();
    sheet.write_string(3, 9, "add PAY").unwrap();
    edited.save(dir.path().join("reviewed.xlsx")).unwrap();
    check_reviewed(dir.path(), "reviewed.xlsx");
}

#[test]
fn issue_18_a_malformed_decision_cell_is_an_error_naming_its_row() {
    let dir = analysed();
    let mut rows = rows(&dir.path().join("out/coded.csv"));
    rows[1][9] = "reject".into(); // response 2 has two themes
    let mut w = csv::Writer::from_path(dir.path().join("reviewed.csv")).unwrap();
    w.write_record(tally_review::CODED_COLUMNS).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    drop(w);
    let run = tally(
        dir.path(),
        &[
            "analyse",
            "in",
            "--out",
            "out2",
            "--quiet",
            "--review",
            "reviewed.csv",
            "--reviewer",
            "AB",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "reviewed.csv: row 3 (2:Q): a bare `reject` needs a row with exactly one theme (this row has 2): write `reject THEME`"
        ),
        "{}",
        run.stderr
    );
    // the review file must not be the coded.csv the run is about to replace
    std::fs::copy(
        dir.path().join("reviewed.csv"),
        dir.path().join("out/coded.csv"),
    )
    .unwrap();
    let run = tally(
        dir.path(),
        &[
            "analyse",
            "in",
            "--out",
            "out",
            "--quiet",
            "--review",
            "out/coded.csv",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("would be overwritten"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_18_coded_csv_of_the_corpus_has_every_response_campaign_copies_and_no_theme_rows() {
    let out = root().join("output");
    let rows = rows(&out.join("coded.csv"));
    let audit = std::fs::read_to_string(out.join("audit.jsonl")).unwrap();
    assert_eq!(rows.len(), audit.lines().count());
    for (row, line) in rows.iter().zip(audit.lines()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(&row[0], v["response_id"].as_str().unwrap());
        let themes: Vec<&str> = v["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["theme"].as_str().unwrap())
            .collect();
        assert_eq!(row[7], themes.join(";"));
        assert_eq!(&row[4], v["campaign"]["id"].as_str().unwrap_or(""));
        if v["redacted"].as_array().is_some_and(|r| !r.is_empty()) {
            assert!(row[6].contains('[') && row[6].contains(']'), "{}", &row[6]);
        }
    }
    assert!(rows.iter().filter(|r| r[7].is_empty()).count() > 50);
    assert!(rows.iter().filter(|r| &r[5] == "copy").count() > 5);
}

#[test]
fn issue_18_coded_xlsx_is_the_same_bytes_whatever_the_run() {
    // the committed workbook (two worker threads) against a one-thread run: no clock, no
    // thread order in it
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    crate::common::analyse_corpus(&out, &["--threads", "1"]);
    let fresh = std::fs::read(out.join("coded.xlsx")).unwrap();
    let committed = std::fs::read(root().join("output/coded.xlsx")).unwrap();
    assert!(
        fresh == committed,
        "output/coded.xlsx is stale: run `just analyse corpus/` and commit"
    );
}

#[test]
fn issue_19_a_run_without_the_workbook_removes_the_previous_runs() {
    // outputs are all one run's: a coded.xlsx left from an earlier run would be a stale
    // review sheet beside the new coded.csv (found in review)
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    crate::common::analyse_corpus(&out, &[]);
    assert!(out.join("coded.xlsx").exists());
    crate::common::analyse_corpus(&out, &["--xlsx", "never"]);
    assert!(!out.join("coded.xlsx").exists());
    assert!(out.join("coded.csv").exists() && out.join("run.json").exists());
}

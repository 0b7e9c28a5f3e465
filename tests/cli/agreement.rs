//! Issue 20: `tally analyse` and `tally agree` make the same comparisons with human coding
//! (one function, `tally_review::agreements`), and `tally agree` reads audit.jsonl as typed
//! lines.

use crate::common::{fixture, read_output, tally, CODEBOOK};

const CONSULTATION: &str = "gold = [\"gold-*.csv\"]\n[respondents]\nid_column = \"ID\"\n\
[[questions]]\nid = \"Q1\"\ntext = \"Anything?\"\nkind = \"open\"\ntext_column = \"Q1 text\"\n";

/// Ten respondents: 1–5 ask for more money (funding), 6–10 mention caseloads (workload).
fn responses() -> String {
    let mut csv = String::from("ID,Q1 text\n");
    for i in 1..=10 {
        let text = if i <= 5 {
            "more money please"
        } else {
            "caseloads"
        };
        csv.push_str(&format!("{i},{text}\n"));
    }
    csv
}

/// A hand-coded sample of respondents `ids`, coding funding for those in `funding`.
fn gold(ids: &[u32], funding: &[u32]) -> String {
    let mut csv = String::from("response_id,question,respondent_type,text,funding,workload\n");
    for i in ids {
        let f = u8::from(funding.contains(i));
        let w = u8::from(*i > 5);
        csv.push_str(&format!("{i}:Q1,Q1,,text,{f},{w}\n"));
    }
    csv
}

/// Per comparison: the file names of A and B, items, macro F1 and kappa, micro F1, and
/// each theme's F1 — from run.json's `agreement` or from `tally agree --json`.
fn figures(list: &serde_json::Value, micro: &str) -> Vec<String> {
    let short = |v: &serde_json::Value| {
        let s = v.as_str().expect("a name");
        s.rsplit('/').next().unwrap_or(s).to_string()
    };
    list.as_array()
        .expect("a list of comparisons")
        .iter()
        .map(|a| {
            let themes: Vec<String> = a["themes"]
                .as_array()
                .expect("themes")
                .iter()
                .map(|t| format!("{}={}", t["theme"], t["f1"]))
                .collect();
            format!(
                "{} vs {}: {} items, macro F1 {}, macro kappa {}, micro F1 {}, {}",
                short(&a["a"]),
                short(&a["b"]),
                a["items"],
                a["macro_f1"],
                a["macro_kappa"],
                a.pointer(micro).unwrap_or(&serde_json::Value::Null),
                themes.join(" ")
            )
        })
        .collect()
}

/// Three samples: `analyse` compared every pair of them, `agree` only the first two.
#[test]
fn issue_20_analyse_and_agree_compare_the_same_pairs_with_the_same_figures() {
    let (a, b, c) = (
        gold(&[1, 2, 3, 6, 7], &[1, 2, 3]),
        gold(&[1, 2, 4, 6, 8], &[1, 4, 8]),
        gold(&[2, 3, 5, 9], &[2, 9]),
    );
    let dir = fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/r.csv", responses().as_bytes()),
        ("in/gold-a.csv", a.as_bytes()),
        ("in/gold-b.csv", b.as_bytes()),
        ("in/gold-c.csv", c.as_bytes()),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest: serde_json::Value =
        serde_json::from_str(&read_output(&dir.path().join("out"), "run.json")).unwrap();
    let analysed = figures(&manifest["agreement"], "/micro_f1");
    assert_eq!(analysed.len(), 6, "{analysed:#?}");

    let agree = tally(
        dir.path(),
        &[
            "agree",
            "--gold",
            "in/gold-a.csv",
            "--gold",
            "in/gold-b.csv",
            "--gold",
            "in/gold-c.csv",
            "--audit",
            "out/audit.jsonl",
            "--json",
            "agree.json",
        ],
    );
    assert_eq!(agree.code, 0, "{}", agree.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&read_output(dir.path(), "agree.json")).unwrap();
    assert_eq!(figures(&json, "/micro/f1"), analysed);
    assert!(
        agree.stdout.contains("## gold-b.csv against gold-c.csv"),
        "{}",
        agree.stdout
    );
}

/// A line of audit.jsonl that is not an audit line stops `tally agree` and `tally review
/// export` with its file and line number (it used to count as a response with no themes,
/// or a theme named "").
#[test]
fn issue_20_a_malformed_audit_line_is_an_error_with_its_line_number() {
    let line = r#"{"response_id":"1:Q1","respondent_id":"1","question":"Q1","respondent_type":"","text_bytes":9,"source":{"file":"r.csv","line":2},"themes":[{"theme":"workload","rule":"r","evidence":[]}]}"#;
    let bad = line.replace(r#""theme":"workload","#, "");
    let audit = format!("{line}\n{bad}\n");
    let dir = fixture(&[
        ("audit.jsonl", audit.as_bytes()),
        ("gold.csv", gold(&[1], &[]).as_bytes()),
    ]);
    let agree = tally(
        dir.path(),
        &["agree", "--gold", "gold.csv", "--audit", "audit.jsonl"],
    );
    assert_ne!(agree.code, 0, "{}", agree.stdout);
    assert!(
        agree
            .stderr
            .contains("audit.jsonl:2: missing field `theme`"),
        "{}",
        agree.stderr
    );
    let export = tally(
        dir.path(),
        &[
            "review",
            "export",
            "--audit",
            "audit.jsonl",
            "--reviewer",
            "A",
        ],
    );
    assert_ne!(export.code, 0, "{}", export.stdout);
    assert!(
        export.stderr.contains("audit.jsonl:2: "),
        "{}",
        export.stderr
    );
}

/// A sample coded from a long export before each answer had an id of its own (`D1` on the
/// rows of both of D1's answers) is compared answer by answer by `tally agree`, each row
/// matched to the audit's response through its question; a row naming no response is named
/// on stderr with its line.
#[test]
fn an_old_sample_of_a_long_export_is_compared_answer_by_answer() {
    let dir = fixture(&[
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        (
            "in/long.csv",
            b"id,question,text\nD1,Q1,We need more money.\nD1,Q2,Caseloads are crushing us.\nD2,Q1,More money please.\n",
        ),
        (
            "gold.csv",
            b"response_id,question,respondent_type,text,funding,workload\nD1,Q1,Not stated,t,1,\nD1,Q2,Not stated,t,,1\nD2,Q1,Not stated,t,1,\nD9,Q1,Not stated,t,1,\n",
        ),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let agree = tally(
        dir.path(),
        &[
            "agree",
            "--gold",
            "gold.csv",
            "--audit",
            "out/audit.jsonl",
            "--json",
            "agree.json",
        ],
    );
    assert_eq!(agree.code, 0, "{}", agree.stderr);
    assert!(
        agree.stderr.contains(
            "gold.csv:5: response_id D9: no response with this id and question Q1 in this run: not compared"
        ),
        "{}",
        agree.stderr
    );
    let json: serde_json::Value =
        serde_json::from_str(&read_output(dir.path(), "agree.json")).unwrap();
    assert_eq!(json[0]["items"], 3, "{json:#}");
    assert_eq!(json[0]["micro"]["f1"], 1.0, "{json:#}");
}

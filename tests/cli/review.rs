//! The review loop (issue 4): export decisions, re-apply them, sample for double-coding,
//! compare with human coding.

use crate::common::{fixture, read_output, root, tally};

fn themes_csv(dir: &std::path::Path) -> String {
    read_output(dir, "themes.csv")
}

#[test]
fn issue_4_round_trip_accepting_every_coding_keeps_the_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let run = tally(
        &root(),
        &[
            "analyse",
            "corpus/",
            "--out",
            a.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let export = tally(
        &root(),
        &[
            "review",
            "export",
            "--audit",
            a.join("audit.jsonl").to_str().unwrap(),
            "--reviewer",
            "AB",
        ],
    );
    assert_eq!(export.code, 0, "{}", export.stderr);
    let decisions = tmp.path().join("decisions.json");
    std::fs::write(&decisions, &export.stdout).unwrap();
    let run = tally(
        &root(),
        &[
            "analyse",
            "corpus/",
            "--out",
            b.to_str().unwrap(),
            "--quiet",
            "--review",
            decisions.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(themes_csv(&a), themes_csv(&b));
    let manifest: serde_json::Value = serde_json::from_str(&read_output(&b, "run.json")).unwrap();
    let n = manifest["review"]["decisions"].as_u64().unwrap();
    assert!(n > 1000);
    assert_eq!(manifest["review"]["accepted"].as_u64().unwrap(), n);
    let audit = std::fs::read_to_string(b.join("audit.jsonl")).unwrap();
    assert!(audit.contains("\"review\":{\"decision\":\"accept\""));
    // every line in its place: the reviewed responses' lines (made in the merge) fall
    // between the others' (written by the workers) exactly where the run without decisions
    // has them, and, but for the decisions, say the same
    let before = std::fs::read_to_string(a.join("audit.jsonl")).unwrap();
    let unreviewed: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            for t in v["themes"].as_array_mut().into_iter().flatten() {
                t.as_object_mut().unwrap().remove("review");
            }
            v
        })
        .collect();
    let want: Vec<serde_json::Value> = before
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(unreviewed.len(), want.len());
    let reviewed = audit.lines().filter(|l| l.contains("\"review\":")).count();
    let plain = audit.lines().count() - reviewed;
    assert!(
        reviewed > 500 && plain > 500,
        "{reviewed} reviewed, {plain} not"
    );
    for (i, (got, want)) in unreviewed.iter().zip(&want).enumerate() {
        assert_eq!(got, want, "audit line {i}");
    }
}

const BOOK: &str = "[[themes]]\nid = \"funding\"\nlabel = \"Funding\"\n[[themes.rules]]\nmatch = [\"more money\"]\n\n[[themes]]\nid = \"pay\"\nlabel = \"Pay\"\n[[themes.rules]]\nmatch = [\"salary\"]\n";

#[test]
fn issue_4_reject_add_and_stale_decisions() {
    let dir = fixture(&[
        ("in/codebook.toml", BOOK.as_bytes()),
        ("in/a.jsonl", b"{\"id\":\"1\",\"question\":\"Q\",\"text\":\"more money please\"}\n{\"id\":\"2\",\"question\":\"Q\",\"text\":\"more money and a better salary\"}\n{\"id\":\"3\",\"question\":\"Q\",\"text\":\"the wages are poor\"}\n"),
        (
            "decisions.json",
            br#"{"decisions": [
  {"response_id": "1", "theme": "funding", "decision": "reject", "reviewer": "AB", "note": "sarcastic"},
  {"response_id": "3", "theme": "pay", "decision": "add", "evidence": "wages are poor", "reviewer": "AB"},
  {"response_id": "2", "theme": "pay", "decision": "accept", "reviewer": "CD"},
  {"response_id": "9", "theme": "pay", "decision": "accept", "reviewer": "CD"},
  {"response_id": "2", "theme": "nosuch", "decision": "reject", "reviewer": "CD"}
]}"#,
        ),
    ]);
    let run = tally(
        dir.path(),
        &[
            "analyse",
            "in",
            "--out",
            "out",
            "--quiet",
            "--review",
            "decisions.json",
        ],
    );
    assert_eq!(
        run.code, 1,
        "stale decisions are something to review: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("review decision 9 / pay (accept) matched nothing: no response with this id"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            // named by the run's id: "2" names the one answer 2:Q
            .contains("2:Q / nosuch (reject) matched nothing: no such theme"),
        "{}",
        run.stderr
    );
    let out = dir.path().join("out");
    let csv = themes_csv(&out);
    // funding: only response 2 now (1 rejected); pay: 2 (coded) and 3 (added)
    assert!(
        csv.contains("Q,funding,Funding,Not stated,1,3,,small"),
        "{csv}"
    );
    assert!(csv.contains("Q,pay,Pay,all,2,3,67,"), "{csv}");
    let audit = std::fs::read_to_string(out.join("audit.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["themes"].as_array().unwrap().len(), 0);
    assert_eq!(lines[0]["rejected"][0]["note"], "sarcastic");
    let added = &lines[2]["themes"][0];
    assert_eq!(added["theme"], "pay");
    assert_eq!(added["rule"], "review: add");
    assert_eq!(added["evidence"][0]["text"], "wages are poor");
    assert_eq!(added["evidence"][0]["start"], 4);
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(md.contains("3 codings were reviewed by people: 1 accepted, 1 rejected (removed from the counts and quotes) and 1 added. 2 decisions matched nothing"), "{md}");
}

#[test]
fn issue_4_a_malformed_decisions_file_is_a_clear_error() {
    let dir = fixture(&[
        ("in/codebook.toml", BOOK.as_bytes()),
        ("in/a.jsonl", b"{\"id\":\"1\",\"question\":\"Q\",\"text\":\"more money\"}\n"),
        ("d.json", b"{\"decisions\": [\n {\"response_id\": \"1\", \"theme\": \"pay\", \"decision\": \"perhaps\", \"reviewer\": \"AB\"}\n]}"),
    ]);
    let run = tally(
        dir.path(),
        &[
            "analyse", "in", "--out", "out", "--quiet", "--review", "d.json",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("d.json: line 2: unknown variant `perhaps`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(in decision 1)"), "{}", run.stderr);
}

#[test]
fn issue_4_sample_is_reproducible_and_in_the_human_coded_format() {
    let a = tally(
        &root(),
        &["review", "sample", "corpus/", "--n", "100", "--seed", "9"],
    );
    let b = tally(
        &root(),
        &["review", "sample", "corpus/", "--n", "100", "--seed", "9"],
    );
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
    let mut r = csv::Reader::from_reader(a.stdout.as_bytes());
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[0], "response_id");
    assert_eq!(&header[4], "inclusion_probability");
    assert_eq!(header.len(), 5 + 21);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 100);
    let questions: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(
        questions.len(),
        7,
        "every question, letters included: {questions:?}"
    );
    assert!(rows.iter().all(|r| r.iter().skip(5).all(str::is_empty)));
}

/// Issue 21: each drawn response's inclusion probability, drawn / responses in its
/// question × respondent-type stratum, is in the sample file, and the file reads back as a
/// human-coded file with it.
#[test]
fn issue_21_sample_records_inclusion_probabilities() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("sample.csv");
    let args = [
        "review", "sample", "corpus/", "--n", "100", "--seed", "9", "--out",
    ];
    let run = tally(&root(), &[&args[..], &[file.to_str().unwrap()]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    // a draw of everything gives each stratum's size N_h, with certain inclusion
    let all = tally(
        &root(),
        &[
            "review",
            "sample",
            "corpus/",
            "--n",
            "100000000",
            "--seed",
            "9",
        ],
    );
    let mut sizes: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for r in csv::Reader::from_reader(all.stdout.as_bytes()).records() {
        let r = r.unwrap();
        assert_eq!(&r[4], "1");
        *sizes
            .entry((r[1].to_string(), r[2].to_string()))
            .or_default() += 1;
    }
    let gold = tally_review::GoldSet::load(&file).unwrap();
    assert_eq!(gold.items.len(), 100);
    assert_eq!(gold.themes.len(), 21, "the probability is not a theme");
    let mut drawn: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for item in gold.items.values() {
        *drawn
            .entry((item.question.clone(), item.respondent_type.clone()))
            .or_default() += 1;
    }
    for item in gold.items.values() {
        let stratum = (item.question.clone(), item.respondent_type.clone());
        let want = drawn[&stratum] as f64 / sizes[&stratum] as f64;
        assert_eq!(item.inclusion_probability, Some(want), "{stratum:?}");
    }
}

#[test]
fn issue_4_agree_reports_kappa_and_disagreements() {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("agree.json");
    let run = tally(
        &root(),
        &[
            "agree",
            "--gold",
            "corpus/stable-homes/human-coded.csv",
            "--gold",
            "corpus/stable-homes/human-coded-second.csv",
            "--audit",
            "output/audit.jsonl",
            "--json",
            json.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("## tally against human-coded.csv"));
    assert!(run
        .stdout
        .contains("## human-coded.csv against human-coded-second.csv"));
    assert!(run.stdout.contains("| funding |"));
    assert!(run.stdout.contains("### Disagreements"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(v[0]["items"], 271);
    assert!(v[0]["macro_kappa"].as_f64().unwrap() > 0.0);
}

/// The JSON data review.html's script reads.
fn review_page_data(out: &std::path::Path) -> serde_json::Value {
    let html = read_output(out, "review.html");
    let open = "<script type=\"application/json\" id=\"tally-data\">";
    let start = html.find(open).expect("the page's data") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("JSON")
}

#[test]
fn issue_23_the_review_page_carries_the_applied_decisions() {
    let dir = fixture(&[
        ("in/codebook.toml", BOOK.as_bytes()),
        ("in/a.jsonl", b"{\"id\":\"1\",\"question\":\"Q\",\"text\":\"more money please\"}\n{\"id\":\"2\",\"question\":\"Q\",\"text\":\"more money and a better salary\"}\n{\"id\":\"3\",\"question\":\"Q\",\"text\":\"the wages are poor\"}\n"),
        (
            "decisions.json",
            br#"{"decisions": [
  {"response_id": "1", "theme": "funding", "decision": "reject", "reviewer": "AB", "note": "sarcastic"},
  {"response_id": "3", "theme": "pay", "decision": "add", "evidence": "wages are poor", "reviewer": "AB"},
  {"response_id": "9", "theme": "pay", "decision": "accept", "reviewer": "CD"}
]}"#,
        ),
    ]);
    let run = tally(
        dir.path(),
        &[
            "analyse",
            "in",
            "--out",
            "out",
            "--quiet",
            "--review",
            "decisions.json",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = review_page_data(&dir.path().join("out"));
    // every decision of the file (the page's export starts from them), each naming its
    // response by the run's id: JSONL ids name respondents, so answers are ID:QUESTION
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("decisions.json")).unwrap()).unwrap();
    let mut want = file["decisions"].clone();
    want[0]["response_id"] = "1:Q".into();
    want[1]["response_id"] = "3:Q".into();
    assert_eq!(d["applied"], want);
    assert_eq!(d["unmatched"][0]["response_id"], "9");
    let items = d["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1:Q", "2:Q", "3:Q"]);
    // the rejected coding is listed under its theme, marked, without evidence
    assert_eq!(
        items[0]["k"],
        serde_json::json!([{"t": 0, "s": [], "x": true}])
    );
    // the added one has the decision's words as its evidence, in UTF-16 positions
    assert_eq!(
        items[2]["k"],
        serde_json::json!([{"t": 1, "s": [[4, 18, 2]]}])
    );
    assert_eq!(d["rules"][2], "review: add");
    assert_eq!(d["themes"][0]["total"], 1);
    assert_eq!(d["themes"][1]["total"], 2);
}

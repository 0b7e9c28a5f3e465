//! Generating from the example corpus: determinism, shape of the export, campaign share,
//! and refusals.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use tally_synth::{generate, SynthError, SynthOptions, SynthStats};

const SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/stable-homes");

fn run(respondents: u64, seed: u64, out: &Path) -> SynthStats {
    generate(&SynthOptions {
        respondents,
        seed,
        source: SOURCE.into(),
        out: out.to_path_buf(),
    })
    .unwrap()
}

fn read_csv(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let rows = reader.records().collect::<Result<_, _>>().unwrap();
    (header, rows)
}

fn column(header: &csv::StringRecord, prefix: &str) -> usize {
    header.iter().position(|h| h.starts_with(prefix)).unwrap()
}

#[test]
fn same_seed_same_bytes_and_different_seed_different_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    let stats = run(3_000, 7, &a);
    assert_eq!(run(3_000, 7, &b), stats);
    let read = |d: &PathBuf| std::fs::read(d.join("responses.csv")).unwrap();
    assert!(read(&a) == read(&b), "same seed gave different bytes");
    run(3_000, 8, &c);
    assert!(read(&a) != read(&c), "different seeds gave the same bytes");
    assert_eq!(stats.bytes, read(&a).len() as u64);
}

#[test]
fn export_has_the_source_header_n_full_rows_and_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    let n = 5_000;
    let stats = run(n, 1, dir.path());
    let (source_header, _) = read_csv(&Path::new(SOURCE).join("responses.csv"));
    let (header, rows) = read_csv(&dir.path().join("responses.csv"));
    assert_eq!(header, source_header);
    assert_eq!(rows.len() as u64, n);
    assert!(rows.iter().all(|r| r.len() == header.len()));

    let ids: HashSet<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len() as u64, n);
    assert_eq!((&rows[0][0], &rows[4_999][0]), ("S0000001", "S0005000"));

    // Submission times never go backwards (DD/MM/YYYY HH:MM compared as YYYYMMDDHHMM).
    let key = |s: &str| format!("{}{}{}{}", &s[6..10], &s[3..5], &s[0..2], &s[11..]);
    let submitted = column(&header, "Submitted");
    assert!(rows
        .windows(2)
        .all(|w| key(&w[0][submitted]) <= key(&w[1][submitted])));

    let texts = [
        "Q1. Please",
        "Q2.",
        "Q3. Please",
        "Q4. Please",
        "Q5.",
        "Q6.",
    ]
    .map(|q| column(&header, q));
    let answered: usize = texts
        .iter()
        .map(|&c| rows.iter().filter(|r| !r[c].is_empty()).count())
        .sum();
    assert_eq!(answered as u64, stats.free_text_answers);

    // Closed answers and organisation names come from respondents of the same type.
    let (kind, org) = (
        column(&header, "Which of"),
        column(&header, "Organisation name"),
    );
    for r in &rows {
        if ["Parent or carer", "Social worker", "Kinship carer"].contains(&&r[kind]) {
            assert_eq!(&r[org], "", "{r:?}");
        }
        if r[kind] == *"Local authority" {
            assert_ne!(&r[org], "", "{r:?}");
        }
    }

    // The consultation and codebook come along; letters and human coding do not.
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["codebook.toml", "consultation.toml", "responses.csv"]
    );
}

/// The distinct lower-cased words of `text`.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn about_eight_percent_are_campaign_members_and_only_they_send_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    let stats = run(n, 3, dir.path());
    let share = stats.campaign_respondents as f64 / n as f64;
    assert!((0.07..0.09).contains(&share), "campaign share {share}");

    let (header, rows) = read_csv(&dir.path().join("responses.csv"));
    let (q5, q6) = (column(&header, "Q5."), column(&header, "Q6."));
    // The template of each column: its most repeated long answer.
    let template = |c: usize| {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &rows {
            if r[c].len() > 100 {
                *counts.entry(&r[c]).or_default() += 1;
            }
        }
        let (text, _) = counts.into_iter().max_by_key(|(_, n)| *n).unwrap();
        words(text)
    };
    let (t5, t6) = (template(q5), template(q6));
    let like = |t: &BTreeSet<String>, text: &str| {
        let w = words(text);
        t.iter().filter(|x| w.contains(*x)).count() * 10 >= t.len() * 8
    };
    let members = rows
        .iter()
        .filter(|r| like(&t5, &r[q5]) || like(&t6, &r[q6]))
        .count();
    assert_eq!(members as u64, stats.campaign_respondents);
    let both = rows
        .iter()
        .filter(|r| like(&t5, &r[q5]) && like(&t6, &r[q6]))
        .count();
    assert_eq!(both, members, "members answer both campaign questions");
}

#[test]
fn zero_respondents_give_just_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let stats = run(0, 1, dir.path());
    let (header, rows) = read_csv(&dir.path().join("responses.csv"));
    assert!(rows.is_empty() && header.len() == 14);
    assert_eq!(stats.free_text_answers, 0);
}

/// A tiny source in a temporary directory: `consultation.toml` and `responses.csv`.
fn tiny_source(consultation: &str, responses: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("consultation.toml"), consultation).unwrap();
    std::fs::write(dir.path().join("responses.csv"), responses).unwrap();
    dir
}

const TINY_TOML: &str = r#"
[respondents]
id_column = "ID"
type_column = "Type"
[[questions]]
id = "Q1"
answer_column = "Q1"
text_column = "Q1 why"
"#;

fn options(source: &Path, out: PathBuf) -> SynthOptions {
    SynthOptions {
        respondents: 50,
        seed: 1,
        source: source.to_path_buf(),
        out,
    }
}

#[test]
fn a_small_source_without_campaign_keeps_its_line_endings_and_bom() {
    let src = tiny_source(
        TINY_TOML,
        "\u{feff}ID,When,Type,Q1,Q1 why\r\n\
         a,2024-01-01 10:00,Parent,Yes,\"Fund it. Now, please.\"\r\n\
         b,2024-01-02 10:00,Council,No,\r\n",
    );
    let out = tempfile::tempdir().unwrap();
    let stats = generate(&options(src.path(), out.path().join("x"))).unwrap();
    assert_eq!(stats.campaign_respondents, 0);
    let text = std::fs::read_to_string(out.path().join("x/responses.csv")).unwrap();
    assert!(
        text.starts_with("\u{feff}ID,When,Type,Q1,Q1 why\r\nS0000001,2024-01-01 10:00,"),
        "{text:?}"
    );
    assert_eq!(text.matches("\r\n").count(), 51);
    assert!(text.contains("\r\nS0000050,2024-01-02 10:00,"));
    assert!(!out.path().join("x/codebook.toml").exists());
}

#[test]
fn refusals_name_the_problem() {
    let src = tiny_source(
        r#"[respondents]
id_column = "Respondent"
"#,
        "ID,Type\na,Parent\n",
    );
    let out = tempfile::tempdir().unwrap();
    let err = generate(&options(src.path(), out.path().to_path_buf())).unwrap_err();
    assert!(
        matches!(&err, SynthError::MissingColumn { column, .. } if column == "Respondent"),
        "{err}"
    );

    let src = tiny_source(TINY_TOML, "ID,Type,Q1,Q1 why\n");
    let err = generate(&options(src.path(), out.path().to_path_buf())).unwrap_err();
    assert!(matches!(err, SynthError::NoRows { .. }), "{err}");

    let src = tiny_source(TINY_TOML, "ID,Type,Q1,Q1 why\na,P,Yes,x\n");
    let inside = src.path().join("new/out");
    let err = generate(&options(src.path(), inside.clone())).unwrap_err();
    assert!(matches!(err, SynthError::OutInsideSource { .. }), "{err}");
    assert!(
        !src.path().join("new").exists(),
        "nothing created inside the source"
    );
    let err = generate(&options(src.path(), src.path().to_path_buf())).unwrap_err();
    assert!(matches!(err, SynthError::OutInsideSource { .. }), "{err}");

    let src = tiny_source("respondents = 3", "ID\na\n");
    let err = generate(&options(src.path(), out.path().to_path_buf())).unwrap_err();
    assert!(err.to_string().contains("consultation.toml"), "{err}");
}

//! Response ids unique in the run: a long export's (and JSONL's) answers, and the same id
//! in two files.

use crate::common::{dir, problems, run};

/// `(id, respondent, question)` of every response, in order.
fn ids(r: &crate::common::Run) -> Vec<(String, String, String)> {
    r.responses
        .iter()
        .map(|r| {
            (
                r.id.to_string(),
                r.respondent.to_string(),
                r.question.to_string(),
            )
        })
        .collect()
}

fn triple(id: &str, respondent: &str, question: &str) -> (String, String, String) {
    (id.into(), respondent.into(), question.into())
}

#[test]
fn a_long_export_whose_id_names_the_respondent_gives_id_colon_question() {
    // D1 answers Q1 and Q2: two answers, one respondent (the ids were both "D1")
    let d = dir(&[(
        "long.csv",
        b"id,question,text\nD1,Q1,One.\nD1,Q2,Two.\nD2,Q1,Three.\n",
    )]);
    let r = run(d.path());
    assert_eq!(
        ids(&r),
        [
            triple("D1:Q1", "D1", "Q1"),
            triple("D1:Q2", "D1", "Q2"),
            triple("D2:Q1", "D2", "Q1"),
        ]
    );
    assert_eq!(r.file("long.csv").warnings, 0);
}

#[test]
fn a_long_export_with_a_respondent_column_keeps_answer_ids_unique_in_the_file() {
    // the id column is the answer's own id: a repeat for another question is a repeat
    let d = dir(&[(
        "long.csv",
        b"id,respondent_id,question,text\nA1,P1,Q1,One.\nA2,P1,Q2,Two.\nA1,P2,Q2,Three.\n",
    )]);
    let r = run(d.path());
    assert_eq!(
        ids(&r),
        [
            triple("A1", "P1", "Q1"),
            triple("A2", "P1", "Q2"),
            triple("A1#4", "P2", "Q2"),
        ]
    );
    assert_eq!(
        problems(r.file("long.csv")),
        [(Some(4), "id \"A1\" already used on line 2: read as A1#4")]
    );
}

#[test]
fn jsonl_reads_ids_as_a_long_export_does() {
    let d = dir(&[
        (
            "a.jsonl",
            b"{\"id\":\"D1\",\"question\":\"Q1\",\"text\":\"One.\"}\n{\"id\":\"D1\",\"question\":\"Q2\",\"text\":\"Two.\"}\n{\"id\":\"D1\",\"question\":\"Q1\",\"text\":\"Again.\"}\n",
        ),
        (
            "b.jsonl",
            b"{\"id\":\"A1\",\"respondent_id\":\"P1\",\"question\":\"Q1\",\"text\":\"One.\"}\n{\"id\":\"A1\",\"respondent_id\":\"P2\",\"question\":\"Q2\",\"text\":\"Two.\"}\n",
        ),
    ]);
    let r = run(d.path());
    assert_eq!(
        ids(&r),
        [
            triple("D1:Q1", "D1", "Q1"),
            triple("D1:Q2", "D1", "Q2"),
            triple("D1#3:Q1", "D1#3", "Q1"),
            triple("A1", "P1", "Q1"),
            triple("A1#2", "P2", "Q2"),
        ]
    );
    assert_eq!(
        problems(r.file("a.jsonl")),
        [(
            Some(3),
            "id \"D1\" already used for question Q1 on line 1: read as D1#3:Q1"
        )]
    );
    assert_eq!(r.file("b.jsonl").warnings, 1);
}

#[test]
fn the_same_id_in_two_files_is_made_unique_naming_both_files() {
    // two long exports both numbering from 1, and a wide-like id in a third
    let d = dir(&[
        ("a.csv", b"id,question,text\n1,Q1,First file.\n"),
        (
            "b.csv",
            b"id,question,text\n1,Q1,Second file.\n2,Q1,Only here.\n",
        ),
        (
            "c.jsonl",
            b"{\"id\":\"1\",\"question\":\"Q1\",\"text\":\"Third file.\"}\n",
        ),
    ]);
    let r = run(d.path());
    assert_eq!(
        r.texts(),
        [
            ("1:Q1", "First file."),
            ("b.csv/1:Q1", "Second file."),
            ("2:Q1", "Only here."),
            ("c.jsonl/1:Q1", "Third file."),
        ]
    );
    // the respondent is left as the file gave it
    assert_eq!(r.response("b.csv/1:Q1").respondent, "1");
    assert_eq!(
        problems(r.file("b.csv")),
        [(
            Some(2),
            "response id \"1:Q1\" already used in a.csv: read as b.csv/1:Q1"
        )]
    );
    assert_eq!(r.file("a.csv").warnings, 0);
    assert_eq!(r.file("c.jsonl").warnings, 1);
    // the same in every run: the files are read in sorted order
    let again = run(d.path());
    assert_eq!(again.texts(), r.texts());
}

#[test]
fn a_wide_and_a_long_export_of_the_same_respondent_do_not_share_an_id() {
    let consultation = "title = \"T\"\n[respondents]\nid_column = \"Response ID\"\n\n[[questions]]\nid = \"Q1\"\nkind = \"open\"\ntext_column = \"Why\"\n";
    let d = dir(&[
        ("consultation.toml", consultation.as_bytes()),
        ("a-wide.csv", b"Response ID,Why\nR1,Wide answer.\n"),
        ("b-long.csv", b"id,question,text\nR1,Q1,Long answer.\n"),
    ]);
    let r = run(d.path());
    assert_eq!(
        r.texts(),
        [
            ("R1:Q1", "Wide answer."),
            ("b-long.csv/R1:Q1", "Long answer.")
        ]
    );
    assert!(problems(r.file("b-long.csv"))[0]
        .1
        .contains("already used in a-wide.csv"));
}

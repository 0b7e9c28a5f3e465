//! Survey shapes real exports have (issue 18 §4): multi-select questions in both layouts,
//! grid questions, blank closed answers, rows that answer only undeclared columns, the
//! free-text identity of wide tables, and column names matched loosely.

use crate::common::{dir, problems, run};
use crate::fixtures::csv;

/// (respondent, question, item, answer) of every closed record, blanks as "".
fn closed(r: &crate::common::Run) -> Vec<(String, String, String, String)> {
    let mut all: Vec<_> = r.closed.iter().chain(&r.blank_closed).collect();
    all.sort_by_key(|c| (c.respondent.clone(), c.question.clone(), c.item.clone()));
    all.iter()
        .map(|c| {
            (
                c.respondent.to_string(),
                c.question.to_string(),
                c.item.as_deref().unwrap_or_default().to_string(),
                c.answer.as_deref().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn t(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), d.into())
}

const SHAPES: &str = r#"
blank_values = ["N/A"]
[respondents]
id_column = "ID"
[[questions]]
id = "travel"
kind = "multi"
answer_column = "How do you travel?"
answers = ["Walk", "Cycle", "Bus"]
[[questions]]
id = "help"
kind = "multi"
answers = ["Advice", "Money"]
option_columns = { Advice = "Help: Advice", Money = "Help: Money" }
[[questions]]
id = "imp"
kind = "grid"
answers = ["High", "Low"]
items = [{ label = "Streets", column = "Imp: Streets" }, { label = "Air", column = "Imp: Air" }]
[[questions]]
id = "why"
kind = "open"
text_column = "Why?"
"#;

const SHAPES_HEADER: [&str; 8] = [
    "ID",
    "How do you travel?",
    "Help: Advice",
    "Help: Money",
    "Imp: Streets",
    "Imp: Air",
    "Why?",
    "Notes (not declared)",
];

#[test]
fn issue_18_multi_select_and_grid_answers_are_read_with_their_blanks() {
    let body = csv(
        &[
            &SHAPES_HEADER,
            &["R1", "walk; Bus;", "1", "0", "High", "", "Because.", ""],
            &["R2", "Bus;Bus", "", "Yes", "low", "High", "", ""],
            &["R3", "", "No", "", "", "N/A", "", ""],
            &["R4", "Car; Walk", "Money", "x", "Medium", "Low", "", ""],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", SHAPES.as_bytes()),
        ("export.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    assert_eq!(
        closed(&r),
        [
            t("R1", "help", "", "Advice"),
            t("R1", "imp", "Air", ""),
            t("R1", "imp", "Streets", "High"),
            // options in the consultation's order, whatever the cell's
            t("R1", "travel", "", "Walk"),
            t("R1", "travel", "", "Bus"),
            t("R2", "help", "", "Money"),
            t("R2", "imp", "Air", "High"),
            t("R2", "imp", "Streets", "Low"),
            // an option given twice counts once
            t("R2", "travel", "", "Bus"),
            // nothing ticked, blank or "N/A": blank, one record per question or item
            t("R3", "help", "", ""),
            t("R3", "imp", "Air", ""),
            t("R3", "imp", "Streets", ""),
            t("R3", "travel", "", ""),
            // any cell but a blank or a "no" is a tick
            t("R4", "help", "", "Advice"),
            t("R4", "help", "", "Money"),
            // "Medium" is not a rating: skipped, not blank
            t("R4", "imp", "Air", "Low"),
            // "Car" is not an option: skipped; Walk still read
            t("R4", "travel", "", "Walk"),
        ]
    );
    let f = r.file("export.csv");
    assert_eq!((f.closed_answers, f.blank_closed, f.skipped), (12, 5, 2));
    assert_eq!(
        problems(f),
        [
            (
                Some(5),
                "option \"Car\" of travel is not one of Walk / Cycle / Bus: option skipped"
            ),
            (
                Some(5),
                "answer \"Medium\" to imp (Streets) is not one of High / Low: answer skipped"
            ),
        ]
    );
}

#[test]
fn issue_18_a_respondent_who_answered_only_undeclared_columns_is_listed() {
    let body = csv(
        &[
            &SHAPES_HEADER,
            &["R1", "", "", "", "", "", "", "Please call me."],
            &["R2", "", "", "", "", "", "", ""],
            &["R3", "Walk", "", "", "", "", "", "Also this."],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", SHAPES.as_bytes()),
        ("export.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("export.csv");
    // R2's row is empty everywhere and R3 answered a declared question: only R1 is listed
    assert_eq!((f.only_undeclared, f.warnings), (1, 1));
    assert_eq!(
        problems(f),
        [(
            Some(2),
            "respondent R1 answered only columns consultation.toml does not declare (first: \"Notes (not declared)\"): no answer read from this row"
        )]
    );
}

#[test]
fn issue_18_a_wide_table_accounts_for_every_free_text_cell() {
    let toml = r#"
[respondents]
id_column = "ID"
[[questions]]
id = "Q1"
kind = "open"
text_column = "Q1"
[[questions]]
id = "Q2"
kind = "open"
text_column = "Q2"
[[questions]]
id = "Q3"
kind = "open"
text_column = "Not in this file"
[[exclude_rows]]
reason = "totals"
when = { ID = '^Total$' }
"#;
    // (a row holding a NUL is skipped with its cells too: issue 19's review)
    let body = "ID,Q1,Q2\r\nR1,Yes.,\r\nR2,,\r\nR3,too,many,fields\r\nR4,A.,B.\r\nTotal,3,2\r\nR5,x\0y,z\r\n";
    let d = dir(&[
        ("consultation.toml", toml.as_bytes()),
        ("export.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("export.csv");
    let w = f.wide.expect("a wide table");
    // 6 rows × 2 open questions found = 3 responses + 3 blank + 6 skipped (3 rows)
    assert_eq!((w.open_questions, w.cells, w.skipped), (2, 12, 6));
    assert_eq!((f.rows, f.responses, f.blank_answers), (6, 3, 3));
    assert_eq!(f.wide_identity_holds(), Some(true));
    // a long export has no such identity
    let d = dir(&[("long.csv", b"id,question,text\r\na,Q1,Hi.\r\n")]);
    assert_eq!(run(d.path()).file("long.csv").wide, None);
}

#[test]
fn issue_18_column_names_match_loosely_and_a_missing_one_names_the_nearest() {
    let toml = r#"
[respondents]
id_column = "Response ID"
type_column = "You are"
[[questions]]
id = "Q1"
kind = "closed+open"
answer_column = "Q1: Do you agree?"
text_column = "Q1: Please explain your answer"
answers = ["Agree", "Disagree"]
"#;
    // case, doubled and no-break spaces, padding and a line break in the header cells
    let body = csv(
        &[
            &[
                " response  id",
                "YOU\u{a0}ARE",
                "Q1:  do you\nagree? ",
                "Q1: Please explain you answer",
            ],
            &["R1", "Parent", "Agree", "Because."],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", toml.as_bytes()),
        ("export.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    assert_eq!(r.closed[0].respondent, "R1");
    assert_eq!(r.closed[0].respondent_type, "Parent");
    assert_eq!(r.closed[0].answer.as_deref(), Some("Agree"));
    let f = r.file("export.csv");
    assert_eq!(
        problems(f),
        [(
            Some(1),
            "column \"Q1: Please explain your answer\" (Q1 text) is not in the header (did you mean \"Q1: Please explain you answer\"?): not read from this file"
        )]
    );
}

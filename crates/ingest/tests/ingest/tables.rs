//! Survey tables as CSV: wide exports through consultation.toml, long exports, and the
//! dialects (delimiters) spreadsheets write.

use crate::common::{dir, problems, run, CONSULTATION, WIDE_HEADER};
use crate::fixtures::csv;

/// A wide export exercising every per-row rule.
fn wide_export(delimiter: char) -> String {
    csv(
        &[
            &WIDE_HEADER,
            &[
                "R1",
                "Parent",
                "agree",
                "We need more money,\nand soon.",
                "",
            ],
            &["R2", "Council", "DISAGREE", "   ", "Caseloads."],
            &["R3", "", "Maybe", "Unsure.", ""],
            &["R1", "Parent", "Agree", "Again.", ""],
            &["", "Parent", "", "", "No id."],
            &["R6", "Parent", "Agree", "Too", "many", "fields"],
        ],
        delimiter,
    )
}

#[test]
fn a_wide_export_is_read_through_the_consultation() {
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("responses.csv", wide_export(',').as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("responses.csv");
    assert_eq!(
        (f.format.as_str(), f.encoding.as_str()),
        ("csv-wide", "utf-8")
    );
    assert_eq!(
        r.texts(),
        [
            ("R1:Q1", "We need more money,\nand soon."),
            ("R2:Q2", "Caseloads."),
            ("R3:Q1", "Unsure."),
            ("R1#6:Q1", "Again."),
            ("responses.csv#7:Q2", "No id."),
        ]
    );
    // lines are where each record starts (row 2 has a two-line cell)
    let lines: Vec<u64> = r.responses.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4, 5, 6, 7]);
    assert_eq!(r.response("R1:Q1").respondent_type, "Parent");
    assert_eq!(r.response("R3:Q1").respondent_type, "Not stated");
    assert_eq!(r.response("R1#6:Q1").respondent, "R1#6");
    assert_eq!(&*r.response("R1:Q1").source, "responses.csv");
    // closed answers are canonicalised case-insensitively
    let closed: Vec<(&str, &str, &str)> = r
        .closed
        .iter()
        .map(|c| {
            (
                c.respondent.as_str(),
                c.question.as_str(),
                c.answer.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        closed,
        [
            ("R1", "Q1", "Agree"),
            ("R2", "Q1", "Disagree"),
            ("R1#6", "Q1", "Agree")
        ]
    );
    // blank answers are counted, not read: R1 Q2, R2 Q1, R3 Q2, R1#6 Q2, #7 Q1
    assert_eq!(f.blank_answers, 5);
    assert_eq!((f.rows, f.responses, f.closed_answers), (6, 5, 3));
    assert_eq!((f.skipped, f.warnings), (2, 1));
    assert_eq!(
        problems(f),
        [
            (
                Some(5),
                "answer \"Maybe\" to Q1 is not one of Agree / Disagree: answer skipped"
            ),
            (
                Some(6),
                "respondent id \"R1\" already used on line 2: read as R1#6"
            ),
            (Some(8), "row has 6 fields, the header has 5: row skipped"),
        ]
    );
    assert_eq!(f.sha256.len(), 64);
}

/// The respondent ids of a wide export with these rows under the header (each row an id
/// and four cells), and its problems as (line, reason).
fn ids_and_problems(rows: &[[&str; 5]]) -> (Vec<String>, Vec<(Option<u64>, String)>) {
    let mut table: Vec<&[&str]> = vec![&WIDE_HEADER];
    table.extend(rows.iter().map(|r| &r[..]));
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("responses.csv", csv(&table, ',').as_bytes()),
    ]);
    let r = run(d.path());
    let ids = r
        .responses
        .iter()
        .map(|r| r.respondent.to_string())
        .collect();
    let problems = problems(r.file("responses.csv"))
        .into_iter()
        .map(|(line, reason)| (line, reason.to_string()))
        .collect();
    (ids, problems)
}

#[test]
fn an_id_used_again_names_its_last_use() {
    let (ids, problems) = ids_and_problems(&[
        ["R1", "Parent", "", "One.", ""],
        ["R2", "Parent", "", "Two.", ""],
        ["R1", "Parent", "", "Three.", ""],
        ["R1", "Parent", "", "Four.", ""],
    ]);
    assert_eq!(ids, ["R1", "R2", "R1#4", "R1#5"]);
    assert_eq!(
        problems,
        [
            (
                Some(4),
                "respondent id \"R1\" already used on line 2: read as R1#4".to_string()
            ),
            (
                Some(5),
                "respondent id \"R1\" already used on line 4: read as R1#5".to_string()
            ),
        ]
    );
}

#[test]
fn a_new_name_for_a_used_id_is_never_an_id_already_used() {
    // row 4's R1 cannot become R1#4 (row 3 has that id); row 5's R1#4#4 is then a used id
    let (ids, problems) = ids_and_problems(&[
        ["R1", "Parent", "", "One.", ""],
        ["R1#4", "Parent", "", "Two.", ""],
        ["R1", "Parent", "", "Three.", ""],
        ["R1#4#4", "Parent", "", "Four.", ""],
    ]);
    assert_eq!(ids, ["R1", "R1#4", "R1#4#4", "R1#4#4#5"]);
    assert_eq!(
        problems,
        [
            (
                Some(4),
                "respondent id \"R1\" already used on line 2: read as R1#4#4".to_string()
            ),
            (
                Some(5),
                "respondent id \"R1#4#4\" already used on line 4: read as R1#4#4#5".to_string()
            ),
        ]
    );
}

#[test]
fn a_survey_row_allocates_only_for_its_texts() {
    // ids, question ids, respondent types and closed answers of up to 24 bytes are kept
    // inline in their records (a million rows would otherwise make millions of small
    // allocations); a longer one is still read whole
    let long_type = "A respondent type longer than twenty-four bytes";
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        (
            "responses.csv",
            csv(
                &[
                    &WIDE_HEADER,
                    &["R1", "Parent", "Agree", "More money.", "Fewer forms."],
                    &["R2", long_type, "", "Caseloads.", ""],
                ],
                ',',
            )
            .as_bytes(),
        ),
    ]);
    let r = run(d.path());
    assert_eq!(r.responses.len(), 3);
    for x in &r.responses[..2] {
        for label in [&x.id, &x.respondent, &x.question, &x.respondent_type] {
            assert!(!label.is_heap_allocated(), "{label:?} was allocated");
        }
    }
    let c = &r.closed[0];
    let answer = c.answer.as_ref().expect("an answer");
    for label in [&c.respondent, &c.question, &c.respondent_type, answer] {
        assert!(!label.is_heap_allocated(), "{label:?} was allocated");
    }
    assert_eq!(r.responses[2].respondent_type, long_type);
    assert_eq!(r.responses[2].id, "R2:Q1");
}

#[test]
fn without_an_id_column_respondents_are_file_and_line() {
    let toml = CONSULTATION.replace("id_column = \"Response ID\"\n", "");
    let body = csv(
        &[
            &[
                "You are",
                "Q1: Do you agree?",
                "Q1: Why?",
                "Q2: Anything else?",
            ],
            &["Parent", "Agree", "Because.", ""],
            &["Council", "", "", "Later."],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", toml.as_bytes()),
        ("sub/export.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    assert_eq!(
        r.texts(),
        [
            ("sub/export.csv#2:Q1", "Because."),
            ("sub/export.csv#3:Q2", "Later.")
        ]
    );
    assert_eq!(r.closed[0].respondent, "sub/export.csv#2");
    assert!(r.file("sub/export.csv").problems.is_empty());
}

#[test]
fn a_column_named_in_the_consultation_but_missing_is_reported_and_the_rest_read() {
    let body = csv(
        &[
            &["Response ID", "Q1: Do you agree?", "Q1: Why?"],
            &["R1", "Agree", "Because."],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("export.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("export.csv");
    assert_eq!(r.texts(), [("R1:Q1", "Because.")]);
    assert_eq!(r.responses[0].respondent_type, "Not stated");
    assert_eq!(
        problems(f),
        [
            (
                Some(1),
                "column \"Q2: Anything else?\" (Q2 text) is not in the header: not read from this file"
            ),
            (
                Some(1),
                "respondent type column \"You are\" is not in the header: types read as \"Not stated\""
            ),
        ]
    );
    assert_eq!(f.skipped, 2);
}

#[test]
fn a_table_that_is_neither_wide_nor_long_is_not_read() {
    let d = dir(&[("other.csv", b"a,b\n1,2\n")]);
    let r = run(d.path());
    let f = r.file("other.csv");
    assert_eq!(f.role, tally_ingest::Role::Unreadable);
    assert!(problems(f)[0].1.starts_with("not a long export"), "{f:#?}");
}

#[test]
fn a_long_export_needs_no_consultation() {
    let body = csv(
        &[
            &["ID", "Question", "Text", "respondent_type", "respondent_id"],
            &["a1", "Q1", "More staff.", "Parent", "P1"],
            &["a2", "", "No question.", "", ""],
            &["a3", "Q2", " ", "", ""],
        ],
        ',',
    );
    let d = dir(&[("long.csv", body.as_bytes())]);
    let r = run(d.path());
    let f = r.file("long.csv");
    assert_eq!(f.format, "csv-long");
    assert_eq!(r.texts(), [("a1", "More staff.")]);
    assert_eq!(r.responses[0].respondent, "P1");
    assert_eq!((f.blank_answers, f.skipped), (1, 1));
    assert_eq!(problems(f), [(Some(3), "no question id: row skipped")]);
}

#[test]
fn semicolon_and_tab_delimiters_are_found_from_the_header() {
    let comma = {
        let d = dir(&[
            ("consultation.toml", CONSULTATION.as_bytes()),
            ("r.csv", wide_export(',').as_bytes()),
        ]);
        run(d.path())
    };
    for (name, delimiter, note) in [
        ("r.csv", ';', Some("semicolon-separated")),
        ("r.csv", '\t', Some("tab-separated")),
        ("r.tsv", '\t', None),
    ] {
        let d = dir(&[
            ("consultation.toml", CONSULTATION.as_bytes()),
            (name, wide_export(delimiter).as_bytes()),
        ]);
        let r = run(d.path());
        let f = r.file(name);
        assert_eq!(f.note.as_deref(), note, "{name} {delimiter:?}");
        assert_eq!(f.format, "csv-wide");
        assert_eq!(r.responses.len(), comma.responses.len());
        for (a, b) in r.responses.iter().zip(&comma.responses) {
            assert_eq!(
                (a.id.replace(name, "r.csv"), &a.text, a.line),
                (b.id.to_string(), &b.text, b.line)
            );
        }
        assert_eq!(problems(f), problems(comma.file("r.csv")));
    }
}

#[test]
fn a_semicolon_export_with_commas_and_semicolons_inside_quoted_cells() {
    let body = "id;question;text\r\n\
                a1;Q1;\"Money, staff; and time.\r\nSecond line.\"\r\n\
                a2;Q1;Plain, with a comma\r\n";
    let d = dir(&[("answers.csv", body.as_bytes())]);
    let r = run(d.path());
    assert_eq!(
        r.texts(),
        [
            ("a1:Q1", "Money, staff; and time.\r\nSecond line."),
            ("a2:Q1", "Plain, with a comma")
        ]
    );
    assert_eq!(r.responses[1].line, 4);
}

#[test]
fn delimiter_detection_is_stable_on_generated_headers() {
    // property-style: whatever the column names (including quoted ones holding the other
    // delimiters), a long export written with any delimiter reads the same
    let names = ["id", "question", "text", "respondent_type"];
    let noise = ["a,b", "c;d", "e\tf", "plain", "x \"y\" z"];
    for seed in 0..60usize {
        let mut header: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        header.push(noise[seed % noise.len()].to_string());
        header.rotate_left(seed % 5);
        let pos = |n: &str| header.iter().position(|h| h == n).unwrap();
        let mut row = vec![String::new(); header.len()];
        row[pos("id")] = format!("r{seed}");
        row[pos("question")] = "Q1".into();
        row[pos("text")] = noise[(seed / 5) % noise.len()].to_string();
        for delimiter in [',', ';', '\t'] {
            let h: Vec<&str> = header.iter().map(String::as_str).collect();
            let rr: Vec<&str> = row.iter().map(String::as_str).collect();
            let d = dir(&[("t.csv", csv(&[&h, &rr], delimiter).as_bytes())]);
            let r = run(d.path());
            assert_eq!(
                r.texts(),
                [(
                    format!("{}:Q1", row[pos("id")]).as_str(),
                    row[pos("text")].as_str()
                )],
                "{header:?} {delimiter:?}"
            );
        }
    }
}

/// A consultation for a long export whose columns have their own names.
const LONG_CONSULTATION: &str = r#"
blank_values = ["Did not answer", "N/A"]

[respondents]
id_column = "Respondent ID"
type_column = "Service"

[long]
id_column = "Comment ID"
question_column = "Question asked"
text_column = "Answer"

[[questions]]
id = "good"
text = "What was good?"
kind = "open"

[[questions]]
id = "better"
text = "What could we do better?"
kind = "open"
"#;

#[test]
fn a_long_export_with_its_own_column_names_is_read_through_the_consultation() {
    let body = csv(
        &[
            &[
                "Comment ID",
                "Respondent ID",
                "Service",
                "Question asked",
                "Answer",
                "Score",
            ],
            &["c1", "r1", "Ward", "What was good?", "Kind staff.", "1"],
            &[
                "c2",
                "r1",
                "Ward",
                "what could we do\nbetter? ",
                "Parking.",
                "1",
            ],
            &["c3", "r2", "", "better", " did not answer ", "2"],
            &["c4", "r2", "", "Anything else?", "Thanks.", "2"],
            &["c5", "", "Clinic", "good", "", "3"],
            &["c6", "r3", "Clinic", "", "No question.", "4"],
            &["c7", "r3", "Clinic", "good", "n/a", "4"],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", LONG_CONSULTATION.as_bytes()),
        ("fft.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("fft.csv");
    assert_eq!(f.format, "csv-long");
    assert_eq!(
        r.texts(),
        [("c1", "Kind staff."), ("c2", "Parking."), ("c4", "Thanks.")]
    );
    let who: Vec<(&str, &str, &str)> = r
        .responses
        .iter()
        .map(|r| {
            (
                r.question.as_str(),
                r.respondent.as_str(),
                r.respondent_type.as_str(),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            ("good", "r1", "Ward"),
            // the question's text, whatever its case and spacing, is read as its id
            ("better", "r1", "Ward"),
            // an undeclared question is read as it is
            ("Anything else?", "r2", "Not stated"),
        ]
    );
    // blank: c3 and c7 (blank values), c5 (empty); skipped: c6
    assert_eq!(
        (f.rows, f.responses, f.blank_answers, f.skipped, f.excluded),
        (7, 3, 3, 1, 0)
    );
    assert_eq!(problems(f), [(Some(8), "no question id: row skipped")]);
}

#[test]
fn long_columns_missing_from_the_header_are_named() {
    let body = csv(&[&["Comment ID", "Answer"], &["c1", "x"]], ',');
    let d = dir(&[
        ("consultation.toml", LONG_CONSULTATION.as_bytes()),
        ("other.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("other.csv");
    assert_eq!(f.role, tally_ingest::Role::Unreadable);
    assert_eq!(
        problems(f),
        [(
            Some(1),
            "neither the [long] columns of consultation.toml (\"Comment ID\", \"Question asked\", \"Answer\") nor any question column it names is in the header: file not read"
        )]
    );
}

#[test]
fn a_long_export_without_its_respondent_columns_reads_each_answer_as_a_respondent() {
    let body = csv(
        &[
            &["Comment ID", "Question asked", "Answer"],
            &["c1", "good", "Kind."],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", LONG_CONSULTATION.as_bytes()),
        ("fft.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    // a respondent column declared but missing: the id is the answer's own
    assert_eq!(r.response("c1").respondent, "c1");
    assert_eq!(r.response("c1").respondent_type, "Not stated");
    assert_eq!(
        problems(r.file("fft.csv")),
        [
            (
                Some(1),
                "respondent id column \"Respondent ID\" is not in the header: each answer is its own respondent"
            ),
            (
                Some(1),
                "respondent type column \"Service\" is not in the header: types read as \"Not stated\""
            ),
        ]
    );
}

#[test]
fn rows_matched_by_an_exclusion_rule_are_counted_with_their_reason_not_read() {
    let toml = format!(
        "blank_values = [\"Not Answered\"]\n{CONSULTATION}\n{}",
        r#"
[[exclude_rows]]
reason = "totals row appended by the export"
when = { "Response ID" = '^$', "Q1: Why?" = '^$', "Q1: Do you agree?" = '^[0-9.]+%?$' }

[[exclude_rows]]
reason = "never applies"
when = { "Not a column" = 'x' }
"#
    );
    let body = csv(
        &[
            &WIDE_HEADER,
            &["R1", "Parent", "Agree", "More money.", "Not Answered"],
            &["R2", "Council", "Not answered", "Not answered", "Staff."],
            // no id and no text but a closed answer: not a totals row (pattern fails)
            &["", "Parent", "Agree", "", "Thanks."],
            &["", "", "2", "", ""],
            &["", "", "66.7%", "", ""],
        ],
        ',',
    );
    let d = dir(&[
        ("consultation.toml", toml.as_bytes()),
        ("responses.csv", body.as_bytes()),
    ]);
    let r = run(d.path());
    let f = r.file("responses.csv");
    assert_eq!(
        r.texts(),
        [
            ("R1:Q1", "More money."),
            ("R2:Q2", "Staff."),
            ("responses.csv#4:Q2", "Thanks.")
        ]
    );
    // "Not answered" is no answer to the closed part either, not a problem
    assert_eq!(r.closed.len(), 2);
    assert_eq!(
        (f.rows, f.responses, f.blank_answers, f.excluded),
        (5, 3, 3, 2)
    );
    // the two exclusions are listed but are not warnings; the third problem is a warning
    assert_eq!((f.skipped, f.warnings), (0, 1));
    // every row is read, or excluded: none lost
    assert_eq!(f.rows, 3 + f.excluded);
    assert_eq!(
        problems(f),
        [
            (
                Some(1),
                "exclude_rows column \"Not a column\" is not in the header: rule \"never applies\" not applied to this file"
            ),
            (
                Some(5),
                "row excluded by consultation.toml: totals row appended by the export"
            ),
            (
                Some(6),
                "row excluded by consultation.toml: totals row appended by the export"
            ),
        ]
    );
}

#[test]
fn blank_values_apply_to_jsonl_too() {
    let d = dir(&[
        ("consultation.toml", LONG_CONSULTATION.as_bytes()),
        (
            "r.jsonl",
            b"{\"id\":\"a\",\"question\":\"Q1\",\"text\":\"Did Not Answer\"}\n{\"id\":\"b\",\"question\":\"Q1\",\"text\":\"Yes.\"}\n",
        ),
    ]);
    let r = run(d.path());
    assert_eq!(r.texts(), [("b:Q1", "Yes.")]);
    assert_eq!(r.file("r.jsonl").blank_answers, 1);
}

#[test]
fn a_long_export_id_repeated_for_a_question_is_a_warning() {
    // issue 19: three rows "D1" for Q1 were one respondent with three answers, silently
    let d = dir(&[(
        "long.csv",
        b"id,question,text\nD1,Q1,One.\nD1,Q1,Two.\nD1,Q2,Other question.\nD1,Q1,Three.\n",
    )]);
    let r = run(d.path());
    let ids: Vec<(String, String)> = r
        .responses
        .iter()
        .map(|r| (r.id.to_string(), r.respondent.to_string()))
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    // the id names the respondent: answers are ID:QUESTION (crates/ingest/src/longid.rs)
    assert_eq!(
        ids,
        [
            pair("D1:Q1", "D1"),
            pair("D1#3:Q1", "D1#3"),
            pair("D1:Q2", "D1"),
            pair("D1#5:Q1", "D1#5")
        ]
    );
    assert_eq!(
        problems(r.file("long.csv")),
        [
            (
                Some(3),
                "id \"D1\" already used for question Q1 on line 2: read as D1#3:Q1"
            ),
            (
                Some(5),
                "id \"D1\" already used for question Q1 on line 3: read as D1#5:Q1"
            ),
        ]
    );
    assert_eq!(r.file("long.csv").warnings, 2);
}

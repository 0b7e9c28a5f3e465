//! Personal data never reaches a published output (issue 7): seeded throughout a corpus,
//! and in the example corpus's own responses.

use crate::common::{fixture, root, tally};

/// Personal data seeded into responses, one per response, each in a sentence that raises
/// the fixture's theme so it is a candidate quote.
const SEEDED: &[&str] = &[
    "jo.bloggs@example.com",
    "m.khan+consult@example.org.uk",
    "07700 900123",
    "07700900456",
    "+44 7700 900789",
    "+44 (0)20 7946 0991",
    "0161 496 0123",
    "(0113) 496 0456",
    "NE6 5XY",
    "LS11 8QT",
    "SW1A 1AA",
    "QQ 12 34 56 C",
    "QQ123456A",
    "14/03/2017",
    "https://www.facebook.com/jo.bloggs.77",
    "Mrs Penhaligon",
    "Dr. Okonkwo",
    "Callum",
    "Kayden Morris",
    "Deborah Fennimore-Hale",
];

const CONTEXTS: &[&str] = &[
    "We need more funding, please email me at {} to talk about it.",
    "More funding would help, ring {} any time.",
    "More funding is needed in our area, we live at {} and know.",
    "I am writing about funding. My NI number is {} if you need it.",
    "My son was born {} and we need more funding for his care.",
    "See {} for my story about funding cuts.",
    "{} told us the council needs more funding.",
    "My son {} waited two years because of funding.",
];

const ORDINARY: &[&str] = &[
    "Kent County Council says it needs more funding for early help.",
    "Working Together guidance is clear that funding must follow need.",
    "The Regional Care Cooperatives will need funding to work.",
    "In Leeds and Manchester more funding has kept children's centres open.",
    "Section 17 support needs more funding, as the ADCS has said.",
    "Sure Start showed what funding for families can do.",
];

#[test]
fn issue_7_seeded_personal_data_never_reaches_a_published_output() {
    let mut lines = String::new();
    let mut n = 0;
    for (i, pii) in SEEDED.iter().enumerate() {
        let ctx = if pii.starts_with("Mrs") || pii.starts_with("Dr") || *pii == "Kayden Morris" {
            CONTEXTS[6]
        } else if *pii == "Callum" {
            CONTEXTS[7]
        } else if pii.contains('@') {
            CONTEXTS[0]
        } else if pii.starts_with("QQ") {
            CONTEXTS[3]
        } else if pii.contains('/') && !pii.contains("http") {
            CONTEXTS[4]
        } else if pii.starts_with("http") {
            CONTEXTS[5]
        } else if pii.chars().next().is_some_and(char::is_alphabetic) && pii.len() <= 8 {
            CONTEXTS[2]
        } else if pii.chars().any(|c| c.is_ascii_digit()) {
            CONTEXTS[1]
        } else {
            "Yours sincerely,\n\n{}\nMore funding please."
        };
        let text = ctx.replace("{}", pii);
        lines.push_str(&serde_json::json!({"id": format!("p{i}"), "respondent_type": "Parent", "question": "Q1", "text": text}).to_string());
        lines.push('\n');
        n += 1;
    }
    let signoff = "We need more funding for this.\n\nYours sincerely,\n\nAnnabel Treherne\nDirector of Children's Services";
    lines.push_str(&serde_json::json!({"id": "letter", "respondent_type": "Council", "question": "Q1", "text": signoff}).to_string());
    lines.push('\n');
    for (i, t) in ORDINARY.iter().enumerate() {
        lines.push_str(&serde_json::json!({"id": format!("o{i}"), "respondent_type": "Council", "question": "Q1", "text": t}).to_string());
        lines.push('\n');
    }
    let published = published(&lines);
    // every seeded response is quoted (so the test would see a leak)
    assert!(
        published.matches("— Parent").count() >= n,
        "not every seeded response was quoted"
    );
    for pii in SEEDED.iter().chain(["Annabel Treherne"].iter()) {
        assert!(
            !published.contains(pii),
            "{pii:?} reached a published output"
        );
    }
    // precision: ordinary words and place names survive
    for keep in [
        "Kent County Council",
        "Working Together",
        "Regional Care Cooperatives",
        "Leeds and Manchester",
        "Section 17",
        "Sure Start",
    ] {
        assert!(published.contains(keep), "{keep:?} was redacted");
    }
}

/// Everything `tally analyse` publishes for these JSONL lines (one theme, "funding", every
/// response quotable): summary.md, report.html, themes.csv, closed.csv and every file of the `.qdpx`.
fn published(lines: &str) -> String {
    let book = "[[themes]]\nid = \"funding\"\nlabel = \"Funding\"\n[[themes.rules]]\nmatch = [\"funding\"]\nnegation = false\n";
    let dir = fixture(&[
        ("in/codebook.toml", book.as_bytes()),
        ("in/r.jsonl", lines.as_bytes()),
    ]);
    let run = tally(
        dir.path(),
        &[
            "analyse", "in", "--out", "out", "--quiet", "--quotes", "100", "--qdpx", "out.qdpx",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut published = String::new();
    for f in ["summary.md", "report.html", "themes.csv", "closed.csv"] {
        published.push_str(&std::fs::read_to_string(dir.path().join("out").join(f)).unwrap());
    }
    let qdpx = std::fs::read(dir.path().join("out.qdpx")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(qdpx)).unwrap();
    for i in 0..z.len() {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_index(i).unwrap(), &mut s).unwrap();
        published.push_str(&s);
    }
    published
}

/// Issue 18: personal data as real free text writes it, lower case and all, each in a
/// quotable sentence: (the response, the personal data that must not be published).
const LOWER_CASE: &[(&str, &str)] = &[
    (
        "Comment made by michael evans: we need more funding.",
        "michael evans",
    ),
    ("More funding, made by michael evans.", "michael evans"),
    (
        "my neighbour john smith says funding is short.",
        "john smith",
    ),
    (
        "MY NAME IS KERRY ASHWORTH AND WE NEED FUNDING",
        "KERRY ASHWORTH",
    ),
    ("more funding please. regards, jo bloggs", "bloggs"),
    ("funding made by mrs penhaligon is needed", "penhaligon"),
    (
        "I, deborah fennimore-hale, ask for funding.",
        "fennimore-hale",
    ),
    (
        "email jo (at) example (dot) com about funding",
        "example (dot) com",
    ),
    ("funding for sw1a1aa please", "sw1a1aa"),
    ("funding for GIR 0AA please", "GIR 0AA"),
    ("funding at 14 orchard row and flat 3 please", "orchard row"),
    ("funding at flat 3 please", "flat 3"),
    ("his d.o.b. 14.03.2016, we need funding", "14.03.2016"),
    ("born 2016-03-14 and needs funding", "2016-03-14"),
    ("nhs number 943 476 5919, funding please", "943 476 5919"),
    ("funding for case CS-2023-00451 please", "CS-2023-00451"),
    ("funding, upn A123456789012", "A123456789012"),
];

#[test]
fn issue_18_lower_case_personal_data_never_reaches_a_published_output() {
    let mut lines = String::new();
    for (i, (text, _)) in LOWER_CASE.iter().enumerate() {
        lines.push_str(&serde_json::json!({"id": format!("p{i}"), "respondent_type": "Parent", "question": "Q1", "text": text}).to_string());
        lines.push('\n');
    }
    let published = published(&lines);
    assert!(
        published.matches("— Parent").count() >= LOWER_CASE.len(),
        "not every seeded response was quoted"
    );
    let lower = published.to_lowercase();
    for (_, pii) in LOWER_CASE {
        assert!(
            !lower.contains(&pii.to_lowercase()),
            "{pii:?} reached a published output"
        );
    }
}

#[test]
fn issue_7_the_audit_records_what_was_redacted_where() {
    let audit = std::fs::read_to_string(root().join("output/audit.jsonl")).unwrap();
    let line = audit
        .lines()
        .find(|l| l.contains("\"response_id\":\"R0013:Q2\""))
        .expect("R0013:Q2 in the audit");
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let kinds: Vec<&str> = v["redacted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    for k in ["name", "phone", "postcode"] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
    assert!(
        !line.contains("07700 900481"),
        "the audit does not repeat the personal data"
    );
}

#[test]
fn issue_7_the_example_corpus_personal_data_is_not_published() {
    let summary = std::fs::read_to_string(root().join("output/summary.md")).unwrap();
    let csv = std::fs::read_to_string(root().join("output/themes.csv")).unwrap();
    // the personal data written into the example corpus (see corpus/stable-homes/README.md)
    for pii in [
        "07700 900481",
        "danni.okafor82@example.com",
        "BB2 4QT",
        "Kerry Ashworth",
        "14/03/2017",
        "0161 496 0734",
        "deborah.fennimore-hale@ashmere-council.gov.uk",
        "LS11 8QT",
        "Kayden Morris",
        "Donna Kearsley",
        "BL4 7QZ",
        "07700 900417",
        "QQ 48 21 07 B",
        "DN4 7QH",
        "jade.whitlow.cl03@gmail.com",
        "07700 900482",
        "Kayden Moss",
    ] {
        assert!(
            !summary.contains(pii) && !csv.contains(pii),
            "{pii:?} is in output/"
        );
    }
}

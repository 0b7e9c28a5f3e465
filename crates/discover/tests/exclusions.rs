//! What cannot be a theme stays out of the candidates: a letter's header block and
//! sign-off, a campaign's copies (its text counted once), answers that only echo their
//! question or are too short; ordinary residue text still makes a candidate.

use tally_code::Codebook;
use tally_discover::{discover, Input, Options, QuestionText};

const BOOK: &str = r#"
name = "test"

[[themes]]
id = "pay"
label = "Pay"

[[themes.rules]]
name = "pay"
match = ["pay", "salary", "salaries"]
"#;

const TEMPLATE: &str =
    "We the undersigned urge ministers to protect hedgehog sanctuaries in every \
    county, because wildlife volunteers keep those sanctuaries open at weekends and they need \
    grants.";

const BODIES: [&str; 6] = [
    "Social workers need better pay. Respite care for disabled children is hard to find.",
    "Pay has fallen behind. Families wait months for respite care and short breaks.",
    "Salaries do not keep staff. Respite care is the support parents ask for most.",
    "Raise the pay of social workers. Without respite care parents reach crisis.",
    "Salaries are too low across the service. Respite care has been cut back.",
    "Better pay would help retention. Respite care gives carers a rest.",
];

fn input(id: String, respondent: String, question: &str, text: String) -> Input {
    Input {
        id,
        respondent,
        question: question.into(),
        text,
    }
}

const TOWNS: [&str; 12] = [
    "Fernwick",
    "Ashby",
    "Brackton",
    "Colbury",
    "Dunmere",
    "Eastholme",
    "Fallowfield",
    "Garsdale",
    "Hexley",
    "Ilmarsh",
    "Kettering Vale",
    "Lowmoor",
];

/// The `n`th sentence of one of the [`BODIES`].
fn sentence(body: &str, n: usize) -> String {
    let s = body.split(". ").nth(n).unwrap_or_default();
    format!("{}.", s.trim_end_matches('.'))
}

fn letter(i: usize, body: &str) -> String {
    let town = format!("{} {}", TOWNS[i % 12], ["North", "South"][i / 12]);
    format!(
        "{town} Borough Council\nCivic Centre, Market Parade, {town}\n\n{} May 2023\n\n\
         Dear Sir or Madam,\n\n{body}\n\nYours faithfully,\n\nAlex Morgan\n\
         Director of Children's Services, {town}\n\nTel: 020 7946 04{i:02}\n",
        i + 1
    )
}

fn inputs() -> Vec<Input> {
    let mut out = Vec::new();
    for i in 0..24 {
        let body = format!(
            "{} {}",
            BODIES[i % 6],
            BODIES[(i + 1) % 6].split(". ").next().unwrap_or("")
        );
        out.push(input(
            format!("letters/{i}.txt"),
            format!("letters/{i}.txt"),
            "letter",
            letter(i, &body),
        ));
    }
    for i in 0..90 {
        let r = format!("R{i:02}");
        let q1 = match i % 3 {
            0 => "Agree".to_string(),
            1 => "Yes, I agree with a single Family Help service.".to_string(),
            // under the campaign detector's 12 words: repeats are not a campaign
            _ => sentence(BODIES[(i / 3) % 6], 1),
        };
        out.push(input(format!("{r}:Q1"), r.clone(), "Q1", q1));
        if i % 3 == 2 {
            let q2 = sentence(BODIES[(i / 3 + 1) % 6], 0);
            out.push(input(format!("{r}:Q2"), r.clone(), "Q2", q2));
        }
        if i < 10 {
            out.push(input(
                format!("{r}:Q5"),
                r.clone(),
                "Q5",
                TEMPLATE.to_string(),
            ));
        }
    }
    out
}

fn questions() -> Vec<QuestionText> {
    vec![
        QuestionText {
            id: "Q1".into(),
            text: "Do you agree with a single Family Help service?".into(),
            answers: vec!["Agree".into(), "Neutral".into(), "Disagree".into()],
        },
        QuestionText {
            id: "Q5".into(),
            text: "Anything else?".into(),
            answers: Vec::new(),
        },
    ]
}

#[test]
fn furniture_campaign_copies_and_bare_answers_are_not_candidates() {
    let book = Codebook::parse(BOOK, "codebook.toml").unwrap();
    let d = discover(&inputs(), &questions(), &book, &Options::default()).unwrap();
    let phrases: Vec<&str> = d
        .candidates
        .iter()
        .flat_map(|c| c.phrases.iter().map(|p| p.text.as_str()))
        .collect();
    for junk in [
        "dear",
        "sir",
        "madam",
        "faithfully",
        "borough",
        "council",
        "director",
        "morgan",
        "agree",
        "family help",
        "hedgehog",
        "sanctuaries",
    ] {
        assert!(
            !phrases.iter().any(|p| p.contains(junk)),
            "{junk} in {phrases:?}"
        );
    }
    // ordinary residue text is kept and found
    assert!(phrases.iter().any(|p| p.contains("respite")), "{phrases:?}");
    assert_eq!(d.furniture_responses, 24);
    assert_eq!(d.campaign_copies, 9, "ten senders, the template counted");
    assert_eq!(d.short_answers, 60, "30 'Agree', 30 echoing the question");
}

//! Tighter-rule proposals and single-code questions, on small made-up samples.
//!
//! - A broad word (`break`) fires on many contexts no one exclusion covers, more often wrongly
//!   than rightly; the responses it codes rightly all say "short breaks": the word is
//!   narrowed to that phrase, measured out of fold, and `--apply` writes it.
//! - On a single-code question, an added word that would lose the answer's choice of theme
//!   to a stronger rule of another theme changes nothing, and is not proposed.

use std::collections::BTreeSet;

use tally_code::Codebook;
use tally_suggest::universe::phrase_allowed;
use tally_suggest::{apply, suggest, Change, Item, Sample, Settings};

const RESPITE: &str = r#"name = "demo"

[[themes]]
id = "respite"
label = "Short breaks and respite"
description = "Families need short breaks from caring."

[[themes.rules]]
name = "breaks"
match = ["respite", "break"]
"#;

fn item(n: usize, question: &str, text: &str, gold: Vec<bool>) -> Item {
    Item {
        id: format!("R{n:03}:{question}"),
        respondent: format!("R{n:03}"),
        question: question.into(),
        text: text.into(),
        gold,
    }
}

/// 10 answers asking for short breaks (coded), 16 using "break" in other senses, each in
/// its own words (not coded: the word's false hits outweigh its hits), 10 on respite
/// (coded).
fn broad_word_sample() -> Sample {
    let others = [
        "lunch", "coffee", "career", "summer", "spring", "clean", "lucky", "tea", "winter",
        "weekend", "prison", "dinner", "morning", "evening", "school", "holiday",
    ];
    let mut items = Vec::new();
    for i in 0..10 {
        items.push(item(
            items.len(),
            "Q1",
            &format!("Family {i} here. Parents like us need short breaks."),
            vec![true],
        ));
    }
    for (i, w) in others.iter().enumerate() {
        items.push(item(
            items.len(),
            "Q1",
            &format!("Answer {i}. I took a {w} break."),
            vec![false],
        ));
    }
    for i in 0..10 {
        items.push(item(
            items.len(),
            "Q1",
            &format!("Respite is hard to find, area {i}."),
            vec![true],
        ));
    }
    Sample {
        sources: vec!["gold.csv".into()],
        items,
        evaluated: vec![true],
    }
}

#[test]
fn a_broad_word_is_narrowed_to_the_phrase_it_is_right_in() {
    let sample = broad_word_sample();
    let book = Codebook::parse(RESPITE, "codebook.toml").unwrap();
    let report = suggest(&sample, &book, &BTreeSet::new(), Settings::default()).unwrap();
    let narrow = report
        .proposals
        .iter()
        .find(|p| matches!(p.change, Change::Narrow { .. }))
        .unwrap_or_else(|| panic!("no narrowing: {:#?}", report.proposals));
    let Change::Narrow {
        rule,
        pattern,
        into,
        ..
    } = &narrow.change
    else {
        unreachable!()
    };
    assert_eq!((*rule, pattern.as_str()), (0, "break"));
    assert_eq!(into, &["short breaks"]);
    // out of fold: the false hits go, the breaks asked for stay
    assert_eq!(narrow.effect.cleared, 16, "{:?}", narrow.effect);
    assert_eq!(narrow.effect.lost, 0, "{:?}", narrow.effect);
    assert!(narrow.f1_after.unwrap() > narrow.f1_before.unwrap() + 0.1);
    assert!(report.macro_f1_cross_validated.unwrap() > report.macro_f1.unwrap());
    // never a stopword or a single character, for this kind either
    for p in &report.proposals {
        if let Change::Narrow { into, .. } = &p.change {
            for phrase in into {
                let words: Vec<&str> = phrase.trim_start_matches('=').split(' ').collect();
                assert!(phrase_allowed(&words), "{phrase}");
            }
        }
    }
    // --apply: the word replaced, every other byte kept, and the result codes it all right
    let new = apply::apply(RESPITE, &book, &[narrow]).unwrap();
    assert_eq!(
        new,
        RESPITE.replace("\"break\"]", "\"short breaks\"]"),
        "{new}"
    );
    let book2 = Codebook::parse(&new, "codebook.toml").unwrap();
    let again = suggest(&sample, &book2, &BTreeSet::new(), Settings::default()).unwrap();
    assert_eq!(again.macro_f1, Some(1.0));
    assert!(again.proposals.is_empty(), "{:#?}", again.proposals);
}

#[test]
fn a_word_whose_other_forms_cause_the_false_hits_is_made_exact() {
    let src = r#"name = "demo"

[[themes]]
id = "targets"
label = "Performance targets"
description = "Targets and league tables drive practice."

[[themes.rules]]
name = "targets"
match = ["targets", "league tables"]
"#;
    let mut items = Vec::new();
    for i in 0..20 {
        items.push(item(
            i,
            "Q1",
            &format!("Chasing targets ruins social work, team {i}."),
            vec![true],
        ));
    }
    let kinds = [
        "help", "funding", "support", "work", "services", "visits", "advice", "outreach",
        "training", "checks",
    ];
    for (i, w) in kinds.iter().enumerate() {
        items.push(item(
            20 + i,
            "Q1",
            &format!("Targeted {w} is good, area {i}."),
            vec![false],
        ));
    }
    let sample = Sample {
        sources: vec!["gold.csv".into()],
        items,
        evaluated: vec![true],
    };
    let book = Codebook::parse(src, "codebook.toml").unwrap();
    let report = suggest(&sample, &book, &BTreeSet::new(), Settings::default()).unwrap();
    let p = report
        .proposals
        .iter()
        .find(|p| matches!(&p.change, Change::Narrow { into, .. } if into == &["=targets"]))
        .unwrap_or_else(|| panic!("no exact form: {:#?}", report.proposals));
    assert_eq!((p.effect.cleared, p.effect.lost), (10, 0), "{:?}", p.effect);
    let new = apply::apply(src, &book, &[p]).unwrap();
    assert_eq!(new, src.replace("[\"targets\",", "[\"=targets\","), "{new}");
}

const TWO_THEMES: &str = r#"name = "demo"

[[themes]]
id = "workforce"
label = "Social workers"
description = "More social workers are needed."

[[themes.rules]]
near = [["social"], ["workers"]]
within = 3

[[themes]]
id = "respite"
label = "Respite"
description = "Respite care for families."

[[themes.rules]]
match = ["holiday"]
"#;

/// Answers that ask for social workers and respite at once: the coder coded respite (the
/// main point), the rules code workforce by a `near` pair; "respite" is the word the
/// respite rule lacks.
fn two_themes_sample() -> Sample {
    let mut items = Vec::new();
    for i in 0..30 {
        items.push(item(
            i,
            "Q1",
            &format!("More social workers would mean more respite for us, case {i}."),
            vec![false, true],
        ));
    }
    for i in 0..10 {
        items.push(item(
            30 + i,
            "Q1",
            &format!("A holiday scheme in the summer, case {i}."),
            vec![false, true],
        ));
    }
    Sample {
        sources: vec!["gold.csv".into()],
        items,
        evaluated: vec![true, true],
    }
}

#[test]
fn single_code_questions_are_measured_keeping_one_theme() {
    let sample = two_themes_sample();
    let book = Codebook::parse(TWO_THEMES, "codebook.toml").unwrap();
    let adds_respite = |r: &tally_suggest::Report| {
        r.proposals.iter().any(|p| {
            p.theme == "respite"
                && matches!(&p.change, Change::Phrase { pattern } if pattern == "respite")
        })
    };
    // multi-coded: "respite" finds the 30 answers
    let multi = suggest(&sample, &book, &BTreeSet::new(), Settings::default()).unwrap();
    assert!(adds_respite(&multi), "{:#?}", multi.proposals);
    assert!(multi.single_code_questions.is_empty());
    // single-code: each of those answers keeps `workforce` (a pair outranks a word), so the
    // word changes nothing there and is not proposed
    let single: BTreeSet<String> = ["Q1".to_string()].into();
    let one = suggest(&sample, &book, &single, Settings::default()).unwrap();
    assert_eq!(one.single_code_questions, ["Q1"]);
    assert!(!adds_respite(&one), "{:#?}", one.proposals);
    let md = tally_suggest::render::markdown(&one);
    assert!(md.contains("Single-code questions (Q1)"), "{md}");
    // and the cross-validated figure is what the pipeline would code: unchanged
    assert_eq!(one.macro_f1_cross_validated, one.macro_f1);
}

#[test]
fn on_a_single_code_question_an_exclusion_of_the_winner_lets_the_runner_up_through() {
    // both themes are raised by a word; the tie goes to the theme listed first, workforce,
    // which the coder did not code: clearing its "workers" there gives the answer to respite
    let src = r#"name = "demo"

[[themes]]
id = "workforce"
label = "Social workers"
description = "More social workers are needed."

[[themes.rules]]
name = "workers"
match = ["workers"]

[[themes]]
id = "respite"
label = "Respite"
description = "Respite care for families."

[[themes.rules]]
match = ["holiday"]
"#;
    let mut items: Vec<Item> = (0..30)
        .map(|i| {
            item(
                i,
                "Q1",
                &format!("Agency workers on a holiday rota, case {i}."),
                vec![false, true],
            )
        })
        .collect();
    items.extend((0..10).map(|i| {
        item(
            30 + i,
            "Q1",
            &format!("We need more social workers, case {i}."),
            vec![true, false],
        )
    }));
    let sample = Sample {
        sources: vec!["gold.csv".into()],
        items,
        evaluated: vec![true, true],
    };
    let book = Codebook::parse(src, "codebook.toml").unwrap();
    let single: BTreeSet<String> = ["Q1".to_string()].into();
    let report = suggest(&sample, &book, &single, Settings::default()).unwrap();
    // before: respite is raised on the 30 answers but dropped from every one
    let respite = report.themes.iter().find(|t| t.id == "respite").unwrap();
    assert_eq!(
        (respite.counts.agreed, respite.counts.missed),
        (0, 30),
        "{:?}",
        respite.counts
    );
    // the exclusion is proposed, and its effect on respite is counted
    let p = report
        .proposals
        .iter()
        .find(|p| p.theme == "workforce" && matches!(p.change, Change::Unless { .. }))
        .unwrap_or_else(|| panic!("{:#?}", report.proposals));
    assert_eq!(p.effect.cleared, 30, "{:?}", p.effect);
    assert_eq!(
        (p.effect.others_right, p.effect.others_wrong),
        (30, 0),
        "{:?}",
        p.effect
    );
    // cross-validated, the answers go to respite as the pipeline would code them
    assert_eq!(report.macro_f1_cross_validated, Some(1.0), "{report:#?}");
}

/// A theme whose rule has `valued` (right) and `trusted` (which fires only on other
/// senses: "the hospital trust", "a trusted friend"), with `label`.
fn trusted(label: &str) -> tally_suggest::Report {
    let src = format!(
        "name = \"demo\"\n\n[[themes]]\nid = \"valued\"\nlabel = \"{label}\"\n\n\
         [[themes.rules]]\nname = \"valued\"\nmatch = [\"valued\", \"trusted\"]\n"
    );
    let mut items: Vec<Item> = (0..20)
        .map(|i| {
            item(
                i,
                "Q1",
                &format!("Answer {i}. I want to feel valued at work."),
                vec![true],
            )
        })
        .collect();
    let places = [
        "hospital",
        "health",
        "charitable",
        "housing",
        "community",
        "academy",
    ];
    for (i, w) in places.iter().enumerate() {
        let text = format!("Answer {i}. We spoke to the {w} trust.");
        items.push(item(20 + i, "Q1", &text, vec![false]));
    }
    for (i, w) in ["friend", "neighbour", "teacher"].iter().enumerate() {
        let text = format!("Answer {i}. My trusted {w} helped.");
        items.push(item(30 + i, "Q1", &text, vec![false]));
    }
    let sample = Sample {
        sources: vec!["gold.csv".into()],
        items,
        evaluated: vec![true],
    };
    let book = Codebook::parse(&src, "codebook.toml").unwrap();
    suggest(&sample, &book, &BTreeSet::new(), Settings::default()).unwrap()
}

#[test]
fn a_word_of_the_theme_s_definition_is_narrowed_never_dropped() {
    let narrowings = |r: &tally_suggest::Report| -> Vec<Vec<String>> {
        r.proposals
            .iter()
            .filter_map(|p| match &p.change {
                Change::Narrow { pattern, into, .. } if pattern == "trusted" => Some(into.clone()),
                _ => None,
            })
            .collect()
    };
    // "trusted" is in the definition: its exact form is kept (the other forms go)
    let kept = trusted("Feeling valued and trusted");
    assert_eq!(narrowings(&kept), [["=trusted"]], "{:#?}", kept.proposals);
    // not in it: dropping the word clears every false hit, and is proposed
    let dropped = trusted("Feeling valued");
    assert_eq!(
        narrowings(&dropped),
        [Vec::<String>::new()],
        "{:#?}",
        dropped.proposals
    );
}

#[test]
fn a_near_rule_s_window_is_narrowed_to_clear_distant_pairs() {
    let src = r#"name = "demo"

[[themes]]
id = "pay"
label = "Pay"
description = "A national pay scale."

[[themes.rules]]
name = "pay scale"
near = [["pay"], ["scale"]]
within = 8   # words apart
"#;
    let mut items: Vec<Item> = (0..10)
        .map(|i| {
            item(
                i,
                "Q1",
                &format!("Answer {i}. A national pay scale is needed."),
                vec![true],
            )
        })
        .collect();
    let sizes = [
        "vast", "huge", "sheer", "full", "whole", "grand", "large", "real", "true", "wide",
        "broad", "great", "deep", "rich", "fair", "bold",
    ];
    for (i, w) in sizes.iter().enumerate() {
        let text = format!("Answer {i}. We pay for the {w} scale of it all.");
        items.push(item(10 + i, "Q1", &text, vec![false]));
    }
    let sample = Sample {
        sources: vec!["gold.csv".into()],
        items,
        evaluated: vec![true],
    };
    let book = Codebook::parse(src, "codebook.toml").unwrap();
    let report = suggest(&sample, &book, &BTreeSet::new(), Settings::default()).unwrap();
    let p = report
        .proposals
        .iter()
        .find(|p| matches!(p.change, Change::Within { .. }))
        .unwrap_or_else(|| panic!("no narrower window: {:#?}", report.proposals));
    // the rightly coded pairs are adjacent ("pay scale"), the others three words apart
    // ("pay for the vast scale"): the narrowest window that keeps the first
    assert!(
        matches!(
            p.change,
            Change::Within {
                rule: 0,
                from: 8,
                to: 1,
                ..
            }
        ),
        "{:?}",
        p.change
    );
    assert_eq!((p.effect.cleared, p.effect.lost), (16, 0), "{:?}", p.effect);
    assert!(tally_suggest::render::describe(p).contains("`within = 1` (was 8)"));
    let new = apply::apply(src, &book, &[p]).unwrap();
    assert_eq!(
        new,
        src.replace("within = 8   #", "within = 1   #"),
        "{new}"
    );
    let book2 = Codebook::parse(&new, "codebook.toml").unwrap();
    let again = suggest(&sample, &book2, &BTreeSet::new(), Settings::default()).unwrap();
    assert_eq!(again.macro_f1, Some(1.0));
}

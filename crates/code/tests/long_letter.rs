//! A very long response is coded in time linear in its length, and correctly.
//!
//! A 16 MB letter made of the example corpus's answers, one after another with a blank line
//! between (`tally_benchdata::letter`), is dense with the example codebook's theme words:
//! tens of thousands of occurrences of both sides of every proximity rule. Coding it must
//! give exactly what coding each answer alone gives, shifted to where the answer sits in the
//! letter: a blank line ends a sentence and a clause, so no rule may pair words across it.
//! No timing is asserted; the old pairing (every first-side hit against every second-side
//! hit of the whole text) needed hours for this letter, so the test would not finish.

use std::collections::BTreeMap;

use tally_benchdata::{answers, letter, CORPUS, LETTER_SEPARATOR};
use tally_code::{Codebook, Evidence, Matcher, Scratch};

fn matcher() -> Matcher {
    let src = std::fs::read_to_string(format!("{CORPUS}codebook.toml")).expect("codebook.toml");
    let book = Codebook::parse(&src, "codebook.toml").expect("codebook parses");
    Matcher::compile(&book).expect("codebook compiles")
}

/// Theme → evidence, in text order.
type Coded = BTreeMap<u32, Vec<Evidence>>;

fn code(m: &Matcher, s: &mut Scratch, text: &str) -> Coded {
    m.code(s, "letter", text)
        .into_iter()
        .map(|h| (h.theme, h.evidence))
        .collect()
}

#[test]
fn a_16_mb_letter_is_coded_as_its_answers_are_one_by_one() {
    let m = matcher();
    let mut s = Scratch::default();
    let text = letter(16 << 20);
    assert!(text.len() >= 16 << 20);

    // what the letter should give: each answer coded alone, at its offset in the letter
    let answers = answers();
    let alone: Vec<Coded> = answers.iter().map(|(_, t)| code(&m, &mut s, t)).collect();
    let mut want = Coded::new();
    let mut at = 0usize;
    for (i, (_, answer)) in answers.iter().enumerate().cycle() {
        if at >= text.len() {
            break;
        }
        assert_eq!(&text[at..at + answer.len()], answer.as_str());
        for (&theme, evidence) in &alone[i] {
            want.entry(theme)
                .or_default()
                .extend(evidence.iter().map(|e| Evidence {
                    start: e.start + at as u32,
                    end: e.end + at as u32,
                    ..*e
                }));
        }
        at += answer.len() + LETTER_SEPARATOR.len();
    }

    let got = code(&m, &mut s, &text);
    let spans = |c: &Coded| c.values().map(Vec::len).sum::<usize>();
    assert!(spans(&want) > 100_000, "dense: {} spans", spans(&want));
    assert_eq!(got.len(), want.len(), "themes raised");
    for (theme, evidence) in &want {
        let g = &got[theme];
        assert_eq!(g.len(), evidence.len(), "theme {theme}: evidence count");
        assert!(g == evidence, "theme {theme}: evidence differs");
    }
}

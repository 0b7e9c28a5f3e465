//! Every comparison of a run with human coding: tally against each human-coded sample, then
//! each pair of samples (person against person). `tally analyse` (run.json, the summary's
//! appendix) and `tally agree` both call [`agreements`], so they report the same pairs with
//! the same figures.

use crate::agreement::{Agreement, Coding, EvidenceTexts};
use crate::gold::GoldSet;

/// The name of tally's coding in every comparison.
pub const TALLY: &str = "tally";

/// Compares `coding` (tally's, with its `evidence` texts for the disagreement lists) with
/// each of `golds`, in the order given, then each pair of `golds` (`golds[i]` against
/// `golds[j]` for `i < j`), over `themes`.
pub fn agreements(
    coding: &Coding,
    evidence: &EvidenceTexts,
    golds: &[GoldSet],
    themes: &[String],
) -> Vec<Agreement> {
    let mut out: Vec<Agreement> = golds
        .iter()
        .map(|g| Agreement::compute(TALLY, coding, evidence, g, themes))
        .collect();
    let none = EvidenceTexts::new();
    for (i, a) in golds.iter().enumerate() {
        let coding_a = a.coding();
        for b in &golds[i + 1..] {
            out.push(Agreement::compute(&a.path, &coding_a, &none, b, themes));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::GoldItem;

    fn gold(path: &str, items: &[(&str, bool)]) -> GoldSet {
        GoldSet {
            path: path.into(),
            themes: vec!["funding".into()],
            items: items
                .iter()
                .map(|&(id, coded)| {
                    let item = GoldItem {
                        question: "Q1".into(),
                        respondent_type: "P".into(),
                        text: id.into(),
                        line: 0,
                        themes: coded.then(|| "funding".to_string()).into_iter().collect(),
                        inclusion_probability: None,
                    };
                    (id.to_string(), item)
                })
                .collect(),
        }
    }

    #[test]
    fn tally_against_every_sample_then_every_pair_of_samples() {
        let golds = [
            gold("a.csv", &[("1", true), ("2", false)]),
            gold("b.csv", &[("1", true), ("2", true)]),
            gold("c.csv", &[("2", false)]),
        ];
        let coding: Coding = [("1", true), ("2", true)]
            .iter()
            .map(|&(id, coded)| {
                let themes = coded.then(|| "funding".to_string()).into_iter().collect();
                (id.to_string(), themes)
            })
            .collect();
        let all = agreements(
            &coding,
            &EvidenceTexts::new(),
            &golds,
            &["funding".to_string()],
        );
        let pairs: Vec<(&str, &str, u64)> = all
            .iter()
            .map(|a| (a.a.as_str(), a.b.as_str(), a.items))
            .collect();
        assert_eq!(
            pairs,
            [
                ("tally", "a.csv", 2),
                ("tally", "b.csv", 2),
                ("tally", "c.csv", 1),
                ("a.csv", "b.csv", 2),
                ("a.csv", "c.csv", 1),
                ("b.csv", "c.csv", 1),
            ]
        );
        // a against b: they disagree on 2 only
        assert_eq!(all[3].disagreements.len(), 1);
        assert_eq!(all[3].disagreements[0].coded_by, "b.csv");
    }
}

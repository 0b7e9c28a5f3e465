//! Agreement between two codings of the same responses, per theme, with every disagreement.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;

use crate::gold::GoldSet;
use crate::stats::Table;

/// One theme's comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeAgreement {
    /// Theme id.
    pub theme: String,
    /// Items coded by A only, B only, both, neither.
    pub both: u64,
    /// Coded by A only (for tally vs a human: false positives).
    pub only_a: u64,
    /// Coded by B only (false negatives).
    pub only_b: u64,
    /// Coded by neither.
    pub neither: u64,
    /// Precision of A against B.
    pub precision: Option<f64>,
    /// Recall of A against B.
    pub recall: Option<f64>,
    /// F1.
    pub f1: Option<f64>,
    /// Cohen's kappa.
    pub kappa: Option<f64>,
    /// Krippendorff's alpha (nominal).
    pub alpha: Option<f64>,
    /// Share of items agreed on.
    pub percent_agreement: Option<f64>,
    /// Share of items A coded.
    pub prevalence_a: Option<f64>,
    /// Share of items B coded.
    pub prevalence_b: Option<f64>,
}

impl ThemeAgreement {
    fn new(theme: &str, t: &Table) -> Self {
        ThemeAgreement {
            theme: theme.to_string(),
            both: t.both,
            only_a: t.only_a,
            only_b: t.only_b,
            neither: t.neither,
            precision: t.precision(),
            recall: t.recall(),
            f1: t.f1(),
            kappa: t.kappa(),
            alpha: t.alpha(),
            percent_agreement: t.percent_agreement(),
            prevalence_a: t.prevalence_a(),
            prevalence_b: t.prevalence_b(),
        }
    }

    fn table(&self) -> Table {
        Table {
            both: self.both,
            only_a: self.only_a,
            only_b: self.only_b,
            neither: self.neither,
        }
    }
}

/// One item and theme on which the codings differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// Response id.
    pub response_id: String,
    /// Theme id.
    pub theme: String,
    /// Which coder coded it: the name of A or of B.
    pub coded_by: String,
    /// A's evidence, when A coded it (the spans that fired).
    pub evidence: Vec<String>,
    /// The response text (as in the gold file).
    pub text: String,
}

/// The comparison of coding A with coding B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Name of A (e.g. "tally").
    pub a: String,
    /// Name of B (e.g. the gold file).
    pub b: String,
    /// Items compared (in both codings).
    pub items: u64,
    /// Items of B that A does not have (not compared).
    pub missing_from_a: Vec<String>,
    /// Per theme, in the order given.
    pub themes: Vec<ThemeAgreement>,
    /// All themes pooled.
    pub micro: ThemeAgreement,
    /// Mean F1 over themes where it is defined.
    pub macro_f1: Option<f64>,
    /// Mean kappa over themes where it is defined.
    pub macro_kappa: Option<f64>,
    /// Mean alpha over themes where it is defined.
    pub macro_alpha: Option<f64>,
    /// Every disagreement.
    pub disagreements: Vec<Disagreement>,
}

fn mean(xs: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let v: Vec<f64> = xs.flatten().collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// A coding: response id → themes, with optional evidence per (id, theme).
pub type Coding = BTreeMap<String, BTreeSet<String>>;

/// Evidence texts per (response id, theme): the spans that raised each coding.
pub type EvidenceTexts = BTreeMap<(String, String), Vec<String>>;

impl Agreement {
    /// Compares coding `a` with gold `b` over the themes given, on the items of `b` that `a`
    /// has. `evidence` gives A's evidence texts per (response id, theme) for the
    /// disagreement list.
    pub fn compute(
        a_name: &str,
        a: &Coding,
        evidence: &EvidenceTexts,
        b: &GoldSet,
        themes: &[String],
    ) -> Agreement {
        let mut tables: Vec<Table> = vec![Table::default(); themes.len()];
        let mut missing = Vec::new();
        let mut disagreements = Vec::new();
        let mut items = 0;
        for (id, item) in &b.items {
            let Some(coded_a) = a.get(id) else {
                missing.push(id.clone());
                continue;
            };
            items += 1;
            for (t, theme) in themes.iter().enumerate() {
                let (x, y) = (coded_a.contains(theme), item.themes.contains(theme));
                tables[t].add(x, y);
                if x != y {
                    disagreements.push(Disagreement {
                        response_id: id.clone(),
                        theme: theme.clone(),
                        coded_by: if x {
                            a_name.to_string()
                        } else {
                            b.path.clone()
                        },
                        evidence: if x {
                            evidence
                                .get(&(id.clone(), theme.clone()))
                                .cloned()
                                .unwrap_or_default()
                        } else {
                            Vec::new()
                        },
                        text: item.text.clone(),
                    });
                }
            }
        }
        disagreements.sort_by(|p, q| {
            (themes.iter().position(|t| *t == p.theme), &p.response_id)
                .cmp(&(themes.iter().position(|t| *t == q.theme), &q.response_id))
        });
        let per: Vec<ThemeAgreement> = themes
            .iter()
            .zip(&tables)
            .map(|(t, tab)| ThemeAgreement::new(t, tab))
            .collect();
        let pooled = tables.iter().fold(Table::default(), |acc, t| acc.plus(t));
        Agreement {
            a: a_name.to_string(),
            b: b.path.clone(),
            items,
            missing_from_a: missing,
            macro_f1: mean(per.iter().map(|t| t.f1)),
            macro_kappa: mean(per.iter().map(|t| t.kappa)),
            macro_alpha: mean(per.iter().map(|t| t.alpha)),
            micro: ThemeAgreement::new("(all themes pooled)", &pooled),
            themes: per,
            disagreements,
        }
    }

    /// The per-theme table as Markdown.
    pub fn markdown_table(&self) -> String {
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.2}"));
        let pct = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{:.0}%", v * 100.0));
        let mut out = String::new();
        let _ = writeln!(
            out,
            "| theme | {a} | {b} | both | precision | recall | F1 | kappa | alpha | agreement |",
            a = tally_escape::markdown_line(short(&self.a)),
            b = tally_escape::markdown_line(short(&self.b))
        );
        out.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
        for t in self.themes.iter().chain(std::iter::once(&self.micro)) {
            let tab = t.table();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                tally_escape::markdown_line(&t.theme),
                tab.both + tab.only_a,
                tab.both + tab.only_b,
                tab.both,
                f(t.precision),
                f(t.recall),
                f(t.f1),
                f(t.kappa),
                f(t.alpha),
                pct(t.percent_agreement)
            );
        }
        let _ = writeln!(
            out,
            "| **macro average** | | | | | | {} | {} | {} | |",
            f(self.macro_f1),
            f(self.macro_kappa),
            f(self.macro_alpha)
        );
        out
    }

    /// The full report as Markdown: headline, table, disagreements.
    pub fn markdown(&self) -> String {
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.2}"));
        let mut out = String::new();
        let _ = writeln!(out, "## {} against {}\n", short(&self.a), short(&self.b));
        let _ = writeln!(
            out,
            "{} responses compared. Macro F1 {}, macro kappa {}, micro F1 {}. Kappa 0.61–0.80 is substantial, above 0.80 almost perfect; \"–\" marks a statistic that is undefined (a theme neither coder used, or one both used everywhere).\n",
            self.items,
            f(self.macro_f1),
            f(self.macro_kappa),
            f(self.micro.f1)
        );
        if !self.missing_from_a.is_empty() {
            let _ = writeln!(
                out,
                "{} responses of {} are not in {} and were not compared: {}.\n",
                self.missing_from_a.len(),
                short(&self.b),
                short(&self.a),
                self.missing_from_a.join(", ")
            );
        }
        out.push_str(&self.markdown_table());
        let _ = writeln!(out, "\n### Disagreements ({})\n", self.disagreements.len());
        for d in &self.disagreements {
            let who = if d.coded_by == self.a {
                format!("{} only", short(&self.a))
            } else {
                format!("{} only", short(&self.b))
            };
            let ev = if d.evidence.is_empty() {
                String::new()
            } else {
                format!(
                    " — evidence: {}",
                    d.evidence
                        .iter()
                        .map(|e| format!("\u{201c}{e}\u{201d}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let _ = writeln!(
                out,
                "- `{}` **{}**, {who}{ev}: {}",
                d.response_id,
                d.theme,
                excerpt(&d.text, 240)
            );
        }
        out
    }
}

/// The file name of a path, for column headings.
fn short(s: &str) -> &str {
    s.rsplit(['/', '\\']).next().unwrap_or(s)
}

/// The first `max` characters of a text on one line.
fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::GoldItem;

    fn gold(items: &[(&str, &[&str])]) -> GoldSet {
        GoldSet {
            path: "gold.csv".into(),
            themes: vec!["funding".into(), "pay".into()],
            items: items
                .iter()
                .map(|(id, ts)| {
                    (
                        id.to_string(),
                        GoldItem {
                            question: "Q1".into(),
                            respondent_type: "P".into(),
                            text: format!("text of {id}"),
                            line: 0,
                            themes: ts.iter().map(|t| t.to_string()).collect(),
                            inclusion_probability: None,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn compares_per_theme_and_lists_disagreements() {
        let g = gold(&[
            ("1", &["funding"]),
            ("2", &["funding", "pay"]),
            ("3", &[]),
            ("4", &["pay"]),
            ("9", &["pay"]),
        ]);
        let a: Coding = [
            ("1", vec!["funding"]),
            ("2", vec!["funding"]),
            ("3", vec!["pay"]),
            ("4", vec!["pay"]),
        ]
        .into_iter()
        .map(|(i, ts)| (i.to_string(), ts.into_iter().map(String::from).collect()))
        .collect();
        let mut ev = BTreeMap::new();
        ev.insert(
            ("3".to_string(), "pay".to_string()),
            vec!["paid".to_string()],
        );
        let themes = vec!["funding".to_string(), "pay".to_string()];
        let r = Agreement::compute("tally", &a, &ev, &g, &themes);
        assert_eq!(r.items, 4);
        assert_eq!(r.missing_from_a, ["9"]);
        assert_eq!(
            (
                r.themes[0].both,
                r.themes[0].only_a,
                r.themes[0].only_b,
                r.themes[0].neither
            ),
            (2, 0, 0, 2)
        );
        assert_eq!(r.themes[0].f1, Some(1.0));
        assert_eq!(
            (r.themes[1].both, r.themes[1].only_a, r.themes[1].only_b),
            (1, 1, 1)
        );
        assert_eq!(r.disagreements.len(), 2);
        assert_eq!(r.disagreements[0].response_id, "2");
        assert_eq!(r.disagreements[0].coded_by, "gold.csv");
        assert_eq!(r.disagreements[1].evidence, ["paid"]);
        let md = r.markdown();
        assert!(
            md.contains("| funding | 2 | 2 | 2 | 1.00 | 1.00 | 1.00 | 1.00 |"),
            "{md}"
        );
        assert!(
            md.contains("`3` **pay**, tally only — evidence: “paid”"),
            "{md}"
        );
    }
}

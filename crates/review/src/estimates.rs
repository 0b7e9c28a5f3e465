//! Error-corrected estimates for every cell a run reports: the coder's count corrected by
//! the coding error measured on the human-coded samples (tally-estimate's
//! prediction-powered estimator; see docs/estimates.md).
//!
//! For each question × theme the cells are the rows of themes.csv:
//!
//! - **headline** (`ThemeResult::main`): the respondents who answered the question as the
//!   headline counts them (under `--campaigns separate`, campaign copies left out); the
//!   sample is the hand-coded responses of the question counted there;
//! - **all** (`ThemeResult::total`): every respondent who answered, copies included, with
//!   every hand-coded response of the question;
//! - **by respondent type**: the type's respondents (copies included, as the breakdown
//!   counts them) and the type's hand-coded responses. A small cell (under `--small-cell`)
//!   gets no estimate, as its count is not shown.
//!
//! A unit's coder label is whether tally coded the theme on that response after review
//! decisions; its human label is the gold code. A gold file that lacks a theme's column says
//! nothing about that theme, so its responses are left out of that theme's cells.
//!
//! **Several gold files** are read in the order given (the pipeline sorts them by path):
//! every hand-coded response is used once, and one coded in two files (double coding) keeps
//! the first file's codes. **Inclusion probabilities**: a response without one is treated as
//! drawn by simple random sampling from its question, `π = n_q / N_q` (the question's
//! hand-coded responses in the cell's population over that population), with a warning. A
//! question without hand-coded responses gets no estimate, and says so.
//!
//! **Across all questions** nothing is estimated: the counts there are of respondents (a
//! respondent raises a theme if any of their answers does), but the sample is drawn per
//! answer, so it does not measure the coder's error on a respondent's answers taken
//! together, and no valid design-based correction of the respondent-level count follows
//! from it.

use std::collections::{BTreeMap, BTreeSet};

use tally_aggregate::{
    Cell, CellEstimate, Estimates, QuestionEstimates, QuestionSummary, Summary, ThemeEstimates,
};
use tally_estimate::{estimate, EstimateError, Unit};

use crate::agreement::Coding;
use crate::gold::{GoldItem, GoldSet};

/// Why there is no estimate across all questions (stated in summary.md and run.json).
pub const NO_OVERALL_ESTIMATE: &str = "the hand-coded sample is drawn per answer, not per \
    respondent, so it does not measure whether tally is right about a respondent's answers \
    taken together; the counts across all questions are the coder's alone (each question's \
    counts are corrected)";

/// Where the run counted a hand-coded response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    /// The question the run filed it under.
    pub question: String,
    /// The respondent's type.
    pub respondent_type: String,
    /// Whether the headline count includes it (false for a campaign copy under
    /// `--campaigns separate` or `once`).
    pub headline: bool,
}

/// Hand-coded responses met in the run, by response id.
pub type ObservedMap = BTreeMap<String, Observed>;

/// A hand-coded response of the run, with everything its units need.
struct Item<'a> {
    gold: &'a GoldItem,
    file: &'a GoldSet,
    seen: &'a Observed,
    coded: &'a BTreeSet<String>,
}

/// The estimates for every question of `summary`, from the gold samples (in the order
/// given), tally's coding of the gold responses (`coding`, after review decisions) and where
/// the run counted each of them (`observed`). Without gold samples: nothing.
pub fn cell_estimates(
    summary: &Summary,
    golds: &[GoldSet],
    coding: &Coding,
    observed: &ObservedMap,
) -> Estimates {
    if golds.is_empty() {
        return Estimates::default();
    }
    let mut by_question: BTreeMap<&str, Vec<Item>> = BTreeMap::new();
    let mut used = BTreeSet::new();
    for file in golds {
        for (id, gold) in &file.items {
            let (Some(seen), Some(coded)) = (observed.get(id), coding.get(id)) else {
                continue; // not a response of this run
            };
            if used.insert(id.as_str()) {
                by_question
                    .entry(seen.question.as_str())
                    .or_default()
                    .push(Item {
                        gold,
                        file,
                        seen,
                        coded,
                    });
            }
        }
    }
    let questions = summary
        .questions
        .iter()
        .map(|q| {
            let items = by_question
                .get(q.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            question(summary, q, items)
        })
        .collect();
    Estimates {
        sampled: true,
        questions,
        overall_none_because: Some(NO_OVERALL_ESTIMATE.to_string()),
    }
}

/// One question's estimates.
fn question(summary: &Summary, q: &QuestionSummary, items: &[Item]) -> QuestionEstimates {
    let headline: Vec<&Item> = items.iter().filter(|i| i.seen.headline).collect();
    let mut out = QuestionEstimates {
        question: q.id.clone(),
        sample_size: headline.len(),
        ..Default::default()
    };
    if items.is_empty() {
        out.none_because = Some(format!(
            "no response to {} was hand-coded, so its counts are not corrected for coding error",
            q.id
        ));
        return out;
    }
    let mut warnings: BTreeSet<String> = unweighted_warning(&q.id, items).into_iter().collect();
    // the simple-random-sampling probability for responses that record none
    let srs = |n: usize, big_n: u64| (n as f64 / big_n.max(1) as f64).clamp(f64::MIN_POSITIVE, 1.0);
    let (pi_all, pi_main) = (srs(items.len(), q.base), srs(headline.len(), q.main_base));
    let all: Vec<&Item> = items.iter().collect();
    for t in &q.themes {
        let theme = summary.themes[t.theme].0.as_str();
        let mut cell = |c: &Cell, sample: &[&Item], pi: f64| {
            cell_estimate(theme, c, sample, pi, &mut warnings)
        };
        let by_type = summary
            .types
            .iter()
            .zip(&t.by_type)
            .map(|(ty, c)| {
                if c.is_small(summary.small_cell) {
                    return None;
                }
                let of_type: Vec<&Item> = all
                    .iter()
                    .copied()
                    .filter(|i| i.seen.respondent_type == *ty)
                    .collect();
                cell(c, &of_type, pi_all)
            })
            .collect();
        out.themes.push(ThemeEstimates {
            total: cell(&t.total, &all, pi_all),
            main: cell(&t.main, &headline, pi_main),
            by_type,
        });
    }
    let methods: BTreeSet<String> = out
        .themes
        .iter()
        .flat_map(|t| t.by_type.iter().chain([&t.total, &t.main]).flatten())
        .map(|e| e.method.clone())
        .collect();
    out.methods = methods.into_iter().collect();
    out.warnings = warnings.into_iter().collect();
    out
}

/// The warning for a question's hand-coded responses that record no inclusion probability.
fn unweighted_warning(question: &str, items: &[Item]) -> Option<String> {
    let mut unweighted: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items
        .iter()
        .filter(|i| i.gold.inclusion_probability.is_none())
    {
        *unweighted.entry(i.file.path.as_str()).or_default() += 1;
    }
    (!unweighted.is_empty()).then(|| {
        let files: Vec<&str> = unweighted.keys().copied().collect();
        format!(
            "{} hand-coded responses to {question} ({}) have no inclusion probability; they \
             are treated as a simple random sample of the question",
            unweighted.values().sum::<usize>(),
            files.join(", ")
        )
    })
}

/// The estimate of one cell from its hand-coded responses (those whose file codes `theme`);
/// `None` without any. An estimator error (inputs that contradict each other, e.g. more
/// hand-coded responses than respondents) becomes a warning and no estimate.
fn cell_estimate(
    theme: &str,
    cell: &Cell,
    sample: &[&Item],
    fallback_pi: f64,
    warnings: &mut BTreeSet<String>,
) -> Option<CellEstimate> {
    let units: Vec<Unit> = sample
        .iter()
        .filter(|i| i.file.themes.iter().any(|t| t == theme))
        .map(|i| Unit {
            coder: i.coded.contains(theme),
            human: i.gold.themes.contains(theme),
            inclusion_probability: i.gold.inclusion_probability.unwrap_or(fallback_pi),
        })
        .collect();
    if units.is_empty() {
        return None;
    }
    match estimate(cell.count, cell.base, &units) {
        Ok(e) => Some(CellEstimate {
            share: e.share,
            low: e.low,
            high: e.high,
            method: e.method.as_str().to_string(),
            sample_size: e.sample_size,
            further_needed: e.further_needed,
        }),
        Err(EstimateError::NoSample) => None,
        Err(e) => {
            warnings.insert(format!("theme {theme}: no estimate: {e}"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_aggregate::{OverallSummary, ThemeResult};

    /// A summary of one question `Q1` and one theme `funding`, with types A and B:
    /// (count, base) for all respondents, the headline and each type.
    fn summary(total: (u64, u64), main: (u64, u64), by_type: [(u64, u64); 2]) -> Summary {
        let cell = |(count, base)| Cell { count, base };
        let theme = ThemeResult {
            theme: 0,
            total: cell(total),
            by_type: by_type.iter().copied().map(cell).collect(),
            main: cell(main),
            main_by_type: Vec::new(),
            in_scope: true,
            quotes: Vec::new(),
        };
        Summary {
            types: vec!["A".into(), "B".into()],
            themes: vec![("funding".into(), "Funding".into(), "said so".into())],
            questions: vec![QuestionSummary {
                id: "Q1".into(),
                text: "?".into(),
                base: total.1,
                base_by_type: by_type.iter().map(|c| c.1).collect(),
                main_base: main.1,
                main_base_by_type: Vec::new(),
                no_theme: Cell::default(),
                main_no_theme: Cell::default(),
                closed: Vec::new(),
                closed_kind: Default::default(),
                not_answered: Vec::new(),
                themes: vec![theme],
            }],
            overall: OverallSummary {
                base: total.1,
                base_by_type: Vec::new(),
                main_base: main.1,
                main_base_by_type: Vec::new(),
                themes: Vec::new(),
            },
            respondents: total.1,
            coded_responses: 0,
            responses: total.1,
            small_cell: 5,
            campaigns: Vec::new(),
            estimates: Estimates::default(),
        }
    }

    /// A gold file of `rows` (id, type, human codes funding, π) with theme columns `themes`.
    fn gold(path: &str, themes: &[&str], rows: &[(&str, &str, bool, Option<f64>)]) -> GoldSet {
        GoldSet {
            path: path.into(),
            themes: themes.iter().map(|t| t.to_string()).collect(),
            items: rows
                .iter()
                .map(|&(id, ty, yes, pi)| {
                    let item = GoldItem {
                        question: "Q1".into(),
                        respondent_type: ty.into(),
                        text: String::new(),
                        line: 0,
                        themes: if yes {
                            ["funding".to_string()].into()
                        } else {
                            BTreeSet::new()
                        },
                        inclusion_probability: pi,
                    };
                    (id.to_string(), item)
                })
                .collect(),
        }
    }

    /// The run's view: (id, type, headline, tally coded funding).
    fn run(rows: &[(&str, &str, bool, bool)]) -> (Coding, ObservedMap) {
        let mut coding = Coding::new();
        let mut seen = ObservedMap::new();
        for &(id, ty, headline, coded) in rows {
            let themes = if coded {
                ["funding".to_string()].into()
            } else {
                BTreeSet::new()
            };
            coding.insert(id.into(), themes);
            let o = Observed {
                question: "Q1".into(),
                respondent_type: ty.into(),
                headline,
            };
            seen.insert(id.into(), o);
        }
        (coding, seen)
    }

    #[test]
    fn campaign_copies_leave_the_headline_sample_and_the_first_file_wins() {
        // 100 respondents (10 of them campaign copies, out of the headline's 90); coder
        // funding 40 in all, 30 in the headline. Hand-coded with π = 0.1: a1 (coder yes,
        // human yes), a2 (coder yes, human no: added), a3 (coder no, human no), and the copy
        // c1 (coder yes, human no: added). b.csv codes a2 "yes": a.csv comes first and wins.
        let s = summary((40, 100), (30, 90), [(20, 50), (20, 50)]);
        let a = gold(
            "a.csv",
            &["funding"],
            &[
                ("a1", "A", true, Some(0.1)),
                ("a2", "A", false, Some(0.1)),
                ("a3", "B", false, Some(0.1)),
                ("c1", "B", false, Some(0.1)),
            ],
        );
        let b = gold("b.csv", &["funding"], &[("a2", "A", true, Some(0.1))]);
        let (coding, seen) = run(&[
            ("a1", "A", true, true),
            ("a2", "A", true, true),
            ("a3", "B", true, false),
            ("c1", "B", false, true),
        ]);
        let e = cell_estimates(&s, &[a, b], &coding, &seen);
        let q = &e.questions[0];
        assert_eq!(q.sample_size, 3, "the copy is not in the headline's sample");
        let t = &q.themes[0];
        // headline: 30/90 − 1/3 = 0; all: 40/100 − 2/4 = −0.1 → clamped to 0
        let main = t.main.as_ref().unwrap();
        assert!(main.share.abs() < 1e-12, "{main:?}");
        assert_eq!(main.sample_size, 3);
        assert_eq!(t.total.as_ref().unwrap().sample_size, 4);
        // type A: 20/50 − 1/2 → 0 (clamped); type B: 20/50 − 1/2 → 0 as well, n = 2 each
        assert_eq!(t.by_type[0].as_ref().unwrap().sample_size, 2);
        assert_eq!(t.by_type[1].as_ref().unwrap().sample_size, 2);
        assert!(q.warnings.is_empty());
        assert_eq!(e.overall_none_because.as_deref(), Some(NO_OVERALL_ESTIMATE));
    }

    #[test]
    fn small_cells_missing_theme_columns_and_unsampled_questions_get_no_estimate() {
        // type A is a small cell (3 of 50): suppressed like its count
        let s = summary((23, 100), (23, 100), [(3, 50), (20, 50)]);
        let g = gold(
            "g.csv",
            &["funding"],
            &[("a1", "A", true, None), ("b1", "B", false, None)],
        );
        let (coding, seen) = run(&[("a1", "A", true, true), ("b1", "B", true, false)]);
        let e = cell_estimates(&s, std::slice::from_ref(&g), &coding, &seen);
        let t = &e.questions[0].themes[0];
        assert!(t.by_type[0].is_none(), "small cell");
        assert!(t.by_type[1].is_some());
        assert_eq!(
            e.questions[0].warnings.len(),
            1,
            "no inclusion probabilities"
        );
        assert!(e.questions[0].warnings[0].contains("2 hand-coded responses to Q1 (g.csv)"));
        // a gold file without the theme's column says nothing about it
        let other = gold("o.csv", &["pay"], &[("a1", "A", false, Some(0.5))]);
        let e = cell_estimates(&s, &[other], &coding, &seen);
        assert!(e.questions[0].themes[0].total.is_none());
        // a question none of whose responses was hand-coded
        let (coding, seen) = run(&[]);
        let e = cell_estimates(&s, &[g], &coding, &seen);
        assert!(e.questions[0].themes.is_empty());
        assert!(e.questions[0].none_because.as_ref().unwrap().contains("Q1"));
        // and without any gold file, nothing at all
        assert_eq!(
            cell_estimates(&s, &[], &coding, &seen),
            Estimates::default()
        );
    }
}

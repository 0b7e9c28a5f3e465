//! The whole command's analysis: the sample coded by the current codebook, the proposals
//! learned from all of it, and each proposal's out-of-fold effect.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use serde::Serialize;
use tally_code::{Codebook, Matcher};

use crate::baseline::Baseline;
use crate::crossval::{cross_validate, measure, Effect};
use crate::edit::{Ctx, Edit, Narrowed};
use crate::error::SuggestError;
use crate::folds;
use crate::learn::learn;
use crate::prepare::Prepared;
use crate::quote::Quoter;
use crate::sample::Sample;
use crate::score::{macro_f1, Counts};
use crate::universe::{texts, Pattern, Universe, NEAR_WITHIN};

/// Settings of a suggestion run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Number of folds (at least 2).
    pub folds: usize,
    /// Seed of the fold assignment.
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            folds: 5,
            seed: folds::DEFAULT_SEED,
        }
    }
}

/// A response quoted in the report (personal data redacted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Response id.
    pub response_id: String,
    /// The text, or the part of a long one around the evidence.
    pub text: String,
}

/// A false hit: the theme tally coded and the coder did not, with what fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FalseHit {
    /// The response.
    pub quote: Quote,
    /// Each piece of evidence: rule name, the pattern(s) that matched, and the words.
    pub fired: Vec<(String, Vec<String>, String)>,
}

/// One theme's agreement and disagreements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeReport {
    /// Theme id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Counts on the whole sample with the current codebook.
    pub counts: Counts,
    /// Its F1.
    pub f1: Option<f64>,
    /// Coded by the coder, not by tally.
    pub misses: Vec<Quote>,
    /// Coded by tally, not by the coder.
    pub false_hits: Vec<FalseHit>,
}

/// What a proposal does to the codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A word or phrase for a new `match` rule.
    Phrase {
        /// The pattern.
        pattern: String,
    },
    /// A new `near` rule.
    Near {
        /// First side.
        a: String,
        /// Second side.
        b: String,
        /// Words apart.
        within: usize,
    },
    /// A one-word pattern of a `match` rule replaced by tighter ones: the phrases it occurs
    /// in where it is right, or its exact form (`=word`); none drops it.
    Narrow {
        /// The rule's index within its theme.
        rule: usize,
        /// The rule's name.
        rule_name: String,
        /// The pattern replaced, as written.
        pattern: String,
        /// The patterns put in its place.
        into: Vec<String>,
    },
    /// A `near` rule's window narrowed.
    Within {
        /// The rule's index within its theme.
        rule: usize,
        /// The rule's name.
        rule_name: String,
        /// Its `within` now.
        from: u32,
        /// Its `within` proposed.
        to: u32,
    },
    /// An exclusion added to a `match` rule.
    Unless {
        /// The rule's index within its theme.
        rule: usize,
        /// The rule's name.
        rule_name: String,
        /// The phrase.
        pattern: String,
    },
}

/// One proposed edit with its measured, out-of-fold effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Number to give `--apply` (from 1).
    pub number: usize,
    /// Theme id.
    pub theme: String,
    /// The edit.
    pub change: Change,
    /// Its effect on held-out responses, summed over folds.
    pub effect: Effect,
    /// The theme's F1 on the sample with the current codebook.
    pub f1_before: Option<f64>,
    /// The theme's F1 with the edit's held-out effect.
    pub f1_after: Option<f64>,
}

/// The report of `tally codebook suggest`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Codebook name.
    pub codebook: String,
    /// The samples read.
    pub sources: Vec<String>,
    /// Responses in the sample.
    pub responses: usize,
    /// Respondents in the sample.
    pub respondents: usize,
    /// Folds.
    pub folds: usize,
    /// The single-code questions of the sample (`mode = "single"`): coded, and every figure
    /// measured, keeping only the best-supported theme of each answer, as `tally analyse`
    /// codes them.
    pub single_code_questions: Vec<String>,
    /// Macro F1 of the current codebook on the sample.
    pub macro_f1: Option<f64>,
    /// Macro F1 of the cross-validated coding: each fold coded with the edits learned on
    /// the other folds.
    pub macro_f1_cross_validated: Option<f64>,
    /// Per measured theme.
    pub themes: Vec<ThemeReport>,
    /// The proposals that generalise (held-out F1 gain), in theme order.
    pub proposals: Vec<Proposal>,
}

/// Runs the analysis.
pub fn suggest(
    sample: &Sample,
    book: &Codebook,
    single: &BTreeSet<String>,
    settings: Settings,
) -> Result<Report, SuggestError> {
    let fail = |es: Vec<tally_code::CodebookError>| {
        SuggestError::Codebook(es.iter().map(|e| format!("{e}\n")).collect())
    };
    let matcher = Matcher::compile(book).map_err(fail)?;
    let prepared = Prepared::new(sample);
    let baseline = Baseline::code(sample, &prepared, book, &matcher, single);
    let universe = Universe::build(sample, &prepared, book)?;
    let ctx = context(sample, &prepared, &baseline, &universe, book);
    let k = settings.folds.max(2);
    let fold_of: Vec<usize> = sample
        .items
        .iter()
        .map(|it| folds::fold_of(&it.respondent, k, settings.seed))
        .collect();
    let cv = cross_validate(&ctx, &fold_of, k);
    let all: Vec<usize> = (0..sample.items.len()).collect();
    let before = measure(&ctx, &[], &all);
    let everything = vec![true; sample.items.len()];
    let mut proposals = Vec::new();
    for e in learn(&ctx, &everything) {
        let effect = cv.effects.get(&e).copied().unwrap_or_default();
        let base = before[e.theme()];
        let (f1_before, f1_after) = (base.f1(), effect.apply(base).f1());
        // on a single-code question an edit can also change which other theme an answer
        // keeps: one that puts more of those wrong than right is not proposed
        if f1_after.unwrap_or(0.0) <= f1_before.unwrap_or(0.0) + 1e-12
            || effect.others_wrong > effect.others_right
        {
            continue;
        }
        proposals.push(Proposal {
            number: proposals.len() + 1,
            theme: book.themes[e.theme()].id.clone(),
            change: change(&ctx, book, &e),
            effect,
            f1_before,
            f1_after,
        });
    }
    let respondents: BTreeSet<&str> = sample.items.iter().map(|i| i.respondent.as_str()).collect();
    Ok(Report {
        codebook: book.name.clone(),
        sources: sample.sources.clone(),
        responses: sample.items.len(),
        respondents: respondents.len(),
        folds: k,
        single_code_questions: single
            .iter()
            .filter(|q| sample.items.iter().any(|it| &it.question == *q))
            .cloned()
            .collect(),
        macro_f1: macro_f1(&before),
        macro_f1_cross_validated: macro_f1(&cv.after),
        themes: theme_reports(&ctx, book, &before),
        proposals,
    })
}

/// Macro F1 on one half of the sample before and after the edits learned on the other
/// half (halves grouped by respondent, split by `seed`): the generalisation check.
pub fn half_split_gain(
    sample: &Sample,
    book: &Codebook,
    single: &BTreeSet<String>,
    seed: u64,
) -> Result<(Option<f64>, Option<f64>), SuggestError> {
    let matcher = Matcher::compile(book)
        .map_err(|es| SuggestError::Codebook(es.iter().map(|e| format!("{e}\n")).collect()))?;
    let prepared = Prepared::new(sample);
    let baseline = Baseline::code(sample, &prepared, book, &matcher, single);
    let universe = Universe::build(sample, &prepared, book)?;
    let ctx = context(sample, &prepared, &baseline, &universe, book);
    let half: Vec<usize> = sample
        .items
        .iter()
        .map(|it| folds::fold_of(&it.respondent, 2, seed))
        .collect();
    let train: Vec<bool> = half.iter().map(|&h| h == 0).collect();
    let test: Vec<usize> = (0..half.len()).filter(|&i| half[i] == 1).collect();
    let edits = learn(&ctx, &train);
    Ok((
        macro_f1(&measure(&ctx, &[], &test)),
        macro_f1(&measure(&ctx, &edits, &test)),
    ))
}

fn context<'a>(
    sample: &'a Sample,
    prepared: &'a Prepared,
    baseline: &'a Baseline,
    universe: &'a Universe,
    book: &Codebook,
) -> Ctx<'a> {
    let in_scope = book
        .themes
        .iter()
        .map(|t| {
            sample
                .items
                .iter()
                .map(|it| {
                    t.questions
                        .as_ref()
                        .is_none_or(|q| q.contains(&it.question))
                })
                .collect()
        })
        .collect();
    let analyzer = tally_text::Analyzer::new();
    let mut analysis = tally_text::Analysis::default();
    let stem_id: FxHashMap<&str, u32> = prepared
        .stems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u32))
        .collect();
    // per theme, the stems of its definition that the sample's words have, content words only
    let definition: Vec<Vec<u32>> = book
        .themes
        .iter()
        .map(|t| {
            analyzer.analyse(
                &format!("{} {} {}", t.label, t.statement, t.description),
                &mut analysis,
            );
            let mut ids: Vec<u32> = analysis
                .tokens
                .iter()
                .filter_map(|w| {
                    stem_id
                        .get(analyzer.stem(analysis.norm(w)).as_ref())
                        .copied()
                })
                .filter(|&s| crate::stopwords::is_content_word(prepared.surface_of(s)))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect();
    let defines = definition
        .iter()
        .map(|def| {
            universe
                .patterns
                .iter()
                .map(|p| match p {
                    Pattern::Phrase(s) => s.iter().any(|x| def.binary_search(x).is_ok()),
                    Pattern::Near(a, b) => {
                        def.binary_search(a).is_ok() || def.binary_search(b).is_ok()
                    }
                })
                .collect()
        })
        .collect();
    Ctx {
        sample,
        prepared,
        baseline,
        universe,
        in_scope,
        defines,
        definition,
    }
}

fn change(ctx: &Ctx, book: &Codebook, e: &Edit) -> Change {
    match e {
        Edit::Add { pattern, .. } => {
            let p = &ctx.universe.patterns[*pattern as usize];
            let t = texts(ctx.prepared, p);
            match p {
                Pattern::Phrase(stems) => Change::Phrase {
                    pattern: ctx.prepared.phrase_as_written(stems),
                },
                Pattern::Near(..) => Change::Near {
                    a: t[0].clone(),
                    b: t[1].clone(),
                    within: NEAR_WITHIN,
                },
            }
        }
        Edit::Narrow {
            theme,
            rule,
            pattern,
            into,
        } => Change::Narrow {
            rule: *rule,
            rule_name: book.themes[*theme].rules[*rule].name.clone(),
            pattern: pattern.clone(),
            into: match into {
                Narrowed::Exact => vec![format!("={pattern}")],
                Narrowed::Phrases(ps) => ps
                    .iter()
                    .map(|&p| match &ctx.universe.patterns[p as usize] {
                        Pattern::Phrase(stems) => ctx.prepared.phrase_as_written(stems),
                        other => texts(ctx.prepared, other).join(" "),
                    })
                    .collect(),
            },
        },
        Edit::Within {
            theme,
            rule,
            within,
        } => Change::Within {
            rule: *rule,
            rule_name: book.themes[*theme].rules[*rule].name.clone(),
            from: ctx.baseline.near_within[*theme][*rule].unwrap_or(0),
            to: *within,
        },
        Edit::Unless { theme, rule, stems } => Change::Unless {
            rule: *rule,
            rule_name: book.themes[*theme].rules[*rule].name.clone(),
            pattern: ctx.prepared.phrase_as_written(stems),
        },
    }
}

fn theme_reports(ctx: &Ctx, book: &Codebook, before: &[Counts]) -> Vec<ThemeReport> {
    let quoter = Quoter::new();
    book.themes
        .iter()
        .enumerate()
        .filter(|&(t, _)| ctx.sample.evaluated[t])
        .map(|(t, theme)| {
            let mut misses = Vec::new();
            let mut false_hits = Vec::new();
            for (i, item) in ctx.sample.items.iter().enumerate() {
                let coded = ctx.baseline.coded(i, t);
                if item.gold[t] && !coded {
                    misses.push(quoter.whole(item));
                } else if coded && !item.gold[t] {
                    let evs = &ctx.baseline.evidence[i][t];
                    false_hits.push(FalseHit {
                        quote: quoter.around(item, evs[0].bytes),
                        fired: evs
                            .iter()
                            .map(|ev| {
                                let (s, e) = (ev.bytes.0 as usize, ev.bytes.1 as usize);
                                (
                                    theme.rules[ev.rule].name.clone(),
                                    ev.patterns.clone(),
                                    item.text.get(s..e).unwrap_or("").to_string(),
                                )
                            })
                            .collect(),
                    });
                }
            }
            ThemeReport {
                id: theme.id.clone(),
                label: theme.label.clone(),
                counts: before[t],
                f1: before[t].f1(),
                misses,
                false_hits,
            }
        })
        .collect()
}

//! Training a coder: features from every coded response, one logistic regression per theme,
//! a threshold per theme chosen on out-of-fold scores, and the agreement measured by
//! k-fold cross-validation grouped by respondent.
//!
//! For each theme and fold, a model is fitted on the other folds and scores the held-out
//! one, so every response gets an out-of-fold score. The reported agreement codes a
//! held-out response with a threshold chosen on the *other* folds' out-of-fold scores (never
//! on its own fold's labels); the coder's threshold is the one best over all of them, and
//! its weights are fitted on all the data. The vocabulary (stems and pairs used by at least
//! `min_df` responses) is built once from all the texts, without their codes. Themes are
//! fitted in parallel and collected in codebook order: the result is the same bytes on any
//! thread count.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use tally_code::{Codebook, Matcher, Scratch};

use crate::coder::{
    CoderFile, CrossValidated, ThemeAgreement, ThemeModel, TrainSettings, Training, FORMAT,
};
use crate::data::TrainingSet;
use crate::features::{names, Vocabulary};
use crate::folds::grouped_folds;
use crate::logistic::{fit, Settings};
use crate::metrics::{averages, Counts};
use crate::threshold::choose;
use crate::values::{idf, values, Values};

/// Each item's features (by the final vocabulary, with their values) and the themes the
/// rules found in it.
struct Featured {
    features: Vec<Vec<(u32, f64)>>,
    rule_themes: Vec<BTreeSet<u32>>,
    vocabulary: Vec<String>,
    /// By feature, for TF-IDF values (empty otherwise).
    idf: Vec<f64>,
}

/// Reads every item's features through the same path a coder codes with.
fn featurise(
    set: &TrainingSet,
    matcher: &Matcher,
    theme_ids: &[String],
    s: &TrainSettings,
) -> Featured {
    let stemmer = tally_text::Stemmer::new();
    let mut scratch = Scratch::default();
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    let mut rule_themes = Vec::with_capacity(set.items.len());
    for it in &set.items {
        let hits = matcher.code(&mut scratch, &it.question, &it.text);
        for n in names(
            &stemmer,
            scratch.analysis(),
            &hits,
            theme_ids,
            s.char_ngrams,
        ) {
            *df.entry(n).or_default() += 1;
        }
        rule_themes.push(hits.iter().map(|h| h.theme).collect());
    }
    let kept: Vec<(String, usize)> = df
        .into_iter()
        .filter(|(n, c)| n.starts_with("r:") || *c >= s.min_df)
        .collect();
    let idf = match s.values {
        Values::Binary => Vec::new(),
        Values::TfIdf => kept.iter().map(|(_, c)| idf(*c, set.items.len())).collect(),
    };
    let vocabulary: Vec<String> = kept.into_iter().map(|(n, _)| n).collect();
    let v = Vocabulary::new(vocabulary.clone(), theme_ids);
    let (mut occ, mut counts) = (Vec::new(), Vec::new());
    let features = set
        .items
        .iter()
        .map(|it| {
            let hits = matcher.code(&mut scratch, &it.question, &it.text);
            v.occurrences(scratch.analysis(), &hits, &mut occ, &mut counts);
            let mut out = Vec::new();
            values(s.values, &counts, &idf, &mut out);
            out
        })
        .collect();
    Featured {
        features,
        rule_themes,
        vocabulary,
        idf,
    }
}

/// One theme's fits: the model fitted on all the data (threshold still to choose) and
/// each item's out-of-fold score (`None`: no model).
struct ThemeFit {
    model: ThemeModel,
    oof: Option<Vec<f64>>,
}

/// Fits theme `labels` across the folds and on everything.
fn theme(
    id: &str,
    labels: &[bool],
    data: &Featured,
    folds: &[usize],
    s: &TrainSettings,
) -> ThemeFit {
    let positives = labels.iter().filter(|&&t| t).count();
    let dims = data.vocabulary.len();
    let settings = Settings {
        l2: s.l2,
        iterations: s.iterations,
        class_weighted: s.class_weighted,
    };
    let mut model = ThemeModel {
        theme: id.to_string(),
        positives: positives as u64,
        threshold: None,
        bias: 0.0,
        weights: Vec::new(),
        top_features: Vec::new(),
    };
    if positives < s.min_train.max(1) {
        return ThemeFit { model, oof: None };
    }
    let mut oof = vec![0.0; labels.len()];
    for f in 0..s.folds {
        let train: Vec<usize> = (0..labels.len()).filter(|&i| folds[i] != f).collect();
        let xs: Vec<&[(u32, f64)]> = train.iter().map(|&i| data.features[i].as_slice()).collect();
        let ys: Vec<bool> = train.iter().map(|&i| labels[i]).collect();
        let m = fit(&xs, &ys, dims, settings);
        for i in (0..labels.len()).filter(|&i| folds[i] == f) {
            oof[i] = m.score(&data.features[i]);
        }
    }
    let xs: Vec<&[(u32, f64)]> = data.features.iter().map(Vec::as_slice).collect();
    let full = fit(&xs, labels, dims, settings);
    model.weights = full.weights.iter().map(|w| round6(*w)).collect();
    model.bias = round6(full.bias);
    let mut top: Vec<(String, f64)> = data
        .vocabulary
        .iter()
        .cloned()
        .zip(model.weights.iter().copied())
        .collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(10);
    model.top_features = top;
    ThemeFit {
        model,
        oof: Some(oof),
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// One theme's training outcome.
struct ThemeOutcome {
    model: ThemeModel,
    /// Out-of-fold coding of each item (thresholded on the other folds).
    predicted: Vec<bool>,
}

/// Each modelled theme's thresholds: its own, or, for a theme with fewer than
/// `pooled_below` codings, the one chosen on the pooled scores of all such themes.
fn thresholds(
    fits: Vec<ThemeFit>,
    labels: &[Vec<bool>],
    folds: &[usize],
    s: &TrainSettings,
) -> Vec<ThemeOutcome> {
    let pooled = |f: &ThemeFit| f.oof.is_some() && (f.model.positives as usize) < s.pooled_below;
    let group: Vec<(&[f64], &[bool])> = fits
        .iter()
        .zip(labels)
        .filter(|(f, _)| pooled(f))
        .filter_map(|(f, l)| Some((f.oof.as_deref()?, l.as_slice())))
        .collect();
    let shared = (!group.is_empty()).then(|| choose(&group, folds, s.folds));
    let outcomes = fits.iter().zip(labels).map(|(f, l)| {
        let chosen = match (&f.oof, &shared) {
            (None, _) => None,
            (Some(_), Some(c)) if pooled(f) => Some(c.clone()),
            (Some(oof), _) => Some(choose(&[(oof, l)], folds, s.folds)),
        };
        let mut model = f.model.clone();
        let mut predicted = vec![false; l.len()];
        if let (Some(c), Some(oof)) = (&chosen, &f.oof) {
            for (i, p) in predicted.iter_mut().enumerate() {
                *p = c.per_fold[folds[i]].is_some_and(|t| oof[i] >= t);
            }
            model.threshold = c.all.map(|t| (t * 1e6).floor() / 1e6);
        }
        ThemeOutcome { model, predicted }
    });
    outcomes.collect()
}

/// Trains a coder on `set` for the codebook `book` (compiled as `matcher`, whose source
/// has the SHA-256 `codebook_sha256`).
pub fn learn(
    set: &TrainingSet,
    book: &Codebook,
    matcher: &Matcher,
    codebook_sha256: &str,
    settings: TrainSettings,
) -> CoderFile {
    let mut settings = settings;
    settings.folds = settings.folds.max(2);
    let theme_ids: Vec<String> = book.themes.iter().map(|t| t.id.clone()).collect();
    let data = featurise(set, matcher, &theme_ids, &settings);
    let groups: Vec<&str> = set.items.iter().map(|i| i.respondent.as_str()).collect();
    let folds = grouped_folds(&groups, settings.folds);
    let labels: Vec<Vec<bool>> = theme_ids
        .iter()
        .map(|id| set.items.iter().map(|i| i.themes.contains(id)).collect())
        .collect();
    let fits: Vec<ThemeFit> = theme_ids
        .par_iter()
        .zip(&labels)
        .map(|(id, labels)| theme(id, labels, &data, &folds, &settings))
        .collect();
    let outcomes = thresholds(fits, &labels, &folds, &settings);
    let agreement = agreement(set, &theme_ids, &data, &outcomes, &settings);
    let respondents: BTreeSet<&str> = groups.iter().copied().collect();
    CoderFile {
        format: FORMAT.to_string(),
        codebook_sha256: codebook_sha256.to_string(),
        settings,
        training: Training {
            items: set.items.len() as u64,
            respondents: respondents.len() as u64,
            files: set.files.clone(),
        },
        features: data.vocabulary,
        idf: data.idf,
        themes: outcomes.into_iter().map(|o| o.model).collect(),
        agreement,
    }
}

/// The cross-validated agreement of the rules, the model and either.
fn agreement(
    set: &TrainingSet,
    theme_ids: &[String],
    data: &Featured,
    outcomes: &[ThemeOutcome],
    s: &TrainSettings,
) -> CrossValidated {
    let mut per_theme = Vec::new();
    let (mut rules, mut model, mut either) = (Vec::new(), Vec::new(), Vec::new());
    for (t, (id, o)) in theme_ids.iter().zip(outcomes).enumerate() {
        let (mut r, mut m, mut e) = (Counts::default(), Counts::default(), Counts::default());
        for (i, it) in set.items.iter().enumerate() {
            let human = it.themes.contains(id);
            let by_rules = data.rule_themes[i].contains(&(t as u32));
            r.add(by_rules, human);
            m.add(o.predicted[i], human);
            e.add(by_rules || o.predicted[i], human);
        }
        let positives = o.model.positives;
        let measured = positives >= s.min_positives as u64;
        if measured {
            rules.push(r);
            model.push(m);
            either.push(e);
        }
        if positives > 0 {
            per_theme.push(ThemeAgreement {
                theme: id.clone(),
                positives,
                measured,
                rules: r.scores(),
                model: m.scores(),
                either: e.scores(),
            });
        }
    }
    CrossValidated {
        method: format!(
            "{}-fold cross-validation grouped by respondent; a held-out response is coded with the threshold best on the other folds' out-of-fold scores; averages over the themes with at least {} human codings",
            s.folds, s.min_positives
        ),
        themes_measured: rules.len(),
        rules: averages(&rules),
        model: averages(&model),
        either: averages(&either),
        per_theme,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Item;

    const BOOK: &str = r#"
[[themes]]
id = "parking"
label = "Parking"
[[themes.rules]]
match = ["car park"]

[[themes]]
id = "rare"
label = "Rare"
[[themes.rules]]
match = ["zebra"]
"#;

    /// Separable toy data: parking said four ways (the rules know one), and two mentions
    /// of a rare theme (too few to model).
    fn set() -> TrainingSet {
        let parking = [
            "no spaces to park",
            "the car park was full",
            "parking is awful",
            "nowhere to park my car",
        ];
        let other = [
            "the nurse was kind",
            "food was cold",
            "a long wait",
            "clean ward",
        ];
        let items = (0..80)
            .map(|i| {
                let p = i % 2 == 0;
                let mut themes = BTreeSet::new();
                if p {
                    themes.insert("parking".to_string());
                }
                if i < 2 {
                    themes.insert("rare".to_string());
                }
                Item {
                    id: format!("A{i}"),
                    respondent: format!("P{}", i / 4),
                    question: "why".into(),
                    text: format!(
                        "{} on day {i}",
                        if p {
                            parking[i / 2 % 4]
                        } else {
                            other[i / 2 % 4]
                        }
                    ),
                    themes,
                }
            })
            .collect();
        TrainingSet {
            items,
            ..Default::default()
        }
    }

    fn train(threads: usize) -> CoderFile {
        let book = Codebook::parse(BOOK, "book.toml").unwrap();
        let matcher = Matcher::compile(&book).unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| learn(&set(), &book, &matcher, "sha", TrainSettings::default()))
    }

    #[test]
    fn learns_separable_toy_data_the_same_on_any_thread_count() {
        let one = train(1);
        assert!(
            one.to_json() == train(2).to_json(),
            "1 and 2 threads differ"
        );
        assert_eq!(one.training.respondents, 20);
        let parking = &one.themes[0];
        assert!(parking.threshold.is_some());
        let a = &one.agreement;
        assert_eq!(
            a.themes_measured, 1,
            "the rare theme has too few codings to measure"
        );
        assert!(a.rules.macro_f1 < 0.5, "{:?}", a.rules);
        assert_eq!(a.model.macro_f1, 1.0, "{:?}", a.model);
        // the rare theme: listed, not modelled
        assert_eq!(one.themes[1].threshold, None);
        assert!(one.themes[1].weights.is_empty());
        assert!(a.per_theme.iter().any(|t| t.theme == "rare" && !t.measured));
        // the model codes a paraphrase the rules miss, quoting the sentence that says it
        let book = Codebook::parse(BOOK, "book.toml").unwrap();
        let matcher = Matcher::compile(&book).unwrap();
        let model = crate::Model::new(&one, &book, "sha", crate::Combine::Either).unwrap();
        let mut scratch = Scratch::default();
        let text = "Lovely day. Nowhere to park the car!";
        let hits = matcher.code(&mut scratch, "why", text);
        assert!(hits.is_empty());
        let coded = model.apply("why", scratch.analysis(), hits);
        assert_eq!(coded.len(), 1);
        let e = coded[0].evidence[0];
        assert_eq!(
            &text[e.start as usize..e.end as usize],
            "Nowhere to park the car!"
        );
        assert!(coded[0].score.unwrap().get() >= one.themes[0].threshold.unwrap());
        assert!(crate::Model::new(&one, &book, "other", crate::Combine::Either).is_err());
    }
}

//! coder.json: a learned coder as auditable JSON — its features (by name), each theme's
//! weights, bias and threshold, the training files' SHA-256, and the cross-validated
//! agreement with people — and [`Model`], the coder ready to code responses.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tally_code::{Codebook, ThemeHit};
use tally_text::Analysis;

use crate::combine::Combine;
use crate::data::SourceFile;
use crate::error::LearnError;
use crate::features::{Occurrence, Vocabulary};
use crate::metrics::{Averages, Scores};
use crate::values::{values, Values};

/// The format tag of coder.json. `tally-coder/2` added the feature values (`settings.values`
/// and `idf`), character n-grams, class weighting as a setting and the pooled threshold of
/// rare themes; a `tally-coder/1` file is refused (learn again).
pub const FORMAT: &str = "tally-coder/2";

/// A learned coder, as written to coder.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoderFile {
    /// [`FORMAT`].
    pub format: String,
    /// SHA-256 of the codebook it was trained with (its rule hits are features).
    pub codebook_sha256: String,
    /// How it was trained.
    pub settings: TrainSettings,
    /// What it was trained on.
    pub training: Training,
    /// Feature names, by id: `w:stem`, `p:stem stem`, `r:theme`, `c:chars`.
    pub features: Vec<String>,
    /// The idf of each feature, by id (TF-IDF values only; empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub idf: Vec<f64>,
    /// One model per codebook theme, in codebook order.
    pub themes: Vec<ThemeModel>,
    /// Agreement with people, cross-validated.
    pub agreement: CrossValidated,
}

/// The settings of a training run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainSettings {
    /// Cross-validation folds (grouped by respondent).
    pub folds: usize,
    /// L2 penalty.
    pub l2: f64,
    /// L-BFGS iterations at most.
    pub iterations: usize,
    /// Stems and pairs used by fewer responses than this are not features.
    pub min_df: usize,
    /// Themes with fewer human codings than this get no model.
    pub min_train: usize,
    /// Themes with fewer human codings than this are left out of the averages.
    pub min_positives: usize,
    /// How feature counts become values.
    pub values: Values,
    /// Whether character 3- to 5-grams of words are features (`c:`).
    pub char_ngrams: bool,
    /// Whether each theme's classes are weighted to weigh the same in all.
    pub class_weighted: bool,
    /// Themes with fewer human codings than this share one threshold, chosen on their
    /// pooled out-of-fold scores, instead of each its own (0: none do).
    pub pooled_below: usize,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            folds: 5,
            l2: 1.0,
            iterations: 100,
            min_df: 2,
            min_train: 3,
            min_positives: 5,
            values: Values::TfIdf,
            char_ngrams: false,
            class_weighted: true,
            pooled_below: 0,
        }
    }
}

/// The training data's size and sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Coded responses trained on.
    pub items: u64,
    /// Distinct respondents among them.
    pub respondents: u64,
    /// The files they came from.
    pub files: Vec<SourceFile>,
}

/// One theme's model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeModel {
    /// Theme id.
    pub theme: String,
    /// Responses people coded with it.
    pub positives: u64,
    /// Code when the score is at least this; `None`: no model (too few codings).
    pub threshold: Option<f64>,
    /// Intercept.
    pub bias: f64,
    /// One weight per feature (empty without a model).
    pub weights: Vec<f64>,
    /// The ten features of largest weight, for a reader.
    pub top_features: Vec<(String, f64)>,
}

/// Cross-validated agreement with people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrossValidated {
    /// How it was measured.
    pub method: String,
    /// Themes in the averages (those with at least `min_positives` codings).
    pub themes_measured: usize,
    /// The codebook's rules alone.
    pub rules: Averages,
    /// The model alone.
    pub model: Averages,
    /// Either (what `--combine either` codes).
    pub either: Averages,
    /// Each theme people coded at least once.
    pub per_theme: Vec<ThemeAgreement>,
}

/// One theme's agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeAgreement {
    /// Theme id.
    pub theme: String,
    /// Human codings.
    pub positives: u64,
    /// Whether it counts in the averages.
    pub measured: bool,
    /// Rules alone.
    pub rules: Scores,
    /// Model alone.
    pub model: Scores,
    /// Either.
    pub either: Scores,
}

impl CoderFile {
    /// Reads coder.json.
    pub fn load(path: &Path) -> Result<CoderFile, LearnError> {
        let err = |message: String| LearnError::Coder {
            path: path.display().to_string(),
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
        /// The format tag alone, read first: another format's fields differ.
        #[derive(Deserialize)]
        struct Tag {
            format: String,
        }
        let tag: Tag = serde_json::from_slice(&bytes).map_err(|e| err(e.to_string()))?;
        if tag.format != FORMAT {
            return Err(err(format!(
                "format {:?}, expected {FORMAT:?}: run `tally learn` again",
                tag.format
            )));
        }
        serde_json::from_slice(&bytes).map_err(|e| err(e.to_string()))
    }

    /// The JSON written to coder.json (pretty, ending in a line break).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// One theme as the model codes it.
#[derive(Debug)]
struct Runtime {
    /// Index of the theme in the codebook.
    index: u32,
    bias: f64,
    threshold: f64,
    /// A linear score below this cannot reach the threshold ([`logit_floor`]): its
    /// probability is not computed.
    floor: f64,
    /// Questions it is coded in (the codebook's scope); `None` for all.
    questions: Option<Vec<String>>,
}

/// A linear score `z` below the result has `sigmoid(z) < threshold` for certain: the logit
/// of the threshold less a margin far above rounding error (the sigmoid's slope is at most
/// ¼). Only a shortcut: at or above it the probability is computed and compared as before.
fn logit_floor(threshold: f64) -> f64 {
    if threshold <= 0.0 {
        f64::NEG_INFINITY
    } else if threshold >= 1.0 {
        30.0 // sigmoid(30) < 1 in f64
    } else {
        (threshold / (1.0 - threshold)).ln() - 1e-6
    }
}

/// A coder ready to code responses.
#[derive(Debug)]
pub struct Model {
    vocabulary: Vocabulary,
    values: Values,
    idf: Vec<f64>,
    themes: Vec<Runtime>,
    /// Feature-major: `weights[f * themes.len() + k]`.
    weights: Vec<f64>,
    combine: Combine,
}

/// What the model made of one theme in one response.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelHit {
    /// Index of the theme in the codebook.
    pub theme: u32,
    /// The model's probability.
    pub score: f64,
    /// The sentence that contributed most (byte range of the text).
    pub sentence: (usize, usize),
}

/// A thread's buffers for coding one response.
#[derive(Default)]
struct Buffers {
    occurrences: Vec<Occurrence>,
    counts: Vec<(u32, u32)>,
    values: Vec<(u32, f64)>,
    z: Vec<f64>,
    /// By sentence, for [`Model::best_sentence`].
    sums: Vec<f64>,
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

impl Model {
    /// The coder of `file` for `book` (which must be the codebook it was trained with: its
    /// rule hits are features), combined with the rules as `combine` says.
    pub fn new(
        file: &CoderFile,
        book: &Codebook,
        book_sha256: &str,
        combine: Combine,
    ) -> Result<Model, String> {
        if file.codebook_sha256 != book_sha256 {
            return Err(format!(
                "it was trained with another codebook (SHA-256 {}, this one {book_sha256}): run `tally learn` again with this codebook",
                file.codebook_sha256
            ));
        }
        if file.settings.values == Values::TfIdf && file.idf.len() != file.features.len() {
            return Err(format!(
                "{} idf values for {} features",
                file.idf.len(),
                file.features.len()
            ));
        }
        let ids: Vec<String> = book.themes.iter().map(|t| t.id.clone()).collect();
        let vocabulary = Vocabulary::new(file.features.clone(), &ids);
        let mut themes = Vec::new();
        for m in &file.themes {
            let Some(threshold) = m.threshold else {
                continue;
            };
            let index = ids
                .iter()
                .position(|t| *t == m.theme)
                .ok_or_else(|| format!("theme {:?} is not in the codebook", m.theme))?;
            if m.weights.len() != file.features.len() {
                return Err(format!(
                    "theme {:?} has {} weights for {} features",
                    m.theme,
                    m.weights.len(),
                    file.features.len()
                ));
            }
            themes.push(Runtime {
                index: index as u32,
                bias: m.bias,
                threshold,
                floor: logit_floor(threshold),
                questions: book.themes[index].questions.clone(),
            });
        }
        let k = themes.len();
        let mut weights = vec![0.0; file.features.len() * k];
        for (at, m) in file
            .themes
            .iter()
            .filter(|m| m.threshold.is_some())
            .enumerate()
        {
            for (f, &w) in m.weights.iter().enumerate() {
                weights[f * k + at] = w;
            }
        }
        Ok(Model {
            vocabulary,
            values: file.settings.values,
            idf: file.idf.clone(),
            themes,
            weights,
            combine,
        })
    }

    /// Reads the coder file at `path` for `book`, whose source has the SHA-256
    /// `book_sha256` (see [`Model::new`]).
    pub fn load(
        path: &Path,
        book: &Codebook,
        book_sha256: &str,
        combine: Combine,
    ) -> Result<Model, LearnError> {
        let file = CoderFile::load(path)?;
        Model::new(&file, book, book_sha256, combine).map_err(|message| LearnError::Coder {
            path: path.display().to_string(),
            message,
        })
    }

    /// The themes the model codes in a response to `question` analysed as `analysis`,
    /// whose rules found `hits`: each theme scored at or above its threshold, in codebook
    /// order.
    pub fn code(&self, question: &str, analysis: &Analysis, hits: &[ThemeHit]) -> Vec<ModelHit> {
        let k = self.themes.len();
        if k == 0 || analysis.sentences.is_empty() {
            return Vec::new();
        }
        BUFFERS.with(|cell| {
            let b = &mut *cell.borrow_mut();
            self.vocabulary
                .occurrences(analysis, hits, &mut b.occurrences, &mut b.counts);
            values(self.values, &b.counts, &self.idf, &mut b.values);
            let z = &mut b.z;
            z.clear();
            z.extend(self.themes.iter().map(|t| t.bias));
            for &(f, v) in &b.values {
                let row = &self.weights[f as usize * k..(f as usize + 1) * k];
                for (zi, w) in z.iter_mut().zip(row) {
                    *zi += v * w;
                }
            }
            let mut out = Vec::new();
            for (j, t) in self.themes.iter().enumerate() {
                if z[j] < t.floor {
                    continue;
                }
                let score = crate::logistic::sigmoid(z[j]);
                let in_scope = || {
                    t.questions
                        .as_ref()
                        .is_none_or(|qs| qs.iter().any(|q| q == question))
                };
                if score >= t.threshold && in_scope() {
                    let sums = &mut b.sums;
                    sums.clear();
                    sums.resize(analysis.sentences.len(), 0.0);
                    let s = self.best_sentence(&b.occurrences, &b.values, j, sums);
                    out.push(ModelHit {
                        theme: t.index,
                        score,
                        sentence: analysis.sentences[s],
                    });
                }
            }
            out.sort_by_key(|h| h.theme);
            out
        })
    }

    /// The sentence whose features add most to theme `j`'s score (the first on a tie): each
    /// feature in a sentence adds its weight times its value in the response (`values`,
    /// sorted by feature). `sums` has a zero per sentence.
    fn best_sentence(
        &self,
        occ: &[Occurrence],
        values: &[(u32, f64)],
        j: usize,
        sums: &mut [f64],
    ) -> usize {
        let k = self.themes.len();
        let mut at = 0;
        for o in occ {
            while values[at].0 < o.feature {
                at += 1;
            }
            if let Some(s) = sums.get_mut(o.sentence as usize) {
                *s += values[at].1 * self.weights[o.feature as usize * k + j];
            }
        }
        let mut best = 0;
        for (i, &s) in sums.iter().enumerate() {
            if s > sums[best] {
                best = i;
            }
        }
        best
    }

    /// The coding of a response: the rules' `hits` combined with the model's as the
    /// model's [`Combine`] says. A model coding's evidence is its best sentence, with rule
    /// `model` and the score ([`tally_code::Evidence::model`]).
    pub fn apply(&self, question: &str, analysis: &Analysis, hits: Vec<ThemeHit>) -> Vec<ThemeHit> {
        if self.combine == Combine::Rules {
            return hits;
        }
        let found = self.code(question, analysis, &hits);
        crate::combine::combine(self.combine, hits, &found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_the_logit_floor_no_probability_reaches_the_threshold() {
        for t in [0.0, 1e-9, 0.01, 0.2, 0.5, 0.731058, 0.99, 0.999999, 1.0] {
            let floor = logit_floor(t);
            for step in -1000..=1000 {
                let z = floor.clamp(-40.0, 40.0) + f64::from(step) * 1e-9;
                if z < floor {
                    assert!(crate::logistic::sigmoid(z) < t, "t {t} z {z}");
                }
            }
            // just above the floor the comparison decides, as before
            if t > 0.0 && t < 1.0 {
                assert!(crate::logistic::sigmoid(floor + 2e-6) >= t, "t {t}");
            }
        }
    }

    #[test]
    fn a_coder_of_another_format_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("coder.json");
        std::fs::write(&path, r#"{"format": "tally-coder/1"}"#).unwrap();
        let err = CoderFile::load(&path).unwrap_err().to_string();
        assert!(err.contains("tally-coder/1"), "{err}");
    }
}

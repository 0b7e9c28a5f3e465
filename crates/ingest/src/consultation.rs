//! `consultation.toml`: the questions, which columns hold them, who responded, and how
//! letters are filed.
//!
//! ```toml
//! title = "Stable Homes, Built on Love"
//!
//! [respondents]
//! id_column = "Response ID"                 # optional; else FILE#LINE
//! type_column = "Which of these best describes you?"
//! types = ["Parent or carer", "Local authority"]   # optional: order of breakdowns
//!
//! [[questions]]
//! id = "Q1"
//! text = "Do you agree with …?"
//! kind = "closed+open"                      # open | closed | closed+open
//! answer_column = "Q1: Do you agree …?"     # closed part
//! text_column = "Q1: Please explain"        # open part
//! answers = ["Agree", "Neutral", "Disagree"]
//! verbs = { Agree = "agreed", Neutral = "were neutral", Disagree = "disagreed" }
//!
//! [documents]                               # .txt / .md letters and emails
//! question = "letter"
//! question_text = "Letters and emails"
//! default_type = "Organisation (letter or email)"
//! [[documents.types]]
//! paths = ["letters/la-*"]
//! respondent_type = "Local authority"
//!
//! gold = ["human-coded.csv"]                # human-coded samples: not read as responses
//! ignore = ["notes/**"]                     # files deliberately not read
//! ```

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

/// A consultation.toml that cannot be used; the run stops (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ConsultationError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("{path}:{line}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The content is inconsistent.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// More than one consultation.toml was found.
    #[error(
        "more than one consultation.toml under {dir}: {found} (pass --consultation to choose)"
    )]
    Ambiguous {
        /// Directory searched.
        dir: String,
        /// Files found.
        found: String,
    },
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum QuestionKind {
    /// Free text only.
    #[serde(rename = "open")]
    Open,
    /// A closed answer only.
    #[serde(rename = "closed")]
    Closed,
    /// A closed answer and a free-text explanation.
    #[serde(rename = "closed+open")]
    ClosedOpen,
}

impl QuestionKind {
    /// Whether the question has a free-text part.
    pub fn has_text(self) -> bool {
        !matches!(self, QuestionKind::Closed)
    }
    /// Whether the question has a closed part.
    pub fn has_answer(self) -> bool {
        !matches!(self, QuestionKind::Open)
    }
}

/// An allowed answer to a closed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The answer as spelt in the consultation.
    pub value: String,
    /// How respondents who chose it are described ("agreed"); default `answered "X"`.
    pub verb: String,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Id, e.g. `Q1`.
    pub id: String,
    /// The question as asked.
    pub text: String,
    /// Closed, open or both.
    pub kind: QuestionKind,
    /// Column holding the closed answer.
    pub answer_column: Option<String>,
    /// Column holding the free text.
    pub text_column: Option<String>,
    /// Allowed closed answers, in display order.
    pub answers: Vec<Answer>,
}

/// A rule giving letters under some paths a respondent type.
#[derive(Debug, Clone)]
pub struct DocumentType {
    /// Glob patterns, relative to the consultation's directory.
    pub paths: Vec<String>,
    /// The respondent type.
    pub respondent_type: String,
}

/// A parsed consultation.toml.
#[derive(Debug, Clone)]
pub struct Consultation {
    /// Title for reports.
    pub title: String,
    /// Path of the file.
    pub path: PathBuf,
    /// Directory globs are relative to (the file's directory).
    pub root: PathBuf,
    /// Column of the respondent id.
    pub id_column: Option<String>,
    /// Column of the respondent type.
    pub type_column: Option<String>,
    /// Declared respondent types, in breakdown order.
    pub types: Vec<String>,
    /// Questions in order.
    pub questions: Vec<Question>,
    /// Question id given to letters.
    pub document_question: String,
    /// How that question is described.
    pub document_question_text: String,
    /// Respondent type of letters not matched by [`Consultation::document_types`].
    pub document_default_type: String,
    /// Rules typing letters by path.
    pub document_types: Vec<DocumentType>,
    /// Human-coded sample files (globs).
    pub gold: Vec<String>,
    /// Files deliberately not read (globs).
    pub ignore: Vec<String>,
    document_globs: Vec<GlobSet>,
    gold_globs: GlobSet,
    ignore_globs: GlobSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: Option<String>,
    #[serde(default)]
    respondents: RawRespondents,
    #[serde(default)]
    questions: Vec<RawQuestion>,
    #[serde(default)]
    documents: RawDocuments,
    #[serde(default)]
    gold: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRespondents {
    id_column: Option<String>,
    type_column: Option<String>,
    #[serde(default)]
    types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    text: Option<String>,
    kind: QuestionKind,
    answer_column: Option<String>,
    text_column: Option<String>,
    #[serde(default)]
    answers: Vec<String>,
    #[serde(default)]
    verbs: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDocuments {
    question: Option<String>,
    question_text: Option<String>,
    default_type: Option<String>,
    #[serde(default)]
    types: Vec<RawDocType>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocType {
    paths: Vec<String>,
    respondent_type: String,
}

fn globset(path: &str, patterns: &[String]) -> Result<GlobSet, ConsultationError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = Glob::new(p).map_err(|e| ConsultationError::Invalid {
            path: path.to_string(),
            message: format!("bad path pattern {p:?}: {e}"),
        })?;
        b.add(g);
    }
    b.build().map_err(|e| ConsultationError::Invalid {
        path: path.to_string(),
        message: e.to_string(),
    })
}

impl Consultation {
    /// Reads and checks a consultation.toml.
    pub fn load(path: &Path) -> Result<Consultation, ConsultationError> {
        let shown = path.display().to_string();
        let src = std::fs::read_to_string(path).map_err(|source| ConsultationError::Read {
            path: shown.clone(),
            source,
        })?;
        Self::parse(&src, path)
    }

    /// Parses a consultation.toml's text; `path` locates it (globs are relative to its
    /// directory).
    pub fn parse(src: &str, path: &Path) -> Result<Consultation, ConsultationError> {
        let shown = path.display().to_string();
        let raw: Raw = toml::from_str(src).map_err(|e| ConsultationError::Syntax {
            path: shown.clone(),
            line: e.span().map_or(1, |s| {
                src[..s.start.min(src.len())].matches('\n').count() + 1
            }),
            message: e.message().trim().to_string(),
        })?;
        let invalid = |message: String| ConsultationError::Invalid {
            path: shown.clone(),
            message,
        };
        let mut questions: Vec<Question> = Vec::new();
        for q in raw.questions {
            if q.id.trim().is_empty() {
                return Err(invalid("a question has an empty id".into()));
            }
            if questions.iter().any(|x| x.id == q.id) {
                return Err(invalid(format!("question {} is defined twice", q.id)));
            }
            if q.kind.has_text() && q.text_column.is_none() {
                return Err(invalid(format!(
                    "question {} is {:?} but has no text_column",
                    q.id, q.kind
                )));
            }
            if q.kind.has_answer() && (q.answer_column.is_none() || q.answers.is_empty()) {
                return Err(invalid(format!(
                    "question {} has a closed part but no answer_column or answers",
                    q.id
                )));
            }
            for v in q.verbs.keys() {
                if !q.answers.contains(v) {
                    return Err(invalid(format!(
                        "question {}: verb given for {v:?}, which is not among its answers",
                        q.id
                    )));
                }
            }
            let answers = q
                .answers
                .iter()
                .map(|a| Answer {
                    value: a.clone(),
                    verb: q
                        .verbs
                        .get(a)
                        .cloned()
                        .unwrap_or_else(|| format!("answered \u{201c}{a}\u{201d}")),
                })
                .collect();
            questions.push(Question {
                text: q.text.unwrap_or_else(|| q.id.clone()),
                id: q.id,
                kind: q.kind,
                answer_column: q.answer_column,
                text_column: q.text_column,
                answers,
            });
        }
        let document_question = raw
            .documents
            .question
            .unwrap_or_else(|| "letter".to_string());
        if questions.iter().any(|q| q.id == document_question) {
            return Err(invalid(format!(
                "[documents] question {document_question:?} clashes with a survey question id"
            )));
        }
        let document_globs = raw
            .documents
            .types
            .iter()
            .map(|t| globset(&shown, &t.paths))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Consultation {
            title: raw.title.unwrap_or_else(|| "Consultation".to_string()),
            path: path.to_path_buf(),
            root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            id_column: raw.respondents.id_column,
            type_column: raw.respondents.type_column,
            types: raw.respondents.types,
            questions,
            document_question,
            document_question_text: raw
                .documents
                .question_text
                .unwrap_or_else(|| "Letters and emails (not following the questions)".to_string()),
            document_default_type: raw
                .documents
                .default_type
                .unwrap_or_else(|| "Letter or email".to_string()),
            document_types: raw
                .documents
                .types
                .into_iter()
                .map(|t| DocumentType {
                    paths: t.paths,
                    respondent_type: t.respondent_type,
                })
                .collect(),
            gold_globs: globset(&shown, &raw.gold)?,
            ignore_globs: globset(&shown, &raw.ignore)?,
            gold: raw.gold,
            ignore: raw.ignore,
            document_globs,
        })
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Respondent type of a letter at `rel` (relative to [`Consultation::root`]).
    pub fn document_type(&self, rel: &str) -> &str {
        self.document_globs
            .iter()
            .zip(&self.document_types)
            .find(|(g, _)| g.is_match(rel))
            .map_or(self.document_default_type.as_str(), |(_, t)| {
                t.respondent_type.as_str()
            })
    }

    /// Whether `rel` is a human-coded sample.
    pub fn is_gold(&self, rel: &str) -> bool {
        self.gold_globs.is_match(rel)
    }

    /// Whether `rel` is to be ignored.
    pub fn is_ignored(&self, rel: &str) -> bool {
        self.ignore_globs.is_match(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Consultation, String> {
        Consultation::parse(src, Path::new("c/consultation.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn parses_questions_and_documents() {
        let c = parse(
            r#"
title = "T"
[[questions]]
id = "Q1"
kind = "closed+open"
answer_column = "A"
text_column = "B"
answers = ["Agree", "Disagree"]
verbs = { Agree = "agreed" }
[documents]
[[documents.types]]
paths = ["letters/la-*"]
respondent_type = "Local authority"
"#,
        )
        .unwrap();
        assert_eq!(c.questions[0].answers[0].verb, "agreed");
        assert_eq!(
            c.questions[0].answers[1].verb,
            "answered \u{201c}Disagree\u{201d}"
        );
        assert_eq!(c.document_type("letters/la-x.md"), "Local authority");
        assert_eq!(c.document_type("letters/other.md"), "Letter or email");
        assert_eq!(c.document_question, "letter");
        assert_eq!(c.root, Path::new("c"));
    }

    #[test]
    fn rejects_inconsistent_files_clearly() {
        assert!(parse("[[questions]]\nid = \"Q1\"\nkind = \"open\"\n")
            .unwrap_err()
            .contains("Q1 is Open but has no text_column"));
        assert!(parse("[[questions]]\nid = \"Q1\"\nkind = \"sideways\"\n")
            .unwrap_err()
            .starts_with("c/consultation.toml:3: unknown variant"));
        assert!(parse("titel = 1")
            .unwrap_err()
            .starts_with("c/consultation.toml:1: unknown field `titel`"));
    }
}

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
//! kind = "closed+open"                      # open | closed | closed+open | multi | grid
//! answer_column = "Q1: Do you agree …?"     # closed part
//! text_column = "Q1: Please explain"        # open part
//! answers = ["Agree", "Neutral", "Disagree"]
//! verbs = { Agree = "agreed", Neutral = "were neutral", Disagree = "disagreed" }
//! mode = "single"                           # optional: one (main) theme per answer
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
//!
//! Exports that need more than columns (all optional; top-level keys must come before the
//! first `[table]`):
//!
//! ```toml
//! blank_values = ["Did not answer", "N/A"]  # answers that are no answer
//! label_columns = ["Parking", "Staff manner"] # the table's own human coding (tally learn)
//!
//! [long]                                    # a long export: one row per answer
//! id_column = "Comment ID"
//! question_column = "FFT question"
//! text_column = "FFT answer"
//!
//! [[exclude_rows]]                          # rows that are not responses
//! reason = "totals row appended by the export"
//! when = { "Document ID" = '^$', "Comment" = '^$' }
//! ```
//!
//! - **`blank_values`**: a free-text answer that is, after trimming, one of these
//!   (case-insensitively) is counted as a blank answer, not read as a response — for exports
//!   that write "Did not answer" or "N/A" into empty cells. A closed answer that is one of
//!   them, and not itself an allowed answer, counts as no answer rather than a problem.
//!   Applies to tables (CSV, TSV, workbooks) and JSONL.
//! - **`[long]`**: the columns of a long export (one row per answer) under any names:
//!   the answer's own id (the response id), the question, and the free text. The
//!   respondent id and type come from `[respondents]` (`id_column`, `type_column`); without
//!   an id column the respondent is the answer's id. Without `[long]`, a long export must
//!   name its columns `id`, `question`, `text` (+ `respondent_id`, `respondent_type`). In
//!   any long table, a question cell that matches a declared question's `id` or `text`
//!   (case-insensitively, runs of whitespace counting as one space) is read as that
//!   question's id; other cells are read as they are. Questions need no `text_column` when
//!   `[long]` is given.
//! - **`multi`, `grid`**: "tick all that apply" and rating grids; see `shapes.rs` and
//!   docs/consultation.md (the reference for every key).
//! - **`[[exclude_rows]]`**: a row of a table whose cells match every pattern of `when`
//!   (column name → regular expression, searched in the trimmed cell: anchor it, `'^$'` is
//!   an empty cell) is not read. It is counted in the file's `excluded` rows, with a warning
//!   giving its line and `reason` — accounted for, never coded. A rule naming a column that
//!   a table lacks is not applied to that table, with a warning.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::Deserialize;

use crate::shapes::{shape, ClosedShape, GridItem, RawShape};

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
    /// "Tick all that apply": several of the answers (see [`ClosedShape`]).
    #[serde(rename = "multi")]
    Multi,
    /// Several items, each rated with one of the answers (see [`ClosedShape`]).
    #[serde(rename = "grid")]
    Grid,
}

impl QuestionKind {
    /// Whether the question has a free-text part.
    pub fn has_text(self) -> bool {
        matches!(self, QuestionKind::Open | QuestionKind::ClosedOpen)
    }
    /// Whether the question has a closed part.
    pub fn has_answer(self) -> bool {
        !matches!(self, QuestionKind::Open)
    }
}

/// How a question's free text is coded (`mode` in consultation.toml).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodingMode {
    /// Every theme an answer raises is coded (the default).
    #[default]
    Multi,
    /// Each answer keeps only its best-supported theme ("main theme" coding), so the
    /// question's theme counts add up to its base; see `tally_code::keep_best`.
    Single,
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
    /// How the closed part is laid out: one answer, a multi-select or a grid.
    pub shape: ClosedShape,
    /// How its free text is coded: every theme, or the best-supported one only.
    pub mode: CodingMode,
}

/// A rule giving letters under some paths a respondent type.
#[derive(Debug, Clone)]
pub struct DocumentType {
    /// Glob patterns, relative to the consultation's directory.
    pub paths: Vec<String>,
    /// The respondent type.
    pub respondent_type: String,
}

/// The columns of a long export (one row per answer), from `[long]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongColumns {
    /// Column of the answer's own id (the response id).
    pub id_column: String,
    /// Column naming the question (its id or its text).
    pub question_column: String,
    /// Column of the free-text answer.
    pub text_column: String,
}

/// A rule excluding rows that are not responses (totals, percentages, notes), from
/// `[[exclude_rows]]`.
#[derive(Debug, Clone)]
pub struct ExcludeRows {
    /// Why matching rows are not read (reported with each row's line).
    pub reason: String,
    /// Column name and pattern, in column-name order: a row is excluded when the trimmed
    /// cell of every column matches its pattern.
    pub when: Vec<(String, Regex)>,
}

/// The question id letters and emails are filed under when no consultation.toml names one
/// (`[documents] question`): the one default of the document question's id. Everything
/// downstream (coding scopes, the summary's letters section, the agreement appendix) takes
/// the id from the run, never this literal.
pub const DEFAULT_DOCUMENT_QUESTION: &str = "letter";

/// A letter's respondent type when no consultation.toml types it (`[documents] default_type`).
pub const DEFAULT_DOCUMENT_TYPE: &str = "Letter or email";

/// The question id letters and emails are filed under: the consultation's
/// `[documents] question`, or [`DEFAULT_DOCUMENT_QUESTION`] without a consultation.
pub fn document_question(consultation: Option<&Consultation>) -> &str {
    consultation.map_or(DEFAULT_DOCUMENT_QUESTION, |c| c.document_question.as_str())
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
    /// Answers that count as blank (compared trimmed, case-insensitively).
    pub blank_values: Vec<String>,
    /// Columns of the input tables that hold their own human coding, one column per theme
    /// (named by the theme's `label`): the rows of a table with these columns are a
    /// human-coded sample (`tally learn` trains on them). Empty when none.
    pub label_columns: Vec<String>,
    /// The columns of long exports, when named.
    pub long: Option<LongColumns>,
    /// Rules excluding rows that are not responses.
    pub exclude_rows: Vec<ExcludeRows>,
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
    #[serde(default)]
    blank_values: Vec<String>,
    #[serde(default)]
    label_columns: Vec<String>,
    long: Option<RawLong>,
    #[serde(default)]
    exclude_rows: Vec<RawExclude>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLong {
    id_column: String,
    question_column: String,
    text_column: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExclude {
    reason: String,
    when: BTreeMap<String, String>,
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
    verbs: BTreeMap<String, String>,
    separator: Option<String>,
    #[serde(default)]
    option_columns: BTreeMap<String, String>,
    #[serde(default)]
    items: Vec<GridItem>,
    #[serde(default)]
    mode: CodingMode,
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

/// A problem with the consultation file at `path` (as shown).
fn invalid(path: &str, message: String) -> ConsultationError {
    ConsultationError::Invalid {
        path: path.to_string(),
        message,
    }
}

/// The questions of the file at `path`, each checked ([`question`]), with ids non-empty
/// and unique.
fn questions(
    path: &str,
    raw: Vec<RawQuestion>,
    long: bool,
) -> Result<Vec<Question>, ConsultationError> {
    let mut questions: Vec<Question> = Vec::new();
    for q in raw {
        if q.id.trim().is_empty() {
            return Err(invalid(path, "a question has an empty id".into()));
        }
        if questions.iter().any(|x| x.id == q.id) {
            return Err(invalid(path, format!("question {} is defined twice", q.id)));
        }
        questions.push(question(path, q, long)?);
    }
    Ok(questions)
}

/// One question of the file at `path`, checked: a text part has a column (or the file a
/// `[long]` table: `long`), its shape fits its kind, a closed part has its column and
/// answers, `mode = "single"` has a text part, verbs are for its answers.
fn question(path: &str, q: RawQuestion, long: bool) -> Result<Question, ConsultationError> {
    let invalid = |message: String| invalid(path, message);
    if q.kind.has_text() && q.text_column.is_none() && !long {
        return Err(invalid(format!(
            "question {} is {:?} but has no text_column (and there is no [long])",
            q.id, q.kind
        )));
    }
    let kind = match q.kind {
        QuestionKind::Multi => "multi",
        QuestionKind::Grid => "grid",
        _ => "",
    };
    let raw_shape = RawShape {
        separator: q.separator,
        option_columns: q.option_columns,
        items: q.items,
    };
    let shape = shape(
        &q.id,
        kind,
        raw_shape,
        &q.answers,
        q.answer_column.is_some(),
        q.text_column.is_some(),
    )
    .map_err(invalid)?;
    if matches!(q.kind, QuestionKind::Closed | QuestionKind::ClosedOpen)
        && (q.answer_column.is_none() || q.answers.is_empty())
    {
        return Err(invalid(format!(
            "question {} has a closed part but no answer_column or answers",
            q.id
        )));
    }
    if q.mode == CodingMode::Single && !q.kind.has_text() {
        return Err(invalid(format!(
            "question {}: mode = \"single\" needs a free-text part (kind \"open\" or \"closed+open\")",
            q.id
        )));
    }
    if let Some(v) = q.verbs.keys().find(|v| !q.answers.contains(v)) {
        return Err(invalid(format!(
            "question {}: verb given for {v:?}, which is not among its answers",
            q.id
        )));
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
    Ok(Question {
        text: q.text.unwrap_or_else(|| q.id.clone()),
        id: q.id,
        kind: q.kind,
        answer_column: q.answer_column,
        text_column: q.text_column,
        answers,
        shape,
        mode: q.mode,
    })
}

/// Checks that no column of the `[long]` table is empty.
fn check_long(path: &str, l: &RawLong) -> Result<(), ConsultationError> {
    for (key, name) in [
        ("id_column", &l.id_column),
        ("question_column", &l.question_column),
        ("text_column", &l.text_column),
    ] {
        if name.trim().is_empty() {
            return Err(invalid(path, format!("[long] {key} is empty")));
        }
    }
    Ok(())
}

/// Exclusion rule `n` (1-based), checked: a reason, at least one `when` column, patterns
/// that compile.
fn exclude_rule(path: &str, n: usize, r: RawExclude) -> Result<ExcludeRows, ConsultationError> {
    if r.reason.trim().is_empty() {
        return Err(invalid(
            path,
            format!("exclude_rows rule {n} has an empty reason"),
        ));
    }
    if r.when.is_empty() {
        return Err(invalid(
            path,
            format!(
                "exclude_rows rule {n} ({}) has no `when` columns: it would exclude every row",
                r.reason
            ),
        ));
    }
    let mut when = Vec::new();
    for (column, pattern) in r.when {
        let re = Regex::new(&pattern).map_err(|e| {
            invalid(
                path,
                format!(
                    "exclude_rows rule {n} ({}): bad pattern for column {column:?}: {e}",
                    r.reason
                ),
            )
        })?;
        when.push((column, re));
    }
    Ok(ExcludeRows {
        reason: r.reason,
        when,
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
        let invalid = |message: String| invalid(&shown, message);
        let questions = questions(&shown, raw.questions, raw.long.is_some())?;
        let document_question = raw
            .documents
            .question
            .unwrap_or_else(|| DEFAULT_DOCUMENT_QUESTION.to_string());
        if questions.iter().any(|q| q.id == document_question) {
            return Err(invalid(format!(
                "[documents] question {document_question:?} clashes with a survey question id"
            )));
        }
        if let Some(l) = &raw.long {
            check_long(&shown, l)?;
        }
        let exclude_rows = raw
            .exclude_rows
            .into_iter()
            .enumerate()
            .map(|(n, r)| exclude_rule(&shown, n + 1, r))
            .collect::<Result<Vec<_>, _>>()?;
        let blank_values = raw
            .blank_values
            .iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
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
                .unwrap_or_else(|| DEFAULT_DOCUMENT_TYPE.to_string()),
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
            blank_values,
            label_columns: raw.label_columns,
            long: raw.long.map(|l| LongColumns {
                id_column: l.id_column,
                question_column: l.question_column,
                text_column: l.text_column,
            }),
            exclude_rows,
            document_globs,
        })
    }

    /// Whether an answer is one of [`Consultation::blank_values`] (trimmed,
    /// case-insensitively). An empty answer is not checked here.
    pub fn is_blank_value(&self, answer: &str) -> bool {
        let answer = answer.trim();
        !answer.is_empty()
            && self
                .blank_values
                .iter()
                .any(|b| same_ignoring_case(b.chars(), answer.chars()))
    }

    /// The declared question a long export's question cell names: by id, or by text
    /// (case-insensitively, runs of whitespace counting as one space).
    pub fn long_question(&self, cell: &str) -> Option<&Question> {
        let cell = cell.trim();
        self.questions.iter().find(|q| q.id == cell).or_else(|| {
            self.questions.iter().find(|q| {
                let mut a = q.text.split_whitespace();
                let mut b = cell.split_whitespace();
                loop {
                    match (a.next(), b.next()) {
                        (None, None) => return true,
                        (Some(x), Some(y)) if same_ignoring_case(x.chars(), y.chars()) => {}
                        _ => return false,
                    }
                }
            })
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

/// Whether two texts are equal ignoring case (Unicode lower case).
fn same_ignoring_case(a: std::str::Chars<'_>, b: std::str::Chars<'_>) -> bool {
    a.flat_map(char::to_lowercase)
        .eq(b.flat_map(char::to_lowercase))
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
    fn parses_long_columns_blank_values_and_exclusions() {
        let c = parse(
            r#"
blank_values = ["Did not answer", " N/A ", ""]
[long]
id_column = "Comment ID"
question_column = "FFT question"
text_column = "FFT answer"
[[questions]]
id = "why"
text = "Please tell us  why\nyou gave your answer"
kind = "open"
[[exclude_rows]]
reason = "totals row"
when = { "Row" = '^$', "Count" = '^[0-9]+$' }
"#,
        )
        .unwrap();
        let long = c.long.as_ref().unwrap();
        assert_eq!(
            (
                long.id_column.as_str(),
                long.question_column.as_str(),
                long.text_column.as_str()
            ),
            ("Comment ID", "FFT question", "FFT answer")
        );
        // an open question needs no text_column when [long] is given
        assert_eq!(c.questions[0].text_column, None);
        assert_eq!(c.blank_values, ["Did not answer", "N/A"]);
        assert_eq!(c.exclude_rows[0].reason, "totals row");
        let when: Vec<(&str, &str)> = c.exclude_rows[0]
            .when
            .iter()
            .map(|(col, re)| (col.as_str(), re.as_str()))
            .collect();
        assert_eq!(when, [("Count", "^[0-9]+$"), ("Row", "^$")]);
    }

    #[test]
    fn blank_values_match_trimmed_and_case_insensitively() {
        let c = parse("blank_values = [\"Did not answer\", \"N/A\", \"Sans réponse\"]").unwrap();
        for yes in [
            "Did not answer",
            "  did NOT answer\r\n",
            "n/a",
            "SANS RÉPONSE",
        ] {
            assert!(c.is_blank_value(yes), "{yes:?}");
        }
        for no in ["", "  ", "Did not answer.", "N/A really", "Nothing"] {
            assert!(!c.is_blank_value(no), "{no:?}");
        }
        assert!(!parse("").unwrap().is_blank_value("N/A"));
    }

    #[test]
    fn long_question_cells_match_an_id_or_the_text_whatever_the_spacing() {
        let c = parse(
            r#"
[long]
id_column = "i"
question_column = "q"
text_column = "t"
[[questions]]
id = "Q111"
text = "Please describe any things about the 111 service that you were satisfied with"
kind = "open"
[[questions]]
id = "why"
text = "FFT Why?"
kind = "open"
"#,
        )
        .unwrap();
        let id = |cell: &str| c.long_question(cell).map(|q| q.id.as_str());
        assert_eq!(id("why"), Some("why"));
        assert_eq!(id(" fft why? "), Some("why"));
        assert_eq!(
            id("Please describe any things about the 111 service that \nyou were satisfied with"),
            Some("Q111")
        );
        assert_eq!(id("Please describe any things"), None);
        assert_eq!(id("FFT Why? Because"), None);
        assert_eq!(id("WHY"), None); // ids match exactly
    }

    #[test]
    fn rejects_bad_long_and_exclusion_settings() {
        let err = |src: &str| parse(src).unwrap_err();
        assert!(err("[long]\nid_column = \"a\"\nquestion_column = \"b\"\n")
            .contains("missing field `text_column`"));
        assert!(
            err("[long]\nid_column = \" \"\nquestion_column = \"b\"\ntext_column = \"c\"\n")
                .ends_with("[long] id_column is empty")
        );
        assert!(err("[[exclude_rows]]\nreason = \"totals\"\nwhen = {}\n")
            .contains("exclude_rows rule 1 (totals) has no `when` columns"));
        assert!(
            err("[[exclude_rows]]\nreason = \" \"\nwhen = { A = 'x' }\n")
                .contains("exclude_rows rule 1 has an empty reason")
        );
        assert!(
            err("[[exclude_rows]]\nreason = \"t\"\nwhen = { A = '(' }\n")
                .contains("exclude_rows rule 1 (t): bad pattern for column \"A\"")
        );
        assert!(err("[[exclude_rows]]\nreason = \"t\"\ncolumn = \"A\"\n")
            .contains("unknown field `column`"));
    }

    #[test]
    fn a_question_may_be_coded_with_one_theme_per_answer() {
        let c = parse("[[questions]]\nid = \"Q1\"\nkind = \"open\"\ntext_column = \"Q1\"\nmode = \"single\"\n[[questions]]\nid = \"Q2\"\nkind = \"open\"\ntext_column = \"Q2\"\n").unwrap();
        assert_eq!(c.questions[0].mode, CodingMode::Single);
        assert_eq!(c.questions[1].mode, CodingMode::Multi);
        assert!(parse(
            "[[questions]]\nid = \"Q1\"\nkind = \"open\"\ntext_column = \"Q1\"\nmode = \"one\"\n"
        )
        .is_err());
        assert!(parse("[[questions]]\nid = \"Q1\"\nkind = \"closed\"\nanswer_column = \"Q1\"\nanswers = [\"Yes\"]\nmode = \"single\"\n")
            .unwrap_err()
            .contains("needs a free-text part"));
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

//! `run.json`: the run manifest — tool, codebook and consultation with their SHA-256,
//! every input file with its SHA-256 and what was read or skipped and why, totals,
//! campaigns, review and agreement. It holds no clock time, so identical runs write
//! byte-identical manifests (the CLI prints the elapsed time on stderr instead).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolInfo {
    /// Always "tally".
    pub name: String,
    /// Version.
    pub version: String,
}

/// The codebook used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodebookInfo {
    /// Path, relative to the analysed directory when inside it.
    pub path: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// The codebook's name.
    pub name: String,
    /// Number of themes.
    pub themes: usize,
    /// Number of rules.
    pub rules: usize,
}

/// The learned coder used (`tally analyse --coder`), if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoderInfo {
    /// Path, as given.
    pub path: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// How its codings join the rules': `rules`, `model` or `either`.
    pub combine: String,
}

/// The consultation.toml used, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationInfo {
    /// Path, relative to the analysed directory when inside it.
    pub path: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Title.
    pub title: String,
}

/// Settings that shape the outputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Quotes per question and theme.
    pub quotes: usize,
    /// Small-cell threshold.
    pub small_cell: u64,
    /// Whether any skipped input fails the run.
    pub strict: bool,
    /// How campaigns count in the headline figures: separate, once or all.
    pub campaigns: String,
}

/// A problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProblemEntry {
    /// 1-based line, when the problem is in one row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What was wrong and what was done.
    pub reason: String,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Path relative to the analysed directory.
    pub path: String,
    /// responses | document | config | gold | ignored | unreadable.
    pub role: String,
    /// Format read.
    pub format: String,
    /// Text encoding.
    pub encoding: String,
    /// SHA-256 of the bytes read (empty if not read).
    pub sha256: String,
    /// Data rows (or lines, or 1 for a document) seen.
    pub rows: u64,
    /// Non-blank free-text answers read.
    pub responses: u64,
    /// Closed answers read.
    pub closed_answers: u64,
    /// Blank free-text answers.
    pub blank_answers: u64,
    /// Closed questions (and grid items) left blank or answered with a `blank_values`
    /// entry: counted in closed.csv as "(not answered)", not problems.
    pub blank_closed_answers: u64,
    /// Rows whose only answers are in columns consultation.toml does not declare (each is
    /// a warning in `problems` naming its line and respondent).
    pub only_undeclared: u64,
    /// For a wide table, the identity its free-text cells satisfy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<WideIdentity>,
    /// Rows excluded by a consultation.toml rule (totals or note rows), never coded.
    pub excluded: u64,
    /// Rows, answers or files skipped (each has a problem).
    pub skipped: u64,
    /// Problems that lost nothing.
    pub warnings: u64,
    /// Why the file was ignored, or what it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Problems (the first 200 per file).
    pub problems: Vec<ProblemEntry>,
}

/// What a wide table's free-text cells add up to: `rows × open_questions = responses +
/// blank_answers + skipped_answers`, every cell accounted for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WideIdentity {
    /// The identity with this file's numbers, e.g.
    /// `"500 rows × 6 open questions = 2731 responses + 250 blank + 19 skipped"`.
    pub statement: String,
    /// Open questions whose text column is in the header.
    pub open_questions: u64,
    /// Free-text cells: data rows × open questions.
    pub cells: u64,
    /// Cells not read because their row was excluded by a rule or skipped.
    pub skipped_answers: u64,
    /// Whether the identity holds (false only if tally lost count: please report it).
    pub holds: bool,
}

impl WideIdentity {
    /// The identity of a wide file of `rows` data rows with `open_questions` open
    /// questions: `responses` read, `blank` blank and `skipped` skipped with their rows.
    pub fn new(rows: u64, open_questions: u64, responses: u64, blank: u64, skipped: u64) -> Self {
        let cells = rows * open_questions;
        WideIdentity {
            statement: format!(
                "{rows} rows × {open_questions} open questions = {responses} responses + {blank} blank + {skipped} skipped"
            ),
            open_questions,
            cells,
            skipped_answers: skipped,
            holds: cells == responses + blank + skipped,
        }
    }
}

/// Totals over the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// Files met.
    pub files: u64,
    /// Rows seen in response files and documents.
    pub rows: u64,
    /// Free-text responses read and coded.
    pub responses: u64,
    /// Closed answers read.
    pub closed_answers: u64,
    /// Blank free-text answers.
    pub blank_answers: u64,
    /// Closed questions (and grid items) left blank.
    pub blank_closed_answers: u64,
    /// Rows whose only answers are in undeclared columns (listed per file).
    pub only_undeclared: u64,
    /// Rows excluded by a consultation.toml rule.
    pub excluded: u64,
    /// Rows, answers and files skipped.
    pub skipped: u64,
    /// Problems that lost nothing.
    pub warnings: u64,
    /// Distinct respondents.
    pub respondents: u64,
    /// Responses coded with at least one theme.
    pub coded_responses: u64,
}

/// One theme's agreement scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeScore {
    /// Theme id.
    pub theme: String,
    /// Items the first coding coded.
    pub coded_a: u64,
    /// Items the second coding coded.
    pub coded_b: u64,
    /// Precision of the first against the second (null when undefined).
    pub precision: Option<f64>,
    /// Recall.
    pub recall: Option<f64>,
    /// F1.
    pub f1: Option<f64>,
    /// Cohen's kappa.
    pub kappa: Option<f64>,
}

/// Agreement between two codings of a human-coded sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementEntry {
    /// First coding ("tally", or a gold file).
    pub a: String,
    /// Second coding (a gold file, relative to the analysed directory).
    pub b: String,
    /// Responses compared.
    pub items: u64,
    /// Mean F1 over themes where defined.
    pub macro_f1: Option<f64>,
    /// Mean kappa over themes where defined.
    pub macro_kappa: Option<f64>,
    /// Mean Krippendorff's alpha over themes where defined.
    pub macro_alpha: Option<f64>,
    /// F1 with all themes pooled.
    pub micro_f1: Option<f64>,
    /// Per theme.
    pub themes: Vec<ThemeScore>,
}

/// A decision that matched nothing in this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnmatchedDecision {
    /// Response id.
    pub response_id: String,
    /// Theme id.
    pub theme: String,
    /// accept, reject or add.
    pub decision: String,
    /// Why it matched nothing.
    pub reason: String,
}

impl UnmatchedDecision {
    /// Decision `d`, which matched nothing for `reason`.
    pub fn new(d: &tally_review::Decision, reason: &str) -> Self {
        UnmatchedDecision {
            response_id: d.response_id.clone(),
            theme: d.theme.clone(),
            decision: d.decision.as_str().to_string(),
            reason: reason.to_string(),
        }
    }
}

/// Review decisions applied in the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInfo {
    /// The decisions file, as given.
    pub path: String,
    /// Its SHA-256.
    pub sha256: String,
    /// Decisions in the file.
    pub decisions: u64,
    /// Codings reviewed (accepted + rejected + added).
    pub reviewed: u64,
    /// Codings accepted.
    pub accepted: u64,
    /// Codings rejected (removed from counts and quotes).
    pub rejected: u64,
    /// Codings added.
    pub added: u64,
    /// Decisions that matched no current response or coding.
    pub unmatched: Vec<UnmatchedDecision>,
}

/// How many codings review decisions accepted, rejected and added in a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewCounts {
    /// Codings accepted.
    pub accepted: u64,
    /// Codings rejected.
    pub rejected: u64,
    /// Codings added.
    pub added: u64,
}

impl ReviewInfo {
    /// What came of the `decisions` of decisions file `file`: the codings they accepted,
    /// rejected and added, and those that matched nothing.
    pub fn new(
        file: &crate::HashedFile,
        decisions: u64,
        counts: ReviewCounts,
        unmatched: Vec<UnmatchedDecision>,
    ) -> Self {
        ReviewInfo {
            path: file.path.clone(),
            sha256: file.sha256.clone(),
            decisions,
            reviewed: counts.accepted + counts.rejected + counts.added,
            accepted: counts.accepted,
            rejected: counts.rejected,
            added: counts.added,
            unmatched,
        }
    }
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunManifest {
    /// The tool.
    pub tool: ToolInfo,
    /// The analysed directory, as given.
    pub input: String,
    /// The consultation.toml, if any.
    pub consultation: Option<ConsultationInfo>,
    /// The codebook.
    pub codebook: CodebookInfo,
    /// The learned coder, when one was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<CoderInfo>,
    /// Settings.
    pub settings: Settings,
    /// Every input file, in the order read.
    pub files: Vec<FileEntry>,
    /// Totals.
    pub totals: Totals,
    /// Organised campaigns found (exact and near-duplicate responses to one question).
    pub campaigns: Vec<tally_campaign::Campaign>,
    /// Review decisions applied, if `--review` was given.
    pub review: Option<ReviewInfo>,
    /// Agreement with the human-coded samples the consultation declares (empty if none).
    pub agreement: Vec<AgreementEntry>,
    /// Error-corrected estimates: per question the interval methods used, the sample size
    /// and any warnings (null without human-coded samples).
    pub estimates: Option<crate::estimates::EstimatesEntry>,
    /// Files written, relative to the output directory.
    pub outputs: Vec<String>,
}

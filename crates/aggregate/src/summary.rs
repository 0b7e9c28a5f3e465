//! The finished numbers, ready to render.

use crate::closed::ClosedKind;
use crate::estimates::Estimates;
use crate::numbers::{percent, quantifier};

/// A count out of a base.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// Respondents counted.
    pub count: u64,
    /// Respondents it is out of.
    pub base: u64,
}

impl Cell {
    /// Percentage rounded half up; `None` for an empty base.
    pub fn percent(&self) -> Option<u32> {
        percent(self.count, self.base)
    }
    /// The plain-English quantifier.
    pub fn quantifier(&self) -> &'static str {
        quantifier(self.count, self.base)
    }
    /// A small cell: a non-zero count, or a base, under `threshold`; its percentage is
    /// not published in breakdowns.
    pub fn is_small(&self, threshold: u64) -> bool {
        (self.count > 0 && self.count < threshold) || self.base < threshold
    }
}

/// A supporting quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Response it comes from.
    pub response_id: String,
    /// Respondent type (quotes are attributed to a type, never a person).
    pub respondent_type: String,
    /// The quote: exactly `text[start..end]` of the response.
    pub text: String,
    /// Byte offset in the response text.
    pub start: usize,
    /// Byte offset just past the end.
    pub end: usize,
    /// Text before the quote in its sentence was cut.
    pub trimmed_start: bool,
    /// Text after the quote in its sentence was cut.
    pub trimmed_end: bool,
}

/// One theme's result in one question (or overall).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeResult {
    /// Index of the theme in [`Summary::themes`].
    pub theme: usize,
    /// All respondents.
    pub total: Cell,
    /// By respondent type, in [`Summary::types`] order.
    pub by_type: Vec<Cell>,
    /// Counted the main way (campaign copies counted once or apart, per the run's setting):
    /// the figure headlines use.
    pub main: Cell,
    /// Counted the main way, by respondent type.
    pub main_by_type: Vec<Cell>,
    /// Whether the codebook can raise the theme in this question (its rules' scope).
    pub in_scope: bool,
    /// Supporting quotes.
    pub quotes: Vec<Quote>,
}

/// One answer's tally for a closed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedResult {
    /// The answer.
    pub answer: String,
    /// How those who gave it are described ("agreed").
    pub verb: String,
    /// The grid item it rates (`None` for other questions).
    pub item: Option<String>,
    /// All respondents who answered (the item, for a grid).
    pub total: Cell,
    /// By respondent type.
    pub by_type: Vec<Cell>,
}

/// Everything about one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSummary {
    /// Question id.
    pub id: String,
    /// Question text.
    pub text: String,
    /// Respondents who gave a free-text answer, in total and by type.
    pub base: u64,
    /// Free-text base by type.
    pub base_by_type: Vec<u64>,
    /// Free-text base counted the main way.
    pub main_base: u64,
    /// That base by type.
    pub main_base_by_type: Vec<u64>,
    /// Respondents whose free-text answer raised no theme, out of [`Self::base`].
    pub no_theme: Cell,
    /// The same counted the main way, out of [`Self::main_base`].
    pub main_no_theme: Cell,
    /// Closed-answer tallies (empty for open questions): answers in order, item by item
    /// for a grid.
    pub closed: Vec<ClosedResult>,
    /// How the closed answers were counted (a multi-select's shares can add past 100%).
    pub closed_kind: ClosedKind,
    /// Respondents who left the closed question (each grid item) blank, out of those who
    /// answered it plus those who left it blank (`answer` is empty); empty when no row
    /// reached the question.
    pub not_answered: Vec<ClosedResult>,
    /// Themes, in codebook order.
    pub themes: Vec<ThemeResult>,
}

/// Respondent-level results across all questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverallSummary {
    /// Respondents with at least one free-text answer (letters included).
    pub base: u64,
    /// That base by type.
    pub base_by_type: Vec<u64>,
    /// That base counted the main way.
    pub main_base: u64,
    /// That base by type.
    pub main_base_by_type: Vec<u64>,
    /// Respondents raising each theme anywhere (no quotes: they are per question).
    pub themes: Vec<ThemeResult>,
}

/// An organised campaign, as reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSummary {
    /// The campaign, as detected, with its template response's id.
    pub campaign: tally_campaign::Campaign,
    /// The template response's text.
    pub template_text: String,
    /// Themes the template raises (indices into [`Summary::themes`]).
    pub themes: Vec<usize>,
    /// Members by respondent type, in [`Summary::types`] order.
    pub by_type: Vec<u64>,
}

/// The finished aggregation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Respondent types, in breakdown order.
    pub types: Vec<String>,
    /// Theme (id, label, statement) in codebook order.
    pub themes: Vec<(String, String, String)>,
    /// Questions in order (survey questions, then letters, then any others met).
    pub questions: Vec<QuestionSummary>,
    /// Across all questions.
    pub overall: OverallSummary,
    /// Respondents with any closed or free-text answer.
    pub respondents: u64,
    /// Responses coded with at least one theme.
    pub coded_responses: u64,
    /// Responses read.
    pub responses: u64,
    /// Small-cell threshold used.
    pub small_cell: u64,
    /// Organised campaigns found.
    pub campaigns: Vec<CampaignSummary>,
    /// Error-corrected estimates beside the counts (empty until tally-review fills them
    /// from the human-coded samples).
    pub estimates: Estimates,
}

//! The records ingest produces.
//!
//! Ids, question ids, respondent types and closed answers are [`Label`]s: strings of up to
//! 24 bytes are kept inline, so a typical record allocates only for its text.

/// A short string (an id, a question id, a respondent type) kept inline up to 24 bytes.
pub type Label = compact_str::CompactString;

/// One free-text answer: a respondent's answer to one question, or one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Stable id: `RESPONDENT:QUESTION` for survey rows, the relative path for letters,
    /// the source's own id for JSONL and long CSV.
    pub id: Label,
    /// The respondent the answer belongs to.
    pub respondent: Label,
    /// Question id (`letter` for letters unless the consultation says otherwise).
    pub question: Label,
    /// Respondent type ("Parent or carer", "Local authority" …; "Not stated" if absent).
    pub respondent_type: Label,
    /// The text exactly as read (offsets in outputs index this string).
    pub text: String,
    /// The source file, relative to the analysed directory (shared between its responses).
    pub source: std::sync::Arc<str>,
    /// 1-based line in the source file where the record starts.
    pub line: u64,
}

/// One answer to a closed question, canonicalised to the consultation's spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedAnswer {
    /// The respondent.
    pub respondent: Label,
    /// Question id.
    pub question: Label,
    /// Respondent type.
    pub respondent_type: Label,
    /// The answer, spelt as in consultation.toml.
    pub answer: Label,
}

/// What ingest hands on, one at a time, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A free-text answer.
    Response(Response),
    /// A closed-question answer.
    Closed(ClosedAnswer),
}

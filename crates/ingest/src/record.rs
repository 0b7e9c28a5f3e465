//! The records ingest produces.

/// One free-text answer: a respondent's answer to one question, or one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Stable id: `RESPONDENT:QUESTION` for survey rows, the relative path for letters,
    /// the source's own id for JSONL and long CSV.
    pub id: String,
    /// The respondent the answer belongs to.
    pub respondent: String,
    /// Question id (`letter` for letters unless the consultation says otherwise).
    pub question: String,
    /// Respondent type ("Parent or carer", "Local authority" …; "Not stated" if absent).
    pub respondent_type: String,
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
    pub respondent: String,
    /// Question id.
    pub question: String,
    /// Respondent type.
    pub respondent_type: String,
    /// The answer, spelt as in consultation.toml.
    pub answer: String,
}

/// What ingest hands on, one at a time, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A free-text answer.
    Response(Response),
    /// A closed-question answer.
    Closed(ClosedAnswer),
}

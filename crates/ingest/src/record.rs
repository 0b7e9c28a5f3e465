//! The records ingest produces.
//!
//! Ids, question ids, respondent types and closed answers are [`Label`]s: strings of up to
//! 24 bytes are kept inline, so a typical record allocates only for its text.

/// A short string (an id, a question id, a respondent type) kept inline up to 24 bytes.
pub type Label = compact_str::CompactString;

/// The name of a source file, as its responses carry it: a handle to the name, interned
/// (`ustr`) for the life of the process, so a response copies a pointer rather than counting
/// a sharer. Counting one (an `Arc`) cost an atomic increment for every response made and a
/// decrement for every one dropped, each waiting for the reader's pending stores; the names
/// interned are those of the files read, a few bytes each, never freed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SourceName(ustr::Ustr);

impl SourceName {
    /// Whether `self` and `other` are the same name (interned: one pointer comparison).
    pub fn same(&self, other: &SourceName) -> bool {
        self.0 == other.0
    }
}

impl From<&str> for SourceName {
    fn from(name: &str) -> Self {
        SourceName(ustr::ustr(name))
    }
}

impl std::ops::Deref for SourceName {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for SourceName {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::fmt::Debug for SourceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for SourceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// One free-text answer: a respondent's answer to one question, or one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Stable id, unique in the run: `RESPONDENT:QUESTION` for survey rows (and for a long
    /// export's or JSONL's rows when their id names the respondent), the answer's own id
    /// when a long export or JSONL also names the respondent (see the crate docs), the
    /// relative path for letters; `FILE/ID` when an earlier file used the id
    /// (files are read in sorted order).
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
    pub source: SourceName,
    /// 1-based line in the source file where the record starts.
    pub line: u64,
}

/// One answer to a closed question, canonicalised to the consultation's spelling — or a
/// blank one: the respondent's row has the question's column but left it empty.
///
/// A multi-select gives one record per option chosen (consecutive, for one respondent), a
/// grid one per item; a question left blank gives one record with no answer (per item, for
/// a grid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedAnswer {
    /// The respondent.
    pub respondent: Label,
    /// Question id.
    pub question: Label,
    /// Respondent type.
    pub respondent_type: Label,
    /// The answer, spelt as in consultation.toml; `None` when the question (or grid item)
    /// was left blank or answered with one of the consultation's `blank_values`.
    pub answer: Option<Label>,
    /// The grid item rated (its label), for a grid question.
    pub item: Option<Label>,
}

/// What ingest hands on, one at a time, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A free-text answer.
    Response(Response),
    /// A closed-question answer.
    Closed(ClosedAnswer),
}

#[cfg(test)]
mod tests {
    use super::SourceName;

    #[test]
    fn a_source_name_is_one_interned_name() {
        let a = SourceName::from("responses.csv");
        let b = a;
        let c = SourceName::from(String::from("responses.csv").as_str());
        let d = SourceName::from("letters/01.txt");
        // equal names are one name, whoever made them
        assert!(a.same(&b) && a.same(&c) && !a.same(&d));
        assert_eq!(
            (&*a, a.to_string(), format!("{b:?}")),
            (
                "responses.csv",
                "responses.csv".to_string(),
                "\"responses.csv\"".to_string()
            )
        );
        assert_eq!(a, c);
        assert_ne!(a, d);
        assert_eq!(&*d, "letters/01.txt");
    }
}

//! The id of an answer in a long export (CSV, XLSX, ODS or JSONL: one row per answer), unique
//! in its file.
//!
//! A long export's id column either names the respondent (no separate respondent column:
//! the same id on the rows of each question that respondent answered) or is the answer's
//! own id (a separate respondent column names the respondent). So:
//!
//! - id naming the respondent: the answer is `ID:QUESTION`, as in a wide export, and its
//!   respondent is `ID`. A second row with the same id for the same question is read as
//!   respondent `ID#LINE` (made longer while that is taken), answer `ID#LINE:QUESTION`, with
//!   a warning;
//! - the answer's own id: it must be unique in the file, whatever the question; a repeat is
//!   read as `ID#LINE`, with a warning.

use crate::ids::Ids;
use crate::record::Label;
use crate::report::FileReport;

/// The answer ids a long export's rows have used so far, with the line each was last used
/// on (by its number in the set).
#[derive(Debug, Default)]
pub(crate) struct AnswerIds {
    ids: Ids,
    lines: Vec<u64>,
}

/// An answer's ids as read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Read {
    /// The answer's id, unique in its file.
    pub id: Label,
    /// The id the source gave, renamed `ID#LINE` when repeated: the respondent, when the id
    /// names the respondent.
    pub given: Label,
}

impl AnswerIds {
    /// The ids of the answer to `question` on `line` whose id cell is `given`. With
    /// `names_respondent`, the answer is `GIVEN:QUESTION`; otherwise it is `GIVEN`. A repeat
    /// is renamed as the module docs say, with a warning in `f`.
    pub(crate) fn read(
        &mut self,
        given: &str,
        question: &str,
        names_respondent: bool,
        line: u64,
        f: &mut FileReport,
    ) -> Read {
        let id = |given: &str| answer_id(given, question, names_respondent);
        let first = id(given);
        let (n, new) = self.ids.number(&first);
        if new {
            self.lines.push(line);
            return Read {
                id: first,
                given: given.into(),
            };
        }
        let last = std::mem::replace(&mut self.lines[n], line);
        let mut renamed = compact_str::format_compact!("{given}#{line}");
        while !self.ids.number(&id(&renamed)).1 {
            renamed = compact_str::format_compact!("{renamed}#{line}");
        }
        self.lines.push(line);
        let read = Read {
            id: id(&renamed),
            given: renamed,
        };
        let scope = if names_respondent {
            format!(" for question {question}")
        } else {
            String::new()
        };
        f.warn(
            Some(line),
            format!(
                "id {given:?} already used{scope} on line {last}: read as {}",
                read.id
            ),
        );
        read
    }
}

/// The ids of an answer: checked for repeats in `ids` when the file's ids are kept (see
/// [`AnswerIds::read`]), or taken as the source gives them when they are not.
pub(crate) fn read_answer(
    ids: Option<&mut AnswerIds>,
    given: &str,
    question: &str,
    names_respondent: bool,
    line: u64,
    f: &mut FileReport,
) -> Read {
    match ids {
        Some(ids) => ids.read(given, question, names_respondent, line, f),
        None => Read {
            id: answer_id(given, question, names_respondent),
            given: given.into(),
        },
    }
}

/// An answer's id from the source's id: `GIVEN:QUESTION` when the id names the
/// respondent, `GIVEN` when it is the answer's own.
fn answer_id(given: &str, question: &str, names_respondent: bool) -> Label {
    if names_respondent {
        compact_str::format_compact!("{given}:{question}")
    } else {
        given.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Role;

    #[test]
    fn an_id_naming_the_respondent_is_unique_per_question() {
        let mut f = FileReport::new("l.csv".into(), Role::Responses, "csv");
        let mut ids = AnswerIds::default();
        let mut read = |g: &str, q: &str, line| {
            let r = ids.read(g, q, true, line, &mut f);
            (r.id.to_string(), r.given.to_string())
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(read("D1", "Q1", 2), pair("D1:Q1", "D1"));
        assert_eq!(read("D1", "Q2", 3), pair("D1:Q2", "D1"));
        assert_eq!(read("D1", "Q1", 4), pair("D1#4:Q1", "D1#4"));
        assert_eq!(f.warnings, 1);
        assert_eq!(
            f.problems[0].reason,
            "id \"D1\" already used for question Q1 on line 2: read as D1#4:Q1"
        );
    }

    #[test]
    fn an_answer_id_is_unique_in_the_file() {
        let mut f = FileReport::new("l.csv".into(), Role::Responses, "csv");
        let mut ids = AnswerIds::default();
        let mut read = |g: &str, q: &str, line| ids.read(g, q, false, line, &mut f).id;
        assert_eq!(read("A1", "Q1", 2), "A1");
        assert_eq!(read("A1", "Q2", 3), "A1#3", "a repeat for any question");
        assert_eq!(read("A1#3", "Q2", 4), "A1#3#4", "renamed ids are taken too");
        assert_eq!(f.warnings, 2);
        assert_eq!(
            f.problems[0].reason,
            "id \"A1\" already used on line 2: read as A1#3"
        );
    }
}

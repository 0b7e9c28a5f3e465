//! Response ids unique in the run, across files.
//!
//! Each reader makes its ids unique in its file; two files can still give the same id (two
//! long exports both numbering their rows from 1, a wide and a long export of the same
//! respondents, the same respondent id in two wide exports). The first response to use an
//! id, in input order (files sorted by name), keeps it; a later one from another file is
//! read as `FILE/ID` (`FILE` the file's path relative to the input; made longer with
//! `#LINE` while that is taken too), with a warning naming both files. Respondent ids are
//! left as they are: a respondent may answer in more than one file (a long export split by
//! question).
//!
//! The set holds every response id of the run, the price of reviewers' decisions and
//! human-coded samples naming one response each: the [`Ids`] (measured at 39–45 bytes an id
//! of 11 characters, `R0012345:Q1`, at 1M and 371k ids, the table's slack included) and,
//! per run of ids first used by one file, that file (ids are numbered in the order first
//! seen, so a file's are consecutive). A run's peak RSS at 100,000 respondents (371,180
//! responses) was 214,840 KB with the check and 203,816 KB without it.

use crate::ids::Ids;
use crate::record::{Label, Response, SourceName};

/// Every response id used so far in the run, with the file that used it first.
#[derive(Debug, Default)]
pub(crate) struct RunIds {
    ids: Ids,
    /// The number of the first id each run of new ids started at, and the file it came from.
    runs: Vec<(usize, SourceName)>,
}

/// A response renamed because an earlier file used its id.
#[derive(Debug)]
pub(crate) struct Renamed {
    /// The file the response is in.
    pub source: SourceName,
    /// Its line there.
    pub line: u64,
    /// The id it was given in its file.
    pub was: Label,
    /// The file that used that id first.
    pub first: SourceName,
    /// The id it is read under.
    pub now: Label,
}

impl RunIds {
    /// Makes `r`'s id unique in the run, as the module docs say; the renaming, if any.
    pub(crate) fn check(&mut self, r: &mut Response) -> Option<Renamed> {
        let (n, new) = self.ids.number(&r.id);
        if new {
            self.started(n, r.source);
            return None;
        }
        let first = self.first_file(n);
        let mut now = compact_str::format_compact!("{}/{}", r.source, r.id);
        loop {
            let (m, new) = self.ids.number(&now);
            if new {
                self.started(m, r.source);
                break;
            }
            now = compact_str::format_compact!("{now}#{}", r.line);
        }
        let was = std::mem::replace(&mut r.id, now.clone());
        Some(Renamed {
            source: r.source,
            line: r.line,
            was,
            first,
            now,
        })
    }
}

impl RunIds {
    /// Notes that id number `n`, new, came from `source`.
    fn started(&mut self, n: usize, source: SourceName) {
        if !self.runs.last().is_some_and(|(_, s)| s.same(&source)) {
            self.runs.push((n, source));
        }
    }

    /// The file that first used id number `n`.
    fn first_file(&self, n: usize) -> SourceName {
        let at = self.runs.partition_point(|(start, _)| *start <= n);
        self.runs[at.saturating_sub(1)].1
    }
}

impl Renamed {
    /// The warning the renamed response's file gets.
    pub(crate) fn reason(&self) -> String {
        if self.first.same(&self.source) {
            format!(
                "response id {:?} already used earlier in this file: read as {}",
                self.was, self.now
            )
        } else {
            format!(
                "response id {:?} already used in {}: read as {}",
                self.was, self.first, self.now
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(id: &str, source: &str, line: u64) -> Response {
        Response {
            id: id.into(),
            respondent: id.into(),
            question: "Q1".into(),
            respondent_type: "Not stated".into(),
            text: "t".into(),
            source: source.into(),
            line,
        }
    }

    #[test]
    fn a_later_file_reusing_an_id_is_renamed_with_both_files_named() {
        let mut ids = RunIds::default();
        let mut a = response("1:Q1", "a.csv", 2);
        assert!(ids.check(&mut a).is_none());
        assert_eq!(a.id, "1:Q1");
        let mut b = response("1:Q1", "b.csv", 2);
        let renamed = ids.check(&mut b).unwrap();
        assert_eq!(b.id, "b.csv/1:Q1");
        assert_eq!(
            renamed.reason(),
            "response id \"1:Q1\" already used in a.csv: read as b.csv/1:Q1"
        );
        // a third file whose own id is already that renamed one
        let mut c = response("b.csv/1:Q1", "c.csv", 7);
        ids.check(&mut c).unwrap();
        assert_eq!(c.id, "c.csv/b.csv/1:Q1");
        let mut d = response("1:Q1", "b.csv", 9);
        let renamed = ids.check(&mut d).unwrap();
        assert_eq!(d.id, "b.csv/1:Q1#9", "made longer while taken");
        assert!(
            renamed.reason().contains("in a.csv"),
            "{}",
            renamed.reason()
        );
    }
}

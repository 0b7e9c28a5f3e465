//! Checks a project before export: unique ids, known codes, selections that are
//! non-empty ranges of character boundaries of their text.

use std::collections::HashSet;

use crate::{Problem, Project};

/// The first problem of `project`, in input order.
pub(crate) fn check(project: &Project) -> Result<(), Problem> {
    let mut codes = HashSet::new();
    for code in &project.codes {
        if !codes.insert(code.id.as_str()) {
            return Err(Problem::DuplicateCode(code.id.clone()));
        }
    }
    let mut sources = HashSet::new();
    for source in &project.sources {
        if !sources.insert(source.id.as_str()) {
            return Err(Problem::DuplicateSource(source.id.clone()));
        }
        for sel in &source.selections {
            if !codes.contains(sel.code_id.as_str()) {
                return Err(Problem::UnknownCode {
                    source_id: source.id.clone(),
                    code_id: sel.code_id.clone(),
                    start: sel.start,
                    end: sel.end,
                });
            }
            // `get` is `None` when a bound is past the end or off a character boundary.
            if sel.start >= sel.end || source.text.get(sel.start..sel.end).is_none() {
                return Err(Problem::BadRange {
                    source_id: source.id.clone(),
                    code_id: sel.code_id.clone(),
                    start: sel.start,
                    end: sel.end,
                    len: source.text.len(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Code, Selection, Source};

    fn project(
        code_ids: &[&str],
        source_ids: &[&str],
        text: &str,
        sel: (&str, usize, usize),
    ) -> Project {
        Project {
            name: "p".into(),
            codes: code_ids
                .iter()
                .map(|id| Code {
                    id: id.to_string(),
                    name: id.to_string(),
                    description: String::new(),
                })
                .collect(),
            sources: source_ids
                .iter()
                .map(|id| Source {
                    id: id.to_string(),
                    text: text.into(),
                    variables: vec![],
                    selections: vec![Selection {
                        code_id: sel.0.into(),
                        start: sel.1,
                        end: sel.2,
                    }],
                })
                .collect(),
        }
    }

    fn check_case(p: Project, expected: Result<(), &str>) {
        let got = check(&p).map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_string));
    }

    #[test]
    fn problems() {
        // "£" is bytes 0..2 and "é" bytes 4..6 of the 7 bytes of "£5 é!".
        let text = "£5 é!";
        check_case(project(&["a"], &["s"], text, ("a", 0, 2)), Ok(()));
        check_case(project(&["a"], &["s"], text, ("a", 4, 7)), Ok(()));
        check_case(
            project(&["a", "a"], &["s"], text, ("a", 0, 2)),
            Err(r#"code id "a" appears more than once"#),
        );
        check_case(
            project(&["a"], &["s", "s"], text, ("a", 0, 2)),
            Err(r#"source id "s" appears more than once"#),
        );
        check_case(
            project(&["a"], &["s"], text, ("b", 0, 2)),
            Err(r#"source "s": selection 0..2 applies unknown code "b""#),
        );
        for (start, end) in [(0, 1), (5, 7), (2, 2), (3, 2), (4, 8)] {
            let expected = format!(
                r#"source "s": selection {start}..{end} of code "a" is not a non-empty range of character boundaries of the text's 7 bytes"#
            );
            check_case(
                project(&["a"], &["s"], text, ("a", start, end)),
                Err(&expected),
            );
        }
    }
}

//! The shapes a closed question takes in a wide export, as consultation.toml declares them:
//! one answer in one column (`closed`, `closed+open`), several options ticked (`multi`:
//! one `separator`-separated cell, or one column per option) or a grid of items each rated
//! on one scale (`grid`: one column per item).
//!
//! ```toml
//! [[questions]]                 # "tick all that apply", one cell: "Walk; Bus"
//! id = "Q7"
//! kind = "multi"
//! answer_column = "Q7. How do you travel?"
//! separator = ";"               # the default
//! answers = ["Walk", "Cycle", "Bus", "Car"]
//!
//! [[questions]]                 # "tick all that apply", one column per option
//! id = "Q8"
//! kind = "multi"
//! answers = ["Walk", "Cycle"]
//! option_columns = { Walk = "Q8: Walk", Cycle = "Q8: Cycle" }
//!
//! [[questions]]                 # a grid: one column per item, each holding a rating
//! id = "Q9"
//! kind = "grid"
//! answers = ["Very important", "Quite important", "Not important"]
//! items = [
//!   { label = "Safer streets", column = "Q9: Safer streets" },
//!   { label = "Cleaner air", column = "Q9: Cleaner air" },
//! ]
//! ```
//!
//! In a column per option, a cell counts as ticked when it is not blank, not one of the
//! consultation's `blank_values`, and not one of [`UNTICKED`] (compared trimmed and
//! ignoring case): `1`, `Yes`, `x`, `TRUE` or the option's own text are all ticks.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Cells of a column-per-option multi-select that mean "not ticked" (compared trimmed,
/// ignoring case). Blank cells and the consultation's `blank_values` are not ticks either.
pub const UNTICKED: &[&str] = &[
    "0",
    "no",
    "n",
    "false",
    "not selected",
    "not ticked",
    "unticked",
    "not chosen",
];

/// How a question's closed part is laid out and counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ClosedShape {
    /// One of the answers, in `answer_column` (or no closed part at all).
    #[default]
    Single,
    /// Several of the answers: a cell of options cut at `separator`, in `answer_column`.
    Separated {
        /// What separates the options in the cell (`;` by default).
        separator: String,
    },
    /// Several of the answers: one column per option, in the order of the answers.
    OptionColumns(Vec<String>),
    /// A grid: each item is rated with one of the answers, in its own column.
    Grid(Vec<GridItem>),
}

impl ClosedShape {
    /// Whether respondents may choose several answers (shares can add past 100%).
    pub fn is_multi(&self) -> bool {
        matches!(
            self,
            ClosedShape::Separated { .. } | ClosedShape::OptionColumns(_)
        )
    }
}

/// One item of a grid question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridItem {
    /// How the item is shown in reports.
    pub label: String,
    /// The column holding its rating.
    pub column: String,
}

/// The keys of a `[[questions]]` entry that declare a multi-select or grid.
#[derive(Deserialize, Default)]
pub(crate) struct RawShape {
    pub(crate) separator: Option<String>,
    #[serde(default)]
    pub(crate) option_columns: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) items: Vec<GridItem>,
}

/// Whether a cell of a column-per-option multi-select is a tick (`is_blank` tells blank
/// values).
pub(crate) fn is_ticked(cell: &str, is_blank: impl Fn(&str) -> bool) -> bool {
    let cell = cell.trim();
    !cell.is_empty() && !is_blank(cell) && !UNTICKED.iter().any(|u| u.eq_ignore_ascii_case(cell))
}

/// The shape a question declares; `multi`/`grid` says which kind it is. `answer_column`
/// is whether the question names one. Errors say what is inconsistent.
pub(crate) fn shape(
    id: &str,
    kind: &str,
    raw: RawShape,
    answers: &[String],
    answer_column: bool,
    text_column: bool,
) -> Result<ClosedShape, String> {
    let fail = |m: &str| Err(format!("question {id}: {m}"));
    let multi = kind == "multi";
    let grid = kind == "grid";
    if !multi && raw.separator.is_some() {
        return fail("`separator` is only for kind = \"multi\"");
    }
    if !multi && !raw.option_columns.is_empty() {
        return fail("`option_columns` is only for kind = \"multi\"");
    }
    if !grid && !raw.items.is_empty() {
        return fail("`items` is only for kind = \"grid\"");
    }
    if !multi && !grid {
        return Ok(ClosedShape::Single);
    }
    if answers.is_empty() {
        return fail(&format!("a {kind} question needs `answers`"));
    }
    if text_column {
        return fail(&format!(
            "a {kind} question has no free text: declare the text column as its own open question"
        ));
    }
    if grid {
        if answer_column {
            return fail("a grid names its columns in `items`, not `answer_column`");
        }
        if raw.items.is_empty() {
            return fail("a grid needs `items` (label and column of each)");
        }
        for (n, item) in raw.items.iter().enumerate() {
            if item.label.trim().is_empty() || item.column.trim().is_empty() {
                return fail(&format!("grid item {} has an empty label or column", n + 1));
            }
            if raw.items[..n].iter().any(|o| o.label == item.label) {
                return fail(&format!("grid item {:?} is listed twice", item.label));
            }
        }
        return Ok(ClosedShape::Grid(raw.items));
    }
    match (answer_column, raw.option_columns.is_empty()) {
        (true, true) => {
            let separator = raw.separator.unwrap_or_else(|| ";".to_string());
            if separator.trim().is_empty() {
                return fail("`separator` is empty");
            }
            Ok(ClosedShape::Separated { separator })
        }
        (false, false) => {
            if raw.separator.is_some() {
                return fail("`separator` is for one cell of options (`answer_column`)");
            }
            if let Some(k) = raw.option_columns.keys().find(|k| !answers.contains(k)) {
                return fail(&format!(
                    "option column given for {k:?}, which is not among its answers"
                ));
            }
            let mut columns = Vec::new();
            for a in answers {
                match raw.option_columns.get(a) {
                    Some(c) => columns.push(c.clone()),
                    None => return fail(&format!("answer {a:?} has no option column")),
                }
            }
            Ok(ClosedShape::OptionColumns(columns))
        }
        (true, false) => {
            fail("give either `answer_column` (one cell of options) or `option_columns`, not both")
        }
        (false, true) => {
            fail("a multi-select needs `answer_column` (one cell of options) or `option_columns`")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Consultation;

    fn parse(src: &str) -> Result<Consultation, String> {
        Consultation::parse(src, std::path::Path::new("c.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn multi_select_and_grid_questions_are_declared() {
        let c = parse(
            r#"
[[questions]]
id = "Q7"
kind = "multi"
answer_column = "Q7"
answers = ["Walk", "Bus"]
[[questions]]
id = "Q8"
kind = "multi"
separator = "|"
answer_column = "Q8"
answers = ["Walk", "Bus"]
[[questions]]
id = "Q9"
kind = "multi"
answers = ["Walk", "Bus"]
option_columns = { Bus = "Q9 bus", Walk = "Q9 walk" }
[[questions]]
id = "Q10"
kind = "grid"
answers = ["High", "Low"]
items = [{ label = "B", column = "Q10 b" }, { label = "A", column = "Q10 a" }]
"#,
        )
        .unwrap();
        let shapes: Vec<&ClosedShape> = c.questions.iter().map(|q| &q.shape).collect();
        assert_eq!(
            shapes,
            [
                &ClosedShape::Separated {
                    separator: ";".into()
                },
                &ClosedShape::Separated {
                    separator: "|".into()
                },
                // in the order of the answers
                &ClosedShape::OptionColumns(vec!["Q9 walk".into(), "Q9 bus".into()]),
                // in the order given
                &ClosedShape::Grid(vec![
                    GridItem {
                        label: "B".into(),
                        column: "Q10 b".into()
                    },
                    GridItem {
                        label: "A".into(),
                        column: "Q10 a".into()
                    },
                ]),
            ]
        );
        assert!(shapes[0].is_multi() && shapes[2].is_multi() && !shapes[3].is_multi());
    }

    #[test]
    fn inconsistent_shapes_are_refused_clearly() {
        let err = |body: &str| parse(&format!("[[questions]]\nid = \"Q\"\n{body}")).unwrap_err();
        for (body, want) in [
            ("kind = \"multi\"\nanswer_column = \"A\"", "a multi question needs `answers`"),
            ("kind = \"multi\"\nanswers = [\"x\"]", "needs `answer_column` (one cell of options) or `option_columns`"),
            ("kind = \"multi\"\nanswers = [\"x\"]\nanswer_column = \"A\"\noption_columns = { x = \"B\" }", "not both"),
            ("kind = \"multi\"\nanswers = [\"x\", \"y\"]\noption_columns = { x = \"B\" }", "answer \"y\" has no option column"),
            ("kind = \"multi\"\nanswers = [\"x\"]\noption_columns = { z = \"B\" }", "option column given for \"z\""),
            ("kind = \"multi\"\nanswers = [\"x\"]\nanswer_column = \"A\"\nseparator = \" \"", "`separator` is empty"),
            ("kind = \"multi\"\nanswers = [\"x\"]\nanswer_column = \"A\"\ntext_column = \"T\"", "declare the text column as its own open question"),
            ("kind = \"grid\"\nanswers = [\"x\"]", "a grid needs `items`"),
            ("kind = \"grid\"\nanswers = [\"x\"]\nanswer_column = \"A\"\nitems = [{ label = \"a\", column = \"A\" }]", "not `answer_column`"),
            ("kind = \"grid\"\nanswers = [\"x\"]\nitems = [{ label = \"a\", column = \"A\" }, { label = \"a\", column = \"B\" }]", "grid item \"a\" is listed twice"),
            ("kind = \"closed\"\nanswers = [\"x\"]\nanswer_column = \"A\"\nseparator = \";\"", "`separator` is only for kind = \"multi\""),
            ("kind = \"open\"\ntext_column = \"A\"\nitems = [{ label = \"a\", column = \"A\" }]", "`items` is only for kind = \"grid\""),
        ] {
            let e = err(body);
            assert!(e.contains(want), "{body:?}: {e}");
        }
    }

    #[test]
    fn ticks_are_anything_but_blank_or_a_no() {
        let blank = |c: &str| c.eq_ignore_ascii_case("n/a");
        for yes in ["1", "Yes", "x", "X", "TRUE", "Walk", " ticked "] {
            assert!(is_ticked(yes, blank), "{yes:?}");
        }
        for no in ["", "  ", "0", "No", "FALSE", "n", "Not selected", "N/A"] {
            assert!(!is_ticked(no, blank), "{no:?}");
        }
    }
}

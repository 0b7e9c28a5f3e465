//! The `decision` cell of a coded-responses sheet: what a reviewer writes there, and how a
//! decision already applied is written back.
//!
//! A cell holds one or more decisions separated by `;`, each a verb, a theme id and, for
//! `add`, optionally the text of the response that raises the theme in double quotes:
//!
//! ```text
//! reject funding
//! accept pay; add workload "too many cases"
//! accept
//! ```
//!
//! Verbs and theme ids are read without regard to case (theme ids are lower case). A bare
//! `accept` or `reject` (no theme) stands for the row's only theme; it is an error on a row
//! with none or several.

use crate::decisions::{Decision, Verdict};

/// One decision as written in a cell, before its row gives it a response and a reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellDecision {
    /// accept, reject or add.
    pub verdict: Verdict,
    /// The theme id; `None` for a bare `accept` / `reject`.
    pub theme: Option<String>,
    /// For `add`: the quoted text of the response that raises the theme.
    pub evidence: Option<String>,
}

/// The items of a cell: split at `;` outside double quotes, trimmed, empty ones dropped.
fn items(cell: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in cell.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&cell[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted {
        return Err("a quoted evidence text is not closed".into());
    }
    out.push(&cell[start..]);
    Ok(out
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect())
}

/// Reads one item: `VERB [THEME ["EVIDENCE"]]`.
fn item(text: &str) -> Result<CellDecision, String> {
    let (verb, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let verdict = match verb.to_ascii_lowercase().as_str() {
        "accept" => Verdict::Accept,
        "reject" => Verdict::Reject,
        "add" => Verdict::Add,
        _ => {
            return Err(format!(
                "`{text}`: a decision starts with accept, reject or add"
            ))
        }
    };
    let rest = rest.trim();
    let (theme, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let after = after.trim();
    let evidence = if after.is_empty() {
        None
    } else if verdict == Verdict::Add
        && after.len() >= 2
        && after.starts_with('"')
        && after.ends_with('"')
    {
        Some(after[1..after.len() - 1].to_string())
    } else if verdict == Verdict::Add {
        return Err(format!(
            "`{text}`: after the theme, an add takes only its evidence, in double quotes"
        ));
    } else {
        return Err(format!(
            "`{text}`: one theme per decision (separate decisions with `;`)"
        ));
    };
    if theme.is_empty() && verdict == Verdict::Add {
        return Err(format!("`{text}`: add needs a theme id"));
    }
    Ok(CellDecision {
        verdict,
        theme: (!theme.is_empty()).then(|| theme.to_ascii_lowercase()),
        evidence,
    })
}

/// Reads a decision cell; an empty cell holds no decision.
pub fn parse_decision_cell(cell: &str) -> Result<Vec<CellDecision>, String> {
    items(cell)?.into_iter().map(item).collect()
}

/// A decision as a cell item (`reject funding`, `add pay "wages are poor"`): what
/// [`parse_decision_cell`] reads back as the same decision.
pub fn format_decision(d: &Decision) -> String {
    match &d.evidence {
        Some(e) if d.decision == Verdict::Add && !e.contains('"') => {
            format!("{} {} \"{e}\"", d.decision.as_str(), d.theme)
        }
        _ => format!("{} {}", d.decision.as_str(), d.theme),
    }
}

/// The review columns of a response's row in a coded-responses sheet, made from the
/// decisions applied to it: its decisions (`; `-joined, in theme order), their reviewers and
/// notes (each distinct one once, `; `-joined). Read back, the row gives the same decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewCells {
    /// The `decision` cell.
    pub decision: String,
    /// The `reviewer` cell.
    pub reviewer: String,
    /// The `note` cell.
    pub note: String,
}

impl ReviewCells {
    /// The cells of a row whose response has `decisions`.
    pub fn of<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> ReviewCells {
        let mut cells = ReviewCells::default();
        let (mut reviewers, mut notes): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        for d in decisions {
            if !cells.decision.is_empty() {
                cells.decision.push_str("; ");
            }
            cells.decision.push_str(&format_decision(d));
            if !reviewers.contains(&d.reviewer.as_str()) {
                reviewers.push(&d.reviewer);
            }
            if let Some(n) = d.note.as_deref().filter(|n| !notes.contains(n)) {
                notes.push(n);
            }
        }
        cells.reviewer = reviewers.join("; ");
        cells.note = notes.join("; ");
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(verdict: Verdict, theme: Option<&str>, evidence: Option<&str>) -> CellDecision {
        CellDecision {
            verdict,
            theme: theme.map(String::from),
            evidence: evidence.map(String::from),
        }
    }

    #[test]
    fn reads_every_form() {
        assert_eq!(parse_decision_cell("").unwrap(), vec![]);
        assert_eq!(parse_decision_cell("  ;  ").unwrap(), vec![]);
        assert_eq!(
            parse_decision_cell("Reject Funding").unwrap(),
            vec![d(Verdict::Reject, Some("funding"), None)]
        );
        assert_eq!(
            parse_decision_cell("accept").unwrap(),
            vec![d(Verdict::Accept, None, None)]
        );
        assert_eq!(
            parse_decision_cell("accept pay;  add workload \"too many; cases\" ; reject x_1")
                .unwrap(),
            vec![
                d(Verdict::Accept, Some("pay"), None),
                d(Verdict::Add, Some("workload"), Some("too many; cases")),
                d(Verdict::Reject, Some("x_1"), None),
            ]
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for (cell, want) in [
            ("maybe funding", "starts with accept, reject or add"),
            ("add", "add needs a theme id"),
            ("reject funding pay", "one theme per decision"),
            ("add pay wages", "in double quotes"),
            ("add pay \"wages", "not closed"),
        ] {
            let e = parse_decision_cell(cell).unwrap_err();
            assert!(e.contains(want), "{cell}: {e}");
        }
    }

    #[test]
    fn written_cells_read_back_as_the_same_decisions() {
        let dec =
            |theme: &str, v: Verdict, ev: Option<&str>, who: &str, note: Option<&str>| Decision {
                response_id: "R1:Q1".into(),
                question: None,
                theme: theme.into(),
                decision: v,
                evidence: ev.map(String::from),
                reviewer: who.into(),
                note: note.map(String::from),
            };
        let all = [
            dec("funding", Verdict::Reject, None, "AB", Some("sarcastic")),
            dec("pay", Verdict::Add, Some("wages; low"), "AB", None),
            dec("workload", Verdict::Accept, None, "CD", Some("sarcastic")),
        ];
        let cells = ReviewCells::of(&all);
        assert_eq!(
            cells.decision,
            "reject funding; add pay \"wages; low\"; accept workload"
        );
        assert_eq!(cells.reviewer, "AB; CD");
        assert_eq!(cells.note, "sarcastic");
        let back = parse_decision_cell(&cells.decision).unwrap();
        for (got, want) in back.iter().zip(&all) {
            assert_eq!(got.verdict, want.decision);
            assert_eq!(got.theme.as_deref(), Some(want.theme.as_str()));
            assert_eq!(got.evidence, want.evidence);
        }
    }
}

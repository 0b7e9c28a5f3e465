//! Finding consultation.toml's column names in a table's header.
//!
//! A name matches a header cell exactly (after trimming), or else ignoring case, leading
//! and trailing whitespace and runs of whitespace (spaces, tabs, line breaks, no-break
//! spaces, a byte-order mark): exports re-wrap long question headers, pad them, or change
//! their case between versions. When two cells match the same name that loosely, the first
//! is read. A name not found is reported with the nearest header cell (Levenshtein
//! distance on the loosened forms, `strsim`), when one is close enough to be a likely typo.

/// A header row with each cell's loosened form, ready for look-ups.
pub(crate) struct Header<'h> {
    cells: &'h [String],
    loose: Vec<String>,
}

/// A cell's loosened form: lower case, trimmed, whitespace runs as one space.
pub(crate) fn loosen(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace() || c == '\u{feff}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// How alike two loosened names must be (normalised Levenshtein, 0–1) for one to be
/// suggested for the other.
const SUGGEST_FROM: f64 = 0.6;

impl<'h> Header<'h> {
    /// The header's cells.
    pub(crate) fn new(cells: &'h [String]) -> Self {
        Header {
            loose: cells.iter().map(|c| loosen(c)).collect(),
            cells,
        }
    }

    /// The column of `name`: an exact (trimmed) match first, else a loose one.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let trimmed = name.trim();
        self.cells
            .iter()
            .position(|h| h.trim() == trimmed)
            .or_else(|| {
                let l = loosen(name);
                self.loose.iter().position(|h| *h == l)
            })
    }

    /// The header cell nearest to `name`, if it is close enough to suggest.
    pub(crate) fn nearest(&self, name: &str) -> Option<&'h str> {
        let l = loosen(name);
        self.loose
            .iter()
            .enumerate()
            .map(|(i, h)| (strsim::normalized_levenshtein(&l, h), i))
            .filter(|&(score, _)| score >= SUGGEST_FROM)
            // the best score; the first column among equals
            .fold(None::<(f64, usize)>, |best, (s, i)| match best {
                Some((b, _)) if b >= s => best,
                _ => Some((s, i)),
            })
            .map(|(_, i)| self.cells[i].as_str())
    }

    /// `name` is not in the header: `" (did you mean \"X\"?)"` naming the nearest cell,
    /// or nothing.
    pub(crate) fn did_you_mean(&self, name: &str) -> String {
        self.nearest(name)
            .map(|n| format!(" (did you mean {n:?}?)"))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn names_match_ignoring_case_and_whitespace_runs() {
        let cells = header(&[
            "Response ID",
            "Q1. Do you  agree\nwith it?",
            "\u{a0}Which of these best describes you?\u{a0}",
            "\u{feff}id",
        ]);
        let h = Header::new(&cells);
        assert_eq!(h.find("Response ID"), Some(0));
        assert_eq!(h.find(" response  id "), Some(0));
        assert_eq!(h.find("q1. do you agree with it?"), Some(1));
        assert_eq!(h.find("Which of these best describes you?"), Some(2));
        assert_eq!(h.find("ID"), Some(3));
        assert_eq!(h.find("Response"), None);
        assert_eq!(h.find("ResponseID"), None);
    }

    #[test]
    fn an_exact_match_wins_over_an_earlier_loose_one() {
        let cells = header(&["name", "Name"]);
        assert_eq!(Header::new(&cells).find("Name"), Some(1));
        assert_eq!(Header::new(&cells).find("NAME"), Some(0));
    }

    #[test]
    fn a_missing_name_suggests_the_nearest_header() {
        let cells = header(&[
            "Response ID",
            "Q1. Please explain your answer",
            "Q3. Please explain your answer",
        ]);
        let h = Header::new(&cells);
        assert_eq!(
            h.did_you_mean("Q1. Please explain you answer"),
            " (did you mean \"Q1. Please explain your answer\"?)"
        );
        assert_eq!(h.nearest("Respondent ID"), Some("Response ID"));
        assert_eq!(h.did_you_mean("Postcode"), "");
    }
}

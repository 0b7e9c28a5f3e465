//! The input is read twice: once to find campaigns, once to code. A file that changed
//! between the two reads would give campaign sizes that count responses never coded, so
//! the second read is checked against the first: the same files in the same order, each
//! with the same SHA-256 (of every byte read, so of its size too). Otherwise the run fails
//! and nothing is published.

use tally_ingest::IngestReport;

use crate::error::PipelineError;

/// Checks that `second` read the same files, byte for byte, as `first`.
pub(crate) fn check_unchanged(
    first: &IngestReport,
    second: &IngestReport,
) -> Result<(), PipelineError> {
    let seen = |r: &IngestReport| -> Vec<(String, String)> {
        r.files
            .iter()
            .map(|f| (f.path.clone(), f.sha256.clone()))
            .collect()
    };
    match first_change(&seen(first), &seen(second)) {
        None => Ok(()),
        Some((path, what)) => Err(PipelineError::InputChanged { path, what }),
    }
}

/// The first file whose (path, SHA-256) differs between two reads, and how.
fn first_change(
    first: &[(String, String)],
    second: &[(String, String)],
) -> Option<(String, String)> {
    let mut a = first.iter();
    let mut b = second.iter();
    loop {
        let (path, what) = match (a.next(), b.next()) {
            (None, None) => return None,
            (Some((f, _)), None) => (f, "it is gone".to_string()),
            (None, Some((g, _))) => (g, "it appeared".to_string()),
            (Some((f, _)), Some((g, _))) if f != g => {
                if f < g {
                    (f, "it is gone".to_string())
                } else {
                    (g, "it appeared".to_string())
                }
            }
            (Some((f, x)), Some((_, y))) if x != y => {
                let short = |s: &str| -> String {
                    if s.is_empty() {
                        "none".into()
                    } else {
                        s.chars().take(12).collect()
                    }
                };
                (
                    f,
                    format!(
                        "its SHA-256 was {} on the first read and {} on the second",
                        short(x),
                        short(y)
                    ),
                )
            }
            _ => continue,
        };
        return Some((path.clone(), what));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(files: &[(&str, &str)]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect()
    }

    #[test]
    fn reads_are_compared_file_by_file() {
        let first = read(&[("a.csv", "aa"), ("b.csv", "bb")]);
        for (second, changed) in [
            (read(&[("a.csv", "aa"), ("b.csv", "bb")]), None),
            (read(&[("a.csv", "aa"), ("b.csv", "bc")]), Some("b.csv")),
            (read(&[("a.csv", "aa")]), Some("b.csv")),
            (
                read(&[("a.csv", "aa"), ("b.csv", "bb"), ("c.csv", "")]),
                Some("c.csv"),
            ),
            (
                read(&[("a.csv", "aa"), ("a2.csv", ""), ("b.csv", "bb")]),
                Some("a2.csv"),
            ),
            (read(&[("b.csv", "bb")]), Some("a.csv")),
        ] {
            let got = first_change(&first, &second).map(|(path, _)| path);
            assert_eq!(got.as_deref(), changed, "{second:?}");
        }
    }
}

//! A table's own human coding: the label columns consultation.toml names (`label_columns`),
//! read from a CSV or TSV file row by row, by the line each row starts on — the line
//! tally-ingest gives the responses read from that row.

use std::collections::BTreeMap;
use std::path::Path;

/// The label columns found in one file: for each row (by the line it starts on), the
/// indices (into the declared columns) of the labels coded on it, and the rows whose cells
/// could not be read.
#[derive(Debug, Default)]
pub struct FileLabels {
    /// Line → coded labels (indices into the declared columns). Every row read is here,
    /// coded with nothing when all its cells are blank.
    pub rows: BTreeMap<u64, Vec<usize>>,
    /// `line: message` for each row not used (a cell that is neither coded nor blank).
    pub problems: Vec<(u64, String)>,
}

/// Whether a cell codes its label: `1`, `yes`, `y`, `true` or `x` codes; blank, `0`, `no`,
/// `n` or `false` does not (case and surrounding spaces ignored); anything else is an
/// error.
fn coded(cell: &str) -> Result<bool, ()> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "no" | "n" | "false" => Ok(false),
        "1" | "yes" | "y" | "true" | "x" => Ok(true),
        _ => Err(()),
    }
}

/// A header cell compared loosely: trimmed, runs of whitespace as one space, any case.
fn loose(s: &str) -> String {
    s.trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The delimiter of a header line: the most frequent of comma, semicolon and tab (comma on
/// a tie), as tally-ingest finds it.
fn delimiter(raw: &[u8]) -> u8 {
    let line = raw.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (count(d), d == b','))
        .unwrap_or(b',')
}

/// Reads the label `columns` of the table at `path`. `Ok(None)` when its header holds none
/// of them (the file is not a coded sample); an error when it holds only some, or cannot be
/// read as CSV.
pub fn read(path: &Path, columns: &[String]) -> Result<Option<FileLabels>, String> {
    let raw = std::fs::read(path).map_err(|e| e.to_string())?;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter(&raw))
        .flexible(true)
        .from_reader(&raw[..]);
    let header: Vec<String> = rdr
        .byte_headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| loose(&String::from_utf8_lossy(h)))
        .collect();
    let at: Vec<Option<usize>> = columns
        .iter()
        .map(|c| header.iter().position(|h| *h == loose(c)))
        .collect();
    let missing: Vec<&str> = columns
        .iter()
        .zip(&at)
        .filter(|(_, i)| i.is_none())
        .map(|(c, _)| c.as_str())
        .collect();
    if missing.len() == columns.len() {
        return Ok(None);
    }
    if !missing.is_empty() {
        return Err(format!(
            "label column(s) {} not in the header (the others are)",
            missing
                .iter()
                .map(|m| format!("{m:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let at: Vec<usize> = at.into_iter().flatten().collect();
    let mut out = FileLabels::default();
    let (mut counted, mut breaks) = (0usize, 0u64);
    for rec in rdr.byte_records() {
        let rec = rec.map_err(|e| e.to_string())?;
        // the line a record starts on: past any line break its position points at (the
        // csv crate's own line numbers are one early after a `\r\n`)
        let mut start = rec.position().map_or(0, |p| p.byte() as usize);
        while matches!(raw.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        breaks += raw[counted..start].iter().filter(|&&b| b == b'\n').count() as u64;
        counted = start;
        let line = breaks + 1;
        let mut labels = Vec::new();
        let mut bad = None;
        for (k, &i) in at.iter().enumerate() {
            let cell = String::from_utf8_lossy(rec.get(i).unwrap_or_default());
            match coded(&cell) {
                Ok(true) => labels.push(k),
                Ok(false) => {}
                Err(()) => {
                    bad = Some(format!(
                        "label column {:?}: {:?} is neither coded (1) nor blank: row not used for training",
                        columns[k], cell
                    ));
                    break;
                }
            }
        }
        match bad {
            Some(message) => out.problems.push((line, message)),
            None => {
                out.rows.insert(line, labels);
            }
        }
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_label_cells_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(
            &p,
            "id,text,Staff manner,Waiting\r\n1,\"two\r\nlines\",1,\r\n2,b,,yes\r\n3,c,maybe,\r\n",
        )
        .unwrap();
        let cols = vec!["staff  MANNER".to_string(), "Waiting".to_string()];
        let l = read(&p, &cols).unwrap().unwrap();
        assert_eq!(l.rows.get(&2), Some(&vec![0]));
        assert_eq!(
            l.rows.get(&4),
            Some(&vec![1]),
            "after a two-line cell and CRLF"
        );
        assert_eq!(l.problems.len(), 1);
        assert_eq!(l.problems[0].0, 5);
        assert!(read(&p, &["Other".to_string()]).unwrap().is_none());
        assert!(read(&p, &["Waiting".to_string(), "Other".to_string()]).is_err());
    }
}

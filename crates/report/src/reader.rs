//! Reading `audit.jsonl` back: [`AuditReader`] streams a file's lines as typed
//! [`AuditLine`]s, one line in memory at a time, and [`read_coding`] gathers from them the
//! coding that `tally agree` and `tally review export` compare and export.
//!
//! A line that is not an audit line (not JSON, a field missing, of the wrong type or not
//! known, text that is not UTF-8) is an error naming the file and the line, never a
//! response with no themes.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use tally_review::{Coding, EvidenceTexts};

use crate::audit::AuditLine;

/// An audit file that cannot be read, or a line of it that is not an audit line.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The file cannot be opened.
    #[error("cannot read {path}: {source}")]
    Open {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line cannot be read or is not an audit line.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
}

/// The lines of an audit file, each read, parsed and checked as an [`AuditLine`] when the
/// iterator reaches it. It holds one line at a time (its buffer is reused), so a file of any
/// length is read in the memory of its longest line.
///
/// A malformed line yields an error and reading goes on with the next line; a failure to
/// read (an I/O error, text that is not UTF-8) yields an error and ends the iteration.
#[derive(Debug)]
pub struct AuditReader<R> {
    input: R,
    path: String,
    /// Lines read so far.
    line: u64,
    buf: String,
    done: bool,
}

impl AuditReader<BufReader<File>> {
    /// Opens the audit file at `path`.
    pub fn open(path: &Path) -> Result<Self, AuditError> {
        let shown = path.display().to_string();
        match File::open(path) {
            Ok(f) => Ok(AuditReader::new(BufReader::new(f), shown)),
            Err(source) => Err(AuditError::Open {
                path: shown,
                source,
            }),
        }
    }
}

impl<R: BufRead> AuditReader<R> {
    /// Reads audit lines from `input`; `path` names it in errors.
    pub fn new(input: R, path: impl Into<String>) -> Self {
        AuditReader {
            input,
            path: path.into(),
            line: 0,
            buf: String::new(),
            done: false,
        }
    }

    fn error(&self, message: String) -> AuditError {
        AuditError::Line {
            path: self.path.clone(),
            line: self.line,
            message,
        }
    }
}

impl<R: BufRead> Iterator for AuditReader<R> {
    type Item = Result<AuditLine<'static>, AuditError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.buf.clear();
        self.line += 1;
        match self.input.read_line(&mut self.buf) {
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(_) => {
                let text = self.buf.strip_suffix('\n').unwrap_or(&self.buf);
                let text = text.strip_suffix('\r').unwrap_or(text);
                Some(serde_json::from_str(text).map_err(|e| self.error(e.to_string())))
            }
            Err(e) => {
                self.done = true;
                Some(Err(self.error(e.to_string())))
            }
        }
    }
}

/// The coding an audit file records — each response's themes — and the evidence texts of
/// each coding, read line by line.
pub fn read_coding(path: &Path) -> Result<(Coding, EvidenceTexts), AuditError> {
    let mut coding = Coding::new();
    let mut evidence = EvidenceTexts::new();
    for line in AuditReader::open(path)? {
        let line = line?;
        let id = line.response_id.into_owned();
        let themes = coding.entry(id.clone()).or_default();
        for t in line.themes {
            let theme = t.theme.into_owned();
            let texts = t
                .evidence
                .into_iter()
                .map(|e| e.text.into_owned())
                .collect();
            evidence.insert((id.clone(), theme.clone()), texts);
            themes.insert(theme);
        }
    }
    Ok((coding, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    const LINE: &str = r#"{"response_id":"R1:Q1","respondent_id":"R1","question":"Q1","respondent_type":"Parent","text_bytes":17,"source":{"file":"r.csv","line":2},"themes":[{"theme":"funding","rule":"money","evidence":[{"start":5,"end":10,"text":"money","rule":"money","pattern":"money"}]}]}"#;

    fn read(text: &str) -> Vec<Result<AuditLine<'static>, AuditError>> {
        AuditReader::new(text.as_bytes(), "audit.jsonl").collect()
    }

    #[test]
    fn reads_typed_lines() {
        let lines = read(&format!("{LINE}\n{LINE}\r\n"));
        assert_eq!(lines.len(), 2);
        for l in lines {
            let l = l.expect("an audit line");
            assert_eq!(l.response_id, "R1:Q1");
            assert_eq!(l.themes[0].theme, "funding");
            assert_eq!(l.themes[0].evidence[0].text, "money");
        }
    }

    /// The old reader took a theme without a `theme` string as the theme "" and a line
    /// without `themes` as a response with none.
    #[test]
    fn a_malformed_line_is_an_error_with_its_line_number() {
        let no_theme_id = LINE.replace(r#""theme":"funding","#, "");
        let no_themes = LINE.replace(r#""themes":"#, r#""themas":"#);
        for (bad, what) in [
            (no_theme_id.as_str(), "missing field `theme`"),
            (no_themes.as_str(), "unknown field `themas`"),
            ("not json", "expected"),
            ("", "EOF"),
        ] {
            let lines = read(&format!("{LINE}\n{LINE}\n{bad}\n{LINE}\n"));
            assert_eq!(lines.len(), 4, "{bad}");
            let err = lines[2].as_ref().expect_err(bad).to_string();
            assert!(err.starts_with("audit.jsonl:3: "), "{err}");
            assert!(err.contains(what), "{err}");
            assert!(lines[3].is_ok(), "reading goes on after a malformed line");
        }
    }

    #[test]
    fn text_that_is_not_utf8_ends_the_reading_with_its_line_number() {
        let mut bytes = format!("{LINE}\n").into_bytes();
        bytes.extend_from_slice(b"{\"response_id\":\"\xff\"}\n");
        bytes.extend_from_slice(format!("{LINE}\n").as_bytes());
        let lines: Vec<_> = AuditReader::new(&bytes[..], "a.jsonl").collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[1]
            .as_ref()
            .expect_err("not UTF-8")
            .to_string()
            .starts_with("a.jsonl:2: "));
    }

    /// An endless supply of the same audit line, `left` more times: a file that exists
    /// nowhere in full.
    struct Lines {
        left: u64,
        at: usize,
    }

    impl Read for Lines {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let line = format!("{LINE}\n");
            if self.left == 0 {
                return Ok(0);
            }
            let n = (line.len() - self.at).min(out.len());
            out[..n].copy_from_slice(&line.as_bytes()[self.at..self.at + n]);
            self.at += n;
            if self.at == line.len() {
                self.at = 0;
                self.left -= 1;
            }
            Ok(n)
        }
    }

    /// Many lines stream through one line's buffer: nothing is collected.
    #[test]
    fn a_long_file_is_read_one_line_at_a_time() {
        let n = 50_000;
        let input = BufReader::with_capacity(4096, Lines { left: n, at: 0 });
        let mut reader = AuditReader::new(input, "big.jsonl");
        let mut count = 0u64;
        for line in reader.by_ref() {
            assert_eq!(line.expect("an audit line").text_bytes, 17);
            count += 1;
        }
        assert_eq!(count, n);
        assert!(
            reader.buf.capacity() < 4 * LINE.len(),
            "{}",
            reader.buf.capacity()
        );
    }

    #[test]
    fn the_coding_and_its_evidence_are_read_from_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("audit.jsonl");
        let second = LINE.replace("R1:Q1", "R2:Q1").replace(
            r#""themes":[{"theme":"funding","rule":"money","evidence":[{"start":5,"end":10,"text":"money","rule":"money","pattern":"money"}]}]"#,
            r#""themes":[]"#,
        );
        std::fs::write(&path, format!("{LINE}\n{second}\n")).expect("write");
        let (coding, evidence) = read_coding(&path).expect("reads");
        assert_eq!(coding.len(), 2);
        assert!(coding["R1:Q1"].contains("funding"));
        assert!(coding["R2:Q1"].is_empty());
        assert_eq!(evidence[&("R1:Q1".into(), "funding".into())], ["money"]);
        std::fs::write(&path, format!("{LINE}\n{{}}\n")).expect("write");
        let err = read_coding(&path).expect_err("malformed").to_string();
        assert!(err.contains("audit.jsonl:2: missing field"), "{err}");
    }
}

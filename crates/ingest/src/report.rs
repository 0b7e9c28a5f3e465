//! The account of every input file: what was read, what was skipped and why.

/// Problems listed per file at most; the count in [`FileReport::skipped`] stays exact.
pub const MAX_LISTED_PROBLEMS: usize = 200;

/// What a file is to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Responses were read from it.
    Responses,
    /// A letter or email, read as one response.
    Document,
    /// consultation.toml or the codebook.
    Config,
    /// A human-coded sample (not read as responses).
    Gold,
    /// Deliberately not read (documentation, hidden files, ignore globs).
    Ignored,
    /// Could not be read at all.
    Unreadable,
}

impl Role {
    /// Lower-case name used in run.json.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Responses => "responses",
            Role::Document => "document",
            Role::Config => "config",
            Role::Gold => "gold",
            Role::Ignored => "ignored",
            Role::Unreadable => "unreadable",
        }
    }
}

/// Something that could not be read, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line, when the problem is in one row.
    pub line: Option<u64>,
    /// What was wrong and what was done ("row has 5 fields, the header has 12: row skipped").
    pub reason: String,
}

/// The account of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// Path relative to the analysed directory, with `/` separators.
    pub path: String,
    /// SHA-256 of the bytes read, hex; empty when the file could not be opened.
    pub sha256: String,
    /// The file's role.
    pub role: Role,
    /// Format read: `csv-wide`, `csv-long`, `xlsx-wide`, `xlsx-long`, `ods-wide`, … (a
    /// table and its layout), `jsonl`, `text`, `html`, `docx`, `odt`, `pdf`, `email`; the
    /// bare kind (`csv`, `xlsx` …) when the table could not be read.
    pub format: String,
    /// Text encoding: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `windows-1252` for
    /// text files; `binary` for workbooks, DOCX, ODT and PDF; the body's declared charset
    /// for emails.
    pub encoding: String,
    /// Data rows (or lines, or 1 for a document) seen.
    pub rows: u64,
    /// Non-blank free-text answers read.
    pub responses: u64,
    /// Closed answers read.
    pub closed_answers: u64,
    /// Blank free-text answers (not responses; not problems).
    pub blank_answers: u64,
    /// Closed questions (and grid items) left blank, or answered with a `blank_values`
    /// entry: counted, not problems.
    pub blank_closed: u64,
    /// Rows whose only answers are in columns consultation.toml does not declare: each is
    /// also a warning naming its line and respondent, so no respondent goes unlisted.
    pub only_undeclared: u64,
    /// For a wide table: the free-text cells it holds, to check
    /// `rows × open questions = responses + blank answers + skipped answers`.
    pub wide: Option<WideCount>,
    /// Rows, answers or files skipped: every one has a problem.
    pub skipped: u64,
    /// Problems that lost nothing (e.g. a repeated respondent id, read under a new id; a
    /// row excluded by a rule).
    pub warnings: u64,
    /// Rows not read because a consultation.toml `exclude_rows` rule matched them (totals,
    /// percentages, notes): not responses, not lost — each is also a warning giving its
    /// line and the rule's reason. For a table, `rows` = rows read + `excluded` + rows
    /// skipped.
    pub excluded: u64,
    /// Why a file was ignored (for [`Role::Ignored`] and [`Role::Config`]), or what else
    /// to know that is not a problem: the delimiter of a CSV that is not comma-separated,
    /// the sheet read from a workbook, the attachments of an email read as responses, the
    /// email an attachment came from.
    pub note: Option<String>,
    /// The problems, at most 200 (the count in `skipped` and `warnings` stays exact).
    pub problems: Vec<Problem>,
}

impl FileReport {
    pub(crate) fn new(path: String, role: Role, format: &str) -> Self {
        FileReport {
            path,
            sha256: String::new(),
            role,
            format: format.to_string(),
            encoding: "utf-8".to_string(),
            rows: 0,
            responses: 0,
            closed_answers: 0,
            blank_answers: 0,
            blank_closed: 0,
            only_undeclared: 0,
            wide: None,
            skipped: 0,
            warnings: 0,
            excluded: 0,
            note: None,
            problems: Vec::new(),
        }
    }

    /// Records a problem that loses nothing (the row was still read).
    pub(crate) fn warn(&mut self, line: Option<u64>, reason: impl Into<String>) {
        self.warnings += 1;
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(Problem {
                line,
                reason: reason.into(),
            });
        }
    }

    /// Records a row excluded by a consultation.toml rule: counted, with a warning.
    pub(crate) fn exclude(&mut self, line: Option<u64>, reason: impl Into<String>) {
        // an exclusion the consultation asked for is listed with its reason but is not a
        // problem: it does not make the run "completed with problems"
        self.excluded += 1;
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(Problem {
                line,
                reason: reason.into(),
            });
        }
    }

    /// Records a skip with its reason.
    pub(crate) fn skip(&mut self, line: Option<u64>, reason: impl Into<String>) {
        self.skipped += 1;
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(Problem {
                line,
                reason: reason.into(),
            });
        }
    }
}

/// The free-text cells of a wide table (one row per respondent, one column per open
/// question): every row's open cells are a response, a blank answer, or skipped with their
/// row (excluded by a rule, or unreadable).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WideCount {
    /// Open questions whose text column is in the header.
    pub open_questions: u64,
    /// Free-text cells in the table's data rows: rows × open questions.
    pub cells: u64,
    /// Free-text cells not read because their row was excluded or skipped.
    pub skipped: u64,
}

impl FileReport {
    /// Whether a wide file's cells add up: `cells = responses + blank answers + skipped`
    /// (`None` for other files).
    pub fn wide_identity_holds(&self) -> Option<bool> {
        self.wide
            .map(|w| w.cells == self.responses + self.blank_answers + w.skipped)
    }
}

/// The account of a whole ingest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Every file met, in the order read.
    pub files: Vec<FileReport>,
}

impl IngestReport {
    /// Total problems (skips and warnings): a run with any has something to review.
    pub fn problems(&self) -> u64 {
        self.files.iter().map(|f| f.skipped + f.warnings).sum()
    }

    /// Total skipped rows, answers and files.
    pub fn skipped(&self) -> u64 {
        self.files.iter().map(|f| f.skipped).sum()
    }
}

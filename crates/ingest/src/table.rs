//! Tables of responses, whatever file they come from (CSV, XLSX, ODS): the layout worked
//! out from the header row, and the reading of each row into records.
//!
//! Wide exports (one row per respondent, one column per question part; needs
//! consultation.toml) and long exports (one row per answer: columns named in the
//! consultation's `[long]`, or `id`, `question`, `text`, and optionally `respondent_type`,
//! `respondent_id`, which need nothing). A row source hands each row to [`Table::row`] with
//! its line (the CSV line or the spreadsheet row number); the per-row rules are the same
//! for every source:
//!
//! - a row with the wrong number of fields, or with invalid UTF-8 in a cell that is read,
//!   is skipped with its line;
//! - a row matched by an `exclude_rows` rule of the consultation is counted as excluded,
//!   with a warning giving its line and the rule's reason, and not read;
//! - a closed answer outside the allowed answers is skipped with its line (answers match
//!   case-insensitively and are canonicalised to the consultation's spelling);
//! - a repeated respondent id is read as `ID#LINE`, with a warning; in a long export, the
//!   answer's id is `ID:QUESTION` when the id column names the respondent, else the id
//!   itself, unique in the file ([`crate::longid`]);
//! - without an id column, respondents are `FILE#LINE`;
//! - blank answers (empty, or one of the consultation's `blank_values`) are counted, not
//!   read;
//! - in a long export, a question cell naming a declared question (by id or text) is read
//!   as that question's id.

use regex::Regex;

use crate::closed::{read_closed, ClosedColumns, ClosedRow};
use crate::columns::Header;
use crate::consultation::Consultation;
use crate::ids::Ids;
use crate::longid::{read_answer, AnswerIds};
use crate::record::{Label, Record, Response, SourceName};
use crate::report::{FileReport, Role, WideCount};
use crate::shapes::ClosedShape;

/// One row's cells, as a source holds them.
pub(crate) trait Cells {
    /// Number of fields.
    fn count(&self) -> usize;
    /// The text of field `i` (empty past the end), or `Err` when it is not valid UTF-8.
    fn cell(&self, i: usize) -> Result<&str, std::str::Utf8Error>;
    /// Whether the row is a blank line rather than a row of data.
    fn is_blank_line(&self) -> bool;
}

impl Cells for csv::ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(self.get(i).unwrap_or_default())
    }
    fn is_blank_line(&self) -> bool {
        self.len() == 1
            && self
                .get(0)
                .is_some_and(|c| c.iter().all(u8::is_ascii_whitespace))
    }
}

/// A row already checked to be UTF-8 as a whole.
impl Cells for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Result<&str, std::str::Utf8Error> {
        Ok(self.get(i).unwrap_or_default())
    }
    fn is_blank_line(&self) -> bool {
        self.len() == 1
            && self
                .get(0)
                .is_some_and(|c| c.bytes().all(|b| b.is_ascii_whitespace()))
    }
}

impl Cells for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Result<&str, std::str::Utf8Error> {
        Ok(self.get(i).map_or("", String::as_str))
    }
    fn is_blank_line(&self) -> bool {
        self.iter().all(|c| c.trim().is_empty())
    }
}

struct QuestionColumns<'c> {
    id: &'c str,
    closed: ClosedColumns<'c>,
    text: Option<usize>,
    answers: Vec<&'c str>,
}

enum Layout<'c> {
    Wide {
        id: Option<usize>,
        kind: Option<usize>,
        questions: Vec<QuestionColumns<'c>>,
    },
    Long {
        id: usize,
        question: usize,
        text: usize,
        kind: Option<usize>,
        respondent: Option<usize>,
        /// Whether the id column names the respondent (no other column is declared to):
        /// answers are then `ID:QUESTION` ([`crate::longid`]).
        names_respondent: bool,
    },
}

impl Layout<'_> {
    /// Every column a row is read from.
    fn used(&self) -> Vec<usize> {
        match self {
            Layout::Wide {
                id,
                kind,
                questions,
            } => id
                .iter()
                .chain(kind)
                .copied()
                .chain(
                    questions
                        .iter()
                        .flat_map(|q| q.closed.used().into_iter().chain(q.text)),
                )
                .collect(),
            Layout::Long {
                id,
                question,
                text,
                kind,
                respondent,
                ..
            } => [Some(*id), Some(*question), Some(*text), *kind, *respondent]
                .into_iter()
                .flatten()
                .collect(),
        }
    }
}

/// A layout worked out from a header, with the header problems it found (each a skip on
/// line 1 of the header).
struct Planned<'c> {
    layout: Layout<'c>,
    wide: bool,
    problems: Vec<String>,
}

/// An `exclude_rows` rule resolved against a header: its reason and, per column, the
/// column's index and pattern.
struct Exclusion<'c> {
    reason: &'c str,
    when: Vec<(usize, &'c Regex)>,
}

/// The reader of one table: its header, layout and the ids seen so far.
pub(crate) struct Table<'c> {
    header: Vec<String>,
    layout: Layout<'c>,
    used: Vec<usize>,
    /// Respondent ids seen so far, and the line each was last used on, by its number
    /// (`None`: ids are not checked).
    seen_ids: Option<(Ids, Vec<u64>)>,
    /// A long export's answer ids seen so far (`None`: not checked).
    answer_ids: Option<AnswerIds>,
    source: SourceName,
    consultation: Option<&'c Consultation>,
    exclusions: Vec<Exclusion<'c>>,
}

/// Whether a header can be read as a table (wide through the consultation, or long).
pub(crate) fn readable(header: &[String], consultation: Option<&Consultation>) -> bool {
    plan(header, consultation).is_ok()
}

impl<'c> Table<'c> {
    /// Works out the layout of a table from its header row (found on `header_line`).
    /// `kind` names the source in the file's format (`csv` → `csv-wide` / `csv-long`).
    /// Header problems are recorded in `f`; `None` when the table cannot be read at all
    /// (the file is then marked unreadable, with the reason).
    pub(crate) fn new(
        header: Vec<String>,
        header_line: u64,
        kind: &str,
        consultation: Option<&'c Consultation>,
        f: &mut FileReport,
    ) -> Option<Self> {
        match plan(&header, consultation) {
            Ok(p) => {
                f.format = format!("{kind}-{}", if p.wide { "wide" } else { "long" });
                for m in p.problems {
                    f.skip(Some(header_line), m);
                }
                let cells = Header::new(&header);
                let mut exclusions = Vec::new();
                for rule in consultation.map_or(&[][..], |c| &c.exclude_rows[..]) {
                    let mut when = Vec::new();
                    for (name, re) in &rule.when {
                        match cells.find(name) {
                            Some(i) => when.push((i, re)),
                            None => {
                                f.warn(
                                    Some(header_line),
                                    format!(
                                        "exclude_rows column {name:?} is not in the header{}: rule \"{}\" not applied to this file",
                                        cells.did_you_mean(name),
                                        rule.reason
                                    ),
                                );
                                break;
                            }
                        }
                    }
                    if when.len() == rule.when.len() {
                        exclusions.push(Exclusion {
                            reason: &rule.reason,
                            when,
                        });
                    }
                }
                if let Layout::Wide { questions, .. } = &p.layout {
                    let open = questions.iter().filter(|q| q.text.is_some()).count();
                    f.wide.get_or_insert_with(WideCount::default).open_questions = open as u64;
                }
                let mut used = p.layout.used();
                for e in &exclusions {
                    for &(i, _) in &e.when {
                        if !used.contains(&i) {
                            used.push(i);
                        }
                    }
                }
                Some(Table {
                    used,
                    layout: p.layout,
                    header,
                    seen_ids: Some((Ids::default(), Vec::new())),
                    answer_ids: Some(AnswerIds::default()),
                    source: f.path.as_str().into(),
                    consultation,
                    exclusions,
                })
            }
            Err(reason) => {
                f.role = Role::Unreadable;
                f.skip(Some(header_line), reason);
                None
            }
        }
    }

    /// Stops checking that respondent ids are unique: a pass whose records' ids are not
    /// used (the first of two reads) need not hold every id it has seen. A respondent id
    /// used twice then keeps its spelling, and no warning is made.
    pub(crate) fn without_id_checks(&mut self) {
        self.seen_ids = None;
        self.answer_ids = None;
    }

    /// Counts a data row that starts on `line` and is skipped before its cells are read
    /// (its free-text cells with it), for `reason`.
    pub(crate) fn skip_row(&mut self, line: u64, reason: &str, f: &mut FileReport) {
        f.rows += 1;
        if let Some(w) = f.wide.as_mut() {
            w.cells += w.open_questions;
            w.skipped += w.open_questions;
        }
        f.skip(Some(line), reason);
    }

    /// Reads one data row that starts on `line`: counts it, and sends its records to `sink`.
    pub(crate) fn row<C: Cells + ?Sized>(
        &mut self,
        line: u64,
        rec: &C,
        f: &mut FileReport,
        sink: &mut dyn FnMut(Record),
    ) {
        if rec.count() != self.header.len() && rec.is_blank_line() {
            return; // a blank line between rows is not a row
        }
        f.rows += 1;
        // a wide table's row holds one free-text cell per open question: each is read, or
        // blank, or skipped with its row
        let open = f.wide.map_or(0, |w| w.open_questions);
        if let Some(w) = f.wide.as_mut() {
            w.cells += open;
            w.skipped += open; // until the row is read
        }
        if rec.count() != self.header.len() {
            f.skip(
                Some(line),
                format!(
                    "row has {} fields, the header has {}: row skipped",
                    rec.count(),
                    self.header.len()
                ),
            );
            return;
        }
        // check every cell that is used decodes before reading any of them
        if let Some(&bad) = self.used.iter().find(|&&i| rec.cell(i).is_err()) {
            f.skip(
                Some(line),
                format!(
                    "column {:?} is not valid UTF-8: row skipped",
                    self.header[bad]
                ),
            );
            return;
        }
        let get = |i: usize| rec.cell(i).unwrap_or_default();
        if let Some(e) = self
            .exclusions
            .iter()
            .find(|e| e.when.iter().all(|(i, re)| re.is_match(get(*i).trim())))
        {
            f.exclude(
                Some(line),
                format!("row excluded by consultation.toml: {}", e.reason),
            );
            return;
        }
        if let Some(w) = f.wide.as_mut() {
            w.skipped -= open;
        }
        if matches!(self.layout, Layout::Wide { .. }) {
            self.wide_row(line, rec, f, sink);
        } else {
            self.long_row(line, rec, f, sink);
        }
    }

    /// Whether a text is blank: empty, or one of the consultation's `blank_values`.
    fn is_blank(&self, text: &str) -> bool {
        text.trim().is_empty() || self.consultation.is_some_and(|c| c.is_blank_value(text))
    }

    /// The respondent id of a wide row (`FILE#LINE` without an id column), renamed with a
    /// warning when an earlier row already used it.
    fn respondent(&mut self, given: Option<&str>, line: u64, f: &mut FileReport) -> Label {
        let mut respondent: Label =
            given.map_or_else(|| format!("{}#{line}", f.path).into(), Label::from);
        if let Some((ids, lines)) = self.seen_ids.as_mut() {
            let (n, new) = ids.number(&respondent);
            if new {
                lines.push(line);
            } else {
                // an id used again names the line of its last use, which this row
                // becomes; the row is read under a new id, itself recorded (so an id
                // written that way on a later row counts as used), made longer
                // while it is one an earlier row already has
                let last = std::mem::replace(&mut lines[n], line);
                let mut renamed = compact_str::format_compact!("{respondent}#{line}");
                while !ids.number(&renamed).1 {
                    renamed = compact_str::format_compact!("{renamed}#{line}");
                }
                lines.push(line);
                f.warn(Some(line), format!("respondent id {respondent:?} already used on line {last}: read as {renamed}"));
                respondent = renamed;
            }
        }
        respondent
    }

    /// Reads a row of a wide export: each question's closed part and free text.
    fn wide_row<C: Cells + ?Sized>(
        &mut self,
        line: u64,
        rec: &C,
        f: &mut FileReport,
        sink: &mut dyn FnMut(Record),
    ) {
        let Layout::Wide { id, kind, .. } = &self.layout else {
            return;
        };
        let (id, kind) = (*id, *kind);
        let get = |i: usize| rec.cell(i).unwrap_or_default();
        let get_opt = |i: Option<usize>| i.map(|i| get(i).trim()).filter(|s| !s.is_empty());
        let respondent = self.respondent(get_opt(id), line, f);
        let respondent_type = Label::from(get_opt(kind).unwrap_or("Not stated"));
        let Layout::Wide { questions, .. } = &self.layout else {
            return;
        };
        let consultation = self.consultation;
        let is_blank_value = |t: &str| consultation.is_some_and(|c| c.is_blank_value(t));
        let row = ClosedRow {
            get: &get,
            is_blank_value: &is_blank_value,
            respondent: &respondent,
            respondent_type: &respondent_type,
            line,
        };
        let mut answered = false;
        for q in questions {
            answered |= read_closed(q.id, &q.closed, &q.answers, &row, f, sink);
            if let Some(ti) = q.text {
                let text = get(ti);
                if self.is_blank(text) {
                    f.blank_answers += 1;
                } else {
                    answered = true;
                    f.responses += 1;
                    sink(Record::Response(Response {
                        id: {
                            let mut id = respondent.clone();
                            id.push(':');
                            id.push_str(q.id);
                            id
                        },
                        respondent: respondent.clone(),
                        question: q.id.into(),
                        respondent_type: respondent_type.clone(),
                        text: text.to_string(),
                        source: self.source,
                        line,
                    }));
                }
            }
        }
        if !answered {
            self.undeclared_only(line, rec, &respondent, f);
        }
    }

    /// A row with no declared answer: when a column consultation.toml does not declare
    /// holds something, the respondent is listed with a warning rather than dropped unseen.
    fn undeclared_only<C: Cells + ?Sized>(
        &self,
        line: u64,
        rec: &C,
        respondent: &str,
        f: &mut FileReport,
    ) {
        let filled = (0..self.header.len())
            .filter(|i| !self.used.contains(i))
            .find(|&i| rec.cell(i).map_or(true, |c| !self.is_blank(c)));
        if let Some(i) = filled {
            f.only_undeclared += 1;
            f.warn(
                Some(line),
                format!(
                    "respondent {respondent} answered only columns consultation.toml does not declare (first: {:?}): no answer read from this row",
                    self.header[i]
                ),
            );
        }
    }

    /// Reads a row of a long export: one answer.
    fn long_row<C: Cells + ?Sized>(
        &mut self,
        line: u64,
        rec: &C,
        f: &mut FileReport,
        sink: &mut dyn FnMut(Record),
    ) {
        let Layout::Long {
            id,
            question,
            text,
            kind,
            respondent,
            names_respondent,
        } = self.layout
        else {
            return;
        };
        let get = |i: usize| rec.cell(i).unwrap_or_default();
        let get_opt = |i: Option<usize>| i.map(|i| get(i).trim()).filter(|s| !s.is_empty());
        let Some(q) = get_opt(Some(question)) else {
            f.skip(Some(line), "no question id: row skipped");
            return;
        };
        let q = self
            .consultation
            .and_then(|c| c.long_question(q))
            .map_or(q, |d| d.id.as_str());
        let (rid, given): (Label, Label) = match get_opt(Some(id)) {
            None => {
                let own: Label = format!("{}#{line}", f.path).into();
                (own.clone(), own)
            }
            Some(given) => {
                let read = read_answer(
                    self.answer_ids.as_mut(),
                    given,
                    q,
                    names_respondent,
                    line,
                    f,
                );
                (read.id, read.given)
            }
        };
        let body = get(text);
        if self.is_blank(body) {
            f.blank_answers += 1;
            return;
        }
        f.responses += 1;
        let who = respondent
            .filter(|&r| r != id)
            .and_then(|r| get_opt(Some(r)));
        sink(Record::Response(Response {
            respondent: who.map_or(given, Label::from),
            id: rid,
            question: q.into(),
            respondent_type: get_opt(kind).unwrap_or("Not stated").into(),
            text: body.to_string(),
            source: self.source,
            line,
        }));
    }
}

/// The layout of a header, or why it cannot be read.
fn plan<'c>(
    header: &[String],
    consultation: Option<&'c Consultation>,
) -> Result<Planned<'c>, String> {
    let cells = Header::new(header);
    let find = |name: &str| cells.find(name);
    let find_ci = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    if let Some(c) = consultation {
        if let Some(l) = &c.long {
            if let (Some(id), Some(question), Some(text)) = (
                find(&l.id_column),
                find(&l.question_column),
                find(&l.text_column),
            ) {
                let mut problems = Vec::new();
                let mut column = |name: &Option<String>, what: &str, fallback: &str| {
                    let n = name.as_ref()?;
                    let i = find(n);
                    if i.is_none() {
                        problems.push(format!(
                            "{what} column {n:?} is not in the header{}: {fallback}",
                            cells.did_you_mean(n)
                        ));
                    }
                    i
                };
                let respondent = column(
                    &c.id_column,
                    "respondent id",
                    "each answer is its own respondent",
                );
                let kind = column(
                    &c.type_column,
                    "respondent type",
                    "types read as \"Not stated\"",
                );
                return Ok(Planned {
                    layout: Layout::Long {
                        id,
                        question,
                        text,
                        kind,
                        respondent,
                        // a respondent column declared, even if missing, makes the id
                        // column the answer's own
                        names_respondent: c.id_column.is_none() || respondent == Some(id),
                    },
                    wide: false,
                    problems,
                });
            }
        }
        if let Some(p) = plan_wide(c, &cells) {
            return Ok(p);
        }
    }
    if let (Some(id), Some(question), Some(text)) =
        (find_ci("id"), find_ci("question"), find_ci("text"))
    {
        return Ok(Planned {
            layout: Layout::Long {
                id,
                question,
                text,
                kind: find_ci("respondent_type"),
                respondent: find_ci("respondent_id"),
                names_respondent: find_ci("respondent_id").is_none(),
            },
            wide: false,
            problems: Vec::new(),
        });
    }
    Err(match consultation {
        Some(Consultation { long: Some(l), .. }) => format!(
            "neither the [long] columns of consultation.toml ({:?}, {:?}, {:?}) nor any question column it names is in the header: file not read",
            l.id_column, l.question_column, l.text_column
        ),
        Some(_) => "no column named in consultation.toml is in the header, and it is not a long export (id, question, text): file not read".to_string(),
        None => "not a long export (columns id, question, text) and no consultation.toml describes its columns: file not read".to_string(),
    })
}

/// The wide layout of a header through the consultation's question columns (`None` when
/// none of them is in it). Names are found loosely (see `columns.rs`); each one missing is a
/// problem naming the nearest header cell.
fn plan_wide<'c>(c: &'c Consultation, cells: &Header<'_>) -> Option<Planned<'c>> {
    let find = |name: &str| cells.find(name);
    let mut questions = Vec::new();
    let mut found_any = false;
    let mut problems = Vec::new();
    for q in &c.questions {
        let mut missing = |name: &str, what: &str| {
            problems.push(format!(
                "column {name:?} ({} {what}) is not in the header{}: not read from this file",
                q.id,
                cells.did_you_mean(name)
            ));
        };
        let mut column = |name: &str, what: &str| {
            let i = find(name);
            if i.is_none() {
                missing(name, what);
            }
            i
        };
        let closed = match (&q.shape, &q.answer_column) {
            (ClosedShape::Grid(items), _) => ClosedColumns::Grid(
                items
                    .iter()
                    .map(|it| (it.label.as_str(), column(&it.column, &it.label)))
                    .collect(),
            ),
            (ClosedShape::OptionColumns(cols), _) => ClosedColumns::Options(
                cols.iter()
                    .zip(&q.answers)
                    .map(|(c, a)| column(c, &a.value))
                    .collect(),
            ),
            (ClosedShape::Separated { separator }, Some(name)) => column(name, "answer")
                .map_or(ClosedColumns::None, |i| {
                    ClosedColumns::Separated(i, separator.as_str())
                }),
            (_, Some(name)) => {
                column(name, "answer").map_or(ClosedColumns::None, ClosedColumns::Single)
            }
            (_, None) => ClosedColumns::None,
        };
        let text = q.text_column.as_deref().and_then(|n| column(n, "text"));
        found_any |= closed.found() || text.is_some();
        questions.push(QuestionColumns {
            id: &q.id,
            closed,
            text,
            answers: q.answers.iter().map(|a| a.value.as_str()).collect(),
        });
    }
    if !found_any {
        return None;
    }
    let mut column = |name: &Option<String>, what: &str| {
        let n = name.as_ref()?;
        let i = find(n);
        if i.is_none() {
            problems.push(format!(
                "{what} column {n:?} is not in the header{}: {}",
                cells.did_you_mean(n),
                if what == "respondent id" {
                    "rows get FILE#LINE ids"
                } else {
                    "types read as \"Not stated\""
                }
            ));
        }
        i
    };
    let id = column(&c.id_column, "respondent id");
    let kind = column(&c.type_column, "respondent type");
    Some(Planned {
        layout: Layout::Wide {
            id,
            kind,
            questions,
        },
        wide: true,
        problems,
    })
}

//! Writes tally's coding as a REFI-QDA project archive (`.qdpx`, QDA-XML 1.0), the format
//! NVivo, ATLAS.ti, MAXQDA and QualCoder import, so analysts can review and extend the
//! coding by hand.
//!
//! The input is plain data — codes (one per codebook theme), text sources (one per
//! response or letter) with their variables and coded selections — so this crate depends
//! on nothing else of tally's but tally-escape (names a spreadsheet would run as formulas
//! are neutralised). The archive holds:
//!
//! - `project.qde`: the QDA-XML document ([`project_xml`]): one user (`tally`), the
//!   codebook, each variable declared once, and each source as a `TextSource` with its
//!   `PlainTextSelection`s (each carrying one `Coding` of one code) and `VariableValue`s;
//! - `sources/<guid>.txt`: each source's text, UTF-8 without a byte-order mark, referred
//!   to as `plainTextPath="internal://<guid>.txt"`.
//!
//! Invariants:
//! - **Positions count characters.** [`Selection`]s carry byte offsets into the UTF-8
//!   text (as tally's evidence spans do); QDA-XML's `startPosition`/`endPosition` count
//!   characters (Unicode scalar values) of the plain text, end exclusive, so the
//!   offsets are converted. Taking characters `[startPosition, endPosition)` of the stored
//!   text gives exactly `text[start..end]`.
//! - **Deterministic.** GUIDs are UUID v5 derived from ids (see `guid.rs`), nothing
//!   depends on the clock, zip entries carry the fixed time 1980-01-01 00:00 and come in
//!   input order: the same project gives a byte-identical archive.
//! - **Checked before writing.** [`write_qdpx`] refuses a project with duplicate code or
//!   source ids, a selection of an unknown code, or a selection that is empty, reversed,
//!   past the end of its text or off a character boundary ([`Project::check`]) rather than
//!   export a coding that would land on the wrong text.
//!
//! ```
//! use tally_qdpx::{project_xml, write_qdpx, Code, Project, Selection, Source};
//!
//! let text = "Café prices £5 are too high";
//! let start = text.find("prices").unwrap();
//! let project = Project {
//!     name: "Consultation".into(),
//!     codes: vec![Code { id: "cost".into(), name: "Cost".into(), description: "Money".into() }],
//!     sources: vec![Source {
//!         id: "R0001:Q4".into(),
//!         text: text.into(),
//!         variables: vec![("respondent_type".into(), "Parent or carer".into())],
//!         selections: vec![Selection { code_id: "cost".into(), start, end: start + "prices".len() }],
//!     }],
//! };
//! // "é" is two bytes but one character: the selection starts at byte 6, character 5.
//! assert_eq!(start, 6);
//! let xml = project_xml(&project);
//! assert!(xml.contains(r#"startPosition="5" endPosition="11""#));
//!
//! let dir = tempfile::tempdir().unwrap();
//! write_qdpx(&project, &dir.path().join("coding.qdpx")).unwrap();
//! ```
#![deny(missing_docs)]

mod archive;
mod check;
mod error;
mod guid;
mod qde;

use std::path::Path;

pub use error::{Problem, QdpxError};

/// A code of the codebook: one per theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The theme's id, unique in the project; [`Selection::code_id`] refers to it.
    pub id: String,
    /// The name shown in the QDA tool.
    pub name: String,
    /// The code's description; written only when not empty.
    pub description: String,
}

/// A coded stretch of a source's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The [`Code::id`] applied.
    pub code_id: String,
    /// Byte offset of the first byte, on a character boundary of [`Source::text`].
    pub start: usize,
    /// Byte offset just past the last byte, on a character boundary, greater than `start`.
    pub end: usize,
}

/// One text source: a response to one question, or a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The response's id, unique in the project, e.g. `R0123:Q4` or `letters/x.md`;
    /// also the source's name in the QDA tool.
    pub id: String,
    /// The text exactly as coded: selections' offsets index it.
    pub text: String,
    /// Variable values by name, e.g. `("respondent_type", "Parent or carer")`,
    /// `("question", "Q4")`. Each name is declared once in the project as a text variable.
    pub variables: Vec<(String, String)>,
    /// The coded selections. A selection repeated exactly (same code and offsets) is
    /// written once.
    pub selections: Vec<Selection>,
}

/// A whole project: codebook and sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The project's name, shown by the QDA tool.
    pub name: String,
    /// The codebook, in the order it is shown.
    pub codes: Vec<Code>,
    /// The sources, in the order they are listed.
    pub sources: Vec<Source>,
}

impl Project {
    /// Checks what [`write_qdpx`] needs of the project: code ids and source ids unique,
    /// every selection of a known code and a non-empty range of character boundaries
    /// within its source's text. Returns the first problem found.
    pub fn check(&self) -> Result<(), Problem> {
        check::check(self)
    }
}

/// Writes `project` as a REFI-QDA archive at `path` (conventionally `*.qdpx`).
///
/// The project is checked first ([`Project::check`]). The archive is written beside
/// `path` under a `.partial` name and renamed when complete, so `path` is either the
/// whole archive or untouched.
pub fn write_qdpx(project: &Project, path: &Path) -> Result<(), QdpxError> {
    project.check().map_err(|problem| QdpxError::Invalid {
        path: path.to_path_buf(),
        problem,
    })?;
    archive::write(project, path)
}

/// Writes `project` as a REFI-QDA archive to `out` (a file the caller places, e.g. a
/// staged output); `path` names the archive in errors. The project is checked first
/// ([`Project::check`]); on error, what was written to `out` is incomplete.
pub fn write_qdpx_to<W: std::io::Write + std::io::Seek>(
    project: &Project,
    out: W,
    path: &Path,
) -> Result<(), QdpxError> {
    project.check().map_err(|problem| QdpxError::Invalid {
        path: path.to_path_buf(),
        problem,
    })?;
    archive::write_to(project, out, path).map(drop)
}

/// The `project.qde` document of `project`, as written into the archive.
///
/// The project is not checked (see [`Project::check`]): an offset off a character
/// boundary or past the end of its text counts the characters before it.
pub fn project_xml(project: &Project) -> String {
    let mut out = Vec::new();
    qde::write(project, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the document is written from &str only")
}

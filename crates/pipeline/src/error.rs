//! Why a run failed (exit code 2).

use tally_code::CodebookError;
use tally_ingest::ConsultationError;

/// A run that could not complete.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The learned coder (`--coder`) cannot be used.
    #[error("coder {0}")]
    Coder(String),
    /// The input directory is missing or not a directory.
    #[error("input {0}: not a readable directory")]
    Input(String),
    /// The output directory is inside the input, so a later run would read it.
    #[error(
        "output directory {out} is inside the input directory {input}: choose an --out outside it"
    )]
    OutInsideInput {
        /// Output.
        out: String,
        /// Input.
        input: String,
    },
    /// consultation.toml is unusable.
    #[error(transparent)]
    Consultation(#[from] ConsultationError),
    /// No codebook given or found.
    #[error("no codebook: pass --codebook FILE or put one codebook.toml under {0}")]
    NoCodebook(String),
    /// Several codebooks found.
    #[error("more than one codebook.toml under {dir}: {found} (pass --codebook to choose)")]
    AmbiguousCodebook {
        /// Directory searched.
        dir: String,
        /// Files found.
        found: String,
    },
    /// The codebook could not be read.
    #[error("cannot read codebook {path}: {source}")]
    ReadCodebook {
        /// Path.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The codebook has errors (every one is listed).
    #[error("the codebook has {} error(s):\n{}", .0.len(), .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Codebook(Vec<CodebookError>),
    /// `--strict` and some input was skipped.
    #[error("--strict: {0} input problem(s); nothing written (run without --strict to see them in run.json)")]
    Strict(u64),
    /// An output could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// Path.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The review decisions file is unusable.
    #[error(transparent)]
    Decisions(#[from] tally_review::DecisionsError),
    /// The review file is one of the files this run writes.
    #[error(
        "{0} would be overwritten by this run's outputs: copy it out of the output directory first (e.g. to reviewed.csv), or write to another --out"
    )]
    ReviewOverwritten(String),
    /// The REFI-QDA export failed.
    #[error(transparent)]
    Qdpx(#[from] tally_qdpx::QdpxError),
    /// A human-coded sample declared in consultation.toml is unusable.
    #[error("human-coded sample: {0}")]
    Gold(String),
    /// An input file changed between the two reads of the input (campaigns, then coding).
    #[error("input file {path} changed while the run was reading it ({what}): nothing was written; run again once the input is no longer changing")]
    InputChanged {
        /// The file, relative to the input.
        path: String,
        /// What changed.
        what: String,
    },
    /// A report could not be written.
    #[error(transparent)]
    Report(#[from] tally_report::ReportError),
    /// A file the outputs cite (consultation, codebook, review decisions) could not be read
    /// to compute its SHA-256.
    #[error("cannot read {path} to compute its SHA-256: {source}")]
    Hash {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// One of the run's threads panicked (a bug in tally: please report it); nothing was
    /// written.
    #[error("the {thread} thread failed ({message}): nothing was written; this is a bug in tally, please report it")]
    Panicked {
        /// Which thread: "reader", "merge", "campaign".
        thread: &'static str,
        /// The panic's message.
        message: String,
    },
    /// The run manifest could not be serialised; nothing was written.
    #[error("cannot serialise the run manifest (run.json): {0}")]
    Manifest(#[source] serde_json::Error),
}

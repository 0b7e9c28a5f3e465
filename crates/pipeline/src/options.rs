//! What a run is asked to do, and how it reports progress.

use std::path::PathBuf;

/// How organised campaigns count in the headline figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CampaignMode {
    /// Campaign copies (and templates) are left out of the headline figures and reported
    /// in a section of their own; variants that add their own text count in full. UK
    /// practice, the default.
    #[default]
    Separate,
    /// Each campaign counts once (its template); copies are left out; variants count.
    Once,
    /// Every response counts, campaign copies included.
    All,
}

impl CampaignMode {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CampaignMode::Separate => "separate",
            CampaignMode::Once => "once",
            CampaignMode::All => "all",
        }
    }
}

/// When `coded.xlsx` (coded.csv as a workbook, with the summary tables) is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum XlsxMode {
    /// When the run coded at most [`XlsxMode::AUTO_LIMIT`] responses: a workbook is for a
    /// person to read, and writing one costs about as much CPU as coding its responses
    /// (measured on a debug build: 74,302 synthetic responses, 18 s of CPU for the coding
    /// and its other outputs, 17 s more for the workbook), so a very large run skips it.
    #[default]
    Auto,
    /// Always (the coded sheet holds at most a sheet's 1,048,575 rows).
    Always,
    /// Never.
    Never,
}

impl XlsxMode {
    /// The most responses [`XlsxMode::Auto`] writes a workbook for.
    pub const AUTO_LIMIT: u64 = 50_000;

    /// Whether a run of `responses` writes the workbook.
    pub fn writes(self, responses: u64) -> bool {
        match self {
            XlsxMode::Auto => responses <= Self::AUTO_LIMIT,
            XlsxMode::Always => true,
            XlsxMode::Never => false,
        }
    }
}

/// Options of `tally analyse`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Directory of inputs.
    pub input: PathBuf,
    /// Codebook; `None` to use the single `codebook.toml` under the input.
    pub codebook: Option<PathBuf>,
    /// consultation.toml; `None` to use the single one under the input, if any.
    pub consultation: Option<PathBuf>,
    /// Output directory (never inside the input).
    pub out: PathBuf,
    /// Quotes per question and theme.
    pub quotes: usize,
    /// Small-cell threshold for breakdowns.
    pub small_cell: u64,
    /// Fail (exit 2) on any skipped input instead of completing with problems.
    pub strict: bool,
    /// Records (responses and closed answers) per parallel batch. The default, 8,192,
    /// measured at 1M respondents against 4,096: 2% less wall time (1.83 → 1.85 cores
    /// busy: half as many waits at a batch's end) for 15 MB more peak memory; 16,384 gained
    /// nothing more for another 20–30 MB.
    pub batch: usize,
    /// How organised campaigns count.
    pub campaigns: CampaignMode,
    /// Also write a REFI-QDA project (`.qdpx`) of the coding here.
    pub qdpx: Option<PathBuf>,
    /// Review decisions to apply: a JSON decisions file, or a coded-responses sheet
    /// (`coded.csv`, `coded.xlsx`) with its decision column filled in
    /// (`tally_review::Decisions::load_any`).
    pub review: Option<PathBuf>,
    /// The reviewer of a review sheet's decisions whose row names none.
    pub reviewer: Option<String>,
    /// When to write coded.xlsx.
    pub xlsx: XlsxMode,
    /// Publish quotes unredacted (personal data included). Off unless asked for explicitly.
    pub no_redact: bool,
    /// Let a verbatim repeat (same question, same text) take the coding of its earlier twin
    /// on the same worker instead of coding it again. Outputs are identical either way; on
    /// by default, off to measure the cost of coding every response.
    pub reuse: bool,
    /// Fault injection for tests: the run's output files together accept this many bytes,
    /// then every write fails as on a full disk.
    #[doc(hidden)]
    pub fail_writes_after: Option<u64>,
    /// Fault injection for tests: the reader thread of the coding pass panics when it has
    /// read this many records.
    #[doc(hidden)]
    pub panic_reader_after: Option<u64>,
    /// Fault injection for tests: this file cannot be read to compute its SHA-256.
    #[doc(hidden)]
    pub fail_hash_of: Option<PathBuf>,
    /// The longest response read, in bytes; a longer one is truncated with a warning
    /// (`tally_ingest::set_max_response_bytes`). Default 1 MiB.
    pub max_response_bytes: usize,
    /// A learned coder (`tally learn`'s coder.json) coding beside the rules, if any.
    pub coder: Option<PathBuf>,
    /// How the coder's codings join the rules' (default: either).
    pub combine: tally_learn::Combine,
}

impl Options {
    /// Defaults for an input and output directory.
    pub fn new(input: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Options {
            input: input.into(),
            codebook: None,
            consultation: None,
            out: out.into(),
            quotes: 3,
            small_cell: 5,
            strict: false,
            batch: 8192,
            no_redact: false,
            review: None,
            reviewer: None,
            xlsx: XlsxMode::Auto,
            qdpx: None,
            campaigns: CampaignMode::Separate,
            reuse: true,
            fail_writes_after: None,
            panic_reader_after: None,
            fail_hash_of: None,
            max_response_bytes: tally_ingest::DEFAULT_MAX_RESPONSE_BYTES,
            coder: None,
            combine: tally_learn::Combine::Either,
        }
    }
}

/// Receives progress; the CLI draws bars, tests ignore it. `file` is called from the
/// reading thread, the others from the coding thread.
pub trait Progress: Sync {
    /// A file is about to be read (relative path).
    fn file(&self, _path: &str) {}
    /// The first read of the input (campaign detection) is over; the second (coding)
    /// starts. Called from the calling thread.
    fn first_read_done(&self) {}
    /// `n` more responses were coded.
    fn coded(&self, _n: u64) {}
    /// Ingest and coding are over; reports are being written.
    fn finishing(&self) {}
}

/// Progress that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

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
    /// Review decisions to apply (`tally_review::Decisions` JSON).
    pub review: Option<PathBuf>,
    /// Publish quotes unredacted (personal data included). Off unless asked for explicitly.
    pub no_redact: bool,
    /// Let a verbatim repeat (same question, same text) take the coding of its earlier twin
    /// on the same worker instead of coding it again. Outputs are identical either way; on
    /// by default, off to measure the cost of coding every response.
    pub reuse: bool,
    /// The longest response read, in bytes; a longer one is truncated with a warning
    /// (`tally_ingest::set_max_response_bytes`). Default 1 MiB.
    pub max_response_bytes: usize,
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
            qdpx: None,
            campaigns: CampaignMode::Separate,
            reuse: true,
            max_response_bytes: tally_ingest::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

/// Receives progress; the CLI draws bars, tests ignore it. `file` is called from the
/// reading thread, the others from the coding thread.
pub trait Progress: Sync {
    /// A file is about to be read (relative path).
    fn file(&self, _path: &str) {}
    /// `n` more responses were coded.
    fn coded(&self, _n: u64) {}
    /// Ingest and coding are over; reports are being written.
    fn finishing(&self) {}
}

/// Progress that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

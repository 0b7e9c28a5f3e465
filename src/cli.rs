//! Argument definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Deterministic, auditable theme coding of public consultation responses.
#[derive(Debug, Parser)]
#[command(name = "tally", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read every input under DIR, code it against the codebook and write the reports.
    ///
    /// Exit codes: 0 clean, 1 completed with input problems to review, 2 failed.
    Analyse(AnalyseArgs),
    /// Compare tally's coding (from audit.jsonl) with human coding, per theme: precision,
    /// recall, F1, Cohen's kappa, Krippendorff's alpha, and every disagreement.
    Agree(AgreeArgs),
    /// Train a learned coder (per-theme logistic regression) on the consultation's
    /// human-coded responses, with cross-validated agreement, into coder.json.
    Learn(LearnArgs),
    /// Generate a large synthetic corpus in the example's export format, for benchmarks and
    /// stress tests (never for accuracy claims): same seed and size, same bytes.
    Synth {
        /// Respondents to generate.
        #[arg(long)]
        respondents: u64,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The consultation whose material is recombined.
        #[arg(long, default_value = "corpus/stable-homes")]
        source: PathBuf,
        /// Output directory (gets responses.csv, consultation.toml, codebook.toml).
        #[arg(long)]
        out: PathBuf,
    },
    /// Review tools: draw a sample for double-coding, export decisions.
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Candidate themes the codebook does not have yet, found in the residue (answers with no
    /// theme, sentences no evidence covers): distinctive phrases grouped by co-occurrence, each
    /// with respondents, quotes (redacted) and a draft stanza for the codebook.
    Discover(DiscoverArgs),
    /// Work with codebooks.
    Codebook {
        #[command(subcommand)]
        command: CodebookCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum CodebookCommand {
    /// Check a codebook and list every error with its line and theme (exit 1 if any).
    Check {
        /// The codebook file.
        file: PathBuf,
        /// Also check question scopes against this consultation.toml.
        #[arg(long)]
        consultation: Option<PathBuf>,
    },
    /// Misses, false hits and proposed edits learned from the human-coded sample, each
    /// measured out of fold; `--apply` writes a new codebook with chosen proposals.
    Suggest(SuggestArgs),
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Directory of the consultation (its consultation.toml declares the sample).
    #[arg(default_value = "corpus/")]
    pub dir: PathBuf,
    /// Codebook (default: the single codebook.toml under DIR).
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// consultation.toml (default: the one under DIR).
    #[arg(long)]
    pub consultation: Option<PathBuf>,
    /// The report (or, with --apply, the new codebook) goes here instead of stdout (or
    /// codebook.suggested.toml beside the codebook).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folds of the cross-validation (grouped by respondent).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(2..=50))]
    pub folds: u16,
    /// Report as JSON instead of Markdown.
    #[arg(long)]
    pub json: bool,
    /// Write a codebook with these proposals (numbers from the report) and print the diff.
    #[arg(long, value_delimiter = ',')]
    pub apply: Vec<usize>,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Draw a reproducible sample stratified by question and respondent type, as CSV in the
    /// human-coded format (one empty column per theme) for a person to code.
    Sample {
        /// Directory of inputs.
        #[arg(default_value = "corpus/")]
        dir: PathBuf,
        /// Responses to draw.
        #[arg(long, default_value_t = 200)]
        n: usize,
        /// Seed: the same seed draws the same sample.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Codebook whose theme ids become the columns (default: the one under DIR).
        #[arg(long)]
        codebook: Option<PathBuf>,
        /// Write here instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write every coding of an audit.jsonl as an `accept` decision, to start a decisions file.
    Export {
        /// The audit of a run.
        #[arg(long, default_value = "output/audit.jsonl")]
        audit: PathBuf,
        /// Reviewer name to put on each decision.
        #[arg(long)]
        reviewer: String,
    },
}

#[derive(Debug, Args)]
pub struct LearnArgs {
    /// The consultation folder (its human-coded samples and label columns are the training
    /// data).
    pub dir: PathBuf,
    /// consultation.toml (default: the one in DIR).
    #[arg(long)]
    pub consultation: Option<PathBuf>,
    /// codebook.toml (default: the one in DIR); its rule hits are features.
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// Where to write the coder.
    #[arg(long)]
    pub out: PathBuf,
    /// Cross-validation folds, grouped by respondent.
    #[arg(long, default_value_t = 5, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(2..=50))]
    pub folds: usize,
    /// The L2 penalty of each theme's logistic regression.
    #[arg(long, default_value_t = 1.0)]
    pub l2: f64,
}

/// How a learned coder's codings join the rules'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Combine {
    /// The rules alone.
    Rules,
    /// The learned coder alone.
    Model,
    /// A theme is coded when either codes it.
    Either,
}

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Human-coded sample (response_id, question, respondent_type, text, then one column per
    /// theme). Give several to also compare each pair of them (as `tally analyse` does); the
    /// themes compared are the first file's theme columns.
    #[arg(long, required = true, num_args = 1)]
    pub gold: Vec<PathBuf>,
    /// tally's coding: the audit.jsonl of a run.
    #[arg(long, default_value = "output/audit.jsonl")]
    pub audit: PathBuf,
    /// Also write the full comparison as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DiscoverArgs {
    /// Directory of inputs (as for `analyse`).
    pub dir: PathBuf,
    /// Codebook (default: the single codebook.toml under DIR).
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// consultation.toml (default: the single one under DIR, if any).
    #[arg(long)]
    pub consultation: Option<PathBuf>,
    /// Candidate themes listed.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Write here instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// JSON instead of Markdown.
    #[arg(long)]
    pub json: bool,
}

/// `--xlsx` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Xlsx {
    Auto,
    Always,
    Never,
}

/// `--campaigns` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Campaigns {
    Separate,
    Once,
    All,
}

#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// Directory of inputs (survey exports, JSONL, letters, consultation.toml).
    pub dir: PathBuf,
    /// Codebook (default: the single codebook.toml under DIR).
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// consultation.toml (default: the single one under DIR, if any).
    #[arg(long)]
    pub consultation: Option<PathBuf>,
    /// Output directory (must not be inside DIR).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Quotes per question and theme.
    #[arg(long, default_value_t = 3)]
    pub quotes: usize,
    /// Breakdown cells with a count or base below this are shown as "fewer than N".
    #[arg(long, default_value_t = 5)]
    pub small_cell: u64,
    /// Fail (exit 2, nothing written) if any input row or file is skipped.
    #[arg(long)]
    pub strict: bool,
    /// No progress bars or closing line (problems are still listed on stderr).
    #[arg(long)]
    pub quiet: bool,
    /// How organised campaigns count in the headline figures: `separate` (copies left out and
    /// reported on their own, UK practice), `once` (each campaign counts once) or `all`.
    #[arg(long, value_enum, default_value_t = Campaigns::Separate)]
    pub campaigns: Campaigns,
    /// Also write the coding as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or
    /// QualCoder (texts redacted unless --no-redact).
    #[arg(long)]
    pub qdpx: Option<PathBuf>,
    /// Apply review decisions: a coded.csv or coded.xlsx (from an earlier run, copied out of
    /// the output directory) whose `decision` column reads `accept THEME`, `reject THEME` or
    /// `add THEME`, or a JSON decisions file.
    #[arg(long)]
    pub review: Option<PathBuf>,
    /// Reviewer named on a review sheet's decisions whose row has no `reviewer` cell.
    #[arg(long)]
    pub reviewer: Option<String>,
    /// When to write coded.xlsx (coded.csv as a workbook, with the summary tables): `auto`
    /// for runs of at most 50,000 responses, `always` (a sheet holds 1,048,575 rows at most)
    /// or `never`.
    #[arg(long, value_enum, default_value_t = Xlsx::Auto)]
    pub xlsx: Xlsx,
    /// Publish quotes with personal data left in (by default it is replaced by typed
    /// placeholders such as `[email]`, `[phone]`, `[name]`).
    #[arg(long)]
    pub no_redact: bool,
    /// Worker threads (default: one per core). Outputs are identical whatever the number.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Code every response afresh, verbatim repeats included (by default a repeat of a text
    /// already coded for the same question takes that coding). Outputs are identical either
    /// way: for measuring what coding every response costs.
    #[arg(long)]
    pub no_reuse: bool,
    /// The longest response read, in bytes: a longer one is truncated (at a character
    /// boundary) with a warning naming its file and line.
    #[arg(long, default_value_t = tally_ingest::DEFAULT_MAX_RESPONSE_BYTES, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_response_bytes: usize,
    /// A learned coder (from `tally learn`) coding beside the rules.
    #[arg(long)]
    pub coder: Option<PathBuf>,
    /// With --coder: which codings count.
    #[arg(long, value_enum, default_value_t = Combine::Either, requires = "coder")]
    pub combine: Combine,
}

impl AnalyseArgs {
    pub fn options(&self) -> tally_pipeline::Options {
        let mut o = tally_pipeline::Options::new(&self.dir, &self.out);
        o.codebook = self.codebook.clone();
        o.consultation = self.consultation.clone();
        o.quotes = self.quotes;
        o.small_cell = self.small_cell;
        o.strict = self.strict;
        o.no_redact = self.no_redact;
        o.reuse = !self.no_reuse;
        o.max_response_bytes = self.max_response_bytes;
        o.review = self.review.clone();
        o.reviewer = self.reviewer.clone();
        o.xlsx = match self.xlsx {
            Xlsx::Auto => tally_pipeline::XlsxMode::Auto,
            Xlsx::Always => tally_pipeline::XlsxMode::Always,
            Xlsx::Never => tally_pipeline::XlsxMode::Never,
        };
        o.qdpx = self.qdpx.clone();
        o.coder = self.coder.clone();
        o.combine = match self.combine {
            Combine::Rules => tally_learn::Combine::Rules,
            Combine::Model => tally_learn::Combine::Model,
            Combine::Either => tally_learn::Combine::Either,
        };
        o.campaigns = match self.campaigns {
            Campaigns::Separate => tally_pipeline::CampaignMode::Separate,
            Campaigns::Once => tally_pipeline::CampaignMode::Once,
            Campaigns::All => tally_pipeline::CampaignMode::All,
        };
        o
    }
}

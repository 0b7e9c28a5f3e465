//! What a run hands the report to describe it ([`RunFacts`]), and the two descriptions built
//! from it: the run manifest (`run.json`, [`RunFacts::manifest`]) and what the summary says
//! about the run besides the numbers ([`RunFacts::summary_meta`]).
//!
//! Every figure comes from what ingest and the passes reported; the report reads no input
//! file (the pipeline hashes the consultation, the codebook and the review file and passes
//! the digests in).

use tally_aggregate::Summary;
use tally_code::{Codebook, Matcher};
use tally_ingest::{Consultation, FileReport, IngestReport, Role};
use tally_review::Agreement;

use crate::manifest::{
    AgreementEntry, CodebookInfo, ConsultationInfo, FileEntry, ProblemEntry, ReviewInfo,
    RunManifest, Settings, ThemeScore, ToolInfo, Totals, WideIdentity,
};
use crate::prose::{agreement_appendix, review_paragraph};
use crate::SummaryMeta;

/// Problems listed in the summary (all of them are in run.json).
const LISTED_PROBLEMS: usize = 20;

/// A file the run read as a whole besides the inputs (consultation, codebook, review
/// decisions): its path as shown in the outputs and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedFile {
    /// Path, relative to the analysed directory when inside it.
    pub path: String,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
}

/// The settings of a run that shape its outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSettings<'a> {
    /// Quotes per question and theme.
    pub quotes: usize,
    /// Small-cell threshold.
    pub small_cell: u64,
    /// Whether any skipped input fails the run.
    pub strict: bool,
    /// How campaigns count in headlines: "separate", "once" or "all".
    pub campaigns: &'a str,
}

/// Everything a finished run reports about itself, as ingest and the passes made it.
#[derive(Debug, Clone, Copy)]
pub struct RunFacts<'a> {
    /// The analysed directory, as given.
    pub input: &'a str,
    /// consultation.toml, if any, and its file.
    pub consultation: Option<(&'a Consultation, &'a HashedFile)>,
    /// The codebook, its compiled rules and its file.
    pub codebook: (&'a Codebook, &'a Matcher, &'a HashedFile),
    /// The settings.
    pub settings: RunSettings<'a>,
    /// What ingest read (the second, coding read).
    pub ingest: &'a IngestReport,
    /// The numbers.
    pub summary: &'a Summary,
    /// Closed answers read.
    pub closed_answers: u64,
    /// Agreement with the human-coded samples (and between them).
    pub agreements: &'a [Agreement],
    /// Review decisions applied, if any.
    pub review: Option<&'a ReviewInfo>,
    /// Files written, relative to the output directory.
    pub outputs: &'a [&'a str],
}

impl RunFacts<'_> {
    /// What summary.md says about the run besides the numbers.
    pub fn summary_meta(&self) -> SummaryMeta {
        let (book, _, book_file) = self.codebook;
        let problems = self
            .ingest
            .files
            .iter()
            .flat_map(|f| {
                f.problems
                    .iter()
                    .map(move |p| (f.path.clone(), p.line, p.reason.clone()))
            })
            .take(LISTED_PROBLEMS)
            .collect();
        SummaryMeta {
            title: self
                .consultation
                .map_or_else(|| "Consultation".to_string(), |(c, _)| c.title.clone()),
            document_question: tally_ingest::document_question(self.consultation.map(|(c, _)| c))
                .to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            codebook: book.name.clone(),
            codebook_sha256: book_file.sha256.clone(),
            closed_answers: self.closed_answers,
            problems,
            problem_total: self.ingest.problems(),
            appendix: agreement_appendix(self.agreements),
            campaigns_mode: self.settings.campaigns.to_string(),
            review: self.review.map(review_paragraph),
        }
    }

    /// The run manifest, run.json.
    pub fn manifest(&self) -> RunManifest {
        let (book, matcher, book_file) = self.codebook;
        let s = self.settings;
        RunManifest {
            tool: ToolInfo {
                name: "tally".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            input: self.input.to_string(),
            consultation: self.consultation.map(|(c, file)| ConsultationInfo {
                path: file.path.clone(),
                sha256: file.sha256.clone(),
                title: c.title.clone(),
            }),
            codebook: CodebookInfo {
                path: book_file.path.clone(),
                sha256: book_file.sha256.clone(),
                name: book.name.clone(),
                themes: book.themes.len(),
                rules: matcher.rule_count(),
            },
            settings: Settings {
                quotes: s.quotes,
                small_cell: s.small_cell,
                strict: s.strict,
                campaigns: s.campaigns.to_string(),
            },
            totals: self.totals(),
            files: self.ingest.files.iter().map(file_entry).collect(),
            campaigns: self
                .summary
                .campaigns
                .iter()
                .map(|c| c.campaign.clone())
                .collect(),
            review: self.review.cloned(),
            coder: None,
            agreement: self.agreements.iter().map(AgreementEntry::from).collect(),
            estimates: crate::estimates_entry(&self.summary.estimates),
            outputs: self.outputs.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The run's totals: the files' counts added up, and the respondents counted.
    fn totals(&self) -> Totals {
        let files = &self.ingest.files;
        let sum = |g: fn(&FileReport) -> u64| files.iter().map(g).sum::<u64>();
        Totals {
            files: files.len() as u64,
            rows: files
                .iter()
                .filter(|f| matches!(f.role, Role::Responses | Role::Document))
                .map(|f| f.rows)
                .sum(),
            responses: sum(|f| f.responses),
            closed_answers: self.closed_answers,
            blank_answers: sum(|f| f.blank_answers),
            blank_closed_answers: sum(|f| f.blank_closed),
            only_undeclared: sum(|f| f.only_undeclared),
            excluded: sum(|f| f.excluded),
            skipped: sum(|f| f.skipped),
            warnings: sum(|f| f.warnings),
            respondents: self.summary.respondents,
            coded_responses: self.summary.coded_responses,
        }
    }
}

/// An input file's entry in run.json.
fn file_entry(f: &FileReport) -> FileEntry {
    FileEntry {
        path: f.path.clone(),
        role: f.role.as_str().to_string(),
        format: f.format.clone(),
        encoding: f.encoding.clone(),
        sha256: f.sha256.clone(),
        rows: f.rows,
        responses: f.responses,
        closed_answers: f.closed_answers,
        blank_answers: f.blank_answers,
        blank_closed_answers: f.blank_closed,
        only_undeclared: f.only_undeclared,
        identity: wide_identity(f),
        excluded: f.excluded,
        skipped: f.skipped,
        warnings: f.warnings,
        note: f.note.clone(),
        problems: f
            .problems
            .iter()
            .map(|p| ProblemEntry {
                line: p.line,
                reason: p.reason.clone(),
            })
            .collect(),
    }
}

/// The identity a wide table's free-text cells satisfy.
fn wide_identity(f: &FileReport) -> Option<WideIdentity> {
    let w = f.wide?;
    // a table's cells are its rows × its open questions (every row counted adds them)
    let rows = w.cells.checked_div(w.open_questions).unwrap_or(f.rows);
    Some(WideIdentity::new(
        rows,
        w.open_questions,
        f.responses,
        f.blank_answers,
        w.skipped,
    ))
}

impl From<&Agreement> for AgreementEntry {
    fn from(a: &Agreement) -> Self {
        AgreementEntry {
            a: a.a.clone(),
            b: a.b.clone(),
            items: a.items,
            macro_f1: a.macro_f1,
            macro_kappa: a.macro_kappa,
            macro_alpha: a.macro_alpha,
            micro_f1: a.micro.f1,
            themes: a
                .themes
                .iter()
                .map(|t| ThemeScore {
                    theme: t.theme.clone(),
                    coded_a: t.both + t.only_a,
                    coded_b: t.both + t.only_b,
                    precision: t.precision,
                    recall: t.recall,
                    f1: t.f1,
                    kappa: t.kappa,
                })
                .collect(),
        }
    }
}

//! The run itself.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tally_aggregate::{Aggregator, QuestionInfo, Settings as AggSettings, Summary, ThemeInfo};
use tally_code::{Codebook, Matcher, Scratch, ThemeHit};
use tally_ingest::{
    find_consultation, read_dir, Consultation, IngestReport, Record, Response, Role,
};
use tally_report::{
    render_summary, write_closed_csv, write_themes_csv, AuditLine, CodebookInfo, ConsultationInfo,
    FileEntry, ProblemEntry, RunManifest, Settings, SummaryMeta, ToolInfo, Totals,
};

use crate::discover::{check_out, find_codebook, shown};
use crate::error::PipelineError;
use crate::options::{Options, Progress};

/// Files a run writes into the output directory.
pub const OUTPUT_FILES: &[&str] = &[
    "summary.md",
    "themes.csv",
    "closed.csv",
    "audit.jsonl",
    "run.json",
];

/// What a completed run produced.
#[derive(Debug)]
pub struct Outcome {
    /// The manifest written to run.json.
    pub manifest: RunManifest,
    /// The numbers.
    pub summary: Summary,
    /// Input problems (skips and warnings): non-zero means "completed with problems".
    pub problems: u64,
}

fn sha256_file(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| {
            Sha256::digest(&b)
                .iter()
                .map(|x| format!("{x:02x}"))
                .collect()
        })
        .unwrap_or_default()
}

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> PipelineError + '_ {
    move |source| PipelineError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// Codes batches of responses in parallel and hands them on in input order.
struct Coder<'a> {
    matcher: &'a Matcher,
    theme_ids: Vec<String>,
    batch: Vec<Response>,
    batch_size: usize,
    audit: BufWriter<File>,
    audit_path: &'a Path,
    aggregator: Aggregator,
    error: Option<PipelineError>,
}

impl Coder<'_> {
    fn flush(&mut self, progress: &dyn Progress) {
        if self.batch.is_empty() {
            return;
        }
        let matcher = self.matcher;
        let hits: Vec<Vec<ThemeHit>> = self
            .batch
            .par_iter()
            .with_min_len(64)
            .map_init(Scratch::default, |scratch, r| {
                matcher.code(scratch, &r.question, &r.text)
            })
            .collect();
        for (r, h) in self.batch.iter().zip(&hits) {
            self.aggregator.add_response(r, h);
            if self.error.is_none() {
                let line = AuditLine::new(r, &r.source, h, matcher, &self.theme_ids);
                let written = serde_json::to_writer(&mut self.audit, &line)
                    .map_err(std::io::Error::from)
                    .and_then(|()| self.audit.write_all(b"\n"));
                if let Err(e) = written {
                    self.error = Some(write_err(self.audit_path)(e));
                }
            }
        }
        progress.coded(self.batch.len() as u64);
        self.batch.clear();
    }
}

/// Runs the whole pipeline.
pub fn analyse(opts: &Options, progress: &dyn Progress) -> Result<Outcome, PipelineError> {
    let started = Instant::now();
    let input = &opts.input;
    if !input.is_dir() {
        return Err(PipelineError::Input(input.display().to_string()));
    }
    check_out(input, &opts.out)?;
    let consultation: Option<Consultation> = match &opts.consultation {
        Some(p) => Some(Consultation::load(p)?),
        None => find_consultation(input)?,
    };
    let codebook_path = match &opts.codebook {
        Some(p) => p.clone(),
        None => find_codebook(input)?,
    };
    let src =
        std::fs::read_to_string(&codebook_path).map_err(|source| PipelineError::ReadCodebook {
            path: codebook_path.display().to_string(),
            source,
        })?;
    let codebook_shown = shown(&codebook_path, input);
    let book = Codebook::parse(&src, &codebook_shown).map_err(PipelineError::Codebook)?;
    if let Some(c) = &consultation {
        let mut known: Vec<String> = c.questions.iter().map(|q| q.id.clone()).collect();
        known.push(c.document_question.clone());
        let errors = book.check_questions(&known);
        if !errors.is_empty() {
            return Err(PipelineError::Codebook(errors));
        }
    }
    let matcher = Matcher::compile(&book).map_err(PipelineError::Codebook)?;

    let mut questions: Vec<QuestionInfo> = Vec::new();
    let mut types = Vec::new();
    if let Some(c) = &consultation {
        questions = c
            .questions
            .iter()
            .map(|q| QuestionInfo {
                id: q.id.clone(),
                text: q.text.clone(),
                answers: q
                    .answers
                    .iter()
                    .map(|a| (a.value.clone(), a.verb.clone()))
                    .collect(),
            })
            .collect();
        questions.push(QuestionInfo {
            id: c.document_question.clone(),
            text: c.document_question_text.clone(),
            answers: Vec::new(),
        });
        types = c.types.clone();
    }
    let themes: Vec<ThemeInfo> = book
        .themes
        .iter()
        .map(|t| ThemeInfo {
            id: t.id.clone(),
            label: t.label.clone(),
            statement: t.statement.clone(),
        })
        .collect();

    std::fs::create_dir_all(&opts.out).map_err(write_err(&opts.out))?;
    let audit_tmp = opts.out.join(".audit.jsonl.partial");
    let audit_file = File::create(&audit_tmp).map_err(write_err(&audit_tmp))?;
    let mut coder = Coder {
        matcher: &matcher,
        theme_ids: book.themes.iter().map(|t| t.id.clone()).collect(),
        batch: Vec::with_capacity(opts.batch.max(1)),
        batch_size: opts.batch.max(1),
        audit: BufWriter::with_capacity(1 << 20, audit_file),
        audit_path: &audit_tmp,
        aggregator: Aggregator::new(
            questions,
            types,
            themes,
            AggSettings {
                quotes: opts.quotes,
                small_cell: opts.small_cell,
            },
        ),
        error: None,
    };
    let mut closed_answers = 0u64;
    let mut last_source: Option<std::sync::Arc<str>> = None;
    let report: IngestReport = read_dir(input, consultation.as_ref(), &mut |record| match record {
        Record::Response(r) => {
            if last_source
                .as_ref()
                .is_none_or(|s| !std::sync::Arc::ptr_eq(s, &r.source))
            {
                progress.file(&r.source);
                last_source = Some(r.source.clone());
            }
            coder.batch.push(r);
            if coder.batch.len() >= coder.batch_size {
                coder.flush(progress);
            }
        }
        Record::Closed(c) => {
            closed_answers += 1;
            coder.aggregator.add_closed(&c);
        }
    });
    coder.flush(progress);
    progress.finishing();
    if let Some(e) = coder.error.take() {
        let _ = std::fs::remove_file(&audit_tmp);
        return Err(e);
    }
    coder.audit.flush().map_err(write_err(&audit_tmp))?;
    drop(coder.audit);
    let problems = report.problems();
    if opts.strict && problems > 0 {
        let _ = std::fs::remove_file(&audit_tmp);
        return Err(PipelineError::Strict(problems));
    }
    let mut summary = coder.aggregator.finish();
    if !opts.no_redact {
        redact_quotes(&mut summary);
    }

    // reports
    let audit_path = opts.out.join("audit.jsonl");
    std::fs::rename(&audit_tmp, &audit_path).map_err(write_err(&audit_path))?;
    write_themes_csv(&summary, &opts.out.join("themes.csv"))?;
    write_closed_csv(&summary, &opts.out.join("closed.csv"))?;
    let listed: Vec<(String, Option<u64>, String)> = report
        .files
        .iter()
        .flat_map(|f| {
            f.problems
                .iter()
                .map(move |p| (f.path.clone(), p.line, p.reason.clone()))
        })
        .take(20)
        .collect();
    let meta = SummaryMeta {
        title: consultation
            .as_ref()
            .map_or_else(|| "Consultation".to_string(), |c| c.title.clone()),
        version: env!("CARGO_PKG_VERSION").to_string(),
        codebook: book.name.clone(),
        codebook_sha256: sha256_file(&codebook_path),
        closed_answers,
        problems: listed,
        problem_total: problems,
        appendix: None,
    };
    let md_path = opts.out.join("summary.md");
    std::fs::write(&md_path, render_summary(&summary, &meta)).map_err(write_err(&md_path))?;

    let manifest = manifest(
        opts,
        &report,
        consultation.as_ref(),
        &book,
        &matcher,
        &codebook_shown,
        &meta,
        &summary,
        closed_answers,
        started,
    );
    let run_path = opts.out.join("run.json");
    let mut json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    json.push('\n');
    std::fs::write(&run_path, json).map_err(write_err(&run_path))?;
    Ok(Outcome {
        manifest,
        summary,
        problems,
    })
}

/// Replaces personal data in every quote with typed placeholders. The quote's offsets still
/// locate the original text in the response.
fn redact_quotes(summary: &mut Summary) {
    let redactor = tally_redact::Redactor::new();
    for q in &mut summary.questions {
        for t in &mut q.themes {
            for quote in &mut t.quotes {
                quote.text = redactor.redact(&quote.text).text;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn manifest(
    opts: &Options,
    report: &IngestReport,
    consultation: Option<&Consultation>,
    book: &Codebook,
    matcher: &Matcher,
    codebook_shown: &str,
    meta: &SummaryMeta,
    summary: &Summary,
    closed_answers: u64,
    started: Instant,
) -> RunManifest {
    let files: Vec<FileEntry> = report
        .files
        .iter()
        .map(|f| FileEntry {
            path: f.path.clone(),
            role: f.role.as_str().to_string(),
            format: f.format.clone(),
            encoding: f.encoding.clone(),
            sha256: f.sha256.clone(),
            rows: f.rows,
            responses: f.responses,
            closed_answers: f.closed_answers,
            blank_answers: f.blank_answers,
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
        })
        .collect();
    let sum = |g: fn(&tally_ingest::FileReport) -> u64| report.files.iter().map(g).sum::<u64>();
    RunManifest {
        tool: ToolInfo {
            name: "tally".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        input: opts.input.display().to_string(),
        consultation: consultation.map(|c| ConsultationInfo {
            path: shown(&c.path, &opts.input),
            sha256: sha256_file(&c.path),
            title: c.title.clone(),
        }),
        codebook: CodebookInfo {
            path: codebook_shown.to_string(),
            sha256: meta.codebook_sha256.clone(),
            name: book.name.clone(),
            themes: book.themes.len(),
            rules: matcher.rule_count(),
        },
        settings: Settings {
            quotes: opts.quotes,
            small_cell: opts.small_cell,
            strict: opts.strict,
        },
        totals: Totals {
            files: files.len() as u64,
            rows: report
                .files
                .iter()
                .filter(|f| matches!(f.role, Role::Responses | Role::Document))
                .map(|f| f.rows)
                .sum(),
            responses: sum(|f| f.responses),
            closed_answers,
            blank_answers: sum(|f| f.blank_answers),
            skipped: sum(|f| f.skipped),
            warnings: sum(|f| f.warnings),
            respondents: summary.respondents,
            coded_responses: summary.coded_responses,
        },
        files,
        outputs: OUTPUT_FILES.iter().map(|s| s.to_string()).collect(),
        elapsed_ms: started.elapsed().as_millis() as u64,
    }
}

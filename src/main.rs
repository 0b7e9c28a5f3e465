//! `tally`: the command line. Argument definitions and wiring only; all logic lives in the
//! library crates under `crates/`. `main` dispatches each subcommand to its own function,
//! which returns the exit code or an error (printed, exit 2).

mod agree;
mod cli;
mod discover;
mod learn;
mod progress;
mod review;
mod suggest;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, CodebookCommand, Command, ReviewCommand};

/// mimalloc instead of the system allocator: responses are allocated by the reader thread
/// and freed by the workers and the merge, a pattern glibc's per-thread arenas handle with
/// more memory and time (measured in BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Completed, nothing to review.
    Clean = 0,
    /// Completed, with problems to review (skipped input, codebook errors found by `check`).
    Problems = 1,
    /// Failed: nothing (or not everything) was done.
    Failed = 2,
}

/// Writes to stdout, treating a closed pipe as the reader having had enough.
pub(crate) fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Runs the command; an error is printed and the run exits as failed.
fn run(cli: Cli) -> Exit {
    let result = match cli.command {
        Command::Analyse(args) => analyse(&args),
        Command::Synth {
            respondents,
            seed,
            source,
            out: dir,
        } => synth(tally_synth::SynthOptions {
            respondents,
            seed,
            source,
            out: dir,
        }),
        Command::Review { command } => review(command),
        Command::Agree(args) => agree(&args),
        Command::Discover(args) => discover_command(&args),
        Command::Learn(args) => Ok(learn::run(&args)),
        Command::Codebook {
            command: CodebookCommand::Suggest(args),
        } => codebook_suggest(&args),
        Command::Codebook {
            command: CodebookCommand::Check { file, consultation },
        } => codebook_check(&file, consultation.as_deref()),
    };
    result.unwrap_or_else(|e| {
        eprintln!("tally: {e}");
        Exit::Failed
    })
}

/// `tally analyse`: runs the pipeline, prints what it did and every input problem.
fn analyse(args: &cli::AnalyseArgs) -> anyhow::Result<Exit> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot set {n} threads: {e}"))?;
    }
    let opts = args.options();
    let bars = progress::Bars::new(args.quiet);
    let outcome = tally_pipeline::analyse(&opts, &bars);
    bars.done();
    let outcome = outcome?;
    if !args.quiet {
        print_totals(&opts, &outcome);
    }
    for f in &outcome.manifest.files {
        for p in &f.problems {
            let at = p.line.map_or(String::new(), |l| format!(":{l}"));
            eprintln!("tally: {}{at}: {}", f.path, p.reason);
        }
    }
    let unmatched = outcome.manifest.review.iter().flat_map(|r| &r.unmatched);
    for d in unmatched.clone() {
        eprintln!(
            "tally: review decision {} / {} ({}) matched nothing: {}",
            d.response_id, d.theme, d.decision, d.reason
        );
    }
    Ok(if outcome.problems > 0 || unmatched.count() > 0 {
        Exit::Problems
    } else {
        Exit::Clean
    })
}

/// The line `tally analyse` ends with, and the note on a workbook not written.
fn print_totals(opts: &tally_pipeline::Options, outcome: &tally_pipeline::Outcome) {
    let t = &outcome.manifest.totals;
    eprintln!(
        "tally: coded {} responses from {} respondents ({} with a theme{}); {} input problem(s); outputs in {} ({:.2} s)",
        t.responses,
        t.respondents,
        t.coded_responses,
        if outcome.reused > 0 {
            format!("; {} verbatim repeats took an earlier twin's coding", outcome.reused)
        } else {
            String::new()
        },
        outcome.problems,
        opts.out.display(),
        outcome.elapsed.as_secs_f64()
    );
    if !opts.xlsx.writes(t.responses) && opts.xlsx == tally_pipeline::XlsxMode::Auto {
        eprintln!(
            "tally: coded.xlsx not written for more than {} responses (--xlsx always writes it); coded.csv has every row",
            tally_pipeline::XlsxMode::AUTO_LIMIT
        );
    }
}

/// `tally synth`: writes a synthetic consultation.
fn synth(opts: tally_synth::SynthOptions) -> anyhow::Result<Exit> {
    let stats = tally_synth::generate(&opts)?;
    eprintln!(
        "tally: wrote {} respondents ({} free-text answers, {} campaign members, {} bytes) to {}",
        stats.respondents,
        stats.free_text_answers,
        stats.campaign_respondents,
        stats.bytes,
        opts.out.display()
    );
    Ok(Exit::Clean)
}

/// `tally review sample` and `tally review export`: print what they make.
fn review(command: ReviewCommand) -> anyhow::Result<Exit> {
    let text = match command {
        ReviewCommand::Sample {
            dir,
            n,
            seed,
            codebook,
            out: path,
        } => review::sample(&dir, n, seed, codebook.as_deref(), path.as_deref()),
        ReviewCommand::Export { audit, reviewer } => review::export(&audit, &reviewer),
    }
    .map_err(anyhow::Error::msg)?;
    out(&text);
    Ok(Exit::Clean)
}

/// `tally agree`: prints the agreement report.
fn agree(args: &cli::AgreeArgs) -> anyhow::Result<Exit> {
    let markdown = agree::run(args).map_err(anyhow::Error::msg)?;
    out(&markdown);
    Ok(Exit::Clean)
}

/// `tally codebook check`: prints "ok" and any warnings, or every error (exit 1).
fn codebook_check(file: &Path, consultation: Option<&Path>) -> anyhow::Result<Exit> {
    let src = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let shown = file.display().to_string();
    let mut errors = match tally_code::Codebook::parse(&src, &shown) {
        Ok(book) => check_book(&book, &shown, consultation)?,
        Err(errors) => errors,
    };
    errors.sort_by_key(|e| e.line);
    out(&errors.iter().map(|e| format!("{e}\n")).collect::<String>());
    Ok(if errors.is_empty() {
        Exit::Clean
    } else {
        Exit::Problems
    })
}

/// A parsed codebook's errors (its rules compiled, its question scopes checked against the
/// consultation if given); prints "ok" when there are none, and the scopes it could not
/// verify without a consultation.
fn check_book(
    book: &tally_code::Codebook,
    shown: &str,
    consultation: Option<&Path>,
) -> anyhow::Result<Vec<tally_code::CodebookError>> {
    let mut errors = tally_code::Matcher::compile(book).err().unwrap_or_default();
    if let Some(c) = consultation {
        let c = tally_ingest::Consultation::load(c)?;
        let mut known: Vec<String> = c.questions.iter().map(|q| q.id.clone()).collect();
        known.push(c.document_question.clone());
        errors.extend(book.check_questions(&known));
    }
    if errors.is_empty() {
        let rules: usize = book.themes.iter().map(|t| t.rules.len()).sum();
        out(&format!(
            "{shown}: ok: {} themes, {rules} rules\n",
            book.themes.len()
        ));
    }
    if consultation.is_none() {
        // warnings: printed, but the codebook is still ok
        let warnings = book.unverified_scopes();
        out(&warnings
            .iter()
            .map(|w| format!("{w}\n"))
            .collect::<String>());
    }
    Ok(errors)
}

/// `tally codebook suggest`: the report (or the diff of the new codebook) to stdout.
fn codebook_suggest(args: &cli::SuggestArgs) -> anyhow::Result<Exit> {
    let text = suggest::run(args).map_err(|e| anyhow::anyhow!("{e}"))?;
    out(&text);
    Ok(Exit::Clean)
}

/// `tally discover`: the report to stdout (or `--out`).
fn discover_command(args: &cli::DiscoverArgs) -> anyhow::Result<Exit> {
    let text = discover::run(args).map_err(|e| anyhow::anyhow!("{e}"))?;
    out(&text);
    Ok(Exit::Clean)
}

/// Turns transparent huge pages off for this process. With THP on ("always" on many
/// distributions), each page fault in the allocator's arenas zeroes 2 MiB, and memory handed
/// back between batches is faulted in again 2 MiB at a time: measured on the 100k benchmark
/// corpus, turning it off cut CPU by ~5% and peak RSS by ~25% (BENCHMARKS.md). Outputs do not
/// depend on it; when the call fails (an old kernel) the run goes on with THP as it was.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes four integer arguments and touches no memory of ours
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    ExitCode::from(run(cli) as u8)
}

//! `tally`: the command line. Argument definitions and wiring only; all logic lives in the
//! library crates under `crates/`.

mod agree;
mod cli;
mod learn;
mod progress;
mod review;

use std::io::Write;
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

fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Analyse(args) => {
            if let Some(n) = args.threads {
                if let Err(e) = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build_global()
                {
                    eprintln!("tally: cannot set {n} threads: {e}");
                    return Exit::Failed;
                }
            }
            let opts = args.options();
            let bars = progress::Bars::new(args.quiet);
            match tally_pipeline::analyse(&opts, &bars) {
                Ok(outcome) => {
                    bars.done();
                    let t = &outcome.manifest.totals;
                    if !args.quiet {
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
                    }
                    if !args.quiet && !opts.xlsx.writes(t.responses) {
                        if let tally_pipeline::XlsxMode::Auto = opts.xlsx {
                            eprintln!(
                                "tally: coded.xlsx not written for more than {} responses (--xlsx always writes it); coded.csv has every row",
                                tally_pipeline::XlsxMode::AUTO_LIMIT
                            );
                        }
                    }
                    for f in &outcome.manifest.files {
                        for p in &f.problems {
                            let at = p.line.map_or(String::new(), |l| format!(":{l}"));
                            eprintln!("tally: {}{at}: {}", f.path, p.reason);
                        }
                    }
                    let unmatched = outcome
                        .manifest
                        .review
                        .as_ref()
                        .map_or(0, |r| r.unmatched.len());
                    for d in outcome.manifest.review.iter().flat_map(|r| &r.unmatched) {
                        eprintln!(
                            "tally: review decision {} / {} ({}) matched nothing: {}",
                            d.response_id, d.theme, d.decision, d.reason
                        );
                    }
                    if outcome.problems > 0 || unmatched > 0 {
                        Exit::Problems
                    } else {
                        Exit::Clean
                    }
                }
                Err(e) => {
                    bars.done();
                    eprintln!("tally: {e}");
                    Exit::Failed
                }
            }
        }
        Command::Synth {
            respondents,
            seed,
            source,
            out: dir,
        } => {
            let opts = tally_synth::SynthOptions {
                respondents,
                seed,
                source,
                out: dir.clone(),
            };
            match tally_synth::generate(&opts) {
                Ok(stats) => {
                    eprintln!(
                        "tally: wrote {} respondents ({} free-text answers, {} campaign members, {} bytes) to {}",
                        stats.respondents,
                        stats.free_text_answers,
                        stats.campaign_respondents,
                        stats.bytes,
                        dir.display()
                    );
                    Exit::Clean
                }
                Err(e) => {
                    eprintln!("tally: {e}");
                    Exit::Failed
                }
            }
        }
        Command::Review { command } => {
            let result = match command {
                ReviewCommand::Sample {
                    dir,
                    n,
                    seed,
                    codebook,
                    out: path,
                } => review::sample(&dir, n, seed, codebook.as_deref(), path.as_deref()),
                ReviewCommand::Export { audit, reviewer } => review::export(&audit, &reviewer),
            };
            match result {
                Ok(text) => {
                    out(&text);
                    Exit::Clean
                }
                Err(e) => {
                    eprintln!("tally: {e}");
                    Exit::Failed
                }
            }
        }
        Command::Learn(args) => learn::run(&args),
        Command::Agree(args) => match agree::run(&args) {
            Ok(markdown) => {
                out(&markdown);
                Exit::Clean
            }
            Err(e) => {
                eprintln!("tally: {e}");
                Exit::Failed
            }
        },
        Command::Codebook {
            command: CodebookCommand::Check { file, consultation },
        } => {
            let src = match std::fs::read_to_string(&file) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("tally: cannot read {}: {e}", file.display());
                    return Exit::Failed;
                }
            };
            let shown = file.display().to_string();
            let mut errors = match tally_code::Codebook::parse(&src, &shown) {
                Ok(book) => {
                    let mut errors = match tally_code::Matcher::compile(&book) {
                        Ok(_) => Vec::new(),
                        Err(es) => es,
                    };
                    let checked_scopes = consultation.is_some();
                    if let Some(c) = consultation {
                        match tally_ingest::Consultation::load(&c) {
                            Ok(c) => {
                                let mut known: Vec<String> =
                                    c.questions.iter().map(|q| q.id.clone()).collect();
                                known.push(c.document_question.clone());
                                errors.extend(book.check_questions(&known));
                            }
                            Err(e) => {
                                eprintln!("tally: {e}");
                                return Exit::Failed;
                            }
                        }
                    }
                    if errors.is_empty() {
                        let rules: usize = book.themes.iter().map(|t| t.rules.len()).sum();
                        out(&format!(
                            "{shown}: ok: {} themes, {rules} rules\n",
                            book.themes.len()
                        ));
                    }
                    if !checked_scopes {
                        // warnings: printed, but the codebook is still ok
                        let warnings = book.unverified_scopes();
                        out(&warnings
                            .iter()
                            .map(|w| format!("{w}\n"))
                            .collect::<String>());
                    }
                    errors
                }
                Err(errors) => errors,
            };
            errors.sort_by_key(|e| e.line);
            let text: String = errors.iter().map(|e| format!("{e}\n")).collect();
            out(&text);
            if errors.is_empty() {
                Exit::Clean
            } else {
                Exit::Problems
            }
        }
    }
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

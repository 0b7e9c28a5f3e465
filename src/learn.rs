//! Wiring of `tally learn`: train a coder on the consultation's human-coded responses,
//! write coder.json, print the cross-validated agreement.

use crate::cli::LearnArgs;
use crate::Exit;

/// Trains and writes the coder; prints its figures on stdout and what was left out of the
/// training data on stderr.
pub fn run(args: &LearnArgs) -> Exit {
    let started = std::time::Instant::now();
    let settings = tally_learn::TrainSettings {
        folds: args.folds,
        l2: args.l2,
        ..Default::default()
    };
    let learned = match tally_learn::learn_dir(
        &args.dir,
        args.consultation.as_deref(),
        args.codebook.as_deref(),
        settings,
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("tally: {e}");
            return Exit::Failed;
        }
    };
    if let Err(e) = std::fs::write(&args.out, learned.coder.to_json()) {
        eprintln!("tally: cannot write {}: {e}", args.out.display());
        return Exit::Failed;
    }
    for p in &learned.problems {
        eprintln!("tally: {p}");
    }
    let c = &learned.coder;
    let a = &c.agreement;
    let line = |name: &str, x: &tally_learn::metrics::Averages| {
        format!(
            "  {name:<6} macro F1 {:.3}  micro F1 {:.3} (P {:.3}, R {:.3})\n",
            x.macro_f1, x.micro_f1, x.micro_precision, x.micro_recall
        )
    };
    crate::out(&format!(
        "{}: trained on {} coded responses from {} respondents; {} features; {} of {} themes modelled\n\
         {}-fold cross-validated agreement with people over {} themes with ≥{} codings:\n{}{}{}",
        args.out.display(),
        c.training.items,
        c.training.respondents,
        c.features.len(),
        c.themes.iter().filter(|t| t.threshold.is_some()).count(),
        c.themes.len(),
        c.settings.folds,
        a.themes_measured,
        c.settings.min_positives,
        line("rules", &a.rules),
        line("model", &a.model),
        line("either", &a.either),
    ));
    eprintln!("tally: learned in {:.2} s", started.elapsed().as_secs_f64());
    if learned.problems.is_empty() {
        Exit::Clean
    } else {
        Exit::Problems
    }
}

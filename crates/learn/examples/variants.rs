//! Trains a coder on a folder with one variant of the training settings and prints its
//! cross-validated agreement and the wall time it took, one line of a Markdown table:
//!
//! ```sh
//! cargo run -p tally-learn --example variants -- DIR CONSULTATION CODEBOOK VARIANT
//! ```
//!
//! VARIANT is `old` (the first round's settings: binary values, words, pairs and rule hits,
//! class weighting, each theme its own threshold), one change to it — `tfidf`, `chars`,
//! `unweighted`, `pooled` —, TF-IDF with one other (`tfidf+chars`, `tfidf+pooled`) or
//! `default` (the settings `tally learn` uses).

use std::path::Path;
use std::time::Instant;

use tally_learn::values::Values;
use tally_learn::{learn_dir, TrainSettings};

fn settings(variant: &str) -> Option<TrainSettings> {
    let old = TrainSettings {
        values: Values::Binary,
        char_ngrams: false,
        class_weighted: true,
        pooled_below: 0,
        ..TrainSettings::default()
    };
    Some(match variant {
        "old" => old,
        "tfidf" => TrainSettings {
            values: Values::TfIdf,
            ..old
        },
        "chars" => TrainSettings {
            char_ngrams: true,
            ..old
        },
        "unweighted" => TrainSettings {
            class_weighted: false,
            ..old
        },
        "pooled" => TrainSettings {
            pooled_below: 15,
            ..old
        },
        "tfidf+chars" => TrainSettings {
            values: Values::TfIdf,
            char_ngrams: true,
            ..old
        },
        "tfidf+pooled" => TrainSettings {
            values: Values::TfIdf,
            pooled_below: 15,
            ..old
        },
        "default" => TrainSettings::default(),
        _ => return None,
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, consultation, codebook, variant] = args.as_slice() else {
        eprintln!("usage: variants DIR CONSULTATION CODEBOOK VARIANT");
        std::process::exit(2);
    };
    let Some(s) = settings(variant) else {
        eprintln!("unknown variant {variant:?}");
        std::process::exit(2);
    };
    let started = Instant::now();
    let learned = learn_dir(
        Path::new(dir),
        Some(Path::new(consultation)),
        Some(Path::new(codebook)),
        s,
    )
    .unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let took = started.elapsed().as_secs_f64();
    let c = &learned.coder;
    let a = &c.agreement;
    println!(
        "| {variant} | {:.3} | {:.3} | {:.3} | {:.3} | {} | {:.1} MB | {took:.1} s |",
        a.model.macro_f1,
        a.model.micro_f1,
        a.either.macro_f1,
        a.either.micro_f1,
        c.features.len(),
        c.to_json().len() as f64 / 1e6,
    );
    // per theme: positives and the model's F1, for the analysis of what is missed
    if std::env::var_os("VARIANTS_PER_THEME").is_some() {
        for (name, x) in [
            ("rules", &a.rules),
            ("model", &a.model),
            ("either", &a.either),
        ] {
            println!("{name}: {x:?}");
        }
        for t in a.per_theme.iter().filter(|t| t.measured) {
            println!("{}\t{}\t{:.3}", t.theme, t.positives, t.model.f1);
        }
    }
}

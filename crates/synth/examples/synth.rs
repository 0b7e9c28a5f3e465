//! Generates a synthetic corpus and reports what was written and how long it took:
//! `cargo run --release -p tally-synth --example synth -- N SEED SOURCE OUT`.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, seed, source, out] = args.as_slice() else {
        eprintln!("usage: synth N SEED SOURCE OUT");
        std::process::exit(2);
    };
    let opts = tally_synth::SynthOptions {
        respondents: n.parse().expect("N: a number of respondents"),
        seed: seed.parse().expect("SEED: a number"),
        source: source.into(),
        out: out.into(),
    };
    let start = Instant::now();
    match tally_synth::generate(&opts) {
        Ok(stats) => println!(
            "{} respondents, {} free-text answers, {} campaign members, {} bytes in {:.2?}",
            stats.respondents,
            stats.free_text_answers,
            stats.campaign_respondents,
            stats.bytes,
            start.elapsed()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}

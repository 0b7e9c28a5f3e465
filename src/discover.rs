//! Wiring of `tally discover`: read the responses and the codebook, find candidate themes
//! in the residue (tally-discover), render.

use tally_discover::{discover, Input, Options, QuestionText};

use crate::cli::DiscoverArgs;

/// Runs discovery; returns the report (or a one-line note when written to `--out`).
pub fn run(args: &DiscoverArgs) -> Result<String, String> {
    let codebook = match &args.codebook {
        Some(p) => p.clone(),
        None => tally_pipeline::find_codebook(&args.dir).map_err(|e| e.to_string())?,
    };
    let shown = codebook.display().to_string();
    let src =
        std::fs::read_to_string(&codebook).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let joined = |es: Vec<tally_code::CodebookError>| {
        es.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let book = tally_code::Codebook::parse(&src, &shown).map_err(joined)?;
    let consultation = match &args.consultation {
        Some(p) => Some(tally_ingest::Consultation::load(p).map_err(|e| e.to_string())?),
        None => tally_ingest::find_consultation(&args.dir).map_err(|e| e.to_string())?,
    };
    let mut inputs = Vec::new();
    let report = tally_ingest::read_dir(&args.dir, consultation.as_ref(), &mut |r| {
        if let tally_ingest::Record::Response(r) = r {
            inputs.push(Input {
                id: r.id.into(),
                respondent: r.respondent.into(),
                question: r.question.into(),
                text: r.text,
            });
        }
    });
    for f in &report.files {
        for p in &f.problems {
            let at = p.line.map_or(String::new(), |l| format!(":{l}"));
            eprintln!("tally: {}{at}: {}", f.path, p.reason);
        }
    }
    let opts = Options {
        top: args.top,
        ..Options::default()
    };
    let questions = consultation
        .as_ref()
        .map(QuestionText::of_consultation)
        .unwrap_or_default();
    let found = discover(&inputs, &questions, &book, &opts).map_err(joined)?;
    let text = if args.json {
        found.json()
    } else {
        found.markdown()
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(format!(
                "{} candidate themes written to {}\n",
                found.candidates.len(),
                path.display()
            ))
        }
        None => Ok(text),
    }
}

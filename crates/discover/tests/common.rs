//! Reading the corpus for the tests.

use std::path::PathBuf;

use tally_discover::{Input, QuestionText};

/// The stable-homes corpus directory.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/stable-homes")
}

/// The corpus's responses, its questions as asked and its codebook.
pub fn corpus() -> (Vec<Input>, Vec<QuestionText>, tally_code::Codebook) {
    let dir = corpus_dir();
    let consultation = tally_ingest::find_consultation(&dir).unwrap();
    let questions = consultation
        .as_ref()
        .map(QuestionText::of_consultation)
        .unwrap_or_default();
    let mut inputs = Vec::new();
    tally_ingest::read_dir(&dir, consultation.as_ref(), &mut |r| {
        if let tally_ingest::Record::Response(r) = r {
            inputs.push(Input {
                id: r.id.into(),
                respondent: r.respondent.into(),
                question: r.question.into(),
                text: r.text,
            });
        }
    });
    let path = dir.join("codebook.toml");
    let src = std::fs::read_to_string(&path).unwrap();
    let book = tally_code::Codebook::parse(&src, "codebook.toml").unwrap();
    (inputs, questions, book)
}

//! The NHS Friends and Family Test comments (`../shared/realdata/nhs-fft`), whose own label
//! columns are the human coding: a coder is learned with the example codebook, its
//! cross-validated figures are computed over the labels with at least five codings, and
//! it round-trips through coder.json.
//!
//! The data lives outside the repository, beside the clone. Where it is missing this test
//! passes with a notice on stderr; with `TALLY_REQUIRE_REALDATA` set a missing folder fails
//! it, so CI never skips it silently.

use std::path::Path;

use tally_learn::{learn_dir, CoderFile, Combine, Model, TrainSettings};

use tally_benchdata::realdata;

#[test]
fn nhs_fft_labels_train_a_coder_with_cross_validated_figures() {
    let Some(dir) = realdata("nhs-fft") else {
        return;
    };
    let examples = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/nhs-fft"
    ));
    let learned = learn_dir(
        &dir,
        Some(&examples.join("consultation.toml")),
        Some(&examples.join("codebook.toml")),
        TrainSettings::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let c = &learned.coder;
    assert!(learned.problems.is_empty(), "{:?}", learned.problems);
    // every response of the file is coded by its label columns
    assert_eq!(c.training.items, 3122);
    assert_eq!(c.training.files.len(), 1);
    assert_eq!(c.training.files[0].role, "labels");
    assert_eq!(c.themes.len(), 50, "a theme per label column");
    let a = &c.agreement;
    let measured = a.per_theme.iter().filter(|t| t.measured).count();
    assert_eq!(a.themes_measured, measured);
    assert!(a.per_theme.iter().all(|t| t.measured == (t.positives >= 5)));
    assert!(measured >= 35, "{measured} labels with ≥5 codings");
    for avg in [&a.rules, &a.model, &a.either] {
        assert!(avg.macro_f1 > 0.0 && avg.micro_f1 > 0.0, "{avg:?}");
    }
    // the model does better than the rules alone on this file (figures: examples/README.md)
    assert!(a.model.micro_f1 > a.rules.micro_f1, "{a:?}");
    eprintln!(
        "nhs-fft: rules {:.3}/{:.3}, model {:.3}/{:.3}, either {:.3}/{:.3} (macro/micro F1)",
        a.rules.macro_f1,
        a.rules.micro_f1,
        a.model.macro_f1,
        a.model.micro_f1,
        a.either.macro_f1,
        a.either.micro_f1
    );

    // the coder round-trips through its file and loads for the codebook it was trained with
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("coder.json");
    std::fs::write(&path, c.to_json()).unwrap();
    let back = CoderFile::load(&path).unwrap();
    assert_eq!(&back, c);
    let src = std::fs::read(examples.join("codebook.toml")).unwrap();
    let book =
        tally_code::Codebook::parse(&String::from_utf8_lossy(&src), "codebook.toml").unwrap();
    let model = Model::new(&back, &book, &tally_learn::sha256_hex(&src), Combine::Model);
    assert!(model.is_ok(), "{:?}", model.err());
}

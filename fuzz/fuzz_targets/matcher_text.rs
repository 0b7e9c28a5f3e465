//! Any UTF-8 text coded as question "Q1" by the example codebook
//! (corpus/stable-homes/codebook.toml, compiled once). Every evidence span must satisfy
//! `start < end <= len` and lie on character boundaries of the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::{fuzz_target, Corpus};
use tally_code::{Codebook, Matcher, Scratch};

const CODEBOOK: &str = include_str!("../../corpus/stable-homes/codebook.toml");

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let book = Codebook::parse(CODEBOOK, "corpus/stable-homes/codebook.toml")
            .expect("the example codebook parses");
        Matcher::compile(&book).expect("the example codebook compiles")
    })
}

fuzz_target!(|data: &[u8]| -> Corpus {
    let Ok(text) = std::str::from_utf8(data) else {
        return Corpus::Reject;
    };
    // a fresh scratch, so that a crash reproduces from its input alone
    tally_fuzz::code_checked(matcher(), &mut Scratch::default(), "Q1", text);
    Corpus::Keep
});

//! Any UTF-8 text as a consultation.toml (`Consultation::parse`): errors are expected, a
//! panic or a hang is a finding.
#![no_main]

use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|data: &[u8]| -> Corpus {
    let Ok(src) = std::str::from_utf8(data) else {
        return Corpus::Reject;
    };
    tally_fuzz::consultation(src);
    Corpus::Keep
});

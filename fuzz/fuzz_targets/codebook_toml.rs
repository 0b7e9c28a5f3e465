//! Any UTF-8 text as a codebook (`Codebook::parse`); one that parses is compiled
//! (`Matcher::compile`) and, when that succeeds, codes a fixed text, whose evidence spans
//! must lie on its character boundaries. Errors are expected; a panic or a hang is a finding.
#![no_main]

use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|data: &[u8]| -> Corpus {
    let Ok(src) = std::str::from_utf8(data) else {
        return Corpus::Reject;
    };
    tally_fuzz::codebook(src);
    Corpus::Keep
});

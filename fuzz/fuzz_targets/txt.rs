//! Any bytes as a `.txt` file, read by `tally_ingest::read_dir`: a panic or a hang is a
//! finding; what is read is not checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tally_fuzz::read_as("txt", data));

//! A whole input folder: the bytes split into up to 8 files of any of the supported
//! extensions (`tally_fuzz::read_folder`), read together by `tally_ingest::read_dir`: a
//! panic or a hang is a finding; what is read is not checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tally_fuzz::read_folder(data));

//! The real public data kept beside the clone (`../shared/realdata`), for the tests that
//! read it: present, it is used; missing, those tests pass with a notice, unless
//! `TALLY_REQUIRE_REALDATA` is set (as `.ci/run` does), which makes a missing folder fail.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The real-data folder `rel`, or `None` (with a notice) when `../shared/realdata` is not
/// beside the clone and `TALLY_REQUIRE_REALDATA` is not set.
///
/// # Panics
/// When the folder is missing and `TALLY_REQUIRE_REALDATA` is set.
pub fn realdata(rel: &str) -> Option<PathBuf> {
    let p = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/realdata"
    ))
    .join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("TALLY_REQUIRE_REALDATA").is_none(),
        "{} is missing and TALLY_REQUIRE_REALDATA is set: the real-data checks need \
         ../shared/realdata beside the clone",
        p.display()
    );
    // written to the process's stderr, not through eprintln!, so the test harness does not
    // capture it: the notice shows in every `cargo test` run
    let _ = writeln!(
        std::io::stderr(),
        "note: skipped the real-data check on {rel}: {} is not beside the clone",
        p.display()
    );
    None
}

//! tally's HTML pages tested in a real browser: a headless chromium driven over WebDriver
//! (see `harness.rs`). Without chromium and chromedriver installed (`just setup`) these
//! tests pass with a notice on stderr, unless `TALLY_REQUIRE_BROWSER` is set (`.ci/run`).

mod harness;
mod harness_checks;
mod report;
mod review_page;

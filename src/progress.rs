//! Progress bars on stderr (indicatif), drawn only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner for files read and a counter of responses coded.
pub struct Bars {
    bar: ProgressBar,
}

impl Bars {
    pub fn new(quiet: bool) -> Self {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} responses coded ({per_sec}) {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Bars { bar }
    }

    pub fn done(&self) {
        self.bar.finish_and_clear();
    }
}

impl tally_pipeline::Progress for Bars {
    fn file(&self, path: &str) {
        self.bar.set_message(format!("reading {path}"));
    }
    fn coded(&self, n: u64) {
        self.bar.inc(n);
    }
    fn finishing(&self) {
        self.bar.set_message("writing reports");
    }
}

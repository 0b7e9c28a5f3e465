//! Agreement with people: per-theme precision, recall and F1, and their macro and micro
//! averages over the themes people coded often enough to measure.

use serde::{Deserialize, Serialize};

/// A theme's 2×2 counts against people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Coded by both.
    pub found: u64,
    /// Coded by the coder, not by people.
    pub false_hits: u64,
    /// Coded by people, not by the coder.
    pub missed: u64,
}

impl Counts {
    /// Adds one item: whether the coder coded it and whether people did.
    pub fn add(&mut self, coded: bool, human: bool) {
        match (coded, human) {
            (true, true) => self.found += 1,
            (true, false) => self.false_hits += 1,
            (false, true) => self.missed += 1,
            (false, false) => {}
        }
    }

    /// The figures of these counts.
    pub fn scores(&self) -> Scores {
        let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Scores {
            precision: round4(ratio(self.found, self.found + self.false_hits)),
            recall: round4(ratio(self.found, self.found + self.missed)),
            f1: round4(ratio(
                2 * self.found,
                2 * self.found + self.false_hits + self.missed,
            )),
        }
    }
}

/// Precision, recall and F1 (0 where undefined), to four decimals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Of the coder's codings, the share people made.
    pub precision: f64,
    /// Of people's codings, the share the coder made.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

/// Macro and micro averages over a set of themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Averages {
    /// The mean of the themes' F1.
    pub macro_f1: f64,
    /// Precision over all the themes' codings pooled.
    pub micro_precision: f64,
    /// Recall over all the themes' codings pooled.
    pub micro_recall: f64,
    /// F1 over all the themes' codings pooled.
    pub micro_f1: f64,
}

/// The averages of `counts` (one per theme measured).
pub fn averages(counts: &[Counts]) -> Averages {
    if counts.is_empty() {
        return Averages::default();
    }
    let mut pooled = Counts::default();
    let mut f1_sum = 0.0;
    for c in counts {
        pooled.found += c.found;
        pooled.false_hits += c.false_hits;
        pooled.missed += c.missed;
        let denominator = 2 * c.found + c.false_hits + c.missed;
        if denominator > 0 {
            f1_sum += 2.0 * c.found as f64 / denominator as f64;
        }
    }
    let p = pooled.scores();
    Averages {
        macro_f1: round4(f1_sum / counts.len() as f64),
        micro_precision: p.precision,
        micro_recall: p.recall,
        micro_f1: p.f1,
    }
}

/// `x` to four decimals (figures are reported, not computed on).
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_and_micro() {
        let a = Counts {
            found: 8,
            false_hits: 2,
            missed: 0,
        };
        let b = Counts {
            found: 0,
            false_hits: 0,
            missed: 10,
        };
        assert_eq!(a.scores().f1, round4(16.0 / 18.0));
        let avg = averages(&[a, b]);
        assert_eq!(avg.macro_f1, round4(16.0 / 18.0 / 2.0));
        assert_eq!(avg.micro_f1, round4(16.0 / 28.0));
        assert_eq!(avg.micro_precision, 0.8);
        assert_eq!(avg.micro_recall, round4(8.0 / 18.0));
    }
}

//! Agreement statistics for one binary code (a theme raised or not) between two coders.
//!
//! From the 2×2 table of N items — `both` coded, `only_a`, `only_b`, `neither`:
//! - percent agreement pₒ = (both + neither) / N;
//! - Cohen's kappa κ = (pₒ − pₑ) / (1 − pₑ), pₑ = (a₁·b₁ + a₀·b₀) / N² from each coder's own
//!   marginals; undefined when pₑ = 1 (both coders gave every item the same code);
//! - Krippendorff's alpha, nominal, two coders, no missing values:
//!   α = 1 − (n − 1)·o₀₁ / (n₀·n₁), with n = 2N pairable values, o₀₁ the disagreeing items
//!   and n₀, n₁ the values of each kind over both coders; undefined when one kind is absent;
//! - taking coder B as the reference (the human): precision = both / (both + only_a),
//!   recall = both / (both + only_b), F1 = 2·both / (2·both + only_a + only_b).

/// A 2×2 table between coder A (e.g. tally) and coder B (e.g. a human).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Table {
    /// Items both coded.
    pub both: u64,
    /// Items only A coded.
    pub only_a: u64,
    /// Items only B coded.
    pub only_b: u64,
    /// Items neither coded.
    pub neither: u64,
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0).then(|| num / den)
}

impl Table {
    /// Adds one item.
    pub fn add(&mut self, a: bool, b: bool) {
        match (a, b) {
            (true, true) => self.both += 1,
            (true, false) => self.only_a += 1,
            (false, true) => self.only_b += 1,
            (false, false) => self.neither += 1,
        }
    }

    /// Items.
    pub fn n(&self) -> u64 {
        self.both + self.only_a + self.only_b + self.neither
    }

    /// Share of items on which the coders agree.
    pub fn percent_agreement(&self) -> Option<f64> {
        ratio((self.both + self.neither) as f64, self.n() as f64)
    }

    /// Cohen's kappa.
    pub fn kappa(&self) -> Option<f64> {
        let n = self.n() as f64;
        if n == 0.0 {
            return None;
        }
        let po = (self.both + self.neither) as f64 / n;
        let a1 = (self.both + self.only_a) as f64;
        let b1 = (self.both + self.only_b) as f64;
        let pe = (a1 * b1 + (n - a1) * (n - b1)) / (n * n);
        if (1.0 - pe).abs() < 1e-12 {
            return None;
        }
        Some((po - pe) / (1.0 - pe))
    }

    /// Krippendorff's alpha (nominal, two coders).
    pub fn alpha(&self) -> Option<f64> {
        let n = 2.0 * self.n() as f64;
        let ones = (2 * self.both + self.only_a + self.only_b) as f64;
        let zeros = n - ones;
        if ones == 0.0 || zeros == 0.0 {
            return None;
        }
        let disagreements = (self.only_a + self.only_b) as f64;
        Some(1.0 - (n - 1.0) * disagreements / (zeros * ones))
    }

    /// Precision of A against B.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.both as f64, (self.both + self.only_a) as f64)
    }

    /// Recall of A against B.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.both as f64, (self.both + self.only_b) as f64)
    }

    /// F1 of A against B.
    pub fn f1(&self) -> Option<f64> {
        ratio(
            2.0 * self.both as f64,
            (2 * self.both + self.only_a + self.only_b) as f64,
        )
    }

    /// Share of items A coded.
    pub fn prevalence_a(&self) -> Option<f64> {
        ratio((self.both + self.only_a) as f64, self.n() as f64)
    }

    /// Share of items B coded.
    pub fn prevalence_b(&self) -> Option<f64> {
        ratio((self.both + self.only_b) as f64, self.n() as f64)
    }

    /// Sum of two tables (for micro averages).
    pub fn plus(&self, o: &Table) -> Table {
        Table {
            both: self.both + o.both,
            only_a: self.only_a + o.only_a,
            only_b: self.only_b + o.only_b,
            neither: self.neither + o.neither,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: Option<f64>, want: f64) {
        let g = got.expect("defined");
        assert!((g - want).abs() < 5e-4, "got {g}, want {want}");
    }

    fn from_codes(a: &[u8], b: &[u8]) -> Table {
        let mut t = Table::default();
        for (x, y) in a.iter().zip(b) {
            t.add(*x == 1, *y == 1);
        }
        t
    }

    #[test]
    fn cohens_worked_example() {
        // 50 applications, two readers: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4
        let t = Table {
            both: 20,
            only_a: 5,
            only_b: 10,
            neither: 15,
        };
        close(t.kappa(), 0.4);
        close(t.percent_agreement(), 0.7);
    }

    #[test]
    fn krippendorffs_worked_example() {
        // Krippendorff, "Computing Krippendorff's alpha-reliability": binary data, two
        // observers, ten units, no missing values → α = 0.095
        let t = from_codes(
            &[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
            &[1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
        );
        close(t.alpha(), 0.095);
    }

    #[test]
    fn perfect_and_chance_agreement() {
        let t = from_codes(&[1, 0, 1, 0], &[1, 0, 1, 0]);
        close(t.kappa(), 1.0);
        close(t.alpha(), 1.0);
        close(t.f1(), 1.0);
        // independent coders: kappa 0
        let t = Table {
            both: 25,
            only_a: 25,
            only_b: 25,
            neither: 25,
        };
        close(t.kappa(), 0.0);
    }

    #[test]
    fn degenerate_themes_are_undefined_not_nan() {
        // a theme nobody coded
        let none = Table {
            both: 0,
            only_a: 0,
            only_b: 0,
            neither: 30,
        };
        assert_eq!(none.kappa(), None);
        assert_eq!(none.alpha(), None);
        assert_eq!(none.f1(), None);
        assert_eq!(none.precision(), None);
        close(none.percent_agreement(), 1.0);
        // a theme everybody coded
        let all = Table {
            both: 30,
            only_a: 0,
            only_b: 0,
            neither: 0,
        };
        assert_eq!(all.kappa(), None);
        assert_eq!(all.alpha(), None);
        close(all.f1(), 1.0);
        // empty
        assert_eq!(Table::default().kappa(), None);
        assert_eq!(Table::default().percent_agreement(), None);
    }

    #[test]
    fn precision_recall_f1() {
        let t = Table {
            both: 6,
            only_a: 2,
            only_b: 4,
            neither: 88,
        };
        close(t.precision(), 0.75);
        close(t.recall(), 0.6);
        close(t.f1(), 12.0 / 18.0);
        close(t.prevalence_a(), 0.08);
        close(t.prevalence_b(), 0.10);
    }
}

//! Counting a theme's agreement with the coders, and F1.

/// Agreement counts of one theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Coded by tally and the coder.
    pub agreed: u32,
    /// Coded by tally only (false hits).
    pub false_hits: u32,
    /// Coded by the coder only (misses).
    pub missed: u32,
}

impl Counts {
    /// Adds one response: tally's coding, the coder's.
    pub fn add(&mut self, tally: bool, coder: bool) {
        match (tally, coder) {
            (true, true) => self.agreed += 1,
            (true, false) => self.false_hits += 1,
            (false, true) => self.missed += 1,
            (false, false) => {}
        }
    }

    /// F1 (2·agreed / (2·agreed + false hits + misses)); `None` when neither coded anything.
    pub fn f1(&self) -> Option<f64> {
        let d = 2 * self.agreed + self.false_hits + self.missed;
        (d > 0).then(|| 2.0 * f64::from(self.agreed) / f64::from(d))
    }

    /// Sum of two.
    pub fn plus(self, o: Counts) -> Counts {
        Counts {
            agreed: self.agreed + o.agreed,
            false_hits: self.false_hits + o.false_hits,
            missed: self.missed + o.missed,
        }
    }
}

/// Mean F1 over the themes where it is defined (as `tally analyse`'s agreement table).
pub fn macro_f1(per_theme: &[Counts]) -> Option<f64> {
    let v: Vec<f64> = per_theme.iter().filter_map(Counts::f1).collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_and_macro() {
        let mut c = Counts::default();
        c.add(true, true);
        c.add(true, false);
        c.add(false, true);
        c.add(false, false);
        assert_eq!(c.f1(), Some(0.5));
        assert_eq!(Counts::default().f1(), None);
        assert_eq!(
            macro_f1(&[c, Counts::default(), Counts { agreed: 1, ..c }]),
            Some(0.5)
        );
    }
}

//! Drawing from an empirical distribution: values with counts, sampled in proportion.
//!
//! Values keep the order they were given in (callers pass a `BTreeMap`'s order or a fixed
//! one), so the same seed always draws the same values.

use rand::Rng;

/// Values, each drawn with probability proportional to its count.
#[derive(Debug, Clone)]
pub(crate) struct Categorical<T> {
    values: Vec<T>,
    /// Running totals of the counts: value `i` is drawn for `x` in `ends[i-1]..ends[i]`.
    ends: Vec<u64>,
}

impl<T> Categorical<T> {
    /// The distribution of `(value, count)` pairs, in their order; zero counts are dropped.
    pub(crate) fn from_counts(counts: impl IntoIterator<Item = (T, u64)>) -> Self {
        let mut values = Vec::new();
        let mut ends = Vec::new();
        let mut total = 0u64;
        for (value, count) in counts {
            if count > 0 {
                total += count;
                values.push(value);
                ends.push(total);
            }
        }
        Categorical { values, ends }
    }

    /// One value, or `None` for an empty distribution (which draws nothing from `rng`).
    pub(crate) fn sample<R: Rng>(&self, rng: &mut R) -> Option<&T> {
        let total = *self.ends.last()?;
        let x = rng.random_range(0..total);
        Some(&self.values[self.ends.partition_point(|&end| end <= x)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn draws_in_proportion_and_never_a_zero_count() {
        let d = Categorical::from_counts([("a", 1), ("never", 0), ("b", 3)]);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut b = 0;
        for _ in 0..10_000 {
            match *d.sample(&mut rng).unwrap() {
                "a" => {}
                "b" => b += 1,
                other => panic!("drew {other}"),
            }
        }
        assert!((7_000..8_000).contains(&b), "{b}");
    }

    #[test]
    fn empty_draws_nothing() {
        let d = Categorical::<u8>::from_counts([]);
        assert!(d.sample(&mut ChaCha8Rng::seed_from_u64(1)).is_none());
    }
}

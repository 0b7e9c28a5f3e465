//! Percentages (rounded half up) and the plain-English quantifier table.
//!
//! There is no official table; tally's is below, applied to the *rounded* percentage so the
//! words always agree with the number printed beside them. Every statement also shows the
//! count and base, so the words are never the only evidence.
//!
//! | rounded % | words |
//! |---|---|
//! | 0 (count 0) | no respondents |
//! | 0–4 (count > 0) | a few respondents |
//! | 5–8 | a small minority of respondents |
//! | 9–11 | around a tenth of respondents |
//! | 12–17 | some respondents |
//! | 18–22 | around a fifth of respondents |
//! | 23–28 | around a quarter of respondents |
//! | 29–37 | around a third of respondents |
//! | 38–43 | around two in five respondents |
//! | 44–49 | almost half of respondents |
//! | 50 | half of respondents |
//! | 51–55 | just over half of respondents |
//! | 56–62 | more than half of respondents |
//! | 63–70 | around two thirds of respondents |
//! | 71–79 | around three quarters of respondents |
//! | 80–89 | most respondents |
//! | 90–99 | almost all respondents |
//! | 100 | all respondents |

/// The quantifier table: (lowest rounded percentage, words). Rows are in increasing order;
/// a percentage takes the last row whose lower bound it reaches.
pub const QUANTIFIER_TABLE: &[(u32, &str)] = &[
    (0, "a few respondents"),
    (5, "a small minority of respondents"),
    (9, "around a tenth of respondents"),
    (12, "some respondents"),
    (18, "around a fifth of respondents"),
    (23, "around a quarter of respondents"),
    (29, "around a third of respondents"),
    (38, "around two in five respondents"),
    (44, "almost half of respondents"),
    (50, "half of respondents"),
    (51, "just over half of respondents"),
    (56, "more than half of respondents"),
    (63, "around two thirds of respondents"),
    (71, "around three quarters of respondents"),
    (80, "most respondents"),
    (90, "almost all respondents"),
    (100, "all respondents"),
];

/// `count / base` as a whole percentage, rounded half up (12.5 → 13); `None` when the base
/// is 0.
pub fn percent(count: u64, base: u64) -> Option<u32> {
    if base == 0 {
        return None;
    }
    let c = count as u128;
    let b = base as u128;
    Some(((200 * c + b) / (2 * b)) as u32)
}

/// The words for `count` of `base` respondents, e.g. "around a third of respondents".
pub fn quantifier(count: u64, base: u64) -> &'static str {
    if count == 0 {
        return "no respondents";
    }
    let Some(p) = percent(count, base) else {
        return "no respondents";
    };
    if p == 100 && count < base {
        return "almost all respondents"; // 99.5% and over rounds to 100 but is not all
    }
    QUANTIFIER_TABLE
        .iter()
        .rev()
        .find(|(low, _)| p >= *low)
        .map_or("a few respondents", |(_, w)| w)
}

/// `s` with its first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_not_to_even() {
        let check = |c, b, want| assert_eq!(percent(c, b), want, "{c}/{b}");
        check(1, 8, Some(13)); // 12.5
        check(3, 8, Some(38)); // 37.5
        check(1, 200, Some(1)); // 0.5
        check(1, 201, Some(0)); // 0.497…
        check(5, 40, Some(13)); // 12.5
        check(165, 1000, Some(17)); // 16.5
        check(0, 10, Some(0));
        check(10, 10, Some(100));
        check(1, 0, None);
    }

    #[test]
    fn quantifiers_at_their_boundaries() {
        let check = |c, b, want: &str| assert_eq!(quantifier(c, b), want, "{c}/{b}");
        check(0, 100, "no respondents");
        check(1, 1000, "a few respondents");
        check(4, 100, "a few respondents");
        check(5, 100, "a small minority of respondents");
        check(8, 100, "a small minority of respondents");
        check(9, 100, "around a tenth of respondents");
        check(11, 100, "around a tenth of respondents");
        check(12, 100, "some respondents");
        check(17, 100, "some respondents");
        check(18, 100, "around a fifth of respondents");
        check(23, 100, "around a quarter of respondents");
        check(28, 100, "around a quarter of respondents");
        check(29, 100, "around a third of respondents");
        check(37, 100, "around a third of respondents");
        check(38, 100, "around two in five respondents");
        check(43, 100, "around two in five respondents");
        check(44, 100, "almost half of respondents");
        check(49, 100, "almost half of respondents");
        check(50, 100, "half of respondents");
        check(199, 400, "half of respondents"); // 49.75 rounds to 50
        check(51, 100, "just over half of respondents");
        check(56, 100, "more than half of respondents");
        check(63, 100, "around two thirds of respondents");
        check(71, 100, "around three quarters of respondents");
        check(80, 100, "most respondents");
        check(89, 100, "most respondents");
        check(90, 100, "almost all respondents");
        check(999, 1000, "almost all respondents"); // rounds to 100, but not all
        check(10, 10, "all respondents");
    }

    #[test]
    fn capitalises() {
        assert_eq!(capitalise("most respondents"), "Most respondents");
        assert_eq!(capitalise(""), "");
    }
}

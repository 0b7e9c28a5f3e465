//! Light perturbation, so that generated answers are not all clean copies of the source:
//! typos, answers typed entirely in lower case, and missing apostrophes — the slips real
//! respondents make. Every edit works on whole characters, so the text stays valid UTF-8
//! whatever the script.

use rand::Rng;

/// Share of answers that get 1–3 typos.
const TYPO_RATE: f64 = 0.10;
/// Share of answers lower-cased entirely.
const LOWER_RATE: f64 = 0.05;
/// Share of answers with their apostrophes left out.
const NO_APOSTROPHE_RATE: f64 = 0.03;
/// Answers with fewer letters than this get no typos ("No" must not become "N").
const MIN_LETTERS_FOR_TYPO: usize = 4;

/// Perturbs one answer in place, drawing which slips it gets from `rng`. `letters` is a
/// scratch buffer reused across calls.
pub(crate) fn perturb<R: Rng>(text: &mut String, rng: &mut R, letters: &mut Vec<usize>) {
    if rng.random_bool(TYPO_RATE) {
        for _ in 0..rng.random_range(1..=3) {
            typo(text, rng, letters);
        }
    }
    if rng.random_bool(LOWER_RATE) {
        lower_case(text);
    }
    if rng.random_bool(NO_APOSTROPHE_RATE) {
        text.retain(|c| c != '\'' && c != '\u{2019}');
    }
}

/// Lower-cases the whole text.
pub(crate) fn lower_case(text: &mut String) {
    if text.is_ascii() {
        text.make_ascii_lowercase();
    } else {
        *text = text.to_lowercase();
    }
}

/// One typo at a random letter: two adjacent letters swapped, a letter dropped, or a letter
/// doubled. Texts with few letters are left alone.
pub(crate) fn typo<R: Rng>(text: &mut String, rng: &mut R, letters: &mut Vec<usize>) {
    letters.clear();
    letters.extend(
        text.char_indices()
            .filter(|(_, c)| c.is_alphabetic())
            .map(|(i, _)| i),
    );
    if letters.len() < MIN_LETTERS_FOR_TYPO {
        return;
    }
    let at = letters[rng.random_range(0..letters.len())];
    let kind = rng.random_range(0..3u8);
    apply(text, at, kind);
}

/// Applies typo `kind` (0 swap, 1 drop, 2 double) at the letter starting at byte `at`.
/// A swap with no different letter after it doubles instead.
fn apply(text: &mut String, at: usize, kind: u8) {
    let Some(c) = text[at..].chars().next() else {
        return;
    };
    let after = at + c.len_utf8();
    match kind {
        0 => match text[after..].chars().next() {
            Some(n) if n.is_alphabetic() && n != c => {
                let mut swapped = [0u8; 8];
                let len = n.encode_utf8(&mut swapped).len();
                let len = len + c.encode_utf8(&mut swapped[len..]).len();
                let swapped = std::str::from_utf8(&swapped[..len]).unwrap_or_default();
                text.replace_range(at..after + n.len_utf8(), swapped);
            }
            _ => text.insert(after, c),
        },
        1 => text.replace_range(at..after, ""),
        _ => text.insert(after, c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn check(text: &str, at: usize, kind: u8, expected: &str) {
        let mut s = text.to_string();
        apply(&mut s, at, kind);
        assert_eq!(s, expected, "{text} at {at} kind {kind}");
    }

    #[test]
    fn typos_work_on_whole_characters() {
        check("care", 1, 0, "crae");
        check("care", 1, 1, "cre");
        check("care", 1, 2, "caare");
        check("café", 2, 0, "caéf");
        check("café", 3, 1, "caf");
        check("café", 3, 2, "caféé");
        check("cafe.", 3, 0, "cafee."); // nothing to swap with: doubled
        check("keep", 1, 0, "keeep"); // swapping equal letters would change nothing
        check("naïve", 2, 0, "navïe");
    }

    #[test]
    fn perturbation_keeps_text_valid_and_short_answers_intact() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut letters = Vec::new();
        for _ in 0..2_000 {
            let mut s = String::from("Kinship carers’ needs — ça ne suffit pas. Don't wait");
            for _ in 0..3 {
                typo(&mut s, &mut rng, &mut letters);
            }
            perturb(&mut s, &mut rng, &mut letters);
            assert!(s.len() > 40);
            let mut short = String::from("No.");
            typo(&mut short, &mut rng, &mut letters);
            assert_eq!(short, "No.");
        }
    }
}

//! Free-text answers: the material of one question's text column and how a new answer is
//! made from it.
//!
//! A box is left blank at the source's rate. Otherwise the answer is, by weight, a whole
//! source answer (40), a mix of 1–6 sentences drawn from every source answer to the
//! question (45), or a long answer of 6–15 such sentences in paragraphs (5); then it is
//! lightly perturbed ([`crate::perturb`]). The weights are relative: they are the shares of
//! non-blank answers divided by their total, 90.

use rand::Rng;

use crate::categorical::Categorical;
use crate::perturb::perturb;

/// How a non-blank answer is made, with its relative weight.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// A whole source answer.
    Whole,
    /// 1–6 sentences from different answers.
    Mix,
    /// 6–15 sentences, in paragraphs of 3–5.
    Long,
}

const SHAPES: [(Shape, u64); 3] = [(Shape::Whole, 40), (Shape::Mix, 45), (Shape::Long, 5)];

/// The material of one free-text column.
#[derive(Debug)]
pub(crate) struct TextPool {
    /// Share of respondents who leave the box blank.
    blank_rate: f64,
    /// Every non-blank source answer (repeats kept, so common answers stay common).
    answers: Vec<Box<str>>,
    /// Every sentence of those answers, in order.
    sentences: Vec<Box<str>>,
    shapes: Categorical<Shape>,
}

impl TextPool {
    /// The pool of `answers` (non-blank) given that `blanks` other respondents left the
    /// box blank. Sentences are split with [`tally_text::sentences`].
    pub(crate) fn new(answers: Vec<&str>, blanks: u64) -> TextPool {
        let total = answers.len() as u64 + blanks;
        let blank_rate = if total == 0 {
            1.0
        } else {
            blanks as f64 / total as f64
        };
        let sentences = answers
            .iter()
            .flat_map(|a| tally_text::sentences(a).into_iter().map(|(s, e)| &a[s..e]))
            .map(Box::from)
            .collect();
        TextPool {
            blank_rate,
            answers: answers.into_iter().map(Box::from).collect(),
            sentences,
            shapes: Categorical::from_counts(SHAPES),
        }
    }

    /// Whether the source has no answer to draw from.
    pub(crate) fn is_empty(&self) -> bool {
        self.answers.is_empty() || self.sentences.is_empty()
    }

    /// Writes a new answer to `out` (which must be empty); leaves it empty for a blank box.
    pub(crate) fn write<R: Rng>(&self, rng: &mut R, out: &mut String, scratch: &mut Vec<usize>) {
        if self.is_empty() || rng.random_bool(self.blank_rate) {
            return;
        }
        match self.shapes.sample(rng) {
            Some(Shape::Whole) | None => {
                out.push_str(&self.answers[rng.random_range(0..self.answers.len())]);
            }
            Some(Shape::Mix) => {
                let n = rng.random_range(1..=6);
                self.push_sentences(rng, n, usize::MAX, out);
            }
            Some(Shape::Long) => {
                let n = rng.random_range(6..=15);
                let paragraph = rng.random_range(3..=5);
                self.push_sentences(rng, n, paragraph, out);
            }
        }
        perturb(out, rng, scratch);
    }

    /// Appends `n` random sentences, separated by a space, with a blank line after every
    /// `paragraph` sentences.
    pub(crate) fn push_sentences<R: Rng>(
        &self,
        rng: &mut R,
        n: usize,
        paragraph: usize,
        out: &mut String,
    ) {
        for i in 0..n {
            if i > 0 {
                out.push_str(if i % paragraph == 0 { "\n\n" } else { " " });
            }
            out.push_str(&self.sentences[rng.random_range(0..self.sentences.len())]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn answers_are_blank_at_the_source_rate_and_made_of_source_material() {
        let pool = TextPool::new(
            vec![
                "More respite. Fund it properly!",
                "No.",
                "Pay social workers more.",
            ],
            3,
        );
        assert_eq!(pool.sentences.len(), 4);
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let (mut blank, mut scratch, mut out) = (0, Vec::new(), String::new());
        for _ in 0..10_000 {
            out.clear();
            pool.write(&mut rng, &mut out, &mut scratch);
            if out.is_empty() {
                blank += 1;
            }
        }
        assert!((4_700..5_300).contains(&blank), "{blank}");
    }

    #[test]
    fn an_empty_pool_gives_blanks() {
        let pool = TextPool::new(vec![], 10);
        let mut out = String::new();
        pool.write(&mut ChaCha8Rng::seed_from_u64(1), &mut out, &mut Vec::new());
        assert!(pool.is_empty() && out.is_empty());
    }
}

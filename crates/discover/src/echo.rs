//! The question as reference: the words of a question's own text and of its closed
//! answers are what every answer to it may repeat ("Yes, kinship carers should receive an
//! allowance" to "Should kinship carers receive a financial allowance?"), so they are not a
//! theme of its answers. A phrase made only of such words (and stopwords) is not counted in
//! an answer to that question, and an answer with fewer than [`MIN_CONTENT_WORDS`] words of
//! its own — not stopwords, not echoing its question — is left out of the counts: "Yes",
//! "Agree", "Neutral", "Not sure", "Agree with the proposal".

use rustc_hash::{FxHashMap, FxHashSet};
use tally_text::{Analysis, Analyzer};

use crate::stopwords::Stopwords;

/// An answer needs at least this many content words to carry a theme: a subject and
/// something said about it ("better pay", "respite scarce"). One word is at most a topic
/// heading ("Funding"), and most one-word answers are a closed answer written out again.
pub(crate) const MIN_CONTENT_WORDS: usize = 2;

/// A question as asked: its text and closed answers are the reference its answers echo.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionText {
    /// Question id, as in [`crate::Input::question`].
    pub id: String,
    /// The question as asked.
    pub text: String,
    /// Its closed answers as spelt in the consultation ("Agree", "Don't know"), if any.
    pub answers: Vec<String>,
}

impl QuestionText {
    /// The consultation's questions as asked, with their closed answers, and its document
    /// question: the words every answer may echo.
    pub fn of_consultation(c: &tally_ingest::Consultation) -> Vec<QuestionText> {
        let mut out: Vec<QuestionText> = c
            .questions
            .iter()
            .map(|q| QuestionText {
                id: q.id.clone(),
                text: q.text.clone(),
                answers: q.answers.iter().map(|a| a.value.clone()).collect(),
            })
            .collect();
        out.push(QuestionText {
            id: c.document_question.clone(),
            text: c.document_question_text.clone(),
            answers: Vec::new(),
        });
        out
    }
}

/// Per question id, the stems of its text and closed answers (stopwords left out).
#[derive(Debug, Default)]
pub(crate) struct Echoes(FxHashMap<String, FxHashSet<String>>);

impl Echoes {
    /// The echo stems of each question.
    pub(crate) fn new(questions: &[QuestionText], analyzer: &Analyzer, stop: &Stopwords) -> Self {
        let mut analysis = Analysis::default();
        let mut map: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
        for q in questions {
            let set = map.entry(q.id.clone()).or_default();
            for text in std::iter::once(&q.text).chain(&q.answers) {
                analyzer.analyse(text, &mut analysis);
                for t in &analysis.tokens {
                    let norm = analysis.norm(t);
                    if !stop.contains(norm) {
                        set.insert(analyzer.stem(norm).into_owned());
                    }
                }
            }
        }
        Echoes(map)
    }

    /// The echo stems of answers to `question` (empty for a question not given).
    pub(crate) fn of(&self, question: &str) -> &FxHashSet<String> {
        static NONE: std::sync::OnceLock<FxHashSet<String>> = std::sync::OnceLock::new();
        self.0
            .get(question)
            .unwrap_or_else(|| NONE.get_or_init(FxHashSet::default))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ngrams::Words;

    fn content(question: &QuestionText, answer: &str) -> (usize, Vec<String>) {
        let an = Analyzer::new();
        let stop = Stopwords::english();
        let echoes = Echoes::new(std::slice::from_ref(question), &an, &stop);
        let mut a = Analysis::default();
        an.analyse(answer, &mut a);
        let w = Words::new(&an, &a, &stop, echoes.of(&question.id));
        let mut keys = Vec::new();
        for r in w.by_sentence.clone() {
            w.phrases(r, |k, _| keys.push(k.to_string()));
        }
        (w.content_words(), keys)
    }

    fn q3() -> QuestionText {
        QuestionText {
            id: "Q3".into(),
            text: "Should kinship carers receive a financial allowance?".into(),
            answers: vec!["Yes".into(), "No".into(), "Don't know".into()],
        }
    }

    #[test]
    fn bare_closed_answers_and_echoes_are_too_short() {
        for answer in [
            "Yes",
            "yes.",
            "Don't know",
            "Yes, kinship carers should receive it",
        ] {
            assert!(content(&q3(), answer).0 < MIN_CONTENT_WORDS, "{answer}");
        }
        let agree = QuestionText {
            id: "Q1".into(),
            text: "Do you agree with a single Family Help service?".into(),
            answers: vec!["Agree".into(), "Neutral".into(), "Disagree".into()],
        };
        for answer in [
            "Agree",
            "Neutral.",
            "Strongly agree",
            "I agree with the proposal",
        ] {
            // "strongly" and "proposal" are one word of its own each: still under two
            assert!(content(&agree, answer).0 < MIN_CONTENT_WORDS, "{answer}");
        }
    }

    #[test]
    fn an_answer_with_words_of_its_own_is_kept_without_its_echo_phrases() {
        let (n, keys) = content(&q3(), "Yes. Kinship carers face poverty and give up work.");
        assert!(n >= MIN_CONTENT_WORDS);
        assert!(keys.iter().any(|k| k == "poverti"), "{keys:?}");
        assert!(keys.iter().any(|k| k == "carer face poverti"), "{keys:?}");
        // made only of the question's words: not counted
        assert!(!keys.iter().any(|k| k == "kinship carer" || k == "kinship"));
        assert!(!keys.iter().any(|k| k == "yes"));
    }

    #[test]
    fn other_questions_words_are_not_echoes() {
        let (_, keys) = content(
            &QuestionText {
                id: "Q2".into(),
                text: "What more should be done for disabled children?".into(),
                answers: Vec::new(),
            },
            "Kinship carers need an allowance.",
        );
        assert!(keys.iter().any(|k| k == "kinship carer"), "{keys:?}");
    }
}

//! The questions a consultation declares, as the aggregator counts them ([`QuestionInfo`]).

use tally_ingest::{ClosedShape, Consultation};

use crate::{ClosedKind, QuestionInfo};

impl QuestionInfo {
    /// The consultation's questions in order, then its document question (letters and
    /// emails), which has no closed part.
    pub fn of_consultation(c: &Consultation) -> Vec<QuestionInfo> {
        let mut questions: Vec<QuestionInfo> = c
            .questions
            .iter()
            .map(|q| QuestionInfo {
                id: q.id.clone(),
                text: q.text.clone(),
                answers: q
                    .answers
                    .iter()
                    .map(|a| (a.value.clone(), a.verb.clone()))
                    .collect(),
                closed: ClosedKind::of_shape(&q.shape),
            })
            .collect();
        questions.push(QuestionInfo {
            id: c.document_question.clone(),
            text: c.document_question_text.clone(),
            answers: Vec::new(),
            closed: ClosedKind::Single,
        });
        questions
    }
}

impl ClosedKind {
    /// How a question's closed part is counted, from the shape ingest reads it in.
    pub fn of_shape(shape: &ClosedShape) -> ClosedKind {
        match shape {
            ClosedShape::Single => ClosedKind::Single,
            ClosedShape::Separated { .. } | ClosedShape::OptionColumns(_) => ClosedKind::Multi,
            ClosedShape::Grid(items) => {
                ClosedKind::Grid(items.iter().map(|i| i.label.clone()).collect())
            }
        }
    }
}

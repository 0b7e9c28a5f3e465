//! Quote selection, all of it: where a quote starts and ends and how informative it is
//! (`span.rs`), how strong the evidence it rests on is (`strength.rs`), the candidates a
//! coded response offers (`candidates.rs`), and which of them each theme shows
//! (`select.rs`). The report stage only renders the quotes chosen here.

mod candidates;
mod select;
mod span;
mod strength;

pub use candidates::{quote_candidates, quote_candidates_for, quote_candidates_in, QuoteCandidate};
pub(crate) use select::QuoteCells;
pub use span::{quote_span, quote_span_in, score_quote, QuoteSpan};
pub use strength::{strength, STRONG, WEAK, WORDS};

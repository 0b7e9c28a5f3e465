//! Text analysis for tally: words with byte offsets into the original text, normalised
//! forms for matching, English stems, and sentence boundaries.
//!
//! The chain is split → normalise → stem, configured once in an [`Analyzer`] and reused for
//! every response. Normalising rewrites a token's *text*, never its offsets: every
//! [`Token`] carries the byte range of exactly what the respondent wrote, so evidence spans
//! and quotes built from tokens are always slices of the original.
//!
//! ```
//! use tally_text::{Analyzer, Analysis};
//!
//! let analyzer = Analyzer::new();
//! let mut out = Analysis::default();
//! let text = "Councils can’t fund Café services.";
//! analyzer.analyse(text, &mut out);
//! let words: Vec<&str> = out.tokens.iter().map(|t| out.norm(t)).collect();
//! assert_eq!(words, ["councils", "cant", "fund", "cafe", "services"]);
//! let t = &out.tokens[1];
//! assert_eq!(&text[t.start as usize..t.end as usize], "can’t");
//! assert_eq!(analyzer.stem("councils"), "council");
//! ```
#![deny(missing_docs)]

mod analysis;
mod ascii;
pub mod bytemask;
mod classes;
mod normalise;
mod sentences;
mod stem;
mod words;

pub use analysis::{Analysis, Analyzer, Token};
pub use ascii::ascii_letter_counts;
pub use normalise::Normaliser;
pub use sentences::{sentences, sentences_into};
pub use stem::Stemmer;
pub use words::{is_apostrophe, word_count, word_spans};

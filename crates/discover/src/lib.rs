//! Theme discovery: candidate themes the codebook does not have yet, found in the
//! **residue** of the coding — the answers no theme was coded in, and the sentences of coded
//! answers that no evidence span covers.
//!
//! The method, with every parameter fixed once, on principle (never tuned to a theme):
//! 1. Each response is coded with the codebook ([`tally_code::Matcher`]); its sentences
//!    (tally-text's splitter) are **coded text** when an evidence span overlaps them, else
//!    **residue** (all of an answer with no theme is residue).
//! 2. What can never be a theme is left out of both, by rule from its structure: a letter's
//!    header block and sign-off (module `furniture`), organised-campaign copies, counted once in
//!    their template (module `copies`), and, for each answer, the words of the question it
//!    answers: a phrase made only of them is not counted, and an answer with fewer than two
//!    words of its own is left out (module `echo`).
//! 3. Phrases are 1–3-word n-grams of stems (tally-text's normaliser and stemmer) inside one
//!    clause; an n-gram that starts or ends with an English stopword (NLTK's list, so none is
//!    stopword-only), or holds a word of one character or without a letter, is dropped.
//! 4. The unit is the sentence: each phrase's respondents in residue sentences and in
//!    covered sentences (once per respondent on each side) against the number of residue
//!    and covered sentences, scored by Dunning's log-likelihood G² on that 2×2 table
//!    ([`keyness`]); phrases used relatively more in the residue, by at least
//!    [`Options::min_respondents`] respondents, with G² ≥ 10.83 (p < 0.001 on one degree of
//!    freedom) are kept, the [`Options::max_phrases`] strongest.
//! 5. Phrases are grouped by co-occurrence in the same answers: average-link agglomerative
//!    clustering on the Jaccard overlap of the residue answers using them, merging while
//!    the best pair's average overlap is at least [`Options::link`] ([`group`]).
//! 6. Each group is a candidate theme; those raised by at least [`Options::min_share`] of
//!    the respondents are ranked by how many respondents raise them (summed G² breaks
//!    ties), each with its key phrases, three representative residue sentences (redacted)
//!    and a draft codebook stanza ([`stanza`]).
//!
//! Everything is ordered by value and then by text, so the same inputs give the same bytes.
#![deny(missing_docs)]

mod copies;
mod discover;
mod echo;
mod furniture;
pub mod group;
pub mod keyness;
mod ngrams;
mod quotes;
mod render;
mod residue;
pub mod stanza;
mod stopwords;

pub use discover::{discover, Candidate, Discovery, Input, Options, Phrase, Quote};
pub use echo::QuestionText;

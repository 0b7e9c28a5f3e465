//! Theme coding: the analysts' codebook (TOML), its checker, and the compiled matcher.
//!
//! A [`Codebook`] is parsed and checked once ([`Codebook::parse`] reports every error with
//! its line and theme), compiled into one [`Matcher`] — a token-id trie over stems and
//! globs plus one `RegexSet` — and then run on every response through a per-thread
//! [`Scratch`]. Coding a response yields the themes it raises, each with evidence spans
//! that are byte ranges of the original text.
//!
//! ```
//! use tally_code::{Codebook, Matcher, Scratch};
//!
//! let src = r#"
//! name = "demo"
//! [[themes]]
//! id = "funding"
//! label = "More funding needed"
//! [[themes.rules]]
//! match = ["fund", "underfund*", "more money"]
//! "#;
//! let book = Codebook::parse(src, "codebook.toml").unwrap();
//! let matcher = Matcher::compile(&book).unwrap();
//! let mut scratch = Scratch::default();
//! let text = "Services are underfunded and we need more money.";
//! let hits = matcher.code(&mut scratch, "Q6", text);
//! assert_eq!(hits.len(), 1);
//! let spans: Vec<&str> = hits[0].evidence.iter().map(|e| &text[e.start as usize..e.end as usize]).collect();
//! assert_eq!(spans, ["underfunded", "more money"]);
//! // negation: a cue shortly before, or "… is not the issue" after, cancels a match
//! assert!(matcher.code(&mut scratch, "Q6", "Funding is not the issue here.").is_empty());
//! ```
#![deny(missing_docs)]

mod codebook;
mod coding;
mod error;
mod hot;
mod loosen;
mod matcher;
mod negation;
mod propernoun;
mod regexset;
mod single;
mod term;
mod trie;

pub use codebook::{Codebook, Rule, RuleKind, Theme};
pub use coding::{Evidence, ModelScore, ThemeHit, MODEL_RULE, NO_PATTERN, REVIEW_RULE};
pub use error::CodebookError;
pub use matcher::{Matcher, Scratch};
pub use single::keep_best;

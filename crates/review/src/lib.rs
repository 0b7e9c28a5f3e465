//! Review: how far the automatic coding agrees with people, and the files reviewers use.
//!
//! - [`GoldSet`]: a human-coded sample (`response_id, question, respondent_type, text`, then
//!   one column per theme, `1` when coded, and the `inclusion_probability` of each response
//!   when `tally review sample` drew it).
//! - [`stats`]: Cohen's kappa, Krippendorff's alpha (nominal), precision, recall, F1 from a
//!   2×2 table, each `None` where the statistic is undefined (e.g. a theme nobody coded).
//! - [`Agreement`]: per-theme comparison of two codings over the items both cover, with
//!   micro and macro averages and every disagreement, rendered as Markdown or JSON;
//!   [`agreements`]: every comparison of a run (tally against each sample, then each pair
//!   of samples), for `tally analyse` and `tally agree` alike.
//! - [`Decisions`]: a reviewer's accept / reject / add decisions, from a JSON file or from the
//!   `decision` column of a coded-responses sheet (`coded.csv` / `coded.xlsx`;
//!   [`parse_decision_cell`] reads a cell).
//!
//! ```
//! use tally_review::stats::Table;
//! // Cohen's classic example: 20 both yes, 5 and 10 disagreements, 15 both no
//! let t = Table { both: 20, only_a: 5, only_b: 10, neither: 15 };
//! assert!((t.kappa().unwrap() - 0.4).abs() < 1e-9);
//! ```
#![deny(missing_docs)]

mod agreement;
mod agreements;
mod cell;
mod decisions;
mod estimates;
mod gold;
pub mod keys;
mod sample;
mod sheet;
pub mod stats;

pub use agreement::{Agreement, Coding, Disagreement, EvidenceTexts, ThemeAgreement};
pub use agreements::{agreements, TALLY};
pub use cell::{format_decision, parse_decision_cell, CellDecision, ReviewCells};
pub use decisions::{
    decisions_schema, Decision, Decisions, DecisionsError, DecisionsFile, Verdict,
};
pub use estimates::{cell_estimates, Observed, ObservedMap, NO_OVERALL_ESTIMATE};
pub use gold::{GoldError, GoldItem, GoldSet, INCLUSION_PROBABILITY};
pub use sample::{stratified_sample, write_sample_csv, Candidate, Drawn};
pub use sheet::{unneutralise, CODED_COLUMNS, CODED_SHEET};

//! Organised campaigns: many respondents sending the same template, verbatim or lightly
//! edited, sometimes with a paragraph of their own. UK practice is to identify them and report
//! them separately (or count each once), analysing variants that add their own text in full.
//!
//! Detection, per question, in one streaming pass ([`Detector::add`] then
//! [`Detector::finish`]), in time linear in the number of responses:
//! - a response's **words** are normalised (case, accents, apostrophes, punctuation ignored);
//!   responses under [`MIN_WORDS`] words are not considered ("Agree.", "N/A" repeat without
//!   being a campaign);
//! - its **shingles** are the runs of 3 consecutive words, each hashed once (xxh3); a
//!   MinHash signature of 36 values is derived by 36 multiply-add permutations of those hashes;
//! - **LSH**: the signature is cut into 6 bands of 6 values; two responses whose band agrees
//!   are joined (union-find). The chance two responses are joined rises steeply around a
//!   Jaccard similarity of their shingle sets of about 0.74 (≈ 0.99 at 0.9, 0.84 at 0.8, 0.09
//!   at 0.5); exact duplicates (after normalisation) are always joined;
//! - groups of at least [`MIN_MEMBERS`] responses are **campaigns**. The **template** is the
//!   most frequent exact text among the members (ties: the earliest), its first sender the
//!   template response. A member is a **variant** when it is at least 30% and 15 words longer
//!   than the template (it adds text of its own), otherwise a **copy**.
//!
//! Memory: the first response with each distinct text keeps 72 bytes (its key, exact-text
//! hash, length and group link, and its 6 band hashes) and a slot in the exact-text table;
//! a later response with the same exact words keeps 12 (its key and that first response's
//! number), whatever bands its signature carries. Not the text. [`Detector::add`] skips the
//! MinHash of a text already seen. At the end the bands are sorted and joined one band at a
//! time. The result keeps 4 bytes per response, up to the last campaign member, for its
//! membership (keys are input positions).
//!
//! In parallel: a shared [`Signer`] signs responses on any thread (always with bands: it
//! does not know what was inserted), and one [`Detector`] inserts the signatures in input
//! order on a thread of its own, [`Detector::insert`] then [`Detector::finish`] (which
//! groups the questions in parallel). The campaigns found are the same as with
//! [`Detector::add`] (tested).
//!
//! ```
//! use tally_campaign::{Detector, Role};
//! let template = "Please cap caseloads at a safe level, introduce a national pay scale, and restore the funding the review asked for.";
//! let mut d = Detector::new();
//! for i in 0..6 {
//!     d.add(i, "Q5", template);
//! }
//! d.add(6, "Q5", "Caseloads are unmanageable in my team and two colleagues left this month.");
//! let found = d.finish();
//! assert_eq!(found.campaigns.len(), 1);
//! assert_eq!(found.campaigns[0].members, 6);
//! assert_eq!(found.role(0).map(|m| m.role), Some(Role::Template));
//! assert_eq!(found.role(3).map(|m| m.role), Some(Role::Copy));
//! assert!(found.role(6).is_none());
//! ```
#![deny(missing_docs)]

mod detect;

pub use detect::{
    Campaign, Campaigns, Detector, Membership, Role, Signature, Signer, MIN_MEMBERS, MIN_WORDS,
};

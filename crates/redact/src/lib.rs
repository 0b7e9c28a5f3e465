//! Personal-data redaction for anything tally publishes (quotes in summary.md and the
//! like). Finds emails (also with "(at)" and "dot" written out), URLs with personal paths,
//! UK phone numbers, UK postcodes, National Insurance and NHS numbers, dates of birth,
//! street addresses and flats, case and reference numbers, and personal names, and replaces
//! each with a typed placeholder: `[email]`, `[url]`, `[phone]`, `[postcode]`,
//! `[ni-number]`, `[nhs-number]`, `[date]`, `[address]`, `[name]`, `[reference]`.
//!
//! Everything is found in any case: real free text is often all lower case or all capitals.
//! Names have no reliable list, so they are found by context, documented and tested:
//! - capitalised names in context, by pattern (`patterns.rs`): a title ("Mr Hughes"), a
//!   relative or role ("my son Callum"), "called"/"named"/"known as", a full name before an
//!   age ("Kayden Morris, aged 9"), a name alone on the line after a sign-off; only the
//!   words that are not ordinary words are kept ("My Son Callum Has Autism");
//! - names in any case, word by word (`names.rs`): after a cue ("my name is …", "regards,
//!   …", "made by …", "I, …,"), and a listed given name with the word after it unless that
//!   word is a frequent English word ("michael evans", not "michael said").
//!
//! - names standing alone on a line in letters and emails (`letters.rs`): the display
//!   names of `From:`/`To:`/`Cc:`/`Reply-To:` headers and the name lines of a signature
//!   block, a second signatory's too; role and organisation lines are kept.
//!
//! The word lists are in `lists/` (`word_lists.rs` reads them). Places and organisations
//! ("Kent County Council", "Working Together") and ordinary words in capitals ("I'm Really
//! Worried") are left alone.
//!
//! ```
//! use tally_redact::Redactor;
//! let r = Redactor::new();
//! let out = r.redact("Call me on 07700 900481 or email jo.bloggs@example.com, my son Callum (NE6 5XY).");
//! assert_eq!(out.text, "Call me on [phone] or email [email], my son [name] ([postcode]).");
//! assert_eq!(out.found.len(), 4);
//! ```
#![deny(missing_docs)]

mod bytemask;
mod checks;
mod gate;
mod letters;
mod name_gate;
mod names;
mod patterns;
mod word_lists;

pub use patterns::{Kind, Redacted, Redactor, Span};

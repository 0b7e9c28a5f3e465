//! Personal-data redaction for anything tally publishes (quotes in summary.md and the
//! like). Finds emails, UK phone numbers, UK postcodes, National Insurance numbers, dates
//! of birth, URLs with personal paths, and personal names, and replaces each with a typed
//! placeholder: `[email]`, `[phone]`, `[postcode]`, `[ni-number]`, `[date]`, `[url]`,
//! `[name]`, `[address]`.
//!
//! Names have no reliable list, so they are found by context, documented and tested:
//! - a title and a capitalised word: "Mr Hughes", "Dr. Patel", "Cllr Ann Lee";
//! - a relative or role introduced with a capitalised name: "my son Callum", "our
//!   granddaughter Mia-Rose", "a boy called Tyler", "named Kayden Morris";
//! - self-introductions: "I'm Janet Morrow", "my name is Deborah Fennimore-Hale";
//! - sign-offs: a capitalised two- or three-word name alone on a line after "Yours
//!   sincerely", "Kind regards", "Best wishes", "Thanks" …;
//! - a capitalised first name and surname followed by a comma and an age or "aged N";
//! - a common given name (a built-in list, see `first_names.rs`), with the capitalised
//!   word after it if any: "Kayden Morris".
//!
//! Street addresses ("14 Orchard Row") become `[address]`.
//!
//! Places and organisations ("Kent County Council", "Working Together") are left alone:
//! a capitalised pair is only a name in one of the contexts above.
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
mod names;
mod patterns;
mod word_lists;

pub use patterns::{Kind, Redacted, Redactor, Span};

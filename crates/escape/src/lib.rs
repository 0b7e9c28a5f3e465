//! Text from input (responses, ids, respondent types, file names, codebook and
//! consultation texts) made safe for the format it is published in, so that nothing a
//! respondent or a file wrote becomes markup, a formula or a control sequence in tally's
//! outputs.
//!
//! - [`controls`]: control characters removed (C0 but for line feed, DEL, C1); a tab
//!   becomes a space, a carriage return a line feed (or, on one line, a space).
//! - [`markdown`], [`markdown_line`], [`code_span`]: text as Markdown that renders as the
//!   text itself: no HTML, no heading, list, table, link, image or emphasis of its own.
//! - [`html`]: text as HTML text or a quoted attribute value: no tag, entity or attribute
//!   of its own.
//! - [`neutralise_cell`], [`cell`]: a spreadsheet cell that a spreadsheet shows as text
//!   instead of running as a formula.
//! - [`html`], [`script_json`]: HTML element content or attribute values, and JSON inside a
//!   `<script>` element.
//!
//! XML needs no more than the XML writer's escaping, plus the removal of what XML 1.0
//! cannot carry (done where XML is written, in tally-qdpx).
//!
//! ```
//! use tally_escape::{cell, code_span, markdown_line};
//! assert_eq!(markdown_line("<b>Parent</b>\n# carer"), r"\<b\>Parent\</b\> \# carer");
//! assert_eq!(code_span("R`1"), "``R`1``");
//! assert_eq!(cell(" =1+1\u{7}"), "' =1+1");
//! ```
#![deny(missing_docs)]

mod cells;
mod controls;
mod html;
mod markdown;

pub use cells::{cell, neutralise_cell};
pub use controls::controls;
pub use html::{html, script_json};
pub use markdown::{code_span, markdown, markdown_line};

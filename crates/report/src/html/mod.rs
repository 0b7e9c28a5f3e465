//! `report.html`: the summary as one self-contained web page, with charts.
//!
//! The page makes no network request at all: its CSS and JavaScript are inline (written for
//! this page: `style.css`, `script.js`), its charts are inline SVG drawn by tally, and a
//! Content-Security-Policy meta tag (`default-src 'none'`) makes the browser refuse anything
//! else. It opens from disk, offline, and personal data never leaves the machine.
//!
//! The numbers and sentences come from the same [`Summary`] and the same functions as
//! summary.md's (a test checks every theme's count, base and percent agree). Text from input
//! is escaped for HTML ([`tally_escape::html`]) or, in sentences shared with summary.md, for
//! Markdown and then rendered with raw HTML turned into text.
//!
//! Layout follows a GOV.UK statistics page: the GOV.UK Design System's type scale and
//! colours (text #0b0c0c, links and bars #1d70b8, focus #ffdd00), with a system font stack
//! because "GDS Transport" is licensed for GOV.UK domains only and is not available offline.
//! It works at 320 px wide and in print.

mod charts;
mod page;
mod prose;

use std::fmt::Write;

use tally_aggregate::Summary;
use tally_escape::html;

pub use page::{CAMPAIGNS_SHOWN, QUOTES_PER_THEME};

use crate::SummaryMeta;

/// The page's Content-Security-Policy: nothing is loaded from anywhere; inline styles and
/// scripts run, images only from `data:` URLs.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// Renders report.html from the run's summary and the same facts summary.md states.
pub fn render_report(summary: &Summary, meta: &SummaryMeta) -> String {
    let mode = meta.campaigns_mode.as_str();
    let title = format!("{}: summary of responses", meta.title);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head>\n<body>\
         <a class=\"skip\" href=\"#main\">Skip to main content</a>\
         <header class=\"masthead\"><div class=\"wrap\"><p class=\"caption\">Consultation analysis</p>\
         <h1>{}</h1></div></header><main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n",
        html(&title),
        html(&title)
    );
    out.push_str(&prose::prose(&crate::markdown::intro(summary, meta)));
    page::contents(&mut out, summary, meta);
    page::campaigns(&mut out, summary, mode);
    page::overall(&mut out, summary, mode);
    for qi in 0..summary.questions.len() {
        if crate::markdown::answered(&summary.questions[qi]) {
            out.push('\n');
            page::question(&mut out, summary, qi, mode);
        }
    }
    out.push('\n');
    about(&mut out, summary);
    appendices(&mut out, summary, meta);
    let _ = writeln!(
        out,
        "</main><footer class=\"foot\"><div class=\"wrap\"><p>Produced by tally {} · codebook {} · \
         this page loads nothing from the network.</p></div></footer><script>{SCRIPT}</script></body></html>",
        html(&meta.version),
        html(&meta.codebook)
    );
    out
}

/// The method section: what the page shows and the caps that bound its size.
fn about(out: &mut String, summary: &Summary) {
    let _ = write!(
        out,
        "<section id=\"about-this-report\"><h2>About this report: method and caps</h2>\
         <p>This page shows the same figures as <code>summary.md</code>, computed once from the \
         same run. Themes are found by the codebook's rules; every count can be checked in \
         <code>audit.jsonl</code> down to the character. Each chart states its numbers in its \
         label, and the same numbers are in the table behind its “Show table” toggle.</p>\
         <p>In tables by respondent type, a count or base below {small} is greyed and shown as \
         “fewer than {small}”. Each theme shows at most {q} quotes (the run's <code>--quotes</code> \
         setting, capped at {q} here so the page stays small for any number of respondents); the \
         others are in <code>audit.jsonl</code> and <code>coded.csv</code>. At most {c} organised \
         campaigns are described (the largest); <code>summary.md</code> describes them all.</p></section>",
        small = summary.small_cell,
        q = QUOTES_PER_THEME,
        c = CAMPAIGNS_SHOWN
    );
}

/// The agreement appendix and the estimates appendix, when the run has them.
fn appendices(out: &mut String, summary: &Summary, meta: &SummaryMeta) {
    if let Some(appendix) = &meta.appendix {
        let _ = write!(
            out,
            "<section id=\"appendix-agreement-with-human-coders\"><h2>Appendix: agreement with human coders</h2>{}</section>",
            prose::prose(appendix)
        );
    }
    if let Some(e) = crate::estimates::appendix(summary) {
        let h = crate::estimates::APPENDIX;
        let body = e.strip_prefix(&format!("## {h}\n\n")).unwrap_or(&e);
        let _ = write!(
            out,
            "<section id=\"{}\"><h2>{}</h2>{}</section>",
            crate::markdown::anchor(h),
            html(h),
            prose::prose(body)
        );
    }
}

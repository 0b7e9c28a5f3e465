//! Writes review.html: a fixed HTML shell with the page's own CSS and script inline, and
//! the run's items as JSON in a `<script type="application/json">` element that the script
//! renders from (as text: no input ever becomes markup). The Content-Security-Policy allows
//! nothing but the inline style and script and `data:` images, so the page makes no
//! network request.

use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};
use tally_aggregate::Summary;
use tally_review::Decision;

use super::items::{PageItem, ReviewItems};
use super::spans::MAX_TEXT_BYTES;
use crate::{RunManifest, UnmatchedDecision};

const CSS: &str = include_str!("review.css");
const JS: &str = include_str!("review.js");

/// The page's Content-Security-Policy.
pub const REVIEW_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// What the page says about the run, besides its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPageMeta {
    /// The consultation's title.
    pub title: String,
    /// Keys the browser's saved decisions to this codebook and input (see
    /// [`ReviewPageMeta::of`]).
    pub run_key: String,
    /// Theme (id, label), in codebook order.
    pub themes: Vec<(String, String)>,
    /// Question (id, text), in the summary's order.
    pub questions: Vec<(String, String)>,
    /// The decisions file this run applied, if any.
    pub review_file: Option<String>,
    /// Decisions of that file that matched nothing.
    pub unmatched: Vec<UnmatchedDecision>,
}

impl ReviewPageMeta {
    /// The page's facts from the run's summary and manifest. The run key is the first 16
    /// hex digits of the SHA-256 of the codebook's and every input file's SHA-256: two
    /// consultations, or two codebooks, never share the decisions a browser keeps, while
    /// re-runs of the same input (with new decisions) do.
    pub fn of(title: &str, summary: &Summary, manifest: &RunManifest) -> Self {
        let mut key = Sha256::new();
        key.update(manifest.codebook.sha256.as_bytes());
        for f in &manifest.files {
            key.update(b"\n");
            key.update(f.sha256.as_bytes());
        }
        let run_key = key.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        ReviewPageMeta {
            title: title.to_string(),
            run_key,
            themes: summary
                .themes
                .iter()
                .map(|(id, label, _)| (id.clone(), label.clone()))
                .collect(),
            questions: summary
                .questions
                .iter()
                .map(|q| (q.id.clone(), q.text.clone()))
                .collect(),
            review_file: manifest.review.as_ref().map(|r| r.path.clone()),
            unmatched: manifest
                .review
                .as_ref()
                .map(|r| r.unmatched.clone())
                .unwrap_or_default(),
        }
    }
}

#[derive(Serialize)]
struct Theme<'a> {
    id: &'a str,
    label: &'a str,
    total: u64,
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    text: &'a str,
}

/// The JSON the page's script reads.
#[derive(Serialize)]
struct PageData<'a> {
    run: &'a str,
    cap: usize,
    themes: Vec<Theme<'a>>,
    none_total: u64,
    questions: Vec<Question<'a>>,
    rules: &'a [String],
    items: &'a [PageItem],
    applied: &'a [Decision],
    unmatched: &'a [UnmatchedDecision],
    review_file: Option<&'a str>,
}

fn data_json(items: &ReviewItems, meta: &ReviewPageMeta) -> serde_json::Result<String> {
    let totals = items.totals();
    let data = PageData {
        run: &meta.run_key,
        cap: items.per_theme(),
        themes: meta
            .themes
            .iter()
            .enumerate()
            .map(|(i, (id, label))| Theme {
                id,
                label,
                total: totals.get(i).copied().unwrap_or(0),
            })
            .collect(),
        none_total: totals.last().copied().unwrap_or(0),
        questions: meta
            .questions
            .iter()
            .map(|(id, text)| Question { id, text })
            .collect(),
        rules: items.rules(),
        items: items.items(),
        applied: items.applied(),
        unmatched: &meta.unmatched,
        review_file: meta.review_file.as_deref(),
    };
    serde_json::to_string(&data)
}

/// Writes review.html for `items` and `meta` to `w`.
pub fn write_review_page(
    items: &ReviewItems,
    meta: &ReviewPageMeta,
    w: &mut dyn Write,
) -> io::Result<()> {
    let json = data_json(items, meta).map_err(io::Error::other)?;
    let title = tally_escape::html(&meta.title);
    let cap = items.per_theme();
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{REVIEW_CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <title>Review codings: {title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#items\">Skip to the codings</a>\n\
         <header class=\"top\"><h1>Review codings <span class=\"sub\">{title}</span></h1>\n\
         <p class=\"lede\">Accept or reject each coding, or add a theme a response raises. Your \
         decisions stay in this browser until you export them as <code>decisions.json</code> \
         and re-run <code>tally analyse --review decisions.json</code>. This page embeds at \
         most {cap} responses per theme (the first in input order; every response with a \
         decision already applied is included too) and the first {MAX_TEXT_BYTES} bytes of \
         each text; coded.csv has them all. Personal data is replaced by placeholders such \
         as [name].</p>\n\
         <p class=\"keys\">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous coding, \
         <kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>u</kbd> undo.</p></header>\n\
         <noscript><p>This page needs JavaScript (it runs only in this page; nothing is \
         sent anywhere).</p></noscript>\n\
         <div id=\"app\"></div>\n\
         <script type=\"application/json\" id=\"tally-data\">{}</script>\n\
         <script>\n{JS}</script>\n</body>\n</html>\n",
        tally_escape::script_json(&json),
    )
}

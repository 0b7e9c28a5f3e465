//! Rendering the error-corrected estimates (issue 21): their sentence in summary.md, their
//! columns in themes.csv, their record in run.json and the appendix that explains them.
//!
//! Wording: the coder's count is stated as before, then the corrected estimate with its 95%
//! interval. The quantifier words ("around a tenth") follow the estimate when there is one
//! and its interval is at most 20 points wide; when it is wider the estimate is too unsure
//! to carry the words, so they follow the count as before and the sentence says how many
//! more responses a reviewer should hand-code.

use std::fmt::Write;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tally_aggregate::{
    capitalise, share_percent, share_tenths, CellEstimate, Estimates, Summary, ThemeResult,
};

use crate::markdown::{headline_figure, n, share};
// the reasons and warnings name question ids and gold files, which come from the input
use tally_escape::markdown_line as md;

/// The corrected estimates of one question, as run.json records them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionEstimateEntry {
    /// Question id.
    pub question: String,
    /// Hand-coded responses to the question among the respondents the headline counts.
    pub sample_size: u64,
    /// Interval methods used in the question's cells (`ppi-normal`, `ppi-wilson`, `census`).
    pub methods: Vec<String>,
    /// Warnings about the sample, e.g. responses without an inclusion probability.
    pub warnings: Vec<String>,
    /// Why the question has no estimate (null when it has them).
    pub no_estimate: Option<String>,
}

/// Error-corrected estimates in the run (present when the consultation has human-coded
/// samples).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimatesEntry {
    /// The estimator (see docs/estimates.md).
    pub estimator: String,
    /// Why there is no estimate across all questions.
    pub overall_no_estimate: Option<String>,
    /// Per question.
    pub questions: Vec<QuestionEstimateEntry>,
}

/// run.json's record of the estimates; `None` when the run had no human-coded samples.
pub fn estimates_entry(e: &Estimates) -> Option<EstimatesEntry> {
    e.sampled.then(|| EstimatesEntry {
        estimator: "prediction-powered (difference) estimator, weighted by 1/inclusion probability; docs/estimates.md".into(),
        overall_no_estimate: e.overall_none_because.clone(),
        questions: e
            .questions
            .iter()
            .map(|q| QuestionEstimateEntry {
                question: q.question.clone(),
                sample_size: q.sample_size as u64,
                methods: q.methods.clone(),
                warnings: q.warnings.clone(),
                no_estimate: q.none_because.clone(),
            })
            .collect(),
    })
}

/// themes.csv's `estimate, ci_low, ci_high, method` for one row (empty when none).
pub(crate) fn estimate_fields(e: Option<&CellEstimate>) -> [String; 4] {
    match e {
        None => Default::default(),
        Some(e) => [
            share_tenths(e.share),
            share_tenths(e.low),
            share_tenths(e.high),
            e.method.clone(),
        ],
    }
}

/// The estimate that stands beside the headline figure of theme `t` of question `q`.
fn headline_estimate<'a>(
    summary: &'a Summary,
    q: usize,
    t: &ThemeResult,
    mode: &str,
) -> Option<&'a CellEstimate> {
    let e = summary.estimates.theme(q, t.theme)?;
    if mode == "all" {
        e.total.as_ref()
    } else {
        e.main.as_ref()
    }
}

/// A theme's line in a question's list (without its number): the count as before, then the
/// corrected estimate when there is one.
pub(crate) fn theme_line(summary: &Summary, q: usize, t: &ThemeResult, mode: &str) -> String {
    let statement = tally_escape::markdown_line(&summary.themes[t.theme].2);
    let Some(e) = headline_estimate(summary, q, t, mode) else {
        return format!("**{} {statement}.**", headline_figure(t, mode));
    };
    let measured = format!(
        "correcting for coding error measured on {} hand-coded responses",
        n(e.sample_size as u64)
    );
    let interval = format!(
        "{}% (95% interval {}–{}%)",
        e.percent(),
        share_percent(e.low),
        share_percent(e.high)
    );
    if let Some(more) = e.further_needed {
        return format!(
            "**{} {statement}**; {measured} gives {interval}, but that sample is too small to be \
             sure: hand-coding about {} more responses to this question would narrow the \
             interval to 20 points.",
            headline_figure(t, mode),
            n(more)
        );
    }
    // the words follow the estimate; the figure in brackets is the coder's count
    let h = if mode == "all" { t.total } else { t.main };
    let mut counted = format!(
        "coder's count {}, {} of {}",
        share(&h),
        n(h.count),
        n(h.base)
    );
    if h != t.total {
        let _ = write!(
            counted,
            "; {} of {} counting every response, campaign copies included",
            n(t.total.count),
            n(t.total.base)
        );
    }
    format!(
        "**{} ({counted}) {statement}**; {measured}, the estimate is {interval}.",
        capitalise(e.quantifier())
    )
}

/// What summary.md says under a question's base about its estimates: why there are none,
/// and any warning about the sample.
pub(crate) fn question_notes(summary: &Summary, q: usize) -> String {
    let mut out = String::new();
    let Some(e) = summary.estimates.question(q) else {
        return out;
    };
    if let Some(why) = &e.none_because {
        let _ = writeln!(out, "*Not corrected for coding error: {}.*\n", md(why));
    }
    for w in &e.warnings {
        let _ = writeln!(out, "*Warning: {}.*\n", md(w));
    }
    out
}

/// A paragraph for "how to read this summary", when the counts are corrected.
pub(crate) fn reading_note(summary: &Summary) -> String {
    if !summary.estimates.sampled {
        return String::new();
    }
    format!(
        "**Corrected for coding error.** People hand-coded a random sample of the answers, which \
         measures how far tally's automatic coding over- or under-counts each theme. In each \
         question a theme's count by tally (\"coder's count\") is followed by the count corrected \
         for that error, with a 95% interval, and the words (\"around a tenth\") then follow the \
         corrected estimate; where the sample is too small to be sure the summary says so. See \
         [{APPENDIX}](#{}).\n\n",
        crate::markdown::anchor(APPENDIX)
    )
}

/// What summary.md says under the across-all-questions base.
pub(crate) fn overall_note(summary: &Summary) -> String {
    match &summary.estimates.overall_none_because {
        Some(why) if summary.estimates.sampled => {
            format!("*Not corrected for coding error: {}.*\n\n", md(why))
        }
        _ => String::new(),
    }
}

/// The appendix heading, for the contents list and the section.
pub(crate) const APPENDIX: &str = "Appendix: correcting the counts for coding error";

/// The appendix explaining the estimates to a policy reader, when there are any.
pub(crate) fn appendix(summary: &Summary) -> Option<String> {
    let e = &summary.estimates;
    if !e.sampled {
        return None;
    }
    let mut out = format!("## {APPENDIX}\n\n");
    out.push_str(
        "tally codes every response automatically, and an automatic coder makes mistakes: it misses \
         some responses that raise a theme and counts some that do not. People hand-coded a random \
         sample of the responses; comparing them with tally on that sample shows how far, and in which \
         direction, tally's count of each theme is off, and tally takes that error out of its count. \
         The corrected estimate is the share tally found, plus the share of the sample where tally \
         missed the theme, minus the share where it wrongly added it (each hand-coded response weighted \
         by how likely it was to be drawn). Because the correction is measured on a sample it is \
         uncertain, and each estimate comes with a 95% interval: intervals made this way contain the \
         true share 95 times in 100. An interval wider than 20 percentage points is too wide to be a \
         finding; the summary then says how many more responses a reviewer should hand-code. Words such \
         as \"around a tenth\" follow the corrected estimate when its interval is narrower than that. \
         Estimates for respondent types are in `themes.csv` (columns `estimate`, `ci_low`, `ci_high`, \
         `method`), suppressed for small cells like the counts. The method (the prediction-powered or \
         difference estimator) and its coverage tests are described in tally's `docs/estimates.md`.\n\n",
    );
    out.push_str(
        "| question | hand-coded responses | interval method | notes |\n|---|---|---|---|\n",
    );
    for q in &e.questions {
        let notes: Vec<&str> = q
            .none_because
            .iter()
            .chain(&q.warnings)
            .map(String::as_str)
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&q.question),
            n(q.sample_size as u64),
            if q.methods.is_empty() {
                "–".to_string()
            } else {
                q.methods.join(", ")
            },
            md(&notes.join("; "))
        );
    }
    if let Some(why) = &e.overall_none_because {
        let _ = writeln!(
            out,
            "\nAcross all questions: no estimate, because {}.",
            md(why)
        );
    }
    Some(out)
}

//! The sections of report.html: the intro and contents, the campaigns, across all
//! questions, one section per question (closed answers, then themes with their chart, ranked
//! list, quotes and heat table), and the appendices. Sentences come from the summary.md
//! renderer (through [`prose`]); charts and tables are drawn from the same [`Summary`].

use std::fmt::Write;

use tally_aggregate::{ClosedKind, QuestionSummary, Summary, ThemeResult};
use tally_escape::html;

use super::charts::{bar_chart, heat_table, stacked_chart, Bar};
use super::prose::prose;
use crate::markdown::{
    anchor, answered, base_line, breakdown_note, campaigns_section_capped, closed_part, headline,
    not_raised, ranked, section_bases, share, theme_rows,
};
use crate::SummaryMeta;

/// Campaigns described at most (the largest); the page names how many more there are.
pub const CAMPAIGNS_SHOWN: usize = 50;

/// Quotes shown per theme at most, whatever the run's `--quotes` (the size bound of
/// report.html: README states it).
pub const QUOTES_PER_THEME: usize = 5;

/// A question's heading text (its id and text, one line) and its anchor: the same as
/// summary.md's.
pub(crate) fn question_heading(q: &QuestionSummary) -> (String, String) {
    let h = tally_escape::controls(&format!("{}. {}", q.id, q.text), false).into_owned();
    let a = anchor(&h);
    (h, a)
}

/// The contents list.
pub(crate) fn contents(out: &mut String, summary: &Summary, meta: &SummaryMeta) {
    out.push_str(
        "<nav class=\"contents\" aria-labelledby=\"contents\"><h2 id=\"contents\">Contents</h2><ol>",
    );
    let mut item = |href: &str, text: &str| {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            html(href),
            html(text)
        );
    };
    if !summary.campaigns.is_empty() {
        item("organised-campaigns", "Organised campaigns");
    }
    item("across-all-questions", "Across all questions");
    for q in summary.questions.iter().filter(|q| answered(q)) {
        let (h, a) = question_heading(q);
        item(&a, &h);
    }
    item("about-this-report", "About this report: method and caps");
    if meta.appendix.is_some() {
        item(
            "appendix-agreement-with-human-coders",
            "Appendix: agreement with human coders",
        );
    }
    if summary.estimates.sampled {
        let h = crate::estimates::APPENDIX;
        item(&anchor(h), h);
    }
    out.push_str("</ol></nav>");
}

/// The campaigns section (when there are campaigns).
pub(crate) fn campaigns(out: &mut String, summary: &Summary, mode: &str) {
    let mut md = String::new();
    campaigns_section_capped(&mut md, summary, mode, CAMPAIGNS_SHOWN);
    let hidden = summary.campaigns.len().saturating_sub(CAMPAIGNS_SHOWN);
    if hidden > 0 {
        let mut sizes: Vec<u64> = summary
            .campaigns
            .iter()
            .map(|c| c.campaign.members)
            .collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        let rest: u64 = sizes[CAMPAIGNS_SHOWN..].iter().sum();
        let _ = writeln!(
            md,
            "The {CAMPAIGNS_SHOWN} largest campaigns are described above; the other {} ({} \
             responses) are described in `summary.md` and listed in `run.json`.\n",
            crate::markdown::n(hidden as u64),
            crate::markdown::n(rest)
        );
    }
    if md.is_empty() {
        return;
    }
    // the section's own heading is written here, with its anchor
    let body = md.strip_prefix("## Organised campaigns\n\n").unwrap_or(&md);
    let _ = write!(
        out,
        "<section id=\"organised-campaigns\"><h2>Organised campaigns</h2>{}</section>",
        prose(body)
    );
}

/// The bars of a list of ranked themes, with their estimates in question `q` (if any).
fn bars<'a>(
    summary: &'a Summary,
    themes: &[&'a ThemeResult],
    q: Option<usize>,
    mode: &str,
) -> Vec<Bar<'a>> {
    themes
        .iter()
        .map(|t| {
            let h = headline(t, mode);
            let estimate = q
                .and_then(|q| summary.estimates.theme(q, t.theme))
                .and_then(|e| {
                    if mode == "all" {
                        e.total.as_ref()
                    } else {
                        e.main.as_ref()
                    }
                });
            Bar {
                id: &summary.themes[t.theme].0,
                label: &summary.themes[t.theme].1,
                count: h.count,
                base: h.base,
                estimate,
            }
        })
        .collect()
}

/// Across all questions: base, chart, ranked statements, the heat table.
pub(crate) fn overall(out: &mut String, summary: &Summary, mode: &str) {
    let o = &summary.overall;
    let _ = write!(
        out,
        "<section id=\"across-all-questions\" data-question=\"all\"><h2>Across all questions</h2>{}{}",
        prose(&base_line(
            o.main_base,
            o.base,
            mode,
            "respondents who gave at least one free-text answer or letter"
        )),
        prose(&crate::estimates::overall_note(summary))
    );
    let ranked_all = ranked(&o.themes, mode);
    if !ranked_all.is_empty() {
        bar_chart(
            out,
            "Themes raised anywhere, ranked by respondents raising them",
            &bars(summary, &ranked_all, None, mode),
        );
    }
    out.push_str("<ol class=\"themes\">");
    for t in &ranked_all {
        let line = format!(
            "{} {}.",
            crate::markdown::headline_figure(t, mode),
            tally_escape::markdown_line(&summary.themes[t.theme].2)
        );
        let _ = write!(out, "<li>{}</li>", inline(&line));
    }
    out.push_str("</ol>");
    let mut rest = String::new();
    not_raised(&mut rest, summary, &o.themes);
    out.push_str(&prose(&rest));
    let (bases, base) = section_bases(
        (&o.main_base_by_type, o.main_base),
        (&o.base_by_type, o.base),
        mode,
    );
    let caption = format!(
        "By respondent type: respondents raising each theme anywhere{}",
        breakdown_note(o.main_base, o.base, mode)
    );
    heat_table(
        out,
        summary,
        &caption,
        "Theme",
        &theme_rows(summary, &ranked_all, mode),
        bases,
        base,
    );
    out.push_str("</section>");
}

/// A Markdown line as inline HTML (without the paragraph around it).
fn inline(md: &str) -> String {
    let p = prose(md);
    p.trim_end()
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .map_or(p.clone(), str::to_owned)
}

/// One question's section.
pub(crate) fn question(out: &mut String, summary: &Summary, qi: usize, mode: &str) {
    let q = &summary.questions[qi];
    let (h, a) = question_heading(q);
    let _ = write!(
        out,
        "<section id=\"{}\" data-question=\"{}\"><h2>{}</h2>",
        html(&a),
        html(&q.id),
        html(&h)
    );
    let mut closed = String::new();
    closed_part(&mut closed, summary, q);
    if !closed.is_empty() {
        // the Markdown table by type becomes the chart's table; the sentences stay
        let sentences: String = closed
            .lines()
            .filter(|l| !l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        out.push_str(&prose(&sentences));
        match &q.closed_kind {
            ClosedKind::Single => stacked_chart(
                out,
                summary,
                &format!("Answers to question {}, by respondent type", q.id),
                &q.closed,
            ),
            _ => out.push_str(&prose(&closed_tables(&closed))),
        }
    }
    if q.base > 0 {
        themes(out, summary, qi, mode);
    }
    out.push_str("</section>");
}

/// The tables of a closed part in Markdown (a multi-select's or a grid's), kept as tables.
fn closed_tables(md: &str) -> String {
    md.lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A question's themes: base, notes, chart, ranked statements with quotes, the heat table.
fn themes(out: &mut String, summary: &Summary, qi: usize, mode: &str) {
    let q = &summary.questions[qi];
    let what = if q.closed.is_empty() {
        "answers"
    } else {
        "explanations"
    };
    let _ = write!(
        out,
        "<h3>Themes in the {what}</h3>{}{}",
        prose(&base_line(
            q.main_base,
            q.base,
            mode,
            "respondents who gave a free-text answer"
        )),
        prose(&crate::estimates::question_notes(summary, qi))
    );
    let ranked_q = ranked(&q.themes, mode);
    if ranked_q.is_empty() {
        out.push_str("<p>No theme of the codebook was found in these answers.</p>");
    } else {
        bar_chart(
            out,
            &format!("Themes in the {what} to question {}, ranked", q.id),
            &bars(summary, &ranked_q, Some(qi), mode),
        );
    }
    out.push_str("<ol class=\"themes\">");
    for t in &ranked_q {
        let line = crate::estimates::theme_line(summary, qi, t, mode);
        let _ = write!(out, "<li><p>{}</p>", inline(&line));
        quotes(out, t);
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    let none = if mode == "all" {
        q.no_theme
    } else {
        q.main_no_theme
    };
    if !ranked_q.is_empty() && none.count > 0 {
        let _ = write!(
            out,
            "<p>{} {} ({}) raised none of the themes.</p>",
            crate::markdown::n(none.count),
            if none.count == 1 { "answer" } else { "answers" },
            html(&share(&none))
        );
    }
    let mut rest = String::new();
    not_raised(&mut rest, summary, &q.themes);
    out.push_str(&prose(&rest));
    if !ranked_q.is_empty() {
        let (bases, base) = section_bases(
            (&q.main_base_by_type, q.main_base),
            (&q.base_by_type, q.base),
            mode,
        );
        let caption = format!(
            "Question {} by respondent type{}",
            q.id,
            breakdown_note(q.main_base, q.base, mode)
        );
        heat_table(
            out,
            summary,
            &caption,
            "Theme",
            &theme_rows(summary, &ranked_q, mode),
            bases,
            base,
        );
    }
}

/// A theme's quotes (at most [`QUOTES_PER_THEME`]), each attributed.
fn quotes(out: &mut String, t: &ThemeResult) {
    for quote in t.quotes.iter().take(QUOTES_PER_THEME) {
        let text = format!(
            "{}{}{}",
            if quote.trimmed_start { "…" } else { "" },
            quote.text.trim(),
            if quote.trimmed_end { "…" } else { "" }
        );
        let _ = write!(
            out,
            "<blockquote><p>{}</p><footer>— {}, <code>{}</code></footer></blockquote>",
            html(&text),
            html(&quote.respondent_type),
            html(&quote.response_id)
        );
    }
}

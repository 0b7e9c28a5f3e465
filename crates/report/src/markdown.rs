//! `summary.md`: the report a policy team reads. Per question: the closed-question result,
//! then the themes ranked by how many raised them, each as a headline statement with count,
//! base and percentage, its quotes (attributed to a respondent type and response id), and
//! a breakdown by respondent type with small cells shown as "fewer than N".
//!
//! Text from input is escaped for Markdown where it enters ([`tally_escape`]): it renders
//! as itself, never as HTML, a heading, a link, a table cell boundary or a broken code
//! span, and carries no control characters.

use std::fmt::Write;

pub(crate) mod closed;

use tally_aggregate::{capitalise, Cell, QuestionSummary, Summary, ThemeResult};
// everything from input (responses, ids, types, answers, file names, codebook and
// consultation texts) goes through these on its way in (issue 19)
use tally_escape::{code_span, markdown, markdown_line as md};

/// What the summary says about the run besides the numbers.
#[derive(Debug, Clone, Default)]
pub struct SummaryMeta {
    /// Consultation title.
    pub title: String,
    /// The question id letters and emails are filed under (the consultation's
    /// `[documents] question`): its base is the letters counted in the opening line.
    pub document_question: String,
    /// tally's version.
    pub version: String,
    /// Codebook name.
    pub codebook: String,
    /// Codebook SHA-256 (hex).
    pub codebook_sha256: String,
    /// Closed answers read.
    pub closed_answers: u64,
    /// Problems to show: (file, line, reason), at most a screenful.
    pub problems: Vec<(String, Option<u64>, String)>,
    /// All problems (skips and warnings).
    pub problem_total: u64,
    /// How campaigns count in headlines: "separate", "once" or "all".
    pub campaigns_mode: String,
    /// A sentence about review decisions applied, if any.
    pub review: Option<String>,
    /// An extra section (Markdown) appended at the end, e.g. agreement with human coders.
    pub appendix: Option<String>,
}

pub(crate) fn n(x: u64) -> String {
    let s = x.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// "Around a third of respondents (33%, 155 of 471)".
fn figure(cell: &Cell) -> String {
    capitalise(&figure_lower(cell))
}

/// A cell's share as printed: "33%"; "<1%" for a non-zero share that rounds to 0, ">99%"
/// for a share short of all that rounds to 100; "–" for an empty base.
pub(crate) fn share(cell: &Cell) -> String {
    match cell.percent() {
        None => "–".into(),
        Some(0) if cell.count > 0 => "<1%".into(),
        Some(100) if cell.count < cell.base => ">99%".into(),
        Some(p) => format!("{p}%"),
    }
}

/// "around a third of respondents (33%, 155 of 471)".
fn figure_lower(cell: &Cell) -> String {
    let p = share(cell);
    format!(
        "{} ({p}, {} of {})",
        cell.quantifier(),
        n(cell.count),
        n(cell.base)
    )
}

pub(crate) fn breakdown_cell(cell: &Cell, small: u64) -> String {
    if cell.base == 0 {
        "–".into()
    } else if cell.is_small(small) {
        format!("fewer than {small}")
    } else {
        format!("{} ({})", n(cell.count), share(cell))
    }
}

/// The cell a headline states: every response, or campaign copies counted once or apart.
pub(crate) fn headline(t: &ThemeResult, mode: &str) -> Cell {
    if mode == "all" {
        t.total
    } else {
        t.main
    }
}

pub(crate) fn ranked<'a>(themes: &'a [ThemeResult], mode: &str) -> Vec<&'a ThemeResult> {
    let mut v: Vec<&ThemeResult> = themes.iter().filter(|t| t.total.count > 0).collect();
    v.sort_by(|a, b| {
        headline(b, mode)
            .count
            .cmp(&headline(a, mode).count)
            .then(b.total.count.cmp(&a.total.count))
            .then(a.theme.cmp(&b.theme))
    });
    v
}

/// The headline figure, with the all-responses figure beside it when campaigns changed it.
pub(crate) fn headline_figure(t: &ThemeResult, mode: &str) -> String {
    let h = headline(t, mode);
    let mut s = figure(&h);
    if h != t.total {
        s.push_str(&format!(
            " [{} of {} counting every response, campaign copies included]",
            n(t.total.count),
            n(t.total.base)
        ));
    }
    s
}

pub(crate) fn base_line(main: u64, all: u64, mode: &str, what: &str) -> String {
    if mode == "all" || main == all {
        format!("Base: {} {what}.", n(all))
    } else {
        format!(
            "Base: {} {what}, campaign copies {} ({} in all; see [Organised campaigns](#organised-campaigns)).",
            n(main),
            if mode == "once" { "counted once" } else { "reported separately" },
            n(all)
        )
    }
}

pub(crate) fn anchor(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() {
                Some(c)
            } else if c == ' ' || c == '-' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

fn table(
    out: &mut String,
    summary: &Summary,
    rows: &[(String, Vec<Cell>, Cell)],
    bases: &[u64],
    base_total: u64,
) {
    let types: Vec<(usize, &String)> = summary
        .types
        .iter()
        .enumerate()
        .filter(|(i, _)| bases[*i] > 0)
        .collect();
    let _ = write!(out, "| | All |");
    for (_, t) in &types {
        let _ = write!(out, " {} |", md(t));
    }
    let _ = write!(out, "\n|---|---|");
    for _ in &types {
        out.push_str("---|");
    }
    let _ = write!(out, "\n| *Base* | {} |", n(base_total));
    for (i, _) in &types {
        let _ = write!(out, " {} |", n(bases[*i]));
    }
    out.push('\n');
    for (label, cells, total) in rows {
        let _ = write!(
            out,
            "| {} | {} ({}) |",
            md(label),
            n(total.count),
            share(total)
        );
        for (i, _) in &types {
            let _ = write!(out, " {} |", breakdown_cell(&cells[*i], summary.small_cell));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// The breakdown table's rows, counted as the headlines are (one base per section).
pub(crate) fn theme_rows(
    summary: &Summary,
    themes: &[&ThemeResult],
    mode: &str,
) -> Vec<(String, Vec<Cell>, Cell)> {
    themes
        .iter()
        .map(|t| {
            let by_type = if mode == "all" {
                &t.by_type
            } else {
                &t.main_by_type
            };
            (
                summary.themes[t.theme].1.clone(),
                by_type.clone(),
                headline(t, mode),
            )
        })
        .collect()
}

/// A section's bases by type and in all, counted as its headlines are.
pub(crate) fn section_bases<'a>(
    main: (&'a [u64], u64),
    all: (&'a [u64], u64),
    mode: &str,
) -> (&'a [u64], u64) {
    if mode == "all" {
        all
    } else {
        main
    }
}

/// What the breakdown table counts, when campaign copies change it.
pub(crate) fn breakdown_note(main: u64, all: u64, mode: &str) -> &'static str {
    match mode {
        _ if main == all || mode == "all" => "",
        "once" => ", campaign copies counted once as in the headlines",
        _ => ", campaign copies left out as in the headlines",
    }
}

pub(crate) fn quote_block(out: &mut String, q: &tally_aggregate::Quote) {
    let mut text = String::new();
    if q.trimmed_start {
        text.push('…');
    }
    text.push_str(q.text.trim());
    if q.trimmed_end {
        text.push('…');
    }
    for line in markdown(&text).lines() {
        let _ = writeln!(out, "   > {}", line.trim_end());
    }
    let _ = writeln!(
        out,
        "   >\n   > — {}, {}",
        md(&q.respondent_type),
        code_span(&q.response_id)
    );
}

/// What summary.md (and report.html) says before the contents: where the figures come from,
/// how to read them, the review and the input problems (Markdown).
pub(crate) fn intro(summary: &Summary, meta: &SummaryMeta) -> String {
    let mut out = String::new();
    let letters: u64 = summary
        .questions
        .iter()
        .filter(|q| q.closed.is_empty() && q.id == meta.document_question)
        .map(|q| q.base)
        .sum();
    let _ = writeln!(
        out,
        "Produced by tally {} from {} respondents: {} free-text answers{} and {} answers to closed questions. \
         Codebook: {} (SHA-256 `{}`).\n",
        meta.version,
        n(summary.respondents),
        n(summary.responses),
        if letters > 0 { format!(" (including {} letters and emails)", n(letters)) } else { String::new() },
        n(meta.closed_answers),
        md(&meta.codebook),
        &meta.codebook_sha256.get(..12).unwrap_or(&meta.codebook_sha256),
    );
    let _ = writeln!(
        out,
        "**How to read this summary.** Every figure states its base: the respondents who answered that \
         question, or for *Across all questions* every respondent who gave any free-text answer or letter. \
         Percentages are rounded half up; a share below 0.5% is shown as \"<1%\", never 0% beside a count. Words such as \"around a third\" follow the quantifier table in \
         tally's README and always stand beside the count and base. In breakdowns by respondent type, a \
         count or base below {} is shown as \"fewer than {}\". Quotes are verbatim extracts, attributed to a \
         respondent type and a response id that locates them in `audit.jsonl`; a theme is counted when the \
         codebook's rules find it, and every count can be checked there down to the character.\n",
        summary.small_cell, summary.small_cell
    );
    out.push_str(&crate::estimates::reading_note(summary));
    if let Some(review) = &meta.review {
        let _ = writeln!(out, "{review}\n");
    }
    if meta.problem_total > 0 {
        let _ = writeln!(out, "**Input problems: {}.** Rows or files that could not be read are listed in `run.json`; the first are:\n", n(meta.problem_total));
        for (file, line, reason) in &meta.problems {
            let at = line.map_or(String::new(), |l| format!(":{l}"));
            let _ = writeln!(
                out,
                "- {}: {}",
                code_span(&format!("{file}{at}")),
                md(reason)
            );
        }
        out.push('\n');
    }
    out
}

/// Renders summary.md.
pub fn render_summary(summary: &Summary, meta: &SummaryMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: summary of responses\n", md(&meta.title));
    out.push_str(&intro(summary, meta));
    let mode = meta.campaigns_mode.as_str();
    out.push_str("## Contents\n\n");
    if !summary.campaigns.is_empty() {
        out.push_str("- [Organised campaigns](#organised-campaigns)\n");
    }
    out.push_str("- [Across all questions](#across-all-questions)\n");
    for q in summary.questions.iter().filter(|q| answered(q)) {
        // the anchor of the heading as rendered: control characters gone, line ends spaces
        let h = tally_escape::controls(&format!("{}. {}", q.id, q.text), false).into_owned();
        let _ = writeln!(out, "- [{}](#{})", md(&h), anchor(&h));
    }
    if meta.appendix.is_some() {
        out.push_str(
            "- [Appendix: agreement with human coders](#appendix-agreement-with-human-coders)\n",
        );
    }
    let estimates_appendix = crate::estimates::appendix(summary);
    if estimates_appendix.is_some() {
        let h = crate::estimates::APPENDIX;
        let _ = writeln!(out, "- [{h}](#{})", anchor(h));
    }
    out.push('\n');

    campaigns_section(&mut out, summary, mode);
    // across all questions
    let o = &summary.overall;
    let _ = writeln!(
        out,
        "## Across all questions\n\n{}\n",
        base_line(
            o.main_base,
            o.base,
            mode,
            "respondents who gave at least one free-text answer or letter"
        )
    );
    out.push_str(&crate::estimates::overall_note(summary));
    let ranked_all = ranked(&o.themes, mode);
    for (i, t) in ranked_all.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} {}.",
            i + 1,
            headline_figure(t, mode),
            md(&summary.themes[t.theme].2)
        );
    }
    not_raised(&mut out, summary, &o.themes);
    let _ = writeln!(
        out,
        "\n**By respondent type** (respondents raising each theme anywhere{}):\n",
        breakdown_note(o.main_base, o.base, mode)
    );
    let (bases, base) = section_bases(
        (&o.main_base_by_type, o.main_base),
        (&o.base_by_type, o.base),
        mode,
    );
    table(
        &mut out,
        summary,
        &theme_rows(summary, &ranked_all, mode),
        bases,
        base,
    );

    for (qi, q) in summary.questions.iter().enumerate() {
        if !answered(q) {
            continue;
        }
        let _ = writeln!(out, "## {}. {}\n", md(&q.id), md(&q.text));
        closed_part(&mut out, summary, q);
        if q.base > 0 {
            themes_section(&mut out, summary, q, qi, mode);
        }
    }
    if let Some(appendix) = &meta.appendix {
        out.push_str("## Appendix: agreement with human coders\n\n");
        out.push_str(appendix);
        if !appendix.ends_with('\n') {
            out.push('\n');
        }
    }
    if let Some(e) = estimates_appendix {
        out.push('\n');
        out.push_str(&e);
    }
    out
}

/// A question's closed part: the answers' figures and their table by respondent type
/// (nothing for an open question).
pub(crate) fn closed_part(out: &mut String, summary: &Summary, q: &QuestionSummary) {
    if closed::shaped_section(out, summary, q) {
    } else if !q.closed.is_empty() {
        let closed_base = q.closed.first().map_or(0, |a| a.total.base);
        let _ = writeln!(
            out,
            "### Answers\n\nBase: {} respondents who answered the closed question.{}\n",
            n(closed_base),
            closed::blank_note(q)
        );
        let parts: Vec<String> = q
            .closed
            .iter()
            .map(|a| format!("{} {}", figure_lower(&a.total), md(&a.verb)))
            .collect();
        let sentence = match parts.len() {
            0 => String::new(),
            1 => parts[0].clone(),
            _ => format!(
                "{} and {}",
                parts[..parts.len() - 1].join(", "),
                parts[parts.len() - 1]
            ),
        };
        let _ = writeln!(out, "{}.\n", capitalise(&sentence));
        let rows: Vec<(String, Vec<Cell>, Cell)> = q
            .closed
            .iter()
            .map(|a| (a.answer.clone(), a.by_type.clone(), a.total))
            .collect();
        let bases: Vec<u64> = (0..summary.types.len())
            .map(|i| q.closed.first().map_or(0, |a| a.by_type[i].base))
            .collect();
        table(out, summary, &rows, &bases, closed_base);
    }
}

/// A question's themes: the base, the ranked headlines with their quotes, the answers that
/// raised none, the themes not raised (of those the codebook can raise there) and the
/// breakdown by type.
fn themes_section(out: &mut String, summary: &Summary, q: &QuestionSummary, qi: usize, mode: &str) {
    let what = if q.closed.is_empty() {
        "answers"
    } else {
        "explanations"
    };
    let _ = writeln!(
        out,
        "### Themes in the {what}\n\n{}\n",
        base_line(
            q.main_base,
            q.base,
            mode,
            "respondents who gave a free-text answer"
        )
    );
    out.push_str(&crate::estimates::question_notes(summary, qi));
    let ranked_q = ranked(&q.themes, mode);
    if ranked_q.is_empty() {
        out.push_str("No theme of the codebook was found in these answers.\n\n");
    }
    for (i, t) in ranked_q.iter().enumerate() {
        let line = crate::estimates::theme_line(summary, qi, t, mode);
        let _ = writeln!(out, "{}. {line}", i + 1);
        for quote in &t.quotes {
            out.push('\n');
            quote_block(out, quote);
        }
        out.push('\n');
    }
    let none = if mode == "all" {
        q.no_theme
    } else {
        q.main_no_theme
    };
    if !ranked_q.is_empty() && none.count > 0 {
        let _ = writeln!(
            out,
            "{} {} ({}) raised none of the themes.",
            n(none.count),
            if none.count == 1 { "answer" } else { "answers" },
            share(&none)
        );
    }
    not_raised(out, summary, &q.themes);
    if !ranked_q.is_empty() {
        let _ = writeln!(
            out,
            "\n**By respondent type{}:**\n",
            breakdown_note(q.main_base, q.base, mode)
        );
        let (bases, base) = section_bases(
            (&q.main_base_by_type, q.main_base),
            (&q.base_by_type, q.base),
            mode,
        );
        table(
            out,
            summary,
            &theme_rows(summary, &ranked_q, mode),
            bases,
            base,
        );
    }
}

pub(crate) fn campaigns_section(out: &mut String, summary: &Summary, mode: &str) {
    campaigns_section_capped(out, summary, mode, usize::MAX);
}

/// The campaigns section with at most `cap` campaigns described: the largest (by
/// responses; the earlier first among equals), in their usual order.
pub(crate) fn campaigns_section_capped(
    out: &mut String,
    summary: &Summary,
    mode: &str,
    cap: usize,
) {
    if summary.campaigns.is_empty() {
        return;
    }
    let mut by_size: Vec<usize> = (0..summary.campaigns.len()).collect();
    by_size.sort_by_key(|&i| (std::cmp::Reverse(summary.campaigns[i].campaign.members), i));
    let mut shown = vec![false; summary.campaigns.len()];
    for &i in by_size.iter().take(cap) {
        shown[i] = true;
    }
    let members: u64 = summary.campaigns.iter().map(|c| c.campaign.members).sum();
    let _ = writeln!(
        out,
        "## Organised campaigns\n\n{} responses came from {} organised campaign{}: the same template sent by many \
         respondents, verbatim or lightly edited (near-duplicates of one another: about three quarters or more of their \
         word triples shared), to one question. {} Variants that add text of their own are analysed in full. Every \
         campaign response is still coded and listed in `audit.jsonl` with its campaign.\n",
        n(members),
        summary.campaigns.len(),
        if summary.campaigns.len() == 1 { "" } else { "s" },
        match mode {
            "all" => "In this report every response counts in the figures, campaign copies included.",
            "once" => "In the figures below each campaign counts once, through its template; the copies do not.",
            _ => "In the figures below campaign copies are left out and reported here instead.",
        }
    );
    for summarised in summary
        .campaigns
        .iter()
        .zip(&shown)
        .filter_map(|(c, &s)| s.then_some(c))
    {
        let c = &summarised.campaign;
        let types: Vec<String> = summary
            .types
            .iter()
            .zip(&summarised.by_type)
            .filter(|(_, &k)| k > 0)
            .map(|(t, k)| format!("{} {k}", md(t)))
            .collect();
        let themes: Vec<String> = summarised
            .themes
            .iter()
            .map(|&t| md(&summary.themes[t].1).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "### {}: {} responses to {}\n\n{} copies of the template and {} variants adding their own text. Respondents: {}. \
             The template raises: {}.\n",
            md(&c.id),
            n(c.members),
            md(&c.question),
            n(c.copies),
            n(c.variants),
            types.join(", "),
            if themes.is_empty() { "no theme of the codebook".to_string() } else { themes.join("; ") }
        );
        let words: Vec<&str> = summarised.template_text.split_whitespace().collect();
        let excerpt = if words.len() > 80 {
            format!("{}…", words[..80].join(" "))
        } else {
            words.join(" ")
        };
        let _ = writeln!(
            out,
            "> {}\n>\n> — template, {}\n",
            md(&excerpt),
            code_span(&c.template_response_id)
        );
    }
}

/// Whether anyone answered a question (open or closed); unanswered questions are left out.
pub(crate) fn answered(q: &QuestionSummary) -> bool {
    q.base > 0 || q.closed.iter().any(|a| a.total.base > 0)
}

pub(crate) fn not_raised(out: &mut String, summary: &Summary, themes: &[ThemeResult]) {
    let none: Vec<String> = themes
        .iter()
        .filter(|t| t.total.count == 0 && t.in_scope)
        .map(|t| md(&summary.themes[t.theme].1).into_owned())
        .collect();
    if !none.is_empty() {
        let _ = writeln!(out, "\nNot raised: {}.", none.join("; "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(count: u64, base: u64, expected: &str) {
        assert_eq!(share(&Cell { count, base }), expected, "{count} of {base}");
    }

    #[test]
    fn shares_never_read_0_or_100_beside_a_count_that_is_not() {
        check(0, 300, "0%");
        check(1, 300, "<1%");
        check(2, 300, "1%");
        check(299, 300, ">99%");
        check(300, 300, "100%");
        check(0, 0, "–");
    }
}

//! The charts of report.html, as inline SVG written by tally (no script draws them): themes
//! ranked as horizontal bars, a closed question's answers as a stacked 100% bar per
//! respondent type, and the theme × respondent-type heat table.
//!
//! Every chart is `role="img"` with an `aria-label` and a `<title>` stating its numbers, and
//! the same numbers follow as a table behind a "Show table" toggle (`<details>`, which works
//! without JavaScript and by keyboard). Bars carry their figures as `data-count`,
//! `data-base` and `data-percent` (the browser tests read them). Geometry is in percentages
//! of the chart's width, so text keeps its size and the chart fits a 320 px screen.

use std::fmt::Write;

use tally_aggregate::{CellEstimate, ClosedResult, Summary};
use tally_escape::html;

use crate::markdown::{breakdown_cell, n, share};

/// How much of the chart's width the longest possible bar (100%) takes; the figures are
/// written right of it.
const BAR_SPAN: f64 = 72.0;
/// Characters of a label shown in the chart (the full label is in the bar's title and the
/// table).
const LABEL_CHARS: usize = 48;
/// The colours of a stacked bar's segments (GOV.UK palette), in answer order.
pub(crate) const SEGMENTS: &[&str] = &[
    "#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#003078", "#b58840", "#28a197",
    "#912b88", "#505a5f",
];

/// One bar of a ranked bar chart.
pub(crate) struct Bar<'a> {
    /// The theme's id (a data attribute).
    pub id: &'a str,
    /// The theme's label.
    pub label: &'a str,
    /// Respondents raising it.
    pub count: u64,
    /// Respondents it is out of.
    pub base: u64,
    /// The error-corrected estimate, drawn as a whisker, if any.
    pub estimate: Option<&'a CellEstimate>,
}

fn truncate(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= LABEL_CHARS {
        one
    } else {
        let cut: String = one.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn pct(count: u64, base: u64) -> f64 {
    if base == 0 {
        0.0
    } else {
        count as f64 * 100.0 / base as f64
    }
}

/// A bar's figures in words: "155 of 471 (33%)", and the estimate when there is one.
fn bar_words(b: &Bar) -> String {
    let cell = tally_aggregate::Cell {
        count: b.count,
        base: b.base,
    };
    let mut s = format!("{} of {} ({})", n(b.count), n(b.base), share(&cell));
    if let Some(e) = b.estimate {
        let _ = write!(
            s,
            ", corrected estimate {}% (95% interval {}–{}%)",
            e.percent(),
            tally_aggregate::share_percent(e.low),
            tally_aggregate::share_percent(e.high)
        );
    }
    s
}

/// Themes ranked as horizontal bars, with a "Show table" toggle holding the same numbers.
pub(crate) fn bar_chart(out: &mut String, caption: &str, bars: &[Bar]) {
    const ROW: u32 = 46;
    let height = ROW * bars.len() as u32 + 4;
    let words: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, bar_words(b)))
        .collect();
    let label = format!("{caption}. {}", words.join("; "));
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{}</figcaption>\
         <svg class=\"bars\" role=\"img\" width=\"100%\" height=\"{height}\" aria-label=\"{}\">\
         <title>{}</title>",
        html(caption),
        html(&label),
        html(&label)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = ROW * i as u32;
        let w = pct(b.count, b.base) * BAR_SPAN / 100.0;
        // the figures right of the bar, or of the whisker when it reaches further
        let reach = b
            .estimate
            .map_or(0.0, |e| e.high.clamp(0.0, 1.0) * BAR_SPAN);
        let value_x = w.max(reach) + 1.5;
        let cell = tally_aggregate::Cell {
            count: b.count,
            base: b.base,
        };
        let _ = write!(
            out,
            "<g class=\"bar\" data-theme=\"{}\" data-count=\"{}\" data-base=\"{}\" data-percent=\"{}\">\
             <title>{}: {}</title>\
             <text class=\"label\" x=\"0\" y=\"{}\">{}</text>\
             <rect x=\"0\" y=\"{}\" width=\"{w:.2}%\" height=\"18\"/>\
             <text class=\"value\" x=\"{value_x:.2}%\" y=\"{}\">{} ({})</text>",
            html(b.id),
            b.count,
            b.base,
            cell.percent().map_or(String::new(), |p| p.to_string()),
            html(b.label),
            html(&bar_words(b)),
            y + 15,
            html(&truncate(b.label)),
            y + 21,
            y + 35,
            n(b.count),
            html(&share(&cell))
        );
        if let Some(e) = b.estimate {
            whisker(out, e, y + 30);
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    if bars.iter().any(|b| b.estimate.is_some()) {
        out.push_str(
            "<p class=\"note\">Bars: tally's count. Whiskers: the count corrected for coding \
             error (the dot) and its 95% interval.</p>",
        );
    }
    bar_table(out, caption, bars);
    out.push_str("</figure>");
}

/// The estimate's interval as a whisker across the bar, with a tick at the estimate.
fn whisker(out: &mut String, e: &CellEstimate, mid: u32) {
    let x = |v: f64| v.clamp(0.0, 1.0) * BAR_SPAN;
    let _ = write!(
        out,
        "<g class=\"whisker\" data-estimate=\"{}\" data-low=\"{}\" data-high=\"{}\">\
         <line x1=\"{:.2}%\" x2=\"{:.2}%\" y1=\"{mid}\" y2=\"{mid}\"/>\
         <line x1=\"{:.2}%\" x2=\"{:.2}%\" y1=\"{}\" y2=\"{}\"/>\
         <line x1=\"{:.2}%\" x2=\"{:.2}%\" y1=\"{}\" y2=\"{}\"/>\
         <circle cx=\"{:.2}%\" cy=\"{mid}\" r=\"4\"/></g>",
        e.percent(),
        tally_aggregate::share_percent(e.low),
        tally_aggregate::share_percent(e.high),
        x(e.low),
        x(e.high),
        x(e.low),
        x(e.low),
        mid - 5,
        mid + 5,
        x(e.high),
        x(e.high),
        mid - 5,
        mid + 5,
        x(e.share),
    );
}

fn bar_table(out: &mut String, caption: &str, bars: &[Bar]) {
    let est = bars.iter().any(|b| b.estimate.is_some());
    let _ = write!(
        out,
        "<details class=\"data\"><summary>Show table</summary><table><caption>{}</caption>\
         <thead><tr><th scope=\"col\">Theme</th><th scope=\"col\" class=\"num\">Count</th>\
         <th scope=\"col\" class=\"num\">Base</th><th scope=\"col\" class=\"num\">Percent</th>{}</tr></thead><tbody>",
        html(caption),
        if est {
            "<th scope=\"col\" class=\"num\">Corrected estimate (95% interval)</th>"
        } else {
            ""
        }
    );
    for b in bars {
        let cell = tally_aggregate::Cell {
            count: b.count,
            base: b.base,
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            html(b.label),
            n(b.count),
            n(b.base),
            html(&share(&cell))
        );
        if est {
            let e = b.estimate.map_or("–".to_string(), |e| {
                format!(
                    "{}% ({}–{}%)",
                    e.percent(),
                    tally_aggregate::share_percent(e.low),
                    tally_aggregate::share_percent(e.high)
                )
            });
            let _ = write!(out, "<td class=\"num\">{e}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></details>");
}

/// A closed question's answers as a stacked 100% bar for all respondents and for each
/// respondent type with a base of at least the small-cell threshold (smaller types are
/// named under the chart), with a legend and the table behind a toggle.
pub(crate) fn stacked_chart(
    out: &mut String,
    summary: &Summary,
    caption: &str,
    answers: &[ClosedResult],
) {
    let small = summary.small_cell;
    let mut rows: Vec<(String, Vec<tally_aggregate::Cell>)> = vec![(
        "All respondents".into(),
        answers.iter().map(|a| a.total).collect(),
    )];
    let mut left_out = Vec::new();
    for (i, t) in summary.types.iter().enumerate() {
        let base = answers.first().map_or(0, |a| a.by_type[i].base);
        if base == 0 {
            continue;
        }
        if base < small {
            left_out.push(t.as_str());
            continue;
        }
        rows.push((t.clone(), answers.iter().map(|a| a.by_type[i]).collect()));
    }
    const ROW: u32 = 44;
    let words: Vec<String> = rows
        .iter()
        .map(|(who, cells)| {
            let parts: Vec<String> = answers
                .iter()
                .zip(cells)
                .map(|(a, c)| format!("{} {}", a.answer, share(c)))
                .collect();
            format!(
                "{who} (base {}): {}",
                n(cells.first().map_or(0, |c| c.base)),
                parts.join(", ")
            )
        })
        .collect();
    let label = format!("{caption}. {}", words.join("; "));
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{}</figcaption><ul class=\"legend\">",
        html(caption)
    );
    for (k, a) in answers.iter().enumerate() {
        let _ = write!(
            out,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{}</li>",
            SEGMENTS[k % SEGMENTS.len()],
            html(&a.answer)
        );
    }
    let _ = write!(
        out,
        "</ul><svg class=\"stacked\" role=\"img\" width=\"100%\" height=\"{}\" aria-label=\"{}\"><title>{}</title>",
        ROW * rows.len() as u32,
        html(&label),
        html(&label)
    );
    for (r, (who, cells)) in rows.iter().enumerate() {
        let y = ROW * r as u32;
        let base = cells.first().map_or(0, |c| c.base);
        let _ = write!(
            out,
            "<text class=\"label\" x=\"0\" y=\"{}\">{} (base {})</text>",
            y + 14,
            html(&truncate(who)),
            n(base)
        );
        let mut x = 0.0;
        for (k, (a, c)) in answers.iter().zip(cells).enumerate() {
            let w = pct(c.count, c.base);
            let _ = write!(
                out,
                "<rect class=\"segment\" x=\"{x:.2}%\" y=\"{}\" width=\"{w:.2}%\" height=\"20\" fill=\"{}\" \
                 data-answer=\"{}\" data-count=\"{}\" data-base=\"{}\"><title>{}: {} of {} ({})</title></rect>",
                y + 20,
                SEGMENTS[k % SEGMENTS.len()],
                html(&a.answer),
                c.count,
                c.base,
                html(&a.answer),
                n(c.count),
                n(c.base),
                html(&share(c))
            );
            x += w;
        }
    }
    out.push_str("</svg>");
    if !left_out.is_empty() {
        let _ = write!(
            out,
            "<p class=\"note\">Not shown (fewer than {small} respondents answered): {}.</p>",
            html(&left_out.join("; "))
        );
    }
    stacked_table(out, summary, caption, answers);
    out.push_str("</figure>");
}

fn stacked_table(out: &mut String, summary: &Summary, caption: &str, answers: &[ClosedResult]) {
    let rows: Vec<(String, Vec<tally_aggregate::Cell>, tally_aggregate::Cell)> = answers
        .iter()
        .map(|a| (a.answer.clone(), a.by_type.clone(), a.total))
        .collect();
    let bases: Vec<u64> = (0..summary.types.len())
        .map(|i| answers.first().map_or(0, |a| a.by_type[i].base))
        .collect();
    let total = answers.first().map_or(0, |a| a.total.base);
    out.push_str("<details class=\"data\"><summary>Show table</summary>");
    heat_table(out, summary, caption, "Answer", &rows, &bases, total);
    out.push_str("</details>");
}

/// A table of rows × respondent types: "count (share)" in each cell, shaded by the share;
/// cells under the small-cell threshold greyed and labelled "fewer than N".
pub(crate) fn heat_table(
    out: &mut String,
    summary: &Summary,
    caption: &str,
    what: &str,
    rows: &[(String, Vec<tally_aggregate::Cell>, tally_aggregate::Cell)],
    bases: &[u64],
    base_total: u64,
) {
    let small = summary.small_cell;
    let types: Vec<(usize, &String)> = summary
        .types
        .iter()
        .enumerate()
        .filter(|(i, _)| bases[*i] > 0)
        .collect();
    let _ = write!(
        out,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"heat\"><caption>{}</caption>\
         <thead><tr><th scope=\"col\">{what}</th><th scope=\"col\" class=\"num\">All</th>",
        html(caption),
        html(caption)
    );
    for (_, t) in &types {
        let _ = write!(out, "<th scope=\"col\" class=\"num\">{}</th>", html(t));
    }
    let _ = write!(
        out,
        "</tr></thead><tbody><tr class=\"base\"><th scope=\"row\">Base</th><td class=\"num\">{}</td>",
        n(base_total)
    );
    for (i, _) in &types {
        let _ = write!(out, "<td class=\"num\">{}</td>", n(bases[*i]));
    }
    out.push_str("</tr>");
    for (label, cells, total) in rows {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{} ({})</td>",
            html(label),
            n(total.count),
            html(&share(total))
        );
        for (i, _) in &types {
            heat_cell(out, &cells[*i], small);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

fn heat_cell(out: &mut String, c: &tally_aggregate::Cell, small: u64) {
    if c.base > 0 && c.is_small(small) {
        let _ = write!(
            out,
            "<td class=\"num small\" data-small=\"true\">fewer than {small}</td>"
        );
    } else if c.base == 0 {
        out.push_str("<td class=\"num\">–</td>");
    } else {
        // shade by share: at most half-strength blue, so the black text keeps its contrast
        let alpha = pct(c.count, c.base) / 200.0;
        let _ = write!(
            out,
            "<td class=\"num\" style=\"background:rgba(29,112,184,{alpha:.3})\">{}</td>",
            html(&breakdown_cell(c, small))
        );
    }
}

//! The closed part of a question's section in `summary.md` for the shapes beyond one
//! answer: a multi-select ("Options chosen: …", each option's share of the respondents who
//! chose at least one — shares can add past 100%, and the section says so) and a grid (a
//! small table, one row per item, one column per rating, with each item's base). Also the
//! sentence giving how many left a closed question blank.

use std::fmt::Write;

use tally_aggregate::{Cell, ClosedKind, QuestionSummary, Summary};

use super::{n, share, table};

/// A consultation's answer or item label made safe inside a Markdown table cell or a
/// sentence: Markdown's special characters (`|` among them) escaped by `tally-escape`,
/// line breaks as spaces.
fn label(s: &str) -> String {
    tally_escape::markdown_line(&one_line(s)).into_owned()
}

/// `s` with its runs of whitespace, line breaks among them, as one space (for a label that
/// [`table`] escapes itself).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// " 12 respondents (3%) left it blank." after a base line, or nothing when none did (or
/// for a grid, whose table has the blanks per item).
pub(super) fn blank_note(q: &QuestionSummary) -> String {
    match q.not_answered.as_slice() {
        [b] if b.total.count > 0 => format!(
            " A further {} left it blank ({} of {} respondents).",
            n(b.total.count),
            share(&b.total),
            n(b.total.base)
        ),
        _ => String::new(),
    }
}

/// Writes the closed part of a multi-select or grid question; false (nothing written) for
/// other questions.
pub(super) fn shaped_section(out: &mut String, summary: &Summary, q: &QuestionSummary) -> bool {
    match &q.closed_kind {
        ClosedKind::Multi => multi(out, summary, q),
        ClosedKind::Grid(items) => grid(out, q, items),
        ClosedKind::Single => return false,
    }
    true
}

fn multi(out: &mut String, summary: &Summary, q: &QuestionSummary) {
    let base = q.closed.first().map_or(0, |a| a.total.base);
    let _ = writeln!(
        out,
        "### Options chosen\n\nBase: {} respondents who chose at least one option.{} \
         Respondents could choose more than one option, so the shares add up to more than 100%.\n",
        n(base),
        blank_note(q)
    );
    let mut ranked: Vec<_> = q.closed.iter().enumerate().collect();
    ranked.sort_by(|(i, a), (j, b)| b.total.count.cmp(&a.total.count).then(i.cmp(j)));
    let chosen: Vec<String> = ranked
        .iter()
        .map(|(_, a)| {
            format!(
                "{} {} ({})",
                label(&a.answer),
                n(a.total.count),
                share(&a.total)
            )
        })
        .collect();
    let _ = writeln!(out, "Options chosen: {}.\n", chosen.join(", "));
    let rows: Vec<(String, Vec<Cell>, Cell)> = q
        .closed
        .iter()
        .map(|a| (one_line(&a.answer), a.by_type.clone(), a.total))
        .collect();
    let bases: Vec<u64> = (0..summary.types.len())
        .map(|i| q.closed.first().map_or(0, |a| a.by_type[i].base))
        .collect();
    table(out, summary, &rows, &bases, base);
}

fn grid(out: &mut String, q: &QuestionSummary, items: &[String]) {
    let per_item = q.closed.len() / items.len().max(1);
    let answers: Vec<String> = q.closed[..per_item]
        .iter()
        .map(|a| label(&a.answer))
        .collect();
    let _ = writeln!(
        out,
        "### Ratings\n\nEach item's shares are of the respondents who rated it (its base).\n"
    );
    let _ = write!(out, "| Item |");
    for a in &answers {
        let _ = write!(out, " {a} |");
    }
    out.push_str(" *Base* | Left blank |\n|---|");
    for _ in &answers {
        out.push_str("---|");
    }
    out.push_str("---|---|\n");
    for (k, item) in items.iter().enumerate() {
        let rated = &q.closed[k * per_item..(k + 1) * per_item];
        let base = rated.first().map_or(0, |a| a.total.base);
        let _ = write!(out, "| {} |", label(item));
        for a in rated {
            let _ = write!(out, " {} ({}) |", n(a.total.count), share(&a.total));
        }
        let blank = q
            .not_answered
            .iter()
            .find(|b| b.item.as_deref() == Some(item))
            .map_or(0, |b| b.total.count);
        let _ = writeln!(out, " {} | {} |", n(base), n(blank));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_cannot_break_a_table() {
        assert_eq!(super::label("Yes | No\nmaybe"), "Yes \\| No maybe");
        assert_eq!(super::label("Safer streets"), "Safer streets");
    }
}

//! The report as Markdown.

use std::fmt::Write;

use crate::suggest::{Change, Proposal, Report};

fn f(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |v| format!("{v:.2}"))
}

fn esc(s: &str) -> String {
    tally_escape::markdown_line(s).to_string()
}

/// How a proposal reads in the report: the edit in the codebook's own syntax.
pub fn describe(p: &Proposal) -> String {
    match &p.change {
        Change::Phrase { pattern } => format!("add `match = [\"{pattern}\"]`"),
        Change::Near { a, b, within } => {
            format!("add `near = [[\"{a}\"], [\"{b}\"]]`, `within = {within}`")
        }
        Change::Narrow {
            rule_name,
            pattern,
            into,
            ..
        } if into.is_empty() => format!("rule \"{}\": remove `\"{pattern}\"`", esc(rule_name)),
        Change::Narrow {
            rule_name,
            pattern,
            into,
            ..
        } => format!(
            "rule \"{}\": replace `\"{pattern}\"` with `{}`",
            esc(rule_name),
            into.iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Change::Within {
            rule_name,
            from,
            to,
            ..
        } => format!("rule \"{}\": `within = {to}` (was {from})", esc(rule_name)),
        Change::Unless {
            rule_name, pattern, ..
        } => format!(
            "rule \"{}\": add `unless = [\"{pattern}\"]`",
            esc(rule_name)
        ),
    }
}

/// The measured effect: "+4 found, +0 false, F1 0.79 → 0.84 (5-fold)".
pub fn effect_line(p: &Proposal, folds: usize) -> String {
    let e = &p.effect;
    let mut parts = Vec::new();
    if e.found > 0 || e.new_false > 0 {
        parts.push(format!("+{} found, +{} false", e.found, e.new_false));
    }
    if e.cleared > 0 || e.lost > 0 {
        parts.push(format!("−{} false, −{} found", e.cleared, e.lost));
    }
    if e.others_right > 0 || e.others_wrong > 0 {
        parts.push(format!(
            "other themes on single-code answers: {} put right, {} put wrong",
            e.others_right, e.others_wrong
        ));
    }
    format!(
        "{}, F1 {} → {} ({folds}-fold; proposed in {} of {folds} folds)",
        parts.join(", "),
        f(p.f1_before),
        f(p.f1_after),
        e.folds
    )
}

/// Renders the report.
pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Codebook suggestions: {}\n", esc(&r.codebook));
    let _ = writeln!(
        o,
        "Evidence: {} human-coded responses from {} respondents ({}). Measured by {}-fold \
         cross-validation grouped by respondent: each proposal is learned on the other folds \
         and counted on the held-out one, summed over folds.\n",
        r.responses,
        r.respondents,
        r.sources
            .iter()
            .map(|s| esc(s))
            .collect::<Vec<_>>()
            .join(", "),
        r.folds
    );
    let _ = writeln!(
        o,
        "- macro F1 of the codebook on the sample: {}\n- cross-validated macro F1 with the \
         proposals learned on the other folds: {}\n",
        f(r.macro_f1),
        f(r.macro_f1_cross_validated)
    );
    if !r.single_code_questions.is_empty() {
        let _ = writeln!(
            o,
            "Single-code questions ({}): every figure counts only the theme each answer keeps \
             (the best-supported), as `tally analyse` codes them.\n",
            r.single_code_questions
                .iter()
                .map(|q| esc(q))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(o, "## Proposed edits\n");
    if r.proposals.is_empty() {
        let _ = writeln!(
            o,
            "None generalises: no edit learned on some folds raised F1 on the held-out ones.\n"
        );
    }
    for p in &r.proposals {
        let _ = writeln!(
            o,
            "{}. `{}`: {} — {}",
            p.number,
            p.theme,
            describe(p),
            effect_line(p, r.folds)
        );
    }
    if !r.proposals.is_empty() {
        let _ = writeln!(
            o,
            "\nEach figure is the edit alone, against the current codebook. Apply some with \
             `--apply N[,N...]` (a new codebook is written; the diff is printed).\n"
        );
    }
    let _ = writeln!(o, "## Disagreements by theme\n");
    for t in &r.themes {
        let c = &t.counts;
        let _ = writeln!(
            o,
            "### `{}` — {} (F1 {}: {} agreed, {} missed, {} false hits)\n",
            t.id,
            esc(&t.label),
            f(t.f1),
            c.agreed,
            c.missed,
            c.false_hits
        );
        if !t.misses.is_empty() {
            let _ = writeln!(o, "Missed (coded by the coder, not by tally):\n");
            for q in &t.misses {
                let _ = writeln!(o, "- {}: {}", esc(&q.response_id), esc(&q.text));
            }
            o.push('\n');
        }
        if !t.false_hits.is_empty() {
            let _ = writeln!(o, "False hits (coded by tally, not by the coder):\n");
            for h in &t.false_hits {
                let fired: Vec<String> = h
                    .fired
                    .iter()
                    .map(|(rule, pats, words)| {
                        format!(
                            "rule \"{}\", pattern {} on \"{}\"",
                            esc(rule),
                            esc(&pats.join(" + ")),
                            esc(words)
                        )
                    })
                    .collect();
                let _ = writeln!(
                    o,
                    "- {} ({}): {}",
                    esc(&h.quote.response_id),
                    fired.join("; "),
                    esc(&h.quote.text)
                );
            }
            o.push('\n');
        }
    }
    o
}

//! The prose of summary.md that describes the run rather than the responses: the paragraph
//! on review decisions applied, and the appendix on agreement with human coders.

use tally_review::Agreement;

use crate::manifest::ReviewInfo;

/// The paragraph on the review decisions applied in a run.
pub fn review_paragraph(r: &ReviewInfo) -> String {
    let unmatched = if r.unmatched.is_empty() {
        String::new()
    } else {
        format!(
            " {} decisions matched nothing in this run (listed in `run.json`).",
            r.unmatched.len()
        )
    };
    format!(
        "**Review.** {} codings were reviewed by people: {} accepted, {} rejected (removed from the counts and quotes) and {} added.{}",
        r.reviewed, r.accepted, r.rejected, r.added, unmatched
    )
}

/// The appendix on agreement between tally and each human-coded sample, and between the
/// samples (one section a pair, with its table of themes); `None` without samples.
pub fn agreement_appendix(agreements: &[Agreement]) -> Option<String> {
    if agreements.is_empty() {
        return None;
    }
    let mut s = String::from(
        "How far tally's coding agrees with people who coded a sample by hand, theme by theme, and how far \
         the people agree with each other. Precision: of the responses tally coded with a theme, the share the \
         human also coded; recall: of those the human coded, the share tally found. `tally agree` lists every \
         disagreement with its text and evidence.\n\n",
    );
    for a in agreements {
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.2}"));
        s.push_str(&format!(
            "### {} against {}\n\n{} responses compared: macro F1 {}, macro kappa {}, micro F1 {}.\n\n",
            tally_escape::markdown_line(&a.a),
            tally_escape::markdown_line(&a.b),
            a.items,
            f(a.macro_f1),
            f(a.macro_kappa),
            f(a.micro.f1)
        ));
        s.push_str(&a.markdown_table());
        s.push('\n');
    }
    Some(s)
}

//! The prose of summary.md that describes the run rather than the responses: the paragraph
//! on review decisions applied (and the note on an added coding the codebook now makes), and
//! the appendix on agreement with human coders.

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

/// The audit note on a coding a review decision asked to add that the codebook now codes
/// itself, with the decision's own note (if any) after it.
pub fn added_now_coded_note(note: Option<&str>) -> String {
    match note {
        Some(n) => format!("added by review; now coded by the codebook: {n}"),
        None => "added by review; now coded by the codebook".to_string(),
    }
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

#[cfg(test)]
mod tests {
    use tally_review::{Decision, Verdict};

    use crate::{AuditReview, HashedFile, ReviewCounts, ReviewInfo, UnmatchedDecision};

    fn decision(verdict: Verdict, note: Option<&str>) -> Decision {
        Decision {
            response_id: "R1:Q1".into(),
            question: None,
            theme: "pay".into(),
            decision: verdict,
            evidence: None,
            reviewer: "AB".into(),
            note: note.map(String::from),
        }
    }

    #[test]
    fn an_add_the_codebook_now_makes_is_an_accept_saying_so() {
        let with = AuditReview::added_now_coded(&decision(Verdict::Add, Some("low wages")));
        assert_eq!(with.decision, "accept");
        assert_eq!((with.theme.as_str(), with.reviewer.as_str()), ("pay", "AB"));
        assert_eq!(
            with.note.as_deref(),
            Some("added by review; now coded by the codebook: low wages")
        );
        let without = AuditReview::added_now_coded(&decision(Verdict::Add, None));
        assert_eq!(
            without.note.as_deref(),
            Some("added by review; now coded by the codebook")
        );
        let plain = AuditReview::from(&decision(Verdict::Reject, Some("sarcastic")));
        assert_eq!(
            (plain.decision.as_str(), plain.note.as_deref()),
            ("reject", Some("sarcastic"))
        );
    }

    #[test]
    fn review_info_sums_what_was_reviewed() {
        let file = HashedFile {
            path: "decisions.json".into(),
            sha256: "ab".into(),
        };
        let counts = ReviewCounts {
            accepted: 3,
            rejected: 2,
            added: 1,
        };
        let unmatched = vec![UnmatchedDecision::new(
            &decision(Verdict::Accept, None),
            "no such theme in the codebook",
        )];
        let info = ReviewInfo::new(&file, 7, counts, unmatched);
        assert_eq!(
            (info.path.as_str(), info.sha256.as_str()),
            ("decisions.json", "ab")
        );
        assert_eq!((info.decisions, info.reviewed), (7, 6));
        assert_eq!((info.accepted, info.rejected, info.added), (3, 2, 1));
        assert_eq!(info.unmatched[0].decision, "accept");
        assert_eq!(info.unmatched[0].response_id, "R1:Q1");
    }
}

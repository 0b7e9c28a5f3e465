//! The REFI-QDA export (`--qdpx`): each response as a text source with its coding, and the
//! codebook as the project's codes.

use tally_code::{Codebook, ThemeHit};
use tally_ingest::Response;

/// A response as a REFI-QDA text source: redacted text, its respondent type and question as
/// variables, each evidence span as a coded selection (offsets moved through the
/// placeholders).
pub(crate) fn source(
    r: &Response,
    hits: &[ThemeHit],
    theme_ids: &[String],
    redactor: Option<&tally_redact::Redactor>,
) -> tally_qdpx::Source {
    let (text, found) = match redactor {
        Some(red) => {
            let out = red.redact(&r.text);
            (out.text, out.found)
        }
        None => (r.text.clone(), Vec::new()),
    };
    let map =
        |at: u32, end_side: bool| tally_redact::Redactor::map_offset(&found, at as usize, end_side);
    let selections = hits
        .iter()
        .flat_map(|h| {
            h.evidence.iter().map(move |e| tally_qdpx::Selection {
                code_id: theme_ids[h.theme as usize].clone(),
                start: map(e.start, false),
                end: map(e.end, true),
            })
        })
        .collect();
    tally_qdpx::Source {
        id: r.id.to_string(),
        text,
        variables: vec![
            ("respondent_type".into(), r.respondent_type.to_string()),
            ("question".into(), r.question.to_string()),
        ],
        selections,
    }
}

/// The project: the codebook's themes as codes, and the responses' sources.
pub(crate) fn project(
    name: &str,
    book: &Codebook,
    sources: Vec<tally_qdpx::Source>,
) -> tally_qdpx::Project {
    tally_qdpx::Project {
        name: name.to_string(),
        codes: book
            .themes
            .iter()
            .map(|t| tally_qdpx::Code {
                id: t.id.clone(),
                name: t.label.clone(),
                description: t.description.clone(),
            })
            .collect(),
        sources,
    }
}

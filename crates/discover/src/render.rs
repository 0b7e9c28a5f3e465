//! The discovery as Markdown (deterministic bytes) and JSON.

use std::fmt::Write;

use tally_escape::{code_span, markdown_line};

use crate::discover::{Candidate, Discovery};

impl Discovery {
    /// The report as Markdown: totals, method, then each candidate with its key phrases,
    /// quotes and draft stanza.
    pub fn markdown(&self) -> String {
        let o = &self.options;
        let mut md = String::from("# Candidate themes in the residue\n\n");
        let _ = writeln!(
            md,
            "Codebook: {} ({} themes). {} responses from {} respondents; {} with no theme. \
             Residue: {} sentences no evidence covers, from {} respondents; coded text from {} respondents.\n",
            markdown_line(&self.codebook),
            self.themes,
            self.responses,
            self.respondents,
            self.uncoded_responses,
            self.residue_sentences,
            self.residue_respondents,
            self.coded_respondents
        );
        let _ = writeln!(
            md,
            "Left out as never a theme: letters' header blocks and sign-offs ({} responses), \
             campaign copies counted once in their template ({} responses), answers of under \
             two words of their own beside their question's words ({} responses).\n",
            self.furniture_responses, self.campaign_copies, self.short_answers
        );
        let _ =
            writeln!(
            md,
            "Method: 1–3-word phrases of stems, counted once per respondent in residue sentences \
             and in covered sentences (words of the question answered left out), scored by \
             log-likelihood keyness per sentence (G² ≥ 10.83, p < 0.001; at least {} \
             respondents; the {} strongest), grouped by average-link clustering of the answers \
             using them (Jaccard ≥ {}). Candidates raised by at least {}% of respondents are \
             ranked by how many respondents raise them. Quotes are redacted{}.\n",
            o.min_respondents,
            o.max_phrases,
            o.link,
            o.min_share * 100.0,
            if o.redact { "" } else { " — NOT: --no-redact was given" }
        );
        if self.candidates.is_empty() {
            md.push_str("No candidate themes: no phrase is distinctive of the residue.\n");
        }
        for c in &self.candidates {
            candidate(&mut md, c, o.key_phrases);
        }
        md
    }

    /// The report as pretty JSON (with a final line end).
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
        s.push('\n');
        s
    }
}

/// One candidate's section.
fn candidate(md: &mut String, c: &Candidate, shown: usize) {
    let head = c.phrases.first().map_or("", |p| p.text.as_str());
    let _ = writeln!(
        md,
        "## {}. {} ({} respondents, {} responses)\n",
        c.rank,
        markdown_line(head),
        c.respondents,
        c.responses.len()
    );
    md.push_str("Key phrases (respondents in the residue / in coded text, G²):");
    for (i, p) in c.phrases.iter().take(shown).enumerate() {
        let _ = write!(
            md,
            "{} {} ({} / {}, {:.1})",
            if i == 0 { "" } else { ";" },
            code_span(&p.text),
            p.residue_respondents,
            p.coded_respondents,
            p.g2
        );
    }
    if c.phrases.len() > shown {
        let _ = write!(md, "; and {} more", c.phrases.len() - shown);
    }
    md.push_str(".\n\n");
    for q in &c.quotes {
        let _ = writeln!(
            md,
            "> {} — {}\n",
            markdown_line(&q.text),
            code_span(&q.response_id)
        );
    }
    md.push_str("Draft stanza:\n\n```toml\n");
    md.push_str(&c.stanza);
    md.push_str("```\n\n");
}

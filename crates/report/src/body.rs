//! The body of an audit line (its themes and redactions) written straight from a coding,
//! with the codebook's strings put into JSON once rather than once per line.
//!
//! Serialising the typed line ([`AuditLine`], built of borrowed strings) would cost, per
//! response, a vector per theme and a scan of every theme id, rule name and pattern for
//! characters to escape. A [`BodyWriter`] holds those strings already escaped, so a body is
//! the response's evidence texts (checked for escapes) between fixed fragments. It writes
//! every body of the audit file, reviewed responses' included; the bytes are the ones
//! serde_json writes for the themes and redactions of the line [`AuditLine::new`] makes
//! (tested: serde is the oracle).

use tally_code::{Matcher, ThemeHit, MODEL_RULE, NO_PATTERN, REVIEW_RULE};

use crate::audit::{
    push_field, push_json_str, push_redacted, push_review, push_score, push_span, MODEL_RULE_NAME,
    PATTERN_JOIN, REVIEW_RULE_NAME,
};
#[cfg(doc)]
use crate::AuditLine;
use crate::{AuditBody, AuditRedaction, AuditReview};

/// A codebook's theme ids, rule names and patterns as JSON fragments; built once per run.
#[derive(Debug, Clone)]
pub struct BodyWriter {
    /// `{"theme":"<id>"` for each theme.
    themes: Vec<Vec<u8>>,
    /// `,"rule":"<name>"` for each rule.
    rules: Vec<Vec<u8>>,
    /// `,"rule":"review: add"`.
    review_rule: Vec<u8>,
    /// `,"rule":"model"`.
    model_rule: Vec<u8>,
    /// Each pattern's text, escaped, without its quotes.
    patterns: Vec<Vec<u8>>,
}

/// `value` as a JSON string without its quotes.
fn escaped(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    push_json_str(&mut out, value);
    out[1..out.len() - 1].to_vec()
}

/// `key` followed by `value` as a JSON string.
fn field(key: &[u8], value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(key.len() + value.len() + 2);
    push_field(&mut out, key, value);
    out
}

impl BodyWriter {
    /// The fragments of `matcher`'s codebook, whose themes have the ids `theme_ids`.
    pub fn new(matcher: &Matcher, theme_ids: &[String]) -> BodyWriter {
        BodyWriter {
            themes: theme_ids
                .iter()
                .map(|id| field(b"{\"theme\":", id))
                .collect(),
            rules: (0..matcher.rule_count() as u32)
                .map(|r| field(b",\"rule\":", matcher.rule(r).1))
                .collect(),
            review_rule: field(b",\"rule\":", REVIEW_RULE_NAME),
            model_rule: field(b",\"rule\":", MODEL_RULE_NAME),
            patterns: (0..matcher.pattern_count() as u32)
                .map(|p| escaped(matcher.pattern_text(p)))
                .collect(),
        }
    }

    fn rule(&self, rule: u32) -> &[u8] {
        if rule == REVIEW_RULE {
            &self.review_rule
        } else if rule == MODEL_RULE {
            &self.model_rule
        } else {
            &self.rules[rule as usize]
        }
    }

    /// A theme's rule: its first evidence's (a reviewer's when it has none).
    fn theme_rule(&self, hit: &ThemeHit) -> &[u8] {
        self.rule(hit.evidence.first().map_or(REVIEW_RULE, |e| e.rule))
    }

    /// A pattern's escaped text (empty for an id the codebook does not have, as
    /// [`Matcher::pattern_text`] gives).
    fn pattern(&self, id: u32) -> &[u8] {
        self.patterns.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// Bytes enough for the themes of [`BodyWriter::body`] but for escapes in the evidence
    /// texts (so that writing them rarely regrows the buffer): the fragments' lengths, the
    /// texts' and the numbers' at their longest.
    fn size(&self, text: &str, hits: &[ThemeHit]) -> usize {
        const SPAN: usize =
            r#"{"start":4294967295,"end":4294967295,"text":"","pattern":""},"#.len();
        2 + hits
            .iter()
            .map(|h| {
                self.themes[h.theme as usize].len()
                    + self.theme_rule(h).len()
                    + r#","evidence":[]},"score":0.123456"#.len()
                    + h.evidence
                        .iter()
                        .map(|e| {
                            SPAN + text
                                .get(e.start as usize..e.end as usize)
                                .map_or(0, str::len)
                                + self.rule(e.rule).len()
                                + e.patterns
                                    .iter()
                                    .map(|&p| self.pattern(p).len() + 5)
                                    .sum::<usize>()
                        })
                        .sum::<usize>()
            })
            .sum::<usize>()
    }

    /// The body of the audit line of a response with text `text`, coded `hits` (from the
    /// matcher this writer was made from), with personal data at `redacted`: the bytes
    /// serde_json writes for the themes and redactions of the line [`AuditLine::new`] makes
    /// of them.
    pub fn body(&self, text: &str, hits: &[ThemeHit], redacted: &[AuditRedaction]) -> AuditBody {
        self.reviewed_body(text, hits, &[], redacted)
    }

    /// [`BodyWriter::body`] for a reviewed response: each theme of `hits` that `reviews`
    /// names (by theme index) carries the reviewer's decision.
    pub fn reviewed_body(
        &self,
        text: &str,
        hits: &[ThemeHit],
        reviews: &[(u32, AuditReview)],
        redacted: &[AuditRedaction],
    ) -> AuditBody {
        let mut out = Vec::with_capacity(self.size(text, hits));
        out.push(b'[');
        for (i, h) in hits.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&self.themes[h.theme as usize]);
            out.extend_from_slice(self.theme_rule(h));
            if let Some(score) = h.score {
                push_score(&mut out, score.get());
            }
            out.extend_from_slice(b",\"evidence\":[");
            for (j, e) in h.evidence.iter().enumerate() {
                push_span(&mut out, j == 0, e.start, e.end);
                push_field(
                    &mut out,
                    b",\"text\":",
                    &text[e.start as usize..e.end as usize],
                );
                out.extend_from_slice(self.rule(e.rule));
                out.extend_from_slice(b",\"pattern\":\"");
                let mut patterns = e.patterns.iter().filter(|&&p| p != NO_PATTERN);
                if let Some(&a) = patterns.next() {
                    out.extend_from_slice(self.pattern(a));
                    if let Some(&b) = patterns.next() {
                        out.extend_from_slice(PATTERN_JOIN.as_bytes());
                        out.extend_from_slice(self.pattern(b));
                    }
                }
                out.extend_from_slice(b"\"}");
            }
            out.push(b']');
            if let Some((_, review)) = reviews.iter().find(|(t, _)| *t == h.theme) {
                out.extend_from_slice(b",\"review\":");
                push_review(&mut out, review);
            }
            out.push(b'}');
        }
        out.push(b']');
        let mut body = AuditBody {
            themes: out,
            redacted: Vec::new(),
        };
        if !redacted.is_empty() {
            push_redacted(&mut body.redacted, redacted);
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AuditLine;
    use tally_code::{Codebook, Evidence};
    use tally_ingest::Response;

    const BOOK: &str = r#"
[[themes]]
id = "funding"
label = "Funding"
[[themes.rules]]
name = "money \"words\""
match = ["fund", "underfund*", "more money", '"care" home', 'back\slash']
[[themes.rules]]
name = "near\\by"
near = [["pay"], ["scale", "band"]]
within = 4

[[themes]]
id = "pay"
label = "Pay"
[[themes.rules]]
match = ["salary"]
"#;

    fn matcher() -> Matcher {
        Matcher::compile(&Codebook::parse(BOOK, "book.toml").expect("parses")).expect("compiles")
    }

    /// The body serde_json writes for the typed line, with `reviews` on their themes: the
    /// oracle.
    fn oracle(
        matcher: &Matcher,
        ids: &[String],
        text: &str,
        hits: &[ThemeHit],
        reviews: &[(u32, AuditReview)],
        redacted: &[AuditRedaction],
    ) -> AuditBody {
        let r = Response {
            id: "R1:Q1".into(),
            respondent: "R1".into(),
            question: "Q1".into(),
            respondent_type: "Parent or carer".into(),
            text: text.into(),
            source: "f.csv".into(),
            line: 2,
        };
        let mut line = AuditLine::new(&r, "f.csv", hits, matcher, ids);
        line.redacted = redacted.to_vec();
        // (a coding has a theme once; the made-up codings here may repeat one)
        for (t, review) in reviews {
            for theme in line.themes.iter_mut() {
                if theme.theme == ids[*t as usize].as_str() && theme.review.is_none() {
                    theme.review = Some(review.clone());
                }
            }
        }
        crate::audit::tests::serde_body(&line)
    }

    /// Reviews of no theme, of the first theme, and of both (one needing escapes).
    fn reviews() -> Vec<Vec<(u32, AuditReview)>> {
        let review = |theme: &str, note: Option<&str>| AuditReview {
            decision: "accept".into(),
            theme: theme.into(),
            reviewer: "A. \"Reviewer\"".into(),
            note: note.map(String::from),
        };
        vec![
            Vec::new(),
            vec![(0, review("funding", None))],
            vec![
                (1, review("pay", Some("about pay\n\tand \\bands"))),
                (0, review("funding", Some("ok"))),
            ],
        ]
    }

    #[test]
    fn bodies_are_the_serialised_lines_bodies() {
        let m = matcher();
        let ids: Vec<String> = vec!["funding".into(), "pay \"band\"".into()];
        let w = BodyWriter::new(&m, &ids);
        let text = "Underfunded \"care\"\n\tand £2.6bn on pay scales 😀, salary";
        // every pattern, and pairs of them, as evidence of each theme, with every rule, the
        // review rule and a learned coder's (whose first pattern slot is its score); spans
        // that need escapes and spans that do not
        let spans = [(0usize, 11usize), (12, 18), (12, 24), (0, text.len())];
        let mut cases = vec![Vec::new()];
        for theme in 0..2u32 {
            for rule in (0..m.rule_count() as u32).chain([REVIEW_RULE, MODEL_RULE]) {
                for p in 0..=m.pattern_count() as u32 {
                    for (k, &(s, e)) in spans.iter().enumerate() {
                        let second = if k % 2 == 0 { NO_PATTERN } else { (p + 1) % 4 };
                        let ev = Evidence {
                            start: s as u32,
                            end: e as u32,
                            rule,
                            patterns: [p, second],
                        };
                        cases.push(vec![ThemeHit::model(1, 0, 11, 0.8125)]);
                        cases.push(vec![ThemeHit {
                            theme,
                            evidence: vec![ev, ev],
                            score: None,
                        }]);
                    }
                }
            }
        }
        cases.push(vec![
            ThemeHit {
                theme: 0,
                evidence: Vec::new(),
                score: None,
            },
            cases[3][0].clone(),
            cases[40][0].clone(),
        ]);
        let redactions = [
            Vec::new(),
            vec![AuditRedaction {
                start: 12,
                end: 18,
                kind: "name".into(),
            }],
            vec![
                AuditRedaction {
                    start: 0,
                    end: 3,
                    kind: "email".into(),
                },
                AuditRedaction {
                    start: 5,
                    end: 9,
                    kind: "postcode".into(),
                },
            ],
        ];
        assert!(cases.len() > 100);
        for hits in &cases {
            for red in &redactions {
                assert_eq!(
                    w.body(text, hits, red),
                    oracle(&m, &ids, text, hits, &[], red),
                    "{hits:?} {red:?}"
                );
                for rev in reviews() {
                    assert_eq!(
                        w.reviewed_body(text, hits, &rev, red),
                        oracle(&m, &ids, text, hits, &rev, red),
                        "{hits:?} {rev:?} {red:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_matchers_own_codings_give_the_same_bodies() {
        let m = matcher();
        let ids: Vec<String> = vec!["funding".into(), "pay".into()];
        let w = BodyWriter::new(&m, &ids);
        let mut scratch = tally_code::Scratch::default();
        let mut near = false;
        for text in [
            "More money for the fund, please; pay at a fair scale and a salary to match.",
            "Nothing to code here.",
            "Underfunding: “pay” and the band, the band and pay, salary.",
        ] {
            let hits = m.code(&mut scratch, "Q1", text);
            near |= hits
                .iter()
                .any(|h| h.evidence.iter().any(|e| e.patterns[1] != NO_PATTERN));
            let body = w.body(text, &hits, &[]);
            // the size made ahead holds the body (no escapes in these texts)
            assert!(body.themes.len() <= w.size(text, &hits), "{text}");
            assert_eq!(body, oracle(&m, &ids, text, &hits, &[], &[]), "{text}");
        }
        assert!(near, "no proximity evidence was tested");
    }

    #[test]
    fn a_model_coding_has_rule_model_its_score_and_its_sentence() {
        let m = matcher();
        let ids = vec!["funding".to_string(), "pay".to_string()];
        let text = "Not enough money. Pay is low.";
        let hits = [ThemeHit::model(1, 18, 29, 0.8125)];
        let body = BodyWriter::new(&m, &ids).body(text, &hits, &[]);
        assert_eq!(
            String::from_utf8(body.themes).unwrap(),
            r#"[{"theme":"pay","rule":"model","score":0.8125,"evidence":[{"start":18,"end":29,"text":"Pay is low.","rule":"model","pattern":""}]}]"#
        );
    }
}

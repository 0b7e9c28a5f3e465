//! `audit.jsonl`: one line per response, with every theme coded, the rule that fired and
//! the evidence as byte offsets into the response text plus the exact text they cut.
//!
//! [`AuditLine`] is the format: its serde derive is the JSON Schema (`schemas/`), the reader
//! ([`crate::AuditReader`]) and the test oracle of the writer. The writer is hand-written
//! for speed (the audit is written on the rules path, a line per response) and is the only
//! one: [`AuditLine::write_with`] writes a line's own fields around a body of themes and
//! redactions that [`crate::BodyWriter`] wrote. Tests check that the bytes are the ones
//! serde_json writes for the typed line, for every combination of optional fields and
//! strings needing escapes.
//!
//! The text fields are `Cow<str>`: a line made while coding borrows the response, the
//! codebook and the campaign list instead of copying them (one line per response adds up);
//! a line read back from a file owns its strings.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tally_code::{Matcher, ThemeHit, MODEL_RULE, NO_PATTERN, REVIEW_RULE};
use tally_ingest::Response;

/// Where a response came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditSource<'a> {
    /// Input file, relative to the analysed directory.
    pub file: Cow<'a, str>,
    /// 1-based line where the response's row starts.
    pub line: u64,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEvidence<'a> {
    /// Byte offset of the start in the response text (UTF-8).
    pub start: u32,
    /// Byte offset just past the end.
    pub end: u32,
    /// Exactly the response text between `start` and `end`.
    pub text: Cow<'a, str>,
    /// The rule that matched.
    pub rule: Cow<'a, str>,
    /// The codebook pattern(s) that matched (two, joined by " … ", for a proximity rule).
    pub pattern: Cow<'a, str>,
}

/// A reviewer's decision on a coding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditReview {
    /// accept, reject or add.
    pub decision: String,
    /// The theme (for rejected codings, which are listed apart).
    pub theme: String,
    /// Who decided.
    pub reviewer: String,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl From<&tally_review::Decision> for AuditReview {
    /// The review of a coding as decision `d` records it.
    fn from(d: &tally_review::Decision) -> Self {
        AuditReview {
            decision: d.decision.as_str().into(),
            theme: d.theme.clone(),
            reviewer: d.reviewer.clone(),
            note: d.note.clone(),
        }
    }
}

impl AuditReview {
    /// The review of a coding that decision `d` asked to add but the codebook now codes
    /// anyway: recorded as accepted, its note saying so
    /// ([`crate::prose::added_now_coded_note`]).
    pub fn added_now_coded(d: &tally_review::Decision) -> Self {
        AuditReview {
            decision: tally_review::Verdict::Accept.as_str().into(),
            note: Some(crate::prose::added_now_coded_note(d.note.as_deref())),
            ..AuditReview::from(d)
        }
    }
}

/// Personal data found in a response and replaced in every published output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditRedaction<'a> {
    /// Byte offset in the response text.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// email, url, phone, postcode, ni-number, nhs-number, date, address, name or reference.
    pub kind: Cow<'a, str>,
}

impl From<tally_redact::Span> for AuditRedaction<'static> {
    /// The audit's record of a span the redactor found.
    fn from(s: tally_redact::Span) -> Self {
        AuditRedaction {
            start: s.start as u32,
            end: s.end as u32,
            kind: s.kind.as_str().into(),
        }
    }
}

/// The organised campaign a response belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditCampaign<'a> {
    /// Campaign id (`C1` …, as in run.json and summary.md).
    pub id: Cow<'a, str>,
    /// template, copy or variant.
    pub role: Cow<'a, str>,
}

/// A learned coder's score of a coding (`tally analyse --coder`): its probability, in
/// [0, 1], to six decimals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Score(pub f64);

// scores are never NaN (they are read from millionths)
impl Eq for Score {}

impl<'a> AuditCampaign<'a> {
    /// The record of membership `m` of one of `campaigns`.
    pub fn of(campaigns: &'a tally_campaign::Campaigns, m: tally_campaign::Membership) -> Self {
        AuditCampaign {
            id: campaigns.campaigns[m.campaign as usize].id.as_str().into(),
            role: m.role.as_str().into(),
        }
    }
}

/// One theme coded for a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditTheme<'a> {
    /// Theme id.
    pub theme: Cow<'a, str>,
    /// The rule behind the first evidence (`model` for a learned coder's coding).
    pub rule: Cow<'a, str>,
    /// A learned coder's score, for a coding it made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// Every span that raises the theme, in text order.
    pub evidence: Vec<AuditEvidence<'a>>,
    /// The reviewer's decision, when the coding was reviewed (accepted or added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<AuditReview>,
}

/// One line of audit.jsonl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditLine<'a> {
    /// Stable response id.
    pub response_id: Cow<'a, str>,
    /// Respondent id.
    pub respondent_id: Cow<'a, str>,
    /// Question id.
    pub question: Cow<'a, str>,
    /// Respondent type.
    pub respondent_type: Cow<'a, str>,
    /// Length of the response text in bytes (offsets are below this).
    pub text_bytes: u64,
    /// Where it came from.
    pub source: AuditSource<'a>,
    /// Themes coded, in codebook order; empty when none.
    pub themes: Vec<AuditTheme<'a>>,
    /// The organised campaign the response belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<AuditCampaign<'a>>,
    /// Where personal data was found, and what kind (the data itself is not repeated here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redacted: Vec<AuditRedaction<'a>>,
    /// Codings the codebook made and a reviewer rejected (not counted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<AuditReview>,
    /// For a question coded with one theme per answer (`mode = "single"`): the other themes
    /// the codebook found, dropped for the best-supported one (not counted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub single_mode_dropped: Vec<Cow<'a, str>>,
}

impl<'a> AuditLine<'a> {
    /// The audit line of a coded response, borrowing its strings from the response, the
    /// matcher and the theme ids.
    pub fn new(
        r: &'a Response,
        file: &'a str,
        hits: &[ThemeHit],
        matcher: &'a Matcher,
        theme_ids: &'a [String],
    ) -> AuditLine<'a> {
        let themes = hits
            .iter()
            .map(|h| {
                let evidence: Vec<AuditEvidence<'a>> = h
                    .evidence
                    .iter()
                    .map(|e| {
                        let mut patterns = e
                            .patterns
                            .iter()
                            .filter(|&&p| p != NO_PATTERN)
                            .map(|&p| matcher.pattern_text(p));
                        let pattern = match (patterns.next(), patterns.next()) {
                            (Some(a), None) => Cow::Borrowed(a),
                            (Some(a), Some(b)) => Cow::Owned(format!("{a}{PATTERN_JOIN}{b}")),
                            (None, _) => Cow::Borrowed(""),
                        };
                        let rule = if e.rule == REVIEW_RULE {
                            Cow::Borrowed(REVIEW_RULE_NAME)
                        } else if e.rule == MODEL_RULE {
                            Cow::Borrowed(MODEL_RULE_NAME)
                        } else {
                            Cow::Borrowed(matcher.rule(e.rule).1)
                        };
                        AuditEvidence {
                            start: e.start,
                            end: e.end,
                            text: Cow::Borrowed(&r.text[e.start as usize..e.end as usize]),
                            rule,
                            pattern,
                        }
                    })
                    .collect();
                AuditTheme {
                    theme: Cow::Borrowed(theme_ids[h.theme as usize].as_str()),
                    rule: evidence
                        .first()
                        .map_or(Cow::Borrowed(REVIEW_RULE_NAME), |e| e.rule.clone()),
                    score: h.score.map(|s| Score(s.get())),
                    evidence,
                    review: None,
                }
            })
            .collect();
        AuditLine {
            response_id: Cow::Borrowed(&r.id),
            respondent_id: Cow::Borrowed(&r.respondent),
            question: Cow::Borrowed(&r.question),
            respondent_type: Cow::Borrowed(&r.respondent_type),
            text_bytes: r.text.len() as u64,
            source: AuditSource {
                file: Cow::Borrowed(file),
                line: r.line,
            },
            themes,
            campaign: None,
            redacted: Vec::new(),
            rejected: Vec::new(),
            single_mode_dropped: Vec::new(),
        }
    }
}

/// The part of an audit line that depends only on the response's question and text — its
/// themes with their evidence, and where its personal data is — serialised once, so that
/// verbatim twins share it (see [`AuditLine::write_with`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditBody {
    pub(crate) themes: Vec<u8>,
    /// Empty when nothing was redacted (the field is then left out of the line).
    pub(crate) redacted: Vec<u8>,
}

impl AuditBody {
    /// Bytes it holds.
    pub fn len(&self) -> usize {
        self.themes.len() + self.redacted.len()
    }

    /// Whether it holds nothing (never, for a body made by [`crate::BodyWriter`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Appends `s` as a JSON string: as it is, between quotes, when nothing in it needs an
/// escape (the usual id, question, type or file name), else as serde_json writes it (which
/// escapes only `"`, `\` and control characters: the fast path writes the same bytes,
/// tested for every ASCII character).
pub(crate) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // a string into a vector: serde_json cannot fail here
        serde_json::to_writer(out, s).expect("a string serialises");
    }
}

/// The rule name of evidence a reviewer added.
pub(crate) const REVIEW_RULE_NAME: &str = "review: add";

/// The rule name of a learned coder's coding.
pub(crate) const MODEL_RULE_NAME: &str = "model";

/// Appends `,"score":` and the score as serde_json writes it.
pub(crate) fn push_score(out: &mut Vec<u8>, score: f64) {
    out.extend_from_slice(b",\"score\":");
    serde_json::to_writer(&mut *out, &score).expect("a finite f64 serialises");
}

/// Between the two patterns of a proximity rule's evidence.
pub(crate) const PATTERN_JOIN: &str = " … ";

/// Appends `key` (the JSON before a value: punctuation and the field's name) and `value`
/// as a JSON string.
pub(crate) fn push_field(out: &mut Vec<u8>, key: &[u8], value: &str) {
    out.extend_from_slice(key);
    push_json_str(out, value);
}

/// Opens the object of a span in a list (evidence, a redaction): its comma unless it is
/// the `first`, then its `start` and `end` fields.
pub(crate) fn push_span(out: &mut Vec<u8>, first: bool, start: u32, end: u32) {
    if !first {
        out.push(b',');
    }
    out.extend_from_slice(b"{\"start\":");
    push_json_u64(out, start.into());
    out.extend_from_slice(b",\"end\":");
    push_json_u64(out, end.into());
}

/// Appends `redacted` as the JSON list of the line's `redacted` field.
pub(crate) fn push_redacted(out: &mut Vec<u8>, redacted: &[AuditRedaction]) {
    out.push(b'[');
    for (i, r) in redacted.iter().enumerate() {
        push_span(out, i == 0, r.start, r.end);
        push_field(out, b",\"kind\":", &r.kind);
        out.push(b'}');
    }
    out.push(b']');
}

/// Appends a number as JSON (its decimal digits, as serde_json writes them: through `itoa`).
fn push_json_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends a reviewer's decision as a JSON object.
pub(crate) fn push_review(out: &mut Vec<u8>, review: &AuditReview) {
    push_field(out, b"{\"decision\":", &review.decision);
    push_field(out, b",\"theme\":", &review.theme);
    push_field(out, b",\"reviewer\":", &review.reviewer);
    if let Some(note) = &review.note {
        push_field(out, b",\"note\":", note);
    }
    out.push(b'}');
}

/// Appends `items` as a JSON list, each written by `push`.
fn push_list<T>(out: &mut Vec<u8>, items: &[T], push: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push(out, item);
    }
    out.push(b']');
}

impl AuditLine<'_> {
    /// Appends the line as JSON, and a newline, to `out`, with the themes and redactions of
    /// `body` in place of its own (which are not looked at): the bytes `serde_json` writes for
    /// the line holding them (tested), without serialising them again.
    pub fn write_with(&self, body: &AuditBody, out: &mut Vec<u8>) {
        // the fields before the themes, in the order of the struct (serde's)
        push_field(out, b"{\"response_id\":", &self.response_id);
        push_field(out, b",\"respondent_id\":", &self.respondent_id);
        push_field(out, b",\"question\":", &self.question);
        push_field(out, b",\"respondent_type\":", &self.respondent_type);
        out.extend_from_slice(b",\"text_bytes\":");
        push_json_u64(out, self.text_bytes);
        push_field(out, b",\"source\":{\"file\":", &self.source.file);
        out.extend_from_slice(b",\"line\":");
        push_json_u64(out, self.source.line);
        out.extend_from_slice(b"},\"themes\":");
        out.extend_from_slice(&body.themes);
        if let Some(campaign) = &self.campaign {
            out.extend_from_slice(b",\"campaign\":");
            push_field(out, b"{\"id\":", &campaign.id);
            push_field(out, b",\"role\":", &campaign.role);
            out.push(b'}');
        }
        if !body.redacted.is_empty() {
            out.extend_from_slice(b",\"redacted\":");
            out.extend_from_slice(&body.redacted);
        }
        if !self.rejected.is_empty() {
            out.extend_from_slice(b",\"rejected\":");
            push_list(out, &self.rejected, push_review);
        }
        if !self.single_mode_dropped.is_empty() {
            out.extend_from_slice(b",\"single_mode_dropped\":");
            push_list(out, &self.single_mode_dropped, |out, id| {
                push_json_str(out, id)
            });
        }
        out.extend_from_slice(b"}\n");
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn line<'a>(id: &'a str, text: &'a str) -> AuditLine<'a> {
        AuditLine {
            response_id: Cow::Borrowed(id),
            respondent_id: Cow::Borrowed("R \"1\"\\"),
            question: Cow::Borrowed("Q1"),
            respondent_type: Cow::Borrowed("Parent or carer"),
            text_bytes: text.len() as u64,
            source: AuditSource {
                file: Cow::Borrowed("dir/responses – 2026.csv"),
                line: 7,
            },
            themes: vec![AuditTheme {
                theme: Cow::Borrowed("funding"),
                rule: Cow::Borrowed("underfunding"),
                score: None,
                evidence: vec![AuditEvidence {
                    start: 0,
                    end: 9,
                    text: Cow::Borrowed(&text[..9]),
                    rule: Cow::Borrowed("underfunding"),
                    pattern: Cow::Borrowed("under* … fund*"),
                }],
                review: None,
            }],
            campaign: None,
            redacted: Vec::new(),
            rejected: Vec::new(),
            single_mode_dropped: Vec::new(),
        }
    }

    /// The body of `line` as serde_json writes its themes and redactions: the oracle of
    /// the writer's bodies.
    pub(crate) fn serde_body(line: &AuditLine) -> AuditBody {
        AuditBody {
            themes: serde_json::to_vec(&line.themes).expect("serialises"),
            redacted: if line.redacted.is_empty() {
                Vec::new()
            } else {
                serde_json::to_vec(&line.redacted).expect("serialises")
            },
        }
    }

    fn serde_line(line: &AuditLine) -> Vec<u8> {
        let mut want = serde_json::to_vec(line).expect("serialises");
        want.push(b'\n');
        want
    }

    /// Every combination of the optional fields: the spliced line is serde_json's, byte for
    /// byte.
    #[test]
    fn a_line_written_with_its_body_is_the_serialised_line() {
        let text = "Underfunded “care”, \"quoted\"\n\tand £2.6bn\u{1F600}";
        for mask in 0..128u8 {
            let mut l = line("S0000001:Q1", text);
            if mask & 1 != 0 {
                l.themes.clear();
            }
            if mask & 16 != 0 {
                // a second theme, with two pieces of evidence needing escapes
                let mut second = l
                    .themes
                    .first()
                    .cloned()
                    .unwrap_or_else(|| line("x", text).themes.remove(0));
                second.theme = Cow::Borrowed("funding \"gap\"");
                second.evidence.push(AuditEvidence {
                    start: 0,
                    end: text.len() as u32,
                    text: Cow::Borrowed(text),
                    rule: Cow::Borrowed("rule\\with\\backslashes"),
                    pattern: Cow::Borrowed("“care” … \t"),
                });
                l.themes.push(second);
            }
            if mask & 32 != 0 {
                if let Some(t) = l.themes.last_mut() {
                    t.review = Some(AuditReview {
                        decision: "accept".into(),
                        theme: t.theme.to_string(),
                        reviewer: "A. Reviewer".into(),
                        note: None,
                    });
                }
            }
            if mask & 2 != 0 {
                l.campaign = Some(AuditCampaign {
                    id: Cow::Borrowed("C12"),
                    role: Cow::Borrowed("copy"),
                });
            }
            if mask & 4 != 0 {
                l.redacted = vec![
                    AuditRedaction {
                        start: 3,
                        end: 8,
                        kind: Cow::Borrowed("name"),
                    },
                    AuditRedaction {
                        start: 12,
                        end: 4_000_000_000,
                        kind: Cow::Borrowed("e\"mail"),
                    },
                ];
            }
            if mask & 8 != 0 {
                l.rejected = vec![
                    AuditReview {
                        decision: "reject".into(),
                        theme: "workload".into(),
                        reviewer: "A. Reviewer".into(),
                        note: Some("not about \"workload\"".into()),
                    },
                    AuditReview {
                        decision: "reject".into(),
                        theme: "pay".into(),
                        reviewer: "B. Reviewer".into(),
                        note: None,
                    },
                ];
            }
            if mask & 64 != 0 {
                l.single_mode_dropped = vec![Cow::Borrowed("workload"), Cow::Borrowed("pay \"x\"")];
            }
            let mut got = Vec::new();
            l.write_with(&serde_body(&l), &mut got);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&serde_line(&l)),
                "fields {mask:06b}"
            );
        }
    }

    /// Strings are written as serde_json writes them, escapes and all.
    #[test]
    fn a_string_is_written_as_serde_json_writes_it() {
        let mut cases: Vec<String> = (0u8..128).map(|b| format!("a{}b", b as char)).collect();
        cases.extend(
            [
                "",
                "S0000001:Q1",
                "dir/responses – 2026.csv",
                "“quoted” ’",
                "\u{1F600}",
                "\u{7F}\u{80}\u{2028}",
            ]
            .map(String::from),
        );
        for s in &cases {
            let mut got = Vec::new();
            push_json_str(&mut got, s);
            assert_eq!(got, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        for n in [0, 7, 10, 12345, u64::MAX] {
            let mut got = Vec::new();
            push_json_u64(&mut got, n);
            assert_eq!(got, serde_json::to_vec(&n).unwrap());
        }
    }

    /// A twin's line: its own head and campaign, the body of the first.
    #[test]
    fn a_twin_takes_the_body_and_keeps_its_own_head() {
        let text = "Underfunding everywhere";
        let first = line("S0000001:Q1", text);
        let body = serde_body(&first);
        let mut twin = line("S0000002:Q1", text);
        twin.themes.clear(); // not looked at
        twin.campaign = Some(AuditCampaign {
            id: Cow::Borrowed("C1"),
            role: Cow::Borrowed("copy"),
        });
        let mut got = Vec::new();
        twin.write_with(&body, &mut got);
        let mut whole = line("S0000002:Q1", text);
        whole.campaign = twin.campaign.clone();
        assert_eq!(got, serde_line(&whole));
    }
}

//! `coded.csv`: one row per coded response for a person to review — every response,
//! those that raised no theme and campaign copies included — with its text (personal data
//! replaced by typed placeholders, as in the published outputs), its themes, the evidence
//! for each, and empty `decision`, `reviewer` and `note` columns for the reviewer
//! ([`tally_review::CODED_COLUMNS`]). `tally analyse --review coded.csv` reads the decisions
//! back.
//!
//! Rows are written by the thread that codes the response, into a buffer per run of
//! responses ([`CodedCsv`]), and the buffers are appended to the file in input order beside
//! the audit lines: the file is streamed, never held. Every cell that comes from the input
//! has its control characters removed (line ends kept) and is neutralised against
//! spreadsheet formulas (`tally_escape::cell`).

use std::borrow::Cow;
use std::fmt::Write as _;

use tally_code::ThemeHit;
use tally_ingest::Response;
use tally_review::{ReviewCells, CODED_COLUMNS};

use crate::{AuditCampaign, AuditRedaction};

/// One response's row.
#[derive(Debug, Clone, Copy)]
pub struct CodedRow<'a> {
    /// The response.
    pub response: &'a Response,
    /// Its coding (after review decisions, when there are any).
    pub hits: &'a [ThemeHit],
    /// The codebook's theme ids, by theme index.
    pub theme_ids: &'a [String],
    /// Personal data in its text, replaced in the row's text and evidence (empty with
    /// `--no-redact`).
    pub redacted: &'a [AuditRedaction<'a>],
    /// Its campaign, if any.
    pub campaign: Option<&'a AuditCampaign<'a>>,
    /// The review decisions applied to it, written back into its review columns.
    pub review: Option<&'a ReviewCells>,
}

/// `text` with each of `found` (in order, not overlapping) replaced by `[kind]`.
pub fn redacted_text<'t>(text: &'t str, found: &[AuditRedaction]) -> Cow<'t, str> {
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16 * found.len());
    let mut at = 0;
    for s in found {
        let (start, end) = (s.start as usize, s.end as usize);
        if start < at || text.get(start..end).is_none() {
            continue;
        }
        out.push_str(&text[at..start]);
        let _ = write!(out, "[{}]", s.kind);
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Where offset `at` of the original text lands in [`redacted_text`]'s result: shifted by
/// the placeholders before it; inside a replaced span, at the placeholder's start (or its
/// end, for an `end_side` offset), so a span that touches personal data covers the
/// placeholder, never the data.
pub fn redacted_offset(found: &[AuditRedaction], at: u32, end_side: bool) -> usize {
    let mut shift: isize = 0;
    for s in found {
        let placeholder = s.kind.len() as isize + 2;
        if s.end <= at {
            shift += placeholder - (s.end - s.start) as isize;
        } else if s.start < at {
            let start = (s.start as isize + shift) as usize;
            return if end_side {
                start + placeholder as usize
            } else {
                start
            };
        } else {
            break;
        }
    }
    (at as isize + shift) as usize
}

/// The bytes a [`CodedCsv`] has written, taken out through the writer's shared reference
/// (`csv::Writer` lends its sink only so).
#[derive(Debug, Default)]
struct Sink(std::cell::RefCell<Vec<u8>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.get_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A worker's writer of rows: a CSV writer into memory and the buffers of a row's cells,
/// reused from row to row.
#[derive(Debug)]
pub struct CodedCsv {
    csv: csv::Writer<Sink>,
    themes: String,
    evidence: String,
}

impl Default for CodedCsv {
    fn default() -> Self {
        CodedCsv {
            csv: csv::WriterBuilder::new()
                .buffer_capacity(16 << 10)
                .from_writer(Sink::default()),
            themes: String::new(),
            evidence: String::new(),
        }
    }
}

/// Writing CSV into memory cannot fail (every row has the header's number of cells).
fn into_memory(result: csv::Result<()>) {
    result.expect("a CSV row writes into memory");
}

impl CodedCsv {
    /// The header line.
    pub fn header() -> Vec<u8> {
        let mut w = CodedCsv::default();
        into_memory(w.csv.write_record(CODED_COLUMNS));
        w.take()
    }

    /// Writes a response's row.
    pub fn push(&mut self, row: &CodedRow) {
        let r = row.response;
        let text = redacted_text(&r.text, row.redacted);
        self.themes.clear();
        self.evidence.clear();
        for (i, h) in row.hits.iter().enumerate() {
            let id = row.theme_ids[h.theme as usize].as_str();
            if i > 0 {
                self.themes.push(';');
                self.evidence.push_str("; ");
            }
            self.themes.push_str(id);
            self.evidence.push_str(id);
            for (j, e) in h.evidence.iter().enumerate() {
                let (s, t) = (
                    redacted_offset(row.redacted, e.start, false),
                    redacted_offset(row.redacted, e.end, true),
                );
                self.evidence.push_str(if j == 0 { ": \"" } else { ", \"" });
                self.evidence.push_str(text.get(s..t).unwrap_or(""));
                self.evidence.push('"');
            }
        }
        let no = ReviewCells::default();
        let review = row.review.unwrap_or(&no);
        let (campaign, role) = row
            .campaign
            .map_or(("", ""), |c| (c.id.as_ref(), c.role.as_ref()));
        let cells: [&str; 12] = [
            &r.id,
            &r.respondent,
            &r.question,
            &r.respondent_type,
            campaign,
            role,
            &text,
            &self.themes,
            &self.evidence,
            &review.decision,
            &review.reviewer,
            &review.note,
        ];
        into_memory(
            self.csv
                .write_record(cells.iter().map(|c| match tally_escape::cell(c) {
                    Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                    Cow::Owned(s) => Cow::Owned(s.into_bytes()),
                })),
        );
        // into the sink now, so that [`CodedCsv::len`] counts the row
        into_memory(self.csv.flush().map_err(csv::Error::from));
    }

    /// Bytes of rows written and not yet taken.
    pub fn len(&self) -> usize {
        self.csv.get_ref().0.borrow().len()
    }

    /// Whether no row was written since the last [`CodedCsv::take`].
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows written since the last call, as CSV bytes.
    pub fn take(&mut self) -> Vec<u8> {
        into_memory(self.csv.flush().map_err(csv::Error::from));
        self.csv.get_ref().0.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_code::Evidence;

    fn response(text: &str) -> Response {
        Response {
            id: "=R1:Q1".into(),
            respondent: "R1".into(),
            question: "Q1".into(),
            respondent_type: "Parent or carer".into(),
            text: text.into(),
            source: "f.csv".into(),
            line: 2,
        }
    }

    fn ev(start: u32, end: u32) -> Evidence {
        Evidence {
            start,
            end,
            rule: 0,
            patterns: [tally_code::NO_PATTERN; 2],
        }
    }

    #[test]
    fn a_row_has_redacted_text_themes_evidence_and_neutralised_cells() {
        let text = "Call Jo Bloggs on 07700 900123: more money, and a salary, please";
        let r = response(text);
        let red = [
            AuditRedaction {
                start: 5,
                end: 14,
                kind: "name".into(),
            },
            AuditRedaction {
                start: 18,
                end: 30,
                kind: "phone".into(),
            },
        ];
        let ids: Vec<String> = vec!["funding".into(), "pay".into()];
        let money = text.find("more money").unwrap() as u32;
        let salary = text.find("salary").unwrap() as u32;
        let hits = [
            ThemeHit {
                theme: 0,
                // the second span runs into the phone number: it covers its placeholder
                evidence: vec![ev(money, money + 10), ev(18, 22)],
                score: None,
            },
            ThemeHit {
                theme: 1,
                evidence: vec![ev(salary, salary + 6)],
                score: None,
            },
        ];
        let camp = AuditCampaign {
            id: "C1".into(),
            role: "copy".into(),
        };
        let mut w = CodedCsv::default();
        w.push(&CodedRow {
            response: &r,
            hits: &hits,
            theme_ids: &ids,
            redacted: &red,
            campaign: Some(&camp),
            review: None,
        });
        w.push(&CodedRow {
            response: &response("nothing"),
            hits: &[],
            theme_ids: &ids,
            redacted: &[],
            campaign: None,
            review: Some(&ReviewCells {
                decision: "add pay".into(),
                reviewer: "AB".into(),
                note: String::new(),
            }),
        });
        let mut bytes = CodedCsv::header();
        bytes.extend(w.take());
        let got = String::from_utf8(bytes).unwrap();
        assert_eq!(
            got,
            "response_id,respondent_id,question,respondent_type,campaign,campaign_role,text,themes,evidence,decision,reviewer,note\n\
             '=R1:Q1,R1,Q1,Parent or carer,C1,copy,\"Call [name] on [phone]: more money, and a salary, please\",funding;pay,\
             \"funding: \"\"more money\"\", \"\"[phone]\"\"; pay: \"\"salary\"\"\",,,\n\
             '=R1:Q1,R1,Q1,Parent or carer,,,nothing,,,add pay,AB,\n"
        );
        assert!(!got.contains("Bloggs") && !got.contains("07700"));
        assert!(w.take().is_empty(), "taken once");
    }

    #[test]
    fn offsets_move_through_the_placeholders() {
        let red = [AuditRedaction {
            start: 4,
            end: 8,
            kind: "name".into(),
        }];
        let text = "abc Jane xyz";
        let out = redacted_text(text, &red);
        assert_eq!(out, "abc [name] xyz");
        assert_eq!(redacted_offset(&red, 0, false), 0);
        assert_eq!(redacted_offset(&red, 6, false), 4);
        assert_eq!(redacted_offset(&red, 6, true), 10);
        assert_eq!(&out[redacted_offset(&red, 9, false)..], "xyz");
        assert_eq!(redacted_text(text, &[]), text);
    }
}

//! The page's items: the coded responses the review page embeds, collected in input order
//! from the rows that coded.csv gets ([`CodedRow`]), capped per theme.
//!
//! Each theme lists the first [`PER_THEME`] responses coded with it, in input order, and a
//! "no theme" group the first [`PER_THEME`] responses coded with none (so a reviewer can add
//! a missed theme). A response kept for one theme shows under its other themes too, so a
//! theme's list may hold a few more. Every response with a decision in the run's decisions
//! file is kept as well (up to [`DECIDED_MAX`]), so the page can show each applied decision
//! where it was made; a coding the decisions rejected is listed under its theme, marked
//! rejected, without evidence (the run removed it). Texts are the redacted texts of
//! coded.csv, cut at [`MAX_TEXT_BYTES`](super::spans::MAX_TEXT_BYTES).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tally_code::{Matcher, ThemeHit, REVIEW_RULE};
use tally_review::{Decision, Decisions, Verdict};

use super::spans::{cut, span_utf16, MAX_TEXT_BYTES};
use crate::audit::REVIEW_RULE_NAME;
use crate::{redacted_offset, redacted_text, CodedRow};

/// Responses embedded per theme (and for "no theme").
pub const PER_THEME: usize = 50;

/// Responses with decisions embedded beyond the per-theme lists, at most.
pub const DECIDED_MAX: usize = 2_000;

/// One coding of an embedded response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageCoding {
    /// Theme index (codebook order).
    pub t: u32,
    /// Evidence as `[start, end, rule]`: UTF-16 positions in the item's text and an index
    /// into the page's rule names.
    pub s: Vec<[u32; 3]>,
    /// The run's decisions rejected this coding (it is not counted).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub x: bool,
}

/// One embedded response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageItem {
    /// Response id.
    pub id: String,
    /// Question id.
    pub q: String,
    /// Respondent type.
    pub ty: String,
    /// Campaign id, or empty.
    pub c: String,
    /// Campaign role, or empty.
    pub cr: String,
    /// The redacted text (cut when long).
    pub text: String,
    /// The text was cut at the page's limit.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
    /// Its codings, in codebook order.
    pub k: Vec<PageCoding>,
}

/// Collects the review page's items in input order (see the module docs for the caps).
#[derive(Debug, Clone)]
pub struct ReviewItems {
    /// The codebook's theme ids.
    theme_ids: Vec<String>,
    /// Rule names: the matcher's rules by index, then the review rule.
    rules: Vec<String>,
    /// Rejected themes by response id, from the run's decisions.
    rejected: BTreeMap<String, BTreeSet<u32>>,
    /// The run's decisions, in file order, and the responses they name.
    applied: Vec<Decision>,
    decided_ids: BTreeSet<String>,
    per_theme: usize,
    /// Responses coded with each theme (the last slot: with none), and those embedded.
    total: Vec<u64>,
    listed: Vec<usize>,
    decided: usize,
    items: Vec<PageItem>,
}

impl ReviewItems {
    /// A collector for a run coded by `matcher` with themes `theme_ids`, applying
    /// `decisions` (if any), embedding `per_theme` responses a theme.
    pub fn new(
        matcher: &Matcher,
        theme_ids: &[String],
        decisions: Option<&Decisions>,
        per_theme: usize,
    ) -> Self {
        let mut rules: Vec<String> = (0..matcher.rule_count() as u32)
            .map(|r| matcher.rule(r).1.to_string())
            .collect();
        rules.push(REVIEW_RULE_NAME.to_string());
        let mut rejected: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for d in decisions.iter().flat_map(|d| &d.all) {
            let at = theme_ids.iter().position(|t| *t == d.theme);
            if let (Verdict::Reject, Some(t)) = (d.decision, at) {
                rejected
                    .entry(d.response_id.clone())
                    .or_default()
                    .insert(t as u32);
            }
        }
        ReviewItems {
            theme_ids: theme_ids.to_vec(),
            rules,
            rejected,
            applied: decisions.map(|d| d.all.clone()).unwrap_or_default(),
            decided_ids: decisions
                .map(|d| d.by_response.keys().cloned().collect())
                .unwrap_or_default(),
            per_theme,
            total: vec![0; theme_ids.len() + 1],
            listed: vec![0; theme_ids.len() + 1],
            decided: 0,
            items: Vec::new(),
        }
    }

    /// The slots (theme indices; the last for "no theme") a response with `hits` fills,
    /// rejected codings included.
    fn slots(&self, id: &str, hits: &[ThemeHit]) -> BTreeSet<usize> {
        let mut slots: BTreeSet<usize> = hits.iter().map(|h| h.theme as usize).collect();
        if let Some(rejected) = self.rejected.get(id) {
            slots.extend(rejected.iter().map(|&t| t as usize));
        }
        if slots.is_empty() {
            slots.insert(self.theme_ids.len());
        }
        slots
    }

    /// Counts a response's codings (`hits`, after the decisions) and says whether the page
    /// keeps it; call [`ReviewItems::push`] with its row if so. Call once per response, in
    /// input order.
    pub fn count(&mut self, id: &str, hits: &[ThemeHit]) -> bool {
        for h in hits {
            self.total[h.theme as usize] += 1;
        }
        if hits.is_empty() {
            self.total[self.theme_ids.len()] += 1;
        }
        let slots = self.slots(id, hits);
        let decided = self.applied_to(id) && self.decided < DECIDED_MAX;
        decided || slots.iter().any(|&s| self.listed[s] < self.per_theme)
    }

    /// Whether the run's decisions name response `id`.
    fn applied_to(&self, id: &str) -> bool {
        self.decided_ids.contains(id)
    }

    /// Embeds a response that [`ReviewItems::count`] kept.
    pub fn push(&mut self, row: &CodedRow) {
        let r = row.response;
        let slots = self.slots(&r.id, row.hits);
        for &s in &slots {
            self.listed[s] += 1;
        }
        if self.applied_to(&r.id) {
            self.decided += 1;
        }
        let full = redacted_text(&r.text, row.redacted);
        let (text, was_cut) = cut(&full, MAX_TEXT_BYTES);
        let mut codings: Vec<PageCoding> = row
            .hits
            .iter()
            .map(|h| PageCoding {
                t: h.theme,
                s: h.evidence
                    .iter()
                    .filter_map(|e| {
                        let start = redacted_offset(row.redacted, e.start, false);
                        let end = redacted_offset(row.redacted, e.end, true);
                        let rule = if e.rule == REVIEW_RULE {
                            self.rules.len() - 1
                        } else {
                            (e.rule as usize).min(self.rules.len() - 1)
                        };
                        span_utf16(text, start, end).map(|(s, e)| [s, e, rule as u32])
                    })
                    .collect(),
                x: false,
            })
            .collect();
        for &t in self.rejected.get(r.id.as_str()).into_iter().flatten() {
            if !codings.iter().any(|c| c.t == t) {
                codings.push(PageCoding {
                    t,
                    s: Vec::new(),
                    x: true,
                });
            }
        }
        codings.sort_by_key(|c| c.t);
        let (c, cr) = row.campaign.map_or((String::new(), String::new()), |c| {
            (c.id.to_string(), c.role.to_string())
        });
        self.items.push(PageItem {
            id: r.id.to_string(),
            q: r.question.to_string(),
            ty: r.respondent_type.to_string(),
            c,
            cr,
            text: text.to_string(),
            cut: was_cut,
            k: codings,
        });
    }

    /// The embedded responses, in input order.
    pub fn items(&self) -> &[PageItem] {
        &self.items
    }

    /// Rule names, indexed by a span's rule.
    pub fn rules(&self) -> &[String] {
        &self.rules
    }

    /// Responses coded with each theme in the run (the last: with none).
    pub fn totals(&self) -> &[u64] {
        &self.total
    }

    /// The run's decisions, in file order.
    pub fn applied(&self) -> &[Decision] {
        &self.applied
    }

    /// Responses embedded per theme.
    pub fn per_theme(&self) -> usize {
        self.per_theme
    }
}

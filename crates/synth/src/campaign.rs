//! The organised campaign: finding it in the source and writing its members' answers.
//!
//! A campaign shows in a survey export as one long answer repeated word for word by many
//! respondents. The text over [`MIN_CHARS`] characters repeated most often in any free-text
//! column is the campaign's template for that column; the respondents who sent it verbatim
//! are its members, and in every other column the long text they repeat most is the
//! template there. Source answers that reproduce a template (verbatim or edited) are kept
//! out of the ordinary answer pools, so campaign text appears only in generated members.
//!
//! A generated member's answer in a campaign column is the template, by weight verbatim
//! (40), with a word dropped (15), lower-cased (10), with a typo (10), or with a personal
//! sentence or two added before or after it (25) — the mix of the source's campaign.

use std::collections::{BTreeMap, BTreeSet};

use rand::Rng;

use crate::answer::TextPool;
use crate::categorical::Categorical;
use crate::perturb::{lower_case, typo};

/// Share of generated respondents who are campaign members (when there is a campaign).
pub(crate) const CAMPAIGN_SHARE: f64 = 0.08;
/// A template is longer than this many characters.
const MIN_CHARS: usize = 100;
/// A template is repeated verbatim by at least this many respondents.
const MIN_REPEATS: usize = 3;
/// A source answer holding this share of a template's distinct words is a campaign answer.
const VARIANT_OVERLAP: f64 = 0.8;

/// How a member's answer differs from the template.
#[derive(Debug, Clone, Copy)]
enum Edit {
    Verbatim,
    DropWord,
    Lower,
    Typo,
    Personal,
}

const EDITS: [(Edit, u64); 5] = [
    (Edit::Verbatim, 40),
    (Edit::DropWord, 15),
    (Edit::Lower, 10),
    (Edit::Typo, 10),
    (Edit::Personal, 25),
];

/// A campaign's templates, by free-text column.
#[derive(Debug)]
pub(crate) struct Campaign {
    /// `(text column slot, template)`, by slot.
    templates: Vec<(usize, Box<str>)>,
    /// The distinct words of each template, in the same order.
    words: Vec<BTreeSet<String>>,
    edits: Categorical<Edit>,
}

impl Campaign {
    /// Finds the campaign in `answers` (`answers[slot][row]`: every free-text column's
    /// answer by every source respondent), if one text is repeated often enough.
    pub(crate) fn detect(answers: &[Vec<&str>]) -> Option<Campaign> {
        let repeats = |slot: usize, rows: &mut dyn Iterator<Item = usize>| {
            let mut by_text: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for row in rows {
                let text = answers[slot][row].trim();
                if text.chars().count() > MIN_CHARS {
                    by_text.entry(text).or_default().push(row);
                }
            }
            let mut best: Option<(&str, Vec<usize>)> = None;
            for (text, rows) in by_text {
                if rows.len() >= MIN_REPEATS && best.as_ref().is_none_or(|b| rows.len() > b.1.len())
                {
                    best = Some((text, rows));
                }
            }
            best
        };
        let rows = answers.first().map_or(0, Vec::len);
        let mut anchor: Option<(usize, &str, Vec<usize>)> = None;
        for slot in 0..answers.len() {
            if let Some((text, members)) = repeats(slot, &mut (0..rows)) {
                if anchor.as_ref().is_none_or(|a| members.len() > a.2.len()) {
                    anchor = Some((slot, text, members));
                }
            }
        }
        let (anchor_slot, anchor_text, members) = anchor?;
        let mut templates = Vec::new();
        for slot in 0..answers.len() {
            if slot == anchor_slot {
                templates.push((slot, Box::from(anchor_text)));
            } else if let Some((text, _)) = repeats(slot, &mut members.iter().copied()) {
                templates.push((slot, Box::from(text)));
            }
        }
        Some(Campaign {
            words: templates.iter().map(|(_, t)| words(t)).collect(),
            templates,
            edits: Categorical::from_counts(EDITS),
        })
    }

    /// The template for a free-text column, if the campaign answered it.
    pub(crate) fn template(&self, slot: usize) -> Option<&str> {
        self.templates
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, t)| &**t)
    }

    /// Whether a source answer in column `slot` reproduces that column's template, verbatim
    /// or edited.
    pub(crate) fn is_variant(&self, slot: usize, answer: &str) -> bool {
        let Some(i) = self.templates.iter().position(|(s, _)| *s == slot) else {
            return false;
        };
        let template = &self.words[i];
        let answer = words(answer);
        let shared = template.iter().filter(|w| answer.contains(*w)).count();
        shared as f64 >= VARIANT_OVERLAP * template.len() as f64
    }

    /// Writes a member's answer from `template` to `out` (which must be empty); personal
    /// sentences come from `pool`.
    pub(crate) fn write<R: Rng>(
        &self,
        template: &str,
        pool: &TextPool,
        rng: &mut R,
        out: &mut String,
        scratch: &mut Vec<usize>,
    ) {
        match self.edits.sample(rng) {
            Some(Edit::Verbatim) | None => out.push_str(template),
            Some(Edit::DropWord) => {
                out.push_str(template);
                drop_word(out, rng);
            }
            Some(Edit::Lower) => {
                out.push_str(template);
                lower_case(out);
            }
            Some(Edit::Typo) => {
                out.push_str(template);
                typo(out, rng, scratch);
            }
            Some(Edit::Personal) => {
                let n = rng.random_range(1..=2);
                if pool.is_empty() {
                    out.push_str(template);
                } else if rng.random_bool(0.5) {
                    pool.push_sentences(rng, n, usize::MAX, out);
                    out.push_str("\n\n");
                    out.push_str(template);
                } else {
                    out.push_str(template);
                    out.push_str("\n\n");
                    pool.push_sentences(rng, n, usize::MAX, out);
                }
            }
        }
    }
}

/// The distinct lower-cased words of `text`.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Drops one random word (a run of non-space characters) and the space after it, or before
/// it for the last word.
fn drop_word<R: Rng>(text: &mut String, rng: &mut R) {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    if spans.len() < 2 {
        return;
    }
    let k = rng.random_range(0..spans.len());
    let range = match spans.get(k + 1) {
        Some(next) => spans[k].0..next.0,
        None => spans[k - 1].1..spans[k].1,
    };
    text.replace_range(range, "");
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    const TEMPLATE: &str = "We call on the Government to fund children's social care properly, \
        pay social workers fairly and cap agency rates so that families get stable support.";

    #[test]
    fn finds_the_most_repeated_long_text_and_its_companion() {
        let other = "Something else entirely, long enough to count as a long answer if it were \
            repeated many times by many respondents.";
        let companion = "And the companion template for the other question, which the same \
            members sent word for word, again and again.";
        let q1 = vec![companion, companion, companion, "", "short", "short"];
        let q2 = vec![TEMPLATE, TEMPLATE, TEMPLATE, other, other, "no"];
        let c = Campaign::detect(&[q1, q2]).unwrap();
        assert_eq!(c.template(1), Some(TEMPLATE));
        assert_eq!(c.template(0), Some(companion));
        assert!(c.is_variant(1, &TEMPLATE.to_lowercase().replace("fairly ", "")));
        assert!(!c.is_variant(1, other));
        assert!(!c.is_variant(0, TEMPLATE));
    }

    #[test]
    fn no_campaign_without_repeats() {
        assert!(Campaign::detect(&[vec![TEMPLATE, TEMPLATE, "x"]]).is_none());
        assert!(Campaign::detect(&[vec!["Agree", "Agree", "Agree"]]).is_none());
    }

    #[test]
    fn edited_answers_stay_recognisable() {
        let c = Campaign::detect(&[vec![TEMPLATE; 4]]).unwrap();
        let pool = TextPool::new(vec!["I am a social worker in Leeds. I love my job."], 0);
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let (mut out, mut scratch) = (String::new(), Vec::new());
        for _ in 0..500 {
            out.clear();
            c.write(TEMPLATE, &pool, &mut rng, &mut out, &mut scratch);
            assert!(c.is_variant(0, &out), "{out}");
        }
    }

    #[test]
    fn drop_word_removes_one_word_and_its_space() {
        for seed in 0..50 {
            let mut s = String::from("one two  three four");
            drop_word(&mut s, &mut ChaCha8Rng::seed_from_u64(seed));
            assert!(
                [
                    "two  three four",
                    "one three four",
                    "one two  four",
                    "one two  three"
                ]
                .contains(&s.as_str()),
                "{s}"
            );
        }
    }
}

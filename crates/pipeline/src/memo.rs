//! Verbatim repeats coded once per worker.
//!
//! A consultation's responses repeat word for word: campaign copies of a template, and short
//! answers ("Yes", "Agree."). What the parallel stage makes of a response's text — its
//! themes and evidence, its quote candidates and where its personal data is — depends only
//! on its question and text (coding is deterministic), so a response whose question and
//! text are those of one already coded on the same worker takes that coding instead of
//! making it again — with its audit line's themes and redactions, serialised
//! ([`tally_report::AuditBody`]). Only the quote tie-breaks, which hash the response id, are
//! made anew ([`tally_aggregate::quote_candidates_for`]), and the audit line's own fields
//! (ids, source, campaign).
//! Outputs are the same byte for byte whether a response is found here or coded (tested);
//! only the time changes, with the share of repeats in the corpus and how the workers
//! happen to share the responses out.
//!
//! A fixed table of [`SLOTS`] slots per worker, indexed by a hash of the question and text,
//! holding at most [`BUDGET`] bytes of texts and codings (memory stays flat, whatever the
//! corpus: at most `BUDGET` per worker thread for the coding, and as much again for the
//! campaign pass's signatures while that pass runs). A text is kept in an empty slot, or in place of the slot's text when its hash
//! lands there twice in a row ("seen twice"), so a stream of texts that never repeat does
//! not push a frequent one out; a slot's text is compared byte for byte before its coding is
//! used (a hash collision is a miss, never a wrong coding).

use tally_aggregate::QuoteCandidate;
use tally_code::ThemeHit;
use tally_report::AuditBody;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Slots per worker.
pub(crate) const SLOTS: usize = 32768;

/// Bytes of kept texts and codings per worker, at most.
pub(crate) const BUDGET: usize = 40 << 20;

/// What the stage makes of a response's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Coding {
    /// Themes and evidence.
    pub hits: Vec<ThemeHit>,
    /// Quote candidates (empty when quotes are off or nothing was coded).
    pub candidates: Vec<QuoteCandidate>,
    /// Its audit line's themes and personal-data spans, serialised.
    pub body: AuditBody,
}

/// What the table keeps for a text: its heap bytes count against the budget.
pub(crate) trait Kept: Clone {
    /// Bytes held outside the value itself.
    fn heap_bytes(&self) -> usize;
}

impl Kept for Coding {
    fn heap_bytes(&self) -> usize {
        self.hits
            .iter()
            .map(|h| std::mem::size_of_val(h) + std::mem::size_of_val(&h.evidence[..]))
            .sum::<usize>()
            + std::mem::size_of_val(&self.candidates[..])
            + self.body.len()
    }
}

/// A text's campaign signature (`None`: too short to consider).
impl Kept for Option<tally_campaign::Signature> {
    fn heap_bytes(&self) -> usize {
        0
    }
}

#[derive(Debug)]
struct Entry<V> {
    key: u64,
    question: Box<str>,
    text: Box<str>,
    value: V,
}

#[derive(Debug)]
struct Slot<V> {
    entry: Option<Box<Entry<V>>>,
    /// Key of the last text that landed here and was not kept (0: none).
    pending: u64,
}

impl<V> Default for Slot<V> {
    fn default() -> Self {
        Slot {
            entry: None,
            pending: 0,
        }
    }
}

/// One worker's table of repeated texts and what was made of them.
#[derive(Debug)]
pub(crate) struct Memo<V = Coding> {
    slots: Vec<Slot<V>>,
    /// Bytes held by the kept entries ([`Entry::size`]), at most `budget`.
    held: usize,
    budget: usize,
}

/// The key of a question and text in a [`Memo`] (never 0).
pub(crate) fn key(question: &str, text: &str) -> u64 {
    xxh3_64_with_seed(text.as_bytes(), xxh3_64(question.as_bytes())) | 1
}

impl<V: Kept> Entry<V> {
    /// The bytes an entry of these holds, roughly: its texts and value, and their
    /// bookkeeping (counted before anything is copied).
    fn size_of(question: &str, text: &str, value: &V) -> usize {
        std::mem::size_of::<Self>() + question.len() + text.len() + value.heap_bytes()
    }

    fn size(&self) -> usize {
        Self::size_of(&self.question, &self.text, &self.value)
    }
}

impl<V: Kept> Default for Memo<V> {
    fn default() -> Self {
        Memo::new(SLOTS, BUDGET)
    }
}

impl<V: Kept> Memo<V> {
    /// A table of `slots` slots (at least one) holding at most `budget` bytes.
    pub(crate) fn new(slots: usize, budget: usize) -> Self {
        Memo {
            slots: (0..slots.max(1)).map(|_| Slot::default()).collect(),
            held: 0,
            budget,
        }
    }

    fn slot(&self, key: u64) -> usize {
        // the low bit is always set (keys are never 0): the slot comes from the others
        ((key >> 1) % self.slots.len() as u64) as usize
    }

    /// What was made of an earlier response with this question and text, if this worker
    /// kept it.
    pub(crate) fn get(&self, key: u64, question: &str, text: &str) -> Option<&V> {
        let e = self.slots[self.slot(key)].entry.as_deref()?;
        (e.key == key && *e.question == *question && *e.text == *text).then_some(&e.value)
    }

    /// Offers what was just made of a question and text that [`Memo::get`] did not have:
    /// kept in an empty slot, or in place of the slot's text when the same key landed there
    /// last time (the text repeats) — unless it would take the table over its budget.
    pub(crate) fn offer(&mut self, key: u64, question: &str, text: &str, value: &V) {
        let at = self.slot(key);
        let slot = &mut self.slots[at];
        if slot.entry.is_some() && slot.pending != key {
            slot.pending = key;
            return;
        }
        let size = Entry::<V>::size_of(question, text, value);
        let old = slot.entry.as_ref().map_or(0, |e| e.size());
        let held = self.held - old + size;
        if held > self.budget {
            return;
        }
        self.held = held;
        slot.pending = 0;
        slot.entry = Some(Box::new(Entry {
            key,
            question: question.into(),
            text: text.into(),
            value: value.clone(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_code::Evidence;

    fn coding(theme: u32) -> Coding {
        Coding {
            hits: vec![ThemeHit {
                theme,
                evidence: vec![Evidence {
                    start: 0,
                    end: 3,
                    rule: theme,
                    patterns: [0, tally_code::NO_PATTERN],
                }],
            }],
            candidates: Vec::new(),
            body: AuditBody::default(),
        }
    }

    #[test]
    fn a_text_kept_in_an_empty_slot_is_found_again() {
        let mut m: Memo = Memo::default();
        let k = key("Q1", "Yes.");
        assert!(m.get(k, "Q1", "Yes.").is_none());
        m.offer(k, "Q1", "Yes.", &coding(1));
        assert_eq!(m.get(k, "Q1", "Yes."), Some(&coding(1)));
        // the same text to another question is another key
        let other = key("Q2", "Yes.");
        assert_ne!(other, k);
        assert!(m.get(other, "Q2", "Yes.").is_none());
    }

    #[test]
    fn a_slot_shared_by_other_texts_never_gives_their_coding() {
        // one slot: every text lands on it
        let mut m: Memo = Memo::new(1, BUDGET);
        let (a, b) = (key("Q1", "alpha"), key("Q1", "beta"));
        m.offer(a, "Q1", "alpha", &coding(1));
        assert!(m.get(b, "Q1", "beta").is_none());
        // the same key with another text or question (a hash collision) is a miss
        assert!(m.get(a, "Q1", "beta").is_none());
        assert!(m.get(a, "Q2", "alpha").is_none());
        // a text seen once does not push the kept one out; seen twice in a row, it does
        m.offer(b, "Q1", "beta", &coding(2));
        assert_eq!(m.get(a, "Q1", "alpha"), Some(&coding(1)));
        m.offer(b, "Q1", "beta", &coding(2));
        assert!(m.get(a, "Q1", "alpha").is_none());
        assert_eq!(m.get(b, "Q1", "beta"), Some(&coding(2)));
    }

    #[test]
    fn every_slot_is_used() {
        let mut m: Memo = Memo::new(64, BUDGET);
        for i in 0..2000 {
            let text = format!("text {i}");
            m.offer(key("Q1", &text), "Q1", &text, &coding(1));
        }
        let used = m.slots.iter().filter(|s| s.entry.is_some()).count();
        assert_eq!(used, 64, "keys reach every slot");
    }

    #[test]
    fn the_table_keeps_within_its_budget() {
        let long = "x".repeat(1000);
        let mut m: Memo = Memo::new(64, 3000);
        for i in 0..20 {
            let text = format!("{long}{i}");
            let k = key("Q1", &text);
            m.offer(k, "Q1", &text, &coding(1));
            assert!(m.held <= 3000, "{} bytes held", m.held);
        }
        let kept = (0..20)
            .filter(|i| {
                let text = format!("{long}{i}");
                m.get(key("Q1", &text), "Q1", &text).is_some()
            })
            .count();
        assert_eq!(kept, 2, "two entries of ~1,100 bytes fit in 3,000");
    }
}

//! Verbatim repeats coded once.
//!
//! A consultation's responses repeat word for word: campaign copies of a template, and short
//! answers ("Yes", "Agree."). What the parallel stage makes of a response's text — its
//! themes and evidence, its quote candidates and where its personal data is — depends only
//! on its question and text (coding is deterministic), so a response whose question and
//! text are those of one already coded takes that coding instead of making it again — with
//! its audit line's themes and redactions, serialised ([`tally_report::AuditBody`]), and its
//! hits shared, not copied. Only the quote tie-breaks, which hash the response id, are
//! made anew ([`tally_aggregate::quote_candidates_for`]), and the audit line's own fields
//! (ids, source, campaign).
//! Outputs are the same byte for byte whether a response is found here or coded (tested);
//! only the time changes, with the share of repeats in the corpus and which texts the table
//! happens to hold when their repeats arrive.
//!
//! One table for all the workers ([`Shards`]: a repeat finds the coding whichever worker
//! made it), cut into shards behind their own locks, each a fixed table ([`Memo`]) of
//! slots indexed by a hash of the question and text. Between them they hold [`SLOTS`] slots
//! and at most [`BUDGET`] bytes of texts and codings per worker thread (memory stays flat,
//! whatever the corpus; as much again for the campaign pass's signatures while that pass
//! runs). A text is kept in an empty slot, or in place of the slot's text when its hash
//! lands there twice in a row ("seen twice"), so a stream of texts that never repeat does
//! not push a frequent one out; a slot's text is compared byte for byte before its coding is
//! used (a hash collision is a miss, never a wrong coding).

use std::sync::Arc;
use tally_aggregate::QuoteCandidate;
use tally_code::ThemeHit;
use tally_report::AuditBody;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Slots per worker thread (in the shared table).
pub(crate) const SLOTS: usize = 32768;

/// Bytes of kept texts and codings per worker thread (in the shared table), at most.
pub(crate) const BUDGET: usize = 40 << 20;

/// What the stage makes of a response's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Coding {
    /// Themes and evidence, shared by every response that takes this coding (a repeat's
    /// costs a count, not a copy).
    pub hits: Arc<Vec<ThemeHit>>,
    /// Quote candidates (empty when quotes are off or nothing was coded).
    pub candidates: Vec<QuoteCandidate>,
    /// Its audit line's themes and personal-data spans, serialised.
    pub body: AuditBody,
    /// Themes dropped by a single-code question's choice of one (`tally_code::keep_best`).
    pub dropped: Vec<u32>,
    /// Its personal-data spans (for its row of coded.csv; usually none).
    pub redacted: Vec<tally_report::AuditRedaction<'static>>,
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
            + std::mem::size_of_val(&self.dropped[..])
            + std::mem::size_of_val(&self.redacted[..])
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
    /// The question's bytes, then the text's, in one allocation (one fetch to compare).
    words: Box<str>,
    /// Where the text starts in `words`.
    split: usize,
    value: V,
}

#[derive(Debug)]
struct Slot<V> {
    /// Key of the kept entry (0: none), here rather than behind the entry's pointer, so a
    /// lookup that lands on another text's slot reads no further.
    key: u64,
    entry: Option<Box<Entry<V>>>,
    /// Key of the last text that landed here and was not kept (0: none).
    pending: u64,
}

impl<V> Default for Slot<V> {
    fn default() -> Self {
        Slot {
            key: 0,
            entry: None,
            pending: 0,
        }
    }
}

/// A table of repeated texts and what was made of them: one shard of [`Shards`].
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

    /// Its question and text.
    fn texts(&self) -> (&str, &str) {
        self.words.split_at(self.split)
    }

    fn size(&self) -> usize {
        let (question, text) = self.texts();
        Self::size_of(question, text, &self.value)
    }

    fn is(&self, question: &str, text: &str) -> bool {
        self.texts() == (question, text)
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

    /// What was made of an earlier response with this question and text, if this table
    /// kept it.
    pub(crate) fn get(&self, key: u64, question: &str, text: &str) -> Option<&V> {
        let slot = &self.slots[self.slot(key)];
        if slot.key != key {
            return None;
        }
        let e = slot.entry.as_deref()?;
        e.is(question, text).then_some(&e.value)
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
        slot.key = key;
        let mut words = String::with_capacity(question.len() + text.len());
        words.push_str(question);
        words.push_str(text);
        slot.entry = Some(Box::new(Entry {
            words: words.into_boxed_str(),
            split: question.len(),
            value: value.clone(),
        }));
    }
}

/// Shards of the shared table: enough that two workers rarely want the same one at once.
pub(crate) const SHARDS: usize = 64;

/// The table shared by every worker, cut into [`SHARDS`] shards, each a [`Memo`] behind its
/// own lock and chosen by bits of the key that the slot does not use. Shared, a text coded
/// on one worker serves its repeats on every other (with one table per worker, a repeat
/// that lands on another worker is coded again, and every worker keeps its own copy of the
/// frequent texts). A lock is held for a lookup or an offer — on a hit, while the response's
/// audit line is written from the entry and its quote tie-breaks are hashed — never while a
/// text is coded (every copy of a campaign text goes to one shard: at 1M, contended locks
/// were under 0.1% of the profile). Each shard holds at most its share of the budget, so
/// a single text and coding over `BUDGET / SHARDS` bytes a worker thread (640 KiB) is
/// coded every time it comes.
pub(crate) struct Shards<V> {
    shards: Box<[std::sync::Mutex<Memo<V>>]>,
}

impl<V: Kept> Shards<V> {
    /// Shards holding `slots` slots and `budget` bytes between them.
    pub(crate) fn new(slots: usize, budget: usize) -> Self {
        Shards {
            shards: (0..SHARDS)
                .map(|_| std::sync::Mutex::new(Memo::new(slots / SHARDS, budget / SHARDS)))
                .collect(),
        }
    }

    /// The table of the current rayon pool's workers: [`SLOTS`] slots and [`BUDGET`] bytes
    /// a worker thread.
    pub(crate) fn for_pool() -> Self {
        let threads = rayon::current_num_threads().max(1);
        Shards::new(SLOTS * threads, BUDGET * threads)
    }

    /// The shard of `key`, locked.
    pub(crate) fn lock(&self, key: u64) -> std::sync::MutexGuard<'_, Memo<V>> {
        // the slot within a shard comes from the low bits; the shard from the top ones
        let at = (key >> 58) as usize % self.shards.len();
        self.shards[at]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_code::Evidence;

    fn coding(theme: u32) -> Coding {
        Coding {
            hits: Arc::new(vec![ThemeHit {
                theme,
                evidence: vec![Evidence {
                    start: 0,
                    end: 3,
                    rule: theme,
                    patterns: [0, tally_code::NO_PATTERN],
                }],
                score: None,
            }]),
            candidates: Vec::new(),
            body: AuditBody::default(),
            dropped: Vec::new(),
            redacted: Vec::new(),
        }
    }

    #[test]
    fn a_text_kept_in_an_empty_slot_is_found_again() {
        let mut m: Memo = Memo::new(SLOTS, BUDGET);
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

    #[test]
    fn a_text_coded_on_one_thread_serves_its_repeat_on_another() {
        let shared: Shards<Coding> = Shards::new(SLOTS, BUDGET);
        let k = key("Q1", "We need more funding.");
        std::thread::scope(|s| {
            s.spawn(|| {
                shared
                    .lock(k)
                    .offer(k, "Q1", "We need more funding.", &coding(3))
            });
        });
        let found = std::thread::scope(|s| {
            s.spawn(|| {
                shared
                    .lock(k)
                    .get(k, "Q1", "We need more funding.")
                    .cloned()
            })
            .join()
            .expect("thread")
        });
        assert_eq!(found, Some(coding(3)));
    }

    #[test]
    fn keys_reach_every_shard_and_the_shards_keep_within_the_budget() {
        let long = "x".repeat(200);
        let budget = SHARDS * 1000;
        let shared: Shards<Coding> = Shards::new(SHARDS * 16, budget);
        for i in 0..5000 {
            let text = format!("{long}{i}");
            let k = key("Q1", &text);
            shared.lock(k).offer(k, "Q1", &text, &coding(1));
        }
        let shards: Vec<_> = shared
            .shards
            .iter()
            .map(|m| m.lock().expect("lock"))
            .collect();
        assert!(shards
            .iter()
            .all(|m| m.slots.iter().any(|s| s.entry.is_some())));
        let held: usize = shards.iter().map(|m| m.held).sum();
        assert!(held <= budget, "{held} bytes held");
        assert!(held > budget / 2, "the shards fill: {held} bytes held");
    }
}

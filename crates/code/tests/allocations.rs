//! The matcher's hot path allocates nothing but its output: once a thread's `Scratch` is
//! warm (its word cache holds the words, its buffers have grown), `Matcher::code` makes one
//! vector of hits and one vector of evidence per hit, each at its final size, and nothing
//! else — no analysis buffer, sentence list, proximity list or regex-set result per response.
//!
//! Counted by a global allocator that tallies the calls made on the current thread (tests
//! run on several threads at once). Two things on non-ASCII text still allocate, and the
//! texts that meet them are left out: words with a non-ASCII character other than an
//! apostrophe (`café`) go through `tokenizers`; and a codebook regex with a word boundary
//! (`\b`, which is Unicode-aware) makes `regex`'s fast engine give up on non-ASCII text
//! (it allocates the error saying so) and hand over to a slower one. Non-ASCII texts with
//! neither are checked (`can’t`, `£200m`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tally_code::{Codebook, Matcher, RuleKind, Scratch};

struct Counting;

thread_local! {
    /// (allocations, reallocations) made on this thread.
    static CALLS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

fn count(alloc: u64, realloc: u64) {
    // `try_with`: the allocator may be called while the thread's locals are torn down
    let _ = CALLS.try_with(|c| {
        let (a, r) = c.get();
        c.set((a + alloc, r + realloc));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(1, 0);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(1, 0);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(0, 1);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn calls() -> (u64, u64) {
    CALLS.with(Cell::get)
}

/// Whether `tokenizers` normalises some word of `text` (a word with a non-ASCII character
/// other than an apostrophe).
fn needs_tokenizers(text: &str) -> bool {
    let mut general = false;
    tally_text::word_spans(text, |s, e| {
        general |= text[s..e]
            .chars()
            .any(|c| !c.is_ascii() && !tally_text::is_apostrophe(c));
    });
    general
}

#[test]
fn coding_with_a_warm_scratch_allocates_only_the_hits() {
    let dir = tally_benchdata::CORPUS;
    let src = std::fs::read_to_string(format!("{dir}codebook.toml")).expect("codebook.toml");
    let book = Codebook::parse(&src, "codebook.toml").expect("codebook parses");
    let matcher = Matcher::compile(&book).expect("codebook compiles");
    let regexes: Vec<String> = book
        .themes
        .iter()
        .flat_map(|t| &t.rules)
        .filter_map(|r| match &r.kind {
            RuleKind::Regex(re) => Some(re.clone()),
            _ => None,
        })
        .collect();
    assert!(!regexes.is_empty(), "the codebook has regex rules");
    let regexes = regex::RegexSetBuilder::new(&regexes)
        .case_insensitive(true)
        .build()
        .expect("the codebook's regexes compile");
    let answers = tally_benchdata::answers();
    let mut scratch = Scratch::default();
    for (q, t) in &answers {
        matcher.code(&mut scratch, q, t);
    }
    let (mut checked, mut with_hits, mut curly) = (0, 0, 0);
    for (q, t) in &answers {
        if !t.is_ascii() && (needs_tokenizers(t) || regexes.is_match(t)) {
            continue;
        }
        let before = calls();
        let hits = matcher.code(&mut scratch, q, t);
        let after = calls();
        let output = if hits.is_empty() {
            0
        } else {
            1 + hits.len() as u64
        };
        assert_eq!(
            (after.0 - before.0, after.1 - before.1),
            (output, 0),
            "(allocations, reallocations) coding {t:?} into {} themes",
            hits.len()
        );
        checked += 1;
        with_hits += usize::from(!hits.is_empty());
        curly += usize::from(!t.is_ascii());
    }
    assert!(checked > 1000, "only {checked} answers checked");
    assert!(with_hits > 1000, "only {with_hits} answers raised a theme");
    assert!(curly > 20, "only {curly} non-ASCII answers checked");
    let regex_hits = answers
        .iter()
        .filter(|(_, t)| t.is_ascii() && regexes.is_match(t))
        .count();
    assert!(
        regex_hits > 10,
        "only {regex_hits} ASCII answers match a regex"
    );
}

//! Issue 19: reading a hostile text file holds a bounded amount of memory, however long its
//! longest cell or line: a small multiple of the longest response kept
//! (`--max-response-bytes`), not the size of the file.
//!
//! Measured by a global allocator that tracks the bytes live on the heap and their peak
//! (one test in this binary, so nothing else allocates meanwhile). The CSV reader held a
//! 32 MB cell whole, several times over (its record buffer doubling, then the response's
//! copy), and the JSONL reader held any line up to 256 MiB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use tally_ingest::{read_dir, Record};

struct Peak;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let live = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // counted as the allocation of the new block before the old one is freed, as a
        // moving reallocation holds both
        grow(new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Peak = Peak;

/// The most heap a file may add while it is read: the default response limit (1 MiB) many
/// times over, far below the 32 MB the bombs here hold.
const BOUND: usize = 16 << 20;

/// Reads `dir` and gives the responses' (id, length) and the heap's peak above its level
/// before the read.
fn read_measured(dir: &std::path::Path) -> (Vec<(String, usize)>, usize) {
    let mut got = Vec::new();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let report = read_dir(dir, None, &mut |r| {
        if let Record::Response(r) = r {
            got.push((r.id.to_string(), r.text.len()));
        }
    });
    let peak = PEAK.load(Ordering::Relaxed) - before;
    drop(report);
    (got, peak)
}

#[test]
fn issue_19_a_huge_csv_cell_or_jsonl_line_is_read_in_bounded_memory() {
    let max = tally_ingest::DEFAULT_MAX_RESPONSE_BYTES;
    let body = "more money needed\n".repeat(32 << 20 >> 4);
    let cases = [
        (
            "cell.csv",
            format!("id,question,text\nB1,Q1,\"{body}\"\nB2,Q1,after\n"),
            vec![("B1:Q1".to_string(), max), ("B2:Q1".to_string(), 5)],
        ),
        (
            "line.jsonl",
            format!(
                "{{\"id\":\"B1\",\"question\":\"Q1\",\"text\":\"{}\"}}\n{{\"id\":\"B2\",\"question\":\"Q1\",\"text\":\"after\"}}\n",
                body.replace('\n', "\\n")
            ),
            vec![("B2:Q1".to_string(), 5)],
        ),
    ];
    for (name, text, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        let (got, peak) = read_measured(dir.path());
        eprintln!("{name}: peak heap {peak} bytes while read");
        assert_eq!(got, want, "{name}");
        assert!(
            peak < BOUND,
            "{name}: reading it peaked at {peak} bytes of heap (bound {BOUND})"
        );
    }
}

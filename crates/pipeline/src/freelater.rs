//! Large tables freed on a thread of their own once a pass is done with them, while the
//! run goes on.
//!
//! At the end of the second pass the repeats table holds up to tens of megabytes in
//! hundreds of thousands of small allocations (and the workers' word caches many more).
//! Freeing them takes tens of milliseconds, on the main thread when the run is otherwise
//! single-threaded (the summary, the reports) and the other core is idle. Handing them to a
//! thread overlaps that with what comes next. Nothing the run writes depends on when the
//! memory is freed, and every such thread is joined before the run returns. (The first
//! pass's table is freed before the campaigns are grouped instead: there the memory
//! matters more than the milliseconds, as the grouping is that pass's peak.)

use std::thread::JoinHandle;

/// Threads freeing values; joined when this is dropped.
#[derive(Default)]
pub(crate) struct FreeLater {
    threads: Vec<JoinHandle<()>>,
}

impl FreeLater {
    /// Frees `value` on a new thread (if no thread can be started, the value is freed
    /// here, with the closure that would have run there).
    pub(crate) fn free<T: Send + 'static>(&mut self, value: T) {
        let started = std::thread::Builder::new()
            .name("tally-free".into())
            .spawn(move || drop(value));
        if let Ok(handle) = started {
            self.threads.push(handle);
        }
    }
}

impl Drop for FreeLater {
    fn drop(&mut self) {
        for t in self.threads.drain(..) {
            // a panic while freeing has nothing to report to the run
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    struct Counted(Arc<AtomicUsize>);

    impl Drop for Counted {
        fn drop(&mut self) {
            std::thread::sleep(std::time::Duration::from_millis(20));
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn every_value_is_freed_by_the_time_it_is_dropped() {
        let freed = Arc::new(AtomicUsize::new(0));
        {
            let mut later = FreeLater::default();
            for _ in 0..3 {
                later.free(Counted(Arc::clone(&freed)));
            }
        }
        assert_eq!(freed.load(Ordering::SeqCst), 3);
    }
}

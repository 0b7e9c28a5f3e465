//! One value per thread of the rayon pool, each behind its own lock: a worker takes its own
//! (by its index in the pool), so the lock is in practice never contended, and the values
//! stay warm for the whole run (a matcher scratch).

use std::sync::{Mutex, MutexGuard, PoisonError};

/// A value for each thread of the current rayon pool.
pub(crate) struct PerThread<T> {
    slots: Vec<Mutex<T>>,
}

impl<T: Default> PerThread<T> {
    /// One default value per thread of the current pool (at least one).
    pub(crate) fn new() -> Self {
        PerThread {
            slots: (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::new(T::default()))
                .collect(),
        }
    }
}

impl<T> PerThread<T> {
    /// The calling thread's value, locked (outside the pool: the first value).
    pub(crate) fn mine(&self) -> MutexGuard<'_, T> {
        let at = rayon::current_thread_index().unwrap_or(0) % self.slots.len();
        self.slots[at]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Every thread's value, locked in turn.
    pub(crate) fn each(&self) -> impl Iterator<Item = MutexGuard<'_, T>> {
        self.slots
            .iter()
            .map(|m| m.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

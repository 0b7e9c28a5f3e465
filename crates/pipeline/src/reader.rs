//! The reader thread both passes read the input on, and how the run joins its threads: a
//! thread that panicked fails the run with an error naming it, never an empty result.

use std::path::Path;
use std::thread::ScopedJoinHandle;

use tally_ingest::{Consultation, IngestReport, Record};

use crate::error::PipelineError;

/// What a consumer of [`read_batches`] sends back to the reader thread to be dropped there:
/// the records it was handed. Memory freed on the thread that allocated it is a local free
/// for the allocator (cheaper than a free from another thread).
pub(crate) type Returned = Box<dyn Send>;

/// Reads the input on a thread of the scope with `read` ([`tally_ingest::read_dir`], or
/// [`tally_ingest::read_dir_unhashed`] for the first pass), handing what
/// `keep` makes of each record over a bounded channel in batches of `batch_size`, in input
/// order (at most two batches wait). The thread's result is the ingest report. What is sent
/// back on the returned sender is dropped on the reader thread, between batches.
pub(crate) fn read_batches<'scope, 'env, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    read: tally_ingest::ReadDir,
    input: &'env Path,
    consultation: Option<&'env Consultation>,
    batch_size: usize,
    mut keep: impl FnMut(Record) -> Option<T> + Send + 'scope,
) -> (
    std::sync::mpsc::Receiver<Vec<T>>,
    std::sync::mpsc::Sender<Returned>,
    std::thread::ScopedJoinHandle<'scope, IngestReport>,
) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(2);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Returned>();
    let reader = scope.spawn(move || {
        let mut batch = Vec::with_capacity(batch_size);
        let report = read(input, consultation, &mut |record| {
            if let Some(item) = keep(record) {
                batch.push(item);
                if batch.len() >= batch_size {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
                    let _ = tx.send(full);
                    back_rx.try_iter().for_each(drop);
                }
            }
        });
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        report
    });
    (rx, back_tx, reader)
}

/// The result of a thread of the run: a panic there is an error naming the thread.
pub(crate) fn join<T>(
    handle: ScopedJoinHandle<'_, T>,
    thread: &'static str,
) -> Result<T, PipelineError> {
    handle.join().map_err(|panic| PipelineError::Panicked {
        thread,
        message: panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string()),
    })
}

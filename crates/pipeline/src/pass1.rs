//! Pass 1: campaign detection. The input is read once to find organised campaigns before
//! any response is coded, so that pass 2 knows each response's campaign and role.

use std::path::Path;

use rayon::prelude::*;
use tally_ingest::{Consultation, IngestReport, Record};

use crate::error::PipelineError;
use crate::memo::Shards;
use crate::reader::{join, read_batches};

/// The first pass: every response's signature (in parallel), inserted in input order on a
/// thread of its own while the next batch is signed. The input is read on another thread
/// ([`read_batches`]), so reading, signing and inserting overlap. With `reuse`, a text its
/// worker has already signed takes that signature (a signature depends on the text alone).
/// `keys` meets every response, to find what the run's decisions and samples name
/// ([`crate::resolve`]).
pub(crate) fn detect_campaigns(
    input: &Path,
    consultation: Option<&Consultation>,
    batch_size: usize,
    reuse: bool,
    mut keys: Option<&mut crate::resolve::Keys>,
) -> Result<(tally_campaign::Campaigns, IngestReport), PipelineError> {
    // only a response's question and text are kept: the rest is dropped on the reader thread
    // that made it (a local free, cheaper than one from another thread)
    type Signed = (
        Vec<(tally_ingest::Label, String)>,
        Vec<Option<tally_campaign::Signature>>,
    );
    let signer = tally_campaign::Signer::new();
    std::thread::scope(|scope| {
        let memos: Shards<Option<tally_campaign::Signature>> = Shards::for_pool();
        // the report of this read is kept only to check the second read against it
        // ids are checked as pass 2 checks them when decisions or samples name responses
        let read = match keys {
            Some(_) => tally_ingest::read_dir,
            None => tally_ingest::read_dir_unhashed,
        };
        let (rx, back, reader) = read_batches(
            scope,
            read,
            input,
            consultation,
            batch_size,
            move |record| match record {
                Record::Response(r) => {
                    if let Some(k) = keys.as_mut() {
                        k.observe(&r);
                    }
                    Some((r.question, r.text))
                }
                Record::Closed(_) => None,
            },
        );
        let (signed_tx, signed_rx) = std::sync::mpsc::sync_channel::<Signed>(2);
        let inserter = scope.spawn(move || {
            let mut detector = tally_campaign::Detector::new();
            let mut ordinal = 0u64;
            for (batch, sigs) in signed_rx {
                for ((question, _), sig) in batch.iter().zip(sigs) {
                    if let Some(sig) = sig {
                        detector.insert(ordinal, question, &sig);
                    }
                    ordinal += 1;
                }
                // once the reader has finished, its receiver is gone and the batch is
                // dropped here
                let _ = back.send(Box::new(batch));
            }
            detector.finish()
        });
        for batch in rx {
            let sigs = batch
                .par_iter()
                .with_min_len(64)
                .map(|(_, text)| {
                    if !reuse {
                        return signer.sign(text);
                    }
                    let key = crate::memo::key("", text);
                    if let Some(sig) = memos.lock(key).get(key, "", text) {
                        return *sig;
                    }
                    let sig = signer.sign(text);
                    memos.lock(key).offer(key, "", text, &sig);
                    sig
                })
                .collect();
            if signed_tx.send((batch, sigs)).is_err() {
                break;
            }
        }
        // freed before the campaigns are grouped (the inserter groups them once this
        // channel closes), while the last batches are inserted: the grouping's working
        // memory then reuses the table's instead of adding to it at the pass's peak
        drop(memos);
        drop(signed_tx);
        let report = join(reader, "reader");
        let found = join(inserter, "campaign");
        Ok((found?, report?))
    })
}

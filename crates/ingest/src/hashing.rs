//! A reader that computes the SHA-256 of everything read through it.

use std::io::{self, Read};

use sha2::{Digest, Sha256};

/// Wraps a reader, hashing the bytes that pass (unless made with `hash` false: then it only
/// passes them on).
pub(crate) struct HashingReader<R> {
    inner: R,
    hasher: Option<Sha256>,
}

impl<R: Read> HashingReader<R> {
    pub(crate) fn new(inner: R, hash: bool) -> Self {
        HashingReader {
            inner,
            hasher: hash.then(Sha256::new),
        }
    }

    /// Reads what is left and returns the hex digest of the whole stream; an empty string,
    /// reading nothing more, when not hashing.
    pub(crate) fn finish(mut self) -> io::Result<String> {
        if self.hasher.is_none() {
            return Ok(String::new());
        }
        io::copy(&mut self, &mut io::sink())?;
        Ok(self.hasher.map(|h| hex(&h.finalize())).unwrap_or_default())
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(h) = &mut self.hasher {
            h.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a byte slice, hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

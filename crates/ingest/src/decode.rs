//! Text encodings: detection and decoding to UTF-8.
//!
//! The rule, the same for every text format (CSV, JSONL, letters): a byte-order mark
//! decides (UTF-8, UTF-16 LE, UTF-16 BE); without one, the file is UTF-8 when its first
//! non-ASCII character is valid UTF-8, and Windows-1252 (what Excel writes on Windows)
//! otherwise. Everything before the first non-ASCII byte is ASCII, which both encodings
//! decode alike, so the rule can be applied while streaming, without reading ahead.
//!
//! A UTF-8 file that later holds an invalid byte stays UTF-8: the readers report the row
//! (CSV, JSONL) or the bytes (letters) that do not decode. A NUL byte outside UTF-16 marks
//! binary content, which is not read: in a letter, anywhere; in a CSV or JSONL file, on its
//! first line or many times in its first 8 KB ([`binary_start`]), a stray NUL later being a
//! problem of its row only.

use std::borrow::Cow;
use std::io::{self, Read};

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// A text encoding the readers recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    /// UTF-8 without a byte-order mark (also pure ASCII).
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// Windows-1252 (detected when the first non-ASCII character is not UTF-8).
    Windows1252,
}

impl TextEncoding {
    /// The name recorded in `FileReport::encoding`.
    pub(crate) fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    fn decoder(self) -> Option<Decoder> {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => None,
            TextEncoding::Utf16Le => Some(UTF_16LE.new_decoder_without_bom_handling()),
            TextEncoding::Utf16Be => Some(UTF_16BE.new_decoder_without_bom_handling()),
            TextEncoding::Windows1252 => Some(WINDOWS_1252.new_decoder_without_bom_handling()),
        }
    }
}

/// The encoding named by a byte-order mark at the start of `bytes`, and the mark's length.
pub(crate) fn bom(bytes: &[u8]) -> Option<(TextEncoding, usize)> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some((TextEncoding::Utf8Bom, 3)),
        [0xFF, 0xFE, ..] => Some((TextEncoding::Utf16Le, 2)),
        [0xFE, 0xFF, ..] => Some((TextEncoding::Utf16Be, 2)),
        _ => None,
    }
}

/// Bytes examined for NUL before a streamed file is read.
pub(crate) const SNIFF_BYTES: usize = 8192;

/// The reason given for binary content.
pub(crate) fn binary_reason(offset: usize) -> String {
    format!(
        "binary content (NUL byte at offset {offset}): file not read (if it is UTF-16 text, save it with a byte-order mark, or as UTF-8)"
    )
}

/// Length of the UTF-8 sequence a lead byte starts (0: not a lead byte).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// A whole buffer decoded to text.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text (the byte-order mark removed).
    pub text: Cow<'a, str>,
    /// The encoding detected.
    pub encoding: TextEncoding,
    /// What was replaced by U+FFFD, if anything (a warning: the text was still read).
    pub replaced: Option<String>,
}

/// Decodes a whole buffer (letters, email text), or says why it is not text.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, String> {
    let (encoding, body) = match bom(bytes) {
        Some((enc, n)) => (Some(enc), &bytes[n..]),
        None => (None, bytes),
    };
    match encoding {
        Some(enc @ (TextEncoding::Utf16Le | TextEncoding::Utf16Be)) => {
            let codec = if enc == TextEncoding::Utf16Le {
                UTF_16LE
            } else {
                UTF_16BE
            };
            let (text, had_errors) = codec.decode_without_bom_handling(body);
            Ok(Decoded {
                text,
                encoding: enc,
                replaced: had_errors.then(|| {
                    "malformed UTF-16 (an odd byte or unpaired surrogate) replaced by U+FFFD"
                        .to_string()
                }),
            })
        }
        _ => {
            if let Some(offset) = memchr_nul(body) {
                return Err(binary_reason(offset + (bytes.len() - body.len())));
            }
            let bom = encoding == Some(TextEncoding::Utf8Bom);
            match std::str::from_utf8(body) {
                Ok(text) => Ok(Decoded {
                    text: Cow::Borrowed(text),
                    encoding: if bom {
                        TextEncoding::Utf8Bom
                    } else {
                        TextEncoding::Utf8
                    },
                    replaced: None,
                }),
                Err(e) => {
                    let first_non_ascii = body.iter().position(|b| !b.is_ascii());
                    if !bom && first_non_ascii == Some(e.valid_up_to()) {
                        let (text, _) = WINDOWS_1252.decode_without_bom_handling(body);
                        return Ok(Decoded {
                            text,
                            encoding: TextEncoding::Windows1252,
                            replaced: None,
                        });
                    }
                    let offset = e.valid_up_to() + (bytes.len() - body.len());
                    Ok(Decoded {
                        text: String::from_utf8_lossy(body),
                        encoding: if bom {
                            TextEncoding::Utf8Bom
                        } else {
                            TextEncoding::Utf8
                        },
                        replaced: Some(format!(
                            "invalid UTF-8 (first bad byte at offset {offset}) replaced by U+FFFD"
                        )),
                    })
                }
            }
        }
    }
}

/// Whether a streamed file's first bytes (`head`, up to [`SNIFF_BYTES`]) are binary: the
/// offset of their first NUL byte when it lies on the first line (a header or first record
/// never holds one; UTF-16 without a byte-order mark and binary formats do at once), or when
/// NULs are more than one byte in 256 of them (and at least 4). A stray NUL further on is
/// not the file's nature: the reader skips the row or line that holds it, and reads the rest.
pub(crate) fn binary_start(head: &[u8]) -> Option<usize> {
    let first = memchr_nul(head)?;
    if !head[..first].contains(&b'\n') {
        return Some(first);
    }
    let count = memchr::memchr_iter(0, head).count();
    (count >= 4 && count * 256 > head.len()).then_some(first)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

enum Mode {
    /// Only ASCII seen so far (no byte-order mark).
    Sniffing,
    /// UTF-8: bytes pass through unchanged.
    Utf8,
    /// Transcoding to UTF-8.
    Decoding(Decoder),
}

const CHUNK: usize = 64 * 1024;

/// A reader that yields the UTF-8 text of a file in any of the [`TextEncoding`]s, detected
/// as it goes (see the module docs). The byte-order mark is not passed on.
pub(crate) struct TextReader<R> {
    inner: R,
    mode: Mode,
    detected: TextEncoding,
    /// Raw bytes read but not yet passed on.
    pending: Vec<u8>,
    /// Decoded bytes not yet handed to the caller.
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
    flushed: bool,
    malformed: bool,
    nul: Option<usize>,
}

impl<R: Read> TextReader<R> {
    /// Reads the first bytes of `inner` to find a byte-order mark and binary content.
    pub(crate) fn new(mut inner: R) -> io::Result<Self> {
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        (&mut inner)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)?;
        let eof = head.len() < SNIFF_BYTES;
        let bom = bom(&head);
        let (mode, detected) = match bom {
            Some((enc, n)) => {
                head.drain(..n);
                match enc.decoder() {
                    Some(d) => (Mode::Decoding(d), enc),
                    None => (Mode::Utf8, enc),
                }
            }
            None => (Mode::Sniffing, TextEncoding::Utf8),
        };
        let utf16 = matches!(detected, TextEncoding::Utf16Le | TextEncoding::Utf16Be);
        let nul = if utf16 {
            None
        } else {
            binary_start(&head).map(|i| i + bom.map_or(0, |(_, n)| n))
        };
        Ok(TextReader {
            inner,
            mode,
            detected,
            pending: head,
            out: Vec::new(),
            out_pos: 0,
            eof,
            flushed: false,
            malformed: false,
            nul,
        })
    }

    /// Offset of a NUL byte in the first bytes, when the file is not UTF-16: binary content.
    pub(crate) fn binary(&self) -> Option<usize> {
        self.nul
    }

    /// The encoding detected so far (final once everything has been read).
    pub(crate) fn encoding(&self) -> TextEncoding {
        self.detected
    }

    /// Whether malformed input was replaced by U+FFFD while transcoding.
    pub(crate) fn malformed(&self) -> bool {
        self.malformed
    }

    /// The wrapped reader (positioned wherever reading stopped).
    pub(crate) fn into_inner(self) -> R {
        self.inner
    }

    fn decide(&mut self) {
        // called in Sniffing mode: pass ASCII on, and decide at the first non-ASCII byte
        let Some(i) = self.pending.iter().position(|b| !b.is_ascii()) else {
            self.out.extend_from_slice(&self.pending);
            self.pending.clear();
            return;
        };
        self.out.extend_from_slice(&self.pending[..i]);
        self.pending.drain(..i);
        let n = utf8_len(self.pending[0]);
        if n > 0 && self.pending.len() < n && !self.eof {
            return; // wait for the rest of the sequence
        }
        let valid =
            n > 0 && self.pending.len() >= n && std::str::from_utf8(&self.pending[..n]).is_ok();
        if valid {
            self.mode = Mode::Utf8;
            self.detected = TextEncoding::Utf8;
        } else {
            self.mode = Mode::Decoding(WINDOWS_1252.new_decoder_without_bom_handling());
            self.detected = TextEncoding::Windows1252;
        }
    }

    /// Moves what can be moved from `pending` to `out`.
    fn process(&mut self) {
        if matches!(self.mode, Mode::Sniffing) {
            self.decide();
            if matches!(self.mode, Mode::Sniffing) {
                return;
            }
        }
        match &mut self.mode {
            Mode::Sniffing => {}
            Mode::Utf8 => {
                self.out.extend_from_slice(&self.pending);
                self.pending.clear();
            }
            Mode::Decoding(decoder) => {
                if self.flushed {
                    return;
                }
                let last = self.eof;
                let mut input = &self.pending[..];
                loop {
                    let room = decoder
                        .max_utf8_buffer_length(input.len())
                        .unwrap_or(CHUNK * 4)
                        .max(16);
                    let start = self.out.len();
                    self.out.resize(start + room, 0);
                    let (result, read, written, replaced) =
                        decoder.decode_to_utf8(input, &mut self.out[start..], last);
                    self.out.truncate(start + written);
                    self.malformed |= replaced;
                    input = &input[read..];
                    if matches!(result, encoding_rs::CoderResult::InputEmpty) {
                        break;
                    }
                }
                self.pending.clear();
                if last {
                    self.flushed = true;
                }
            }
        }
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.out_pos);
                buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                if self.out_pos == self.out.len() {
                    self.out.clear();
                    self.out_pos = 0;
                }
                return Ok(n);
            }
            if matches!(self.mode, Mode::Utf8) && self.pending.is_empty() {
                // fast path: UTF-8 passes straight through
                if self.eof || buf.is_empty() {
                    return Ok(0);
                }
                let n = self.inner.read(buf)?;
                if n == 0 {
                    self.eof = true;
                }
                return Ok(n);
            }
            let done = match self.mode {
                Mode::Decoding(_) => self.flushed,
                _ => self.pending.is_empty(),
            };
            if self.eof && done {
                return Ok(0);
            }
            if !self.eof {
                let start = self.pending.len();
                self.pending.resize(start + CHUNK, 0);
                let n = match self.inner.read(&mut self.pending[start..]) {
                    Ok(n) => n,
                    Err(e) => {
                        self.pending.truncate(start);
                        return Err(e);
                    }
                };
                self.pending.truncate(start + n);
                if n == 0 {
                    self.eof = true;
                }
            }
            self.process();
        }
    }
}

/// Records the encoding and the file's SHA-256 (reading what is left to hash it).
pub(crate) fn finish_text<R: Read>(
    f: &mut crate::report::FileReport,
    text: TextReader<crate::hashing::HashingReader<R>>,
) {
    f.encoding = text.encoding().label().to_string();
    if text.malformed() {
        f.warn(
            None,
            "malformed UTF-16 (an odd byte or unpaired surrogate) replaced by U+FFFD",
        );
    }
    match text.into_inner().finish() {
        Ok(sha) => f.sha256 = sha,
        Err(e) => f.warn(
            None,
            format!("could not read to the end to hash the file: {e}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(bytes: &[u8], chunk: usize) -> (String, &'static str) {
        // a reader that hands out at most `chunk` bytes at a time
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut r = TextReader::new(Trickle(bytes, chunk)).unwrap();
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        (
            String::from_utf8_lossy(&out).into_owned(),
            r.encoding().label(),
        )
    }

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let mut v = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    fn check(bytes: &[u8], text: &str, label: &str) {
        let d = decode(bytes).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding.label()), (text, label));
        for chunk in [1, 2, 3, 5, 8192, 1 << 20] {
            assert_eq!(
                stream(bytes, chunk),
                (text.to_string(), label),
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn detects_and_decodes_every_encoding() {
        check(b"plain ascii\n", "plain ascii\n", "utf-8");
        check(
            "caf\u{e9} \u{2019}\n".as_bytes(),
            "caf\u{e9} \u{2019}\n",
            "utf-8",
        );
        check(b"\xEF\xBB\xBFcaf\xC3\xA9", "caf\u{e9}", "utf-8-bom");
        check(
            &utf16("caf\u{e9} \u{1F600}\n", true),
            "caf\u{e9} \u{1F600}\n",
            "utf-16le",
        );
        check(
            &utf16("caf\u{e9} \u{1F600}\n", false),
            "caf\u{e9} \u{1F600}\n",
            "utf-16be",
        );
        // Excel on Windows: é, curly quotes, € and £ in Windows-1252
        check(
            b"Caf\xe9 \x93quoted\x94 \x80 \xa3",
            "Caf\u{e9} \u{201c}quoted\u{201d} \u{20ac} \u{a3}",
            "windows-1252",
        );
        // a lone non-ASCII byte at the very end
        check(b"abc\xe9", "abc\u{e9}", "windows-1252");
        check(b"", "", "utf-8");
    }

    #[test]
    fn utf8_with_a_bad_byte_later_stays_utf8() {
        let bytes = "\u{e9}t\u{e9} ok\n"
            .bytes()
            .chain(*b"bad \xff\n")
            .collect::<Vec<_>>();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf8);
        assert!(d.replaced.unwrap().contains("offset 13"));
        // streaming passes the bytes on unchanged; the readers check rows
        let mut r = TextReader::new(&bytes[..]).unwrap();
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(out, bytes);
        assert_eq!(r.encoding(), TextEncoding::Utf8);
    }

    #[test]
    fn a_stray_nul_after_the_first_line_is_not_binary() {
        // issue 19: one NUL in a small CSV or JSONL dropped every good row of the file
        assert_eq!(binary_start(b"id,q,text\na,Q1,x\0y\nb,Q1,z\n"), None);
        assert_eq!(binary_start(b"id,q,t\0ext\n"), Some(6));
        assert_eq!(binary_start(b"i\0d\0,\0q\0\n\0"), Some(1)); // UTF-16 without a BOM
        let padded = [&b"id,q,text\n"[..], &[0u8; 64]].concat();
        assert_eq!(binary_start(&padded), Some(10));
        let mut long = b"id,q,text\n".repeat(400);
        long.extend_from_slice(b"a,b,\0\0\0\0\n");
        assert_eq!(binary_start(&long), None);
    }

    #[test]
    fn nul_bytes_are_binary_except_in_utf16() {
        assert!(decode(b"text\0more").unwrap_err().contains("offset 4"));
        assert_eq!(TextReader::new(&b"ab\0"[..]).unwrap().binary(), Some(2));
        assert_eq!(
            TextReader::new(&utf16("ab", true)[..]).unwrap().binary(),
            None
        );
    }

    #[test]
    fn malformed_utf16_is_replaced_and_flagged() {
        let mut bytes = utf16("ab", true);
        bytes.extend([0x00, 0xD8, b'c', 0]); // unpaired high surrogate
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains('\u{fffd}') && d.replaced.is_some());
        let mut r = TextReader::new(&bytes[..]).unwrap();
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert!(r.malformed() && s.starts_with("ab\u{fffd}"));
    }

    #[test]
    fn streaming_equals_whole_decoding_on_generated_inputs() {
        // property-style: many pseudo-random mixes of ASCII, UTF-8 and 1252 bytes
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let pieces: [&[u8]; 8] = [
            b"a",
            b"\n",
            b",",
            b"\xe9",
            "\u{e9}".as_bytes(),
            "\u{2019}".as_bytes(),
            b"\x93",
            b"  ",
        ];
        for _ in 0..300 {
            let len = (next() % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .flat_map(|_| pieces[(next() % 8) as usize].iter().copied())
                .collect();
            let whole = decode(&bytes).unwrap();
            for chunk in [1, 3, 64] {
                let (text, label) = stream(&bytes, chunk);
                assert_eq!(label, whole.encoding.label(), "{bytes:?}");
                if whole.replaced.is_none() {
                    assert_eq!(text, whole.text, "{bytes:?}");
                }
            }
        }
    }
}

//! Helpers shared by the fuzz targets in `fuzz_targets/`.
//!
//! - [`read_as`] writes the input as one file with a given extension into this process's
//!   own temporary folder (`$TMPDIR/tally-fuzz/<pid>/`, made once, removed at exit) and
//!   reads the folder with `tally_ingest::read_dir`, under a fixed consultation.toml
//!   ([`CONSULTATION`]) so that wide and long tables, blank values, exclusion rules and
//!   letter types are all reached.
//! - [`no_panic`] turns a panic that escapes tally into a crash with its message.
//!
//! Panics that tally itself catches (third-party parsers run under `catch_unwind`) are not
//! findings: tally reports the file as unreadable and carries on. libfuzzer-sys aborts on
//! *every* panic, caught or not, so [`init`] replaces its panic hook with one that only
//! remembers the message; [`no_panic`] aborts, printing it, when a panic reaches it. Set
//! `TALLY_FUZZ_ALL_PANICS=1` to keep libfuzzer-sys's hook and stop at caught panics too.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tally_code::{Codebook, Matcher, Scratch};
use tally_ingest::Consultation;

/// The consultation.toml every read uses: the columns of the seed tables, a letters rule,
/// blank values and an exclusion rule. Long tables (`id`, `question`, `text`) need none of
/// it.
pub const CONSULTATION: &str = r#"
title = "Fuzz"
blank_values = ["N/A", "Did not answer"]

[respondents]
id_column = "Response ID"
type_column = "You are"
types = ["Parent", "Council"]

[[questions]]
id = "Q1"
text = "Do you agree?"
kind = "closed+open"
answer_column = "Q1: Do you agree?"
text_column = "Q1: Why?"
answers = ["Agree", "Neutral", "Disagree"]

[[questions]]
id = "Q2"
kind = "open"
text_column = "Q2: Anything else?"

[[questions]]
id = "Q3"
kind = "closed"
answer_column = "Q3: Yes or no?"
answers = ["Yes", "No"]

[documents]
default_type = "Organisation"
[[documents.types]]
paths = ["input.*"]
respondent_type = "Local authority"

[[exclude_rows]]
reason = "totals row"
when = { "Response ID" = '^(Total|Sum)$' }
"#;

struct Place {
    dir: PathBuf,
    consultation: Consultation,
}

static PLACE: OnceLock<Place> = OnceLock::new();

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

extern "C" {
    fn atexit(f: extern "C" fn()) -> std::os::raw::c_int;
}

extern "C" fn remove_dir() {
    if let Some(p) = PLACE.get() {
        let _ = std::fs::remove_dir_all(&p.dir);
    }
}

fn place() -> &'static Place {
    PLACE.get_or_init(|| {
        init();
        let dir = std::env::temp_dir()
            .join("tally-fuzz")
            .join(std::process::id().to_string());
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("cannot make the fuzz temp dir");
        // SAFETY: registers a plain function with no captured state.
        unsafe { atexit(remove_dir) };
        let consultation = Consultation::parse(CONSULTATION, &dir.join("consultation.toml"))
            .expect("the fuzz consultation.toml is valid");
        Place { dir, consultation }
    })
}

/// Installs the panic hook (once): remember the message of every panic, caught or not.
pub fn init() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        if std::env::var_os("TALLY_FUZZ_ALL_PANICS").is_some() {
            return;
        }
        std::panic::set_hook(Box::new(|info| {
            let bt = std::backtrace::Backtrace::capture();
            let msg = format!("{info}\n{bt}");
            LAST_PANIC.with(|l| *l.borrow_mut() = Some(msg));
        }));
    });
}

/// Runs `f`; a panic that escapes it aborts the process (a crash for libFuzzer) after
/// printing the panic's message and location (and backtrace with `RUST_BACKTRACE=1`).
pub fn no_panic<R>(f: impl FnOnce() -> R) -> R {
    init();
    LAST_PANIC.with(|l| *l.borrow_mut() = None);
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => {
            let msg = LAST_PANIC.with(|l| l.borrow_mut().take());
            eprintln!(
                "\n==== tally panicked: {}\n",
                msg.as_deref().unwrap_or("(no message)")
            );
            std::process::abort();
        }
    }
}

/// Writes `data` as `input.<ext>` into this process's temp folder and reads the folder
/// with `tally_ingest::read_dir`. Nothing is checked: a panic or a hang is the finding.
pub fn read_as(ext: &str, data: &[u8]) {
    let p = place();
    let file = p.dir.join(format!("input.{ext}"));
    std::fs::write(&file, data).expect("cannot write the fuzz input file");
    read(&p.dir, Some(&p.consultation));
}

/// The extensions [`read_folder`] names its files with, chosen by each file's first byte.
const FOLDER_EXTENSIONS: [&str; 12] = [
    "csv", "tsv", "jsonl", "txt", "md", "html", "docx", "odt", "xlsx", "ods", "pdf", "eml",
];

/// A whole input folder: `data` split at `0xFF` bytes into up to 8 files, each named
/// `f<i>.<ext>` by its first byte ([`FOLDER_EXTENSIONS`]) and holding the rest, written
/// into this process's folder (emptied of the last input's files first) and read together.
pub fn read_folder(data: &[u8]) {
    let p = place();
    if let Ok(entries) = std::fs::read_dir(&p.dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('f') || name.starts_with("input.") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    for (i, part) in data.split(|&b| b == 0xFF).take(8).enumerate() {
        let (ext, body) = match part.split_first() {
            Some((&k, rest)) => (FOLDER_EXTENSIONS[k as usize % FOLDER_EXTENSIONS.len()], rest),
            None => ("txt", part),
        };
        std::fs::write(p.dir.join(format!("f{i}.{ext}")), body)
            .expect("cannot write a fuzz input file");
    }
    read(&p.dir, Some(&p.consultation));
}

fn read(dir: &Path, consultation: Option<&Consultation>) {
    no_panic(|| {
        let mut n = 0usize;
        let report = tally_ingest::read_dir(dir, consultation, &mut |r| {
            std::hint::black_box(r);
            n += 1;
        });
        std::hint::black_box((n, report));
    });
}

/// Codes `text` as `question` and checks every evidence span: `start < end <= len`, both on
/// character boundaries of `text`. A failed check is a panic, reported like any other.
pub fn code_checked(matcher: &Matcher, scratch: &mut Scratch, question: &str, text: &str) {
    no_panic(|| {
        for hit in matcher.code(scratch, question, text) {
            for e in &hit.evidence {
                let (start, end) = (e.start as usize, e.end as usize);
                assert!(
                    start < end && end <= text.len(),
                    "evidence {start}..{end} of theme {} is not a span of a {}-byte text",
                    hit.theme,
                    text.len()
                );
                assert!(
                    text.is_char_boundary(start) && text.is_char_boundary(end),
                    "evidence {start}..{end} of theme {} is not on character boundaries of {text:?}",
                    hit.theme
                );
            }
        }
    });
}

/// Parses a codebook; when it parses and compiles, codes [`FIXED_TEXT`] with it (checking
/// the evidence like [`code_checked`]).
pub fn codebook(src: &str) {
    let Ok(book) = no_panic(|| Codebook::parse(src, "codebook.toml")) else {
        return;
    };
    let Ok(matcher) = no_panic(|| Matcher::compile(&book)) else {
        return;
    };
    let mut scratch = Scratch::default();
    for q in ["Q1", "Q2", "letter"] {
        code_checked(&matcher, &mut scratch, q, FIXED_TEXT);
    }
}

/// Parses a consultation.toml (its globs relative to a fixed folder); errors are fine.
pub fn consultation(src: &str) {
    no_panic(|| {
        let _ = std::hint::black_box(Consultation::parse(
            src,
            Path::new("/fuzz/consultation.toml"),
        ));
    });
}

/// The text [`codebook`] codes: negations, phrases, accents, numbers, several sentences.
pub const FIXED_TEXT: &str = "Services are underfunded and we need more money. Funding is not \
the issue here; staff leave because of caseloads. I don't think the café-style hubs help — \
£200m is a drop in the ocean!\n\nRespite for carers, please. Nobody asked children (or their \
parents) e.g. about placements. Ünïcödé naïve résumé 日本語 text.";

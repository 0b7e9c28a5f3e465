//! Helpers: run the binary, make temp dirs, compare outputs readably.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `tally ARGS` in `dir`.
pub fn tally(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("tally runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `files` (path, bytes) under a new temp dir.
pub fn fixture(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, bytes) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write fixture");
    }
    dir
}

/// Reads an output file exactly as written (every output, run.json included, is
/// byte-identical between identical runs: nothing is masked).
pub fn read_output(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Asserts two texts are equal, showing the first differing line rather than both blobs.
pub fn assert_same(what: &str, got: &str, want: &str) {
    if got == want {
        return;
    }
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    let i = g
        .iter()
        .zip(&w)
        .position(|(a, b)| a != b)
        .unwrap_or(g.len().min(w.len()));
    panic!(
        "{what} differs at line {}:\n  got:  {:?}\n  want: {:?}\n({} vs {} lines)",
        i + 1,
        g.get(i).unwrap_or(&"<end>"),
        w.get(i).unwrap_or(&"<end>"),
        g.len(),
        w.len()
    );
}

/// A small codebook used by fixtures.
pub const CODEBOOK: &str = r#"
name = "fixture"
[[themes]]
id = "funding"
label = "Funding"
statement = "said more funding is needed"
[[themes.rules]]
match = ["more money", "underfund*"]
[[themes.rules]]
near = [["funding", "money"], ["more", "need", "lack"]]
within = 4

[[themes]]
id = "workload"
label = "Workload"
[[themes.rules]]
match = ["caseload*", "paperwork"]
"#;

/// Runs `tally analyse corpus/ --out OUT --quiet EXTRA…` from the repository root and
/// asserts it completed cleanly.
pub fn analyse_corpus(out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "analyse",
        "corpus/",
        "--out",
        out.to_str().expect("UTF-8 temp path"),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let run = tally(&root(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

//! Publishing a run's outputs all together: a staged output set.
//!
//! Every output is first written to a temporary file beside its destination (a hidden
//! `.NAME.XXXXXX.partial` in the same folder, so the final rename stays on one file
//! system). [`OutputSet::commit`] then fsyncs each temporary file, withdraws the commit
//! marker (the last output created: `run.json`), renames the others into place in the
//! order they were created, renames the marker last, and fsyncs the folders. Until the
//! commit, the previous outputs are untouched; if anything fails before it (a write
//! error, a full disk, a failed check), dropping the set removes every temporary file and
//! the previous outputs stay as they were, all from one run. A `run.json` that is present
//! therefore belongs with the files beside it; an interruption during the renames
//! themselves (a few system calls) leaves no `run.json`, never an old one beside new
//! files.
//!
//! ```
//! use std::io::Write;
//! use tally_report::OutputSet;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut set = OutputSet::new();
//! set.write(&dir.path().join("summary.md"), |w| w.write_all(b"# Summary\n")).unwrap();
//! set.write(&dir.path().join("run.json"), |w| w.write_all(b"{}\n")).unwrap();
//! assert!(!dir.path().join("summary.md").exists(), "nothing is in place before the commit");
//! set.commit().unwrap();
//! assert_eq!(std::fs::read(dir.path().join("summary.md")).unwrap(), b"# Summary\n");
//! ```

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tempfile::TempPath;

use crate::ReportError;

/// Outputs written to temporary files, published together by [`OutputSet::commit`] or
/// removed when the set is dropped uncommitted. Each file is written beside its destination
/// (same file system); the last file created is the commit marker, renamed last.
#[derive(Debug, Default)]
pub struct OutputSet {
    staged: Vec<(TempPath, PathBuf)>,
    /// Outputs this run does not write, whose previous files [`OutputSet::commit`] removes.
    withdrawn: Vec<PathBuf>,
    /// Bytes every file of the set may still write, for tests ([`OutputSet::failing_after`]).
    budget: Option<Arc<AtomicU64>>,
}

/// One staged output: a temporary file of an [`OutputSet`], written through [`Write`] and
/// [`Seek`].
#[derive(Debug)]
pub struct OutputFile {
    file: File,
    budget: Option<Arc<AtomicU64>>,
}

fn write_err(path: &Path) -> impl FnOnce(io::Error) -> ReportError + '_ {
    move |source| ReportError::Write {
        path: path.display().to_string(),
        source,
    }
}

impl OutputSet {
    /// An empty set.
    pub fn new() -> Self {
        OutputSet::default()
    }

    /// A set whose files together accept `bytes` bytes and then fail every write as a full
    /// disk does (`StorageFull`): a fault injection for tests of what a failed run leaves.
    #[doc(hidden)]
    pub fn failing_after(bytes: u64) -> Self {
        OutputSet {
            staged: Vec::new(),
            withdrawn: Vec::new(),
            budget: Some(Arc::new(AtomicU64::new(bytes))),
        }
    }

    /// Creates the temporary file that [`OutputSet::commit`] will rename to `dest`. The
    /// last file created is the commit marker, renamed last.
    pub fn create(&mut self, dest: &Path) -> Result<OutputFile, ReportError> {
        let name = dest
            .file_name()
            .ok_or_else(|| {
                write_err(dest)(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the output's path has no file name",
                ))
            })?
            .to_string_lossy();
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".partial");
        // an output is readable as a file made with File::create is (0666 less the umask),
        // not private as temporary files are by default
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let (file, temp) = builder
            .tempfile_in(dir)
            .map_err(write_err(dest))?
            .into_parts();
        self.staged.push((temp, dest.to_path_buf()));
        Ok(OutputFile {
            file,
            budget: self.budget.clone(),
        })
    }

    /// Marks `dest` as an output this run does not write (an optional one, such as a
    /// workbook left out): a file there from a previous run is removed by
    /// [`OutputSet::commit`], after the old commit marker and before the new files are
    /// renamed in, and left alone if the set is dropped uncommitted.
    pub fn withdraw(&mut self, dest: &Path) {
        self.withdrawn.push(dest.to_path_buf());
    }

    /// The temporary file staged for `dest`, to read back what was written to it (its
    /// writer flushed), or `None` if nothing is staged for `dest`.
    pub fn staged(&self, dest: &Path) -> Option<&Path> {
        self.staged
            .iter()
            .find(|(_, d)| d == dest)
            .map(|(temp, _)| temp.as_ref())
    }

    /// Creates `dest`'s temporary file ([`OutputSet::create`]) and writes it with `fill`,
    /// flushed; an error names `dest`.
    pub fn write(
        &mut self,
        dest: &Path,
        fill: impl FnOnce(&mut io::BufWriter<OutputFile>) -> io::Result<()>,
    ) -> Result<(), ReportError> {
        let mut out = io::BufWriter::with_capacity(1 << 16, self.create(dest)?);
        fill(&mut out)
            .and_then(|()| out.flush())
            .map_err(write_err(dest))
    }

    /// Publishes the set: fsyncs every file, removes the previous commit marker, renames
    /// the files into place in the order they were created (the marker last), and fsyncs
    /// their folders. Every file must have been written and its writer dropped or flushed.
    pub fn commit(self) -> Result<(), ReportError> {
        let OutputSet {
            mut staged,
            withdrawn,
            ..
        } = self;
        for (temp, dest) in &staged {
            File::open(temp)
                .and_then(|f| f.sync_all())
                .map_err(write_err(dest))?;
        }
        if let Some((_, marker)) = staged.last() {
            match std::fs::remove_file(marker) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(write_err(marker)(e));
                }
                _ => {}
            }
        }
        // a previous run's output that this run does not write goes with its commit marker,
        // so no file beside the new run.json is from another run
        for old in &withdrawn {
            match std::fs::remove_file(old) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(write_err(old)(e)),
                _ => {}
            }
        }
        let mut folders: Vec<PathBuf> = Vec::new();
        for (temp, dest) in staged.drain(..) {
            // on failure the temporary file comes back in the error and is removed when
            // it drops, as are those not yet renamed
            temp.persist(&dest).map_err(|e| write_err(&dest)(e.error))?;
            let dir = dest.parent().map(Path::to_path_buf).unwrap_or_default();
            if !folders.contains(&dir) {
                folders.push(dir);
            }
        }
        for dir in folders {
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            sync_folder(&dir).map_err(write_err(&dir))?;
        }
        Ok(())
    }
}

/// Makes a folder's entries (the renames) durable. Folders cannot be opened for this
/// outside Unix; there the renames are left to the file system.
fn sync_folder(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

impl OutputFile {
    /// The temporary file, e.g. for hints to the kernel about its cache.
    pub fn as_file(&self) -> &File {
        &self.file
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(budget) = &self.budget else {
            return self.file.write(buf);
        };
        let left = budget.load(Ordering::Relaxed);
        if left == 0 && !buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "no space left on device (injected by a test)",
            ));
        }
        let n = self.file.write(&buf[..buf.len().min(left as usize)])?;
        budget.fetch_sub(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Seek for OutputFile {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.file.seek(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn previous(dir: &Path) {
        std::fs::write(dir.join("a.csv"), "old a\n").unwrap();
        std::fs::write(dir.join("run.json"), "old run\n").unwrap();
    }

    #[test]
    fn nothing_moves_until_the_commit_and_then_everything_does() {
        let dir = tempfile::tempdir().unwrap();
        previous(dir.path());
        let mut set = OutputSet::new();
        set.write(&dir.path().join("a.csv"), |w| w.write_all(b"new a\n"))
            .unwrap();
        set.write(&dir.path().join("run.json"), |w| w.write_all(b"new run\n"))
            .unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"old a\n");
        assert_eq!(names(dir.path()).len(), 4, "{:?}", names(dir.path()));
        set.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.csv", "run.json"]);
        assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"new a\n");
        assert_eq!(
            std::fs::read(dir.path().join("run.json")).unwrap(),
            b"new run\n"
        );
    }

    #[test]
    fn a_withdrawn_output_of_the_previous_run_goes_at_the_commit_only() {
        let dir = tempfile::tempdir().unwrap();
        previous(dir.path());
        std::fs::write(dir.path().join("coded.xlsx"), "old book\n").unwrap();
        let run = |commit: bool| {
            let mut set = OutputSet::new();
            set.withdraw(&dir.path().join("coded.xlsx"));
            set.write(&dir.path().join("run.json"), |w| w.write_all(b"new run\n"))
                .unwrap();
            if commit {
                set.commit().unwrap();
            }
        };
        run(false);
        assert_eq!(names(dir.path()), ["a.csv", "coded.xlsx", "run.json"]);
        run(true);
        assert_eq!(names(dir.path()), ["a.csv", "run.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_permissions_of_a_created_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        File::create(&plain).unwrap();
        let mut set = OutputSet::new();
        set.write(&dir.path().join("run.json"), |w| w.write_all(b"{}"))
            .unwrap();
        set.commit().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("run.json")), mode(&plain));
    }

    #[test]
    fn a_set_dropped_uncommitted_leaves_the_previous_outputs_alone() {
        let dir = tempfile::tempdir().unwrap();
        previous(dir.path());
        let mut set = OutputSet::new();
        set.write(&dir.path().join("a.csv"), |w| w.write_all(b"new a\n"))
            .unwrap();
        let _open = set.create(&dir.path().join("run.json")).unwrap();
        drop(set);
        assert_eq!(names(dir.path()), ["a.csv", "run.json"]);
        assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"old a\n");
    }

    #[test]
    fn an_injected_full_disk_fails_the_write_at_the_byte() {
        for budget in [0u64, 1, 5, 6, 7, 12] {
            let dir = tempfile::tempdir().unwrap();
            previous(dir.path());
            let mut set = OutputSet::failing_after(budget);
            let a = set.write(&dir.path().join("a.csv"), |w| w.write_all(b"new a\n"));
            let run = set.write(&dir.path().join("run.json"), |w| w.write_all(b"new run\n"));
            let failed = a.is_err() || run.is_err();
            assert_eq!(failed, budget < 14, "{budget}");
            if let Err(ReportError::Write { path, source }) = a.and(run) {
                assert_eq!(source.kind(), io::ErrorKind::StorageFull);
                assert!(
                    path.ends_with(".csv") || path.ends_with("run.json"),
                    "{path}"
                );
                drop(set);
                assert_eq!(names(dir.path()), ["a.csv", "run.json"], "{budget}");
                assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"old a\n");
            }
        }
    }

    #[test]
    fn a_failed_rename_removes_what_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let mut set = OutputSet::new();
        set.write(&dir.path().join("a.csv"), |w| w.write_all(b"a"))
            .unwrap();
        // a folder in the way of the marker: its rename fails
        std::fs::create_dir(dir.path().join("run.json")).unwrap();
        std::fs::write(dir.path().join("run.json").join("x"), "x").unwrap();
        set.write(&dir.path().join("run.json"), |w| w.write_all(b"{}"))
            .unwrap();
        assert!(set.commit().is_err());
        assert_eq!(names(dir.path()), ["run.json"], "no temporary file is left");
    }
}

//! The `.qdpx` archive: a zip of `project.qde` and one `sources/<guid>.txt` per source,
//! written so that the same project always gives the same bytes: entries in input order
//! (the document first), each deflated at level 6 with the fixed time 1980-01-01 00:00,
//! Unix permissions 0644 and no extra fields.

use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use crate::{guid, qde, Project, QdpxError};

/// The document's name in the archive.
pub(crate) const DOCUMENT: &str = "project.qde";

/// Writes the archive to a `.partial` file beside `path`, then renames it to `path`.
/// On failure the partial file is removed.
pub(crate) fn write(project: &Project, path: &Path) -> Result<(), QdpxError> {
    let io_error = |source| QdpxError::Io {
        path: path.to_path_buf(),
        source,
    };
    let partial = partial_path(path).map_err(io_error)?;
    let result = write_zip(project, &partial, path)
        .and_then(|()| fs::rename(&partial, path).map_err(io_error));
    if result.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = fs::remove_file(&partial);
    }
    result
}

/// `path` with `.partial` appended to its file name.
fn partial_path(path: &Path) -> io::Result<PathBuf> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the archive's path has no file name",
        ));
    };
    let mut name = name.to_os_string();
    name.push(".partial");
    Ok(path.with_file_name(name))
}

/// Writes the whole zip to `file`; errors name `path`, the archive being made.
fn write_zip(project: &Project, file: &Path, path: &Path) -> Result<(), QdpxError> {
    let io_error = |source| QdpxError::Io {
        path: path.to_path_buf(),
        source,
    };
    let out = File::create(file).map_err(io_error)?;
    let file = write_to(project, BufWriter::new(out), path)?
        .into_inner()
        .map_err(|e| io_error(e.into_error()))?;
    file.sync_all().map_err(io_error)
}

/// Writes the whole zip to `out` and returns it (flushed); errors name `path`, the
/// archive being made.
pub(crate) fn write_to<W: Write + Seek>(
    project: &Project,
    out: W,
    path: &Path,
) -> Result<W, QdpxError> {
    let io_error = |source| QdpxError::Io {
        path: path.to_path_buf(),
        source,
    };
    let zip_error = |source| QdpxError::Zip {
        path: path.to_path_buf(),
        source,
    };
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644)
        .system(System::Unix);

    let mut zip = ZipWriter::new(out);
    zip.start_file(DOCUMENT, options).map_err(zip_error)?;
    qde::write(project, &mut zip).map_err(io_error)?;
    for source in &project.sources {
        let name = format!("sources/{}.txt", guid::source(&source.id));
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(source.text.as_bytes()).map_err(io_error)?;
    }
    let mut out = zip.finish().map_err(zip_error)?;
    out.flush().map_err(io_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_name() {
        assert_eq!(
            partial_path(Path::new("out/coding.qdpx")).unwrap(),
            Path::new("out/coding.qdpx.partial")
        );
        assert!(partial_path(Path::new("/")).is_err());
    }
}

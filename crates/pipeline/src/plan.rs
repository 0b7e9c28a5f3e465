//! The plan of a run: everything read before the input is (the consultation, the codebook
//! and its compiled rules, the human-coded samples, review decisions), each file checked,
//! and the files the outputs cite hashed.

use std::path::Path;

use tally_code::{Codebook, Matcher};
use tally_ingest::{find_consultation, Consultation};
use tally_report::HashedFile;
use tally_review::{Decisions, GoldSet};

use crate::discover::{check_not_overwritten, check_out, find_codebook, shown};
use crate::error::PipelineError;
use crate::hash::sha256_file;
use crate::options::Options;
use crate::run::OUTPUT_FILES;

/// What a run works from, loaded and checked before the input is read.
pub(crate) struct Plan<'a> {
    /// The options.
    pub opts: &'a Options,
    /// consultation.toml, if any, and its file as cited.
    pub consultation: Option<(Consultation, HashedFile)>,
    /// The codebook and its file as cited.
    pub book: Codebook,
    pub book_file: HashedFile,
    /// Its compiled rules.
    pub matcher: Matcher,
    /// Its theme ids, in codebook order (a theme's index in a coding).
    pub theme_ids: Vec<String>,
    /// The human-coded samples the consultation declares.
    pub golds: Vec<GoldSet>,
    /// Review decisions to apply, and their file as cited.
    pub review: Option<(Decisions, HashedFile)>,
    /// Redacts text bound for publication; `None` with `--no-redact`.
    pub redactor: Option<tally_redact::Redactor>,
    /// A learned coder coding beside the rules (`--coder`), and its file as cited.
    pub model: Option<(tally_learn::Model, HashedFile)>,
}

impl<'a> Plan<'a> {
    /// Checks where the run reads and writes, and loads what it works from.
    pub(crate) fn load(opts: &'a Options) -> Result<Self, PipelineError> {
        let input = &opts.input;
        if !input.is_dir() {
            return Err(PipelineError::Input(input.display().to_string()));
        }
        check_out(input, &opts.out)?;
        tally_ingest::set_max_response_bytes(opts.max_response_bytes);
        if let Some(q) = &opts.qdpx {
            check_out(input, q)?;
        }
        let consultation = load_consultation(opts)?;
        let (book, book_file) = load_codebook(opts, consultation.as_ref().map(|c| &c.0))?;
        let matcher = Matcher::compile(&book).map_err(PipelineError::Codebook)?;
        let golds = crate::gold::load_gold(consultation.as_ref().map(|c| &c.0), input)?;
        let review = load_review(opts)?;
        let model = load_model(opts, &book, &book_file)?;
        Ok(Plan {
            opts,
            theme_ids: book.themes.iter().map(|t| t.id.clone()).collect(),
            consultation,
            book,
            book_file,
            matcher,
            golds,
            review,
            redactor: (!opts.no_redact).then(tally_redact::Redactor::new),
            model,
        })
    }

    /// The consultation, if any.
    pub(crate) fn consultation(&self) -> Option<&Consultation> {
        self.consultation.as_ref().map(|(c, _)| c)
    }

    /// The review decisions, if any.
    pub(crate) fn decisions(&self) -> Option<&Decisions> {
        self.review.as_ref().map(|(d, _)| d)
    }

    /// The redactor, unless `--no-redact`.
    pub(crate) fn redactor(&self) -> Option<&tally_redact::Redactor> {
        self.redactor.as_ref()
    }
}

/// The learned coder (`--coder`), checked against the codebook it was trained with.
fn load_model(
    opts: &Options,
    book: &Codebook,
    book_file: &HashedFile,
) -> Result<Option<(tally_learn::Model, HashedFile)>, PipelineError> {
    let Some(p) = opts.coder.as_deref() else {
        return Ok(None);
    };
    let model = tally_learn::Model::load(p, book, &book_file.sha256, opts.combine)
        .map_err(|e| PipelineError::Coder(e.to_string()))?;
    let file = HashedFile {
        path: p.display().to_string(),
        sha256: sha256_file(p, opts)?,
    };
    Ok(Some((model, file)))
}

/// consultation.toml: the one given, or the single one under the input, if any.
fn load_consultation(opts: &Options) -> Result<Option<(Consultation, HashedFile)>, PipelineError> {
    let consultation = match &opts.consultation {
        Some(p) => Some(Consultation::load(p)?),
        None => find_consultation(&opts.input)?,
    };
    consultation
        .map(|c| {
            let file = HashedFile {
                path: shown(&c.path, &opts.input),
                sha256: sha256_file(&c.path, opts)?,
            };
            Ok((c, file))
        })
        .transpose()
}

/// The codebook, parsed and checked against the consultation's questions; hashed from the
/// bytes parsed.
fn load_codebook(
    opts: &Options,
    consultation: Option<&Consultation>,
) -> Result<(Codebook, HashedFile), PipelineError> {
    let path = match &opts.codebook {
        Some(p) => p.clone(),
        None => find_codebook(&opts.input)?,
    };
    let src = std::fs::read_to_string(&path).map_err(|source| PipelineError::ReadCodebook {
        path: path.display().to_string(),
        source,
    })?;
    let file = HashedFile {
        path: shown(&path, &opts.input),
        sha256: crate::hash::sha256_hex(src.as_bytes()),
    };
    let book = Codebook::parse(&src, &file.path).map_err(PipelineError::Codebook)?;
    if let Some(c) = consultation {
        let mut known: Vec<String> = c.questions.iter().map(|q| q.id.clone()).collect();
        known.push(c.document_question.clone());
        let errors = book.check_questions(&known);
        if !errors.is_empty() {
            return Err(PipelineError::Codebook(errors));
        }
    }
    Ok((book, file))
}

/// The review decisions (`--review`), if any: never one of the files this run writes.
fn load_review(opts: &Options) -> Result<Option<(Decisions, HashedFile)>, PipelineError> {
    let Some(p) = opts.review.as_deref() else {
        return Ok(None);
    };
    check_not_overwritten(p, &opts.out, OUTPUT_FILES)?;
    let decisions = Decisions::load_any(p, opts.reviewer.as_deref())?;
    let file = HashedFile {
        path: p.display().to_string(),
        sha256: sha256_file(p, opts)?,
    };
    Ok(Some((decisions, file)))
}

/// Whether `path` is the file `opts` names for a failing hash (test hook).
pub(crate) fn is_failing_hash(path: &Path, opts: &Options) -> bool {
    opts.fail_hash_of.as_deref() == Some(path)
}

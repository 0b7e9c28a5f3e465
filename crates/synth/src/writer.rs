//! Writing the generated `responses.csv`, one row at a time.
//!
//! One ChaCha8 stream, seeded once, is drawn from in a fixed order (row by row, column by
//! column), so the same seed and respondent count give the same bytes on every machine.
//! Rows are built in reused buffers and streamed to the file: memory does not grow with
//! the number of respondents. The file is written under a `.partial` name and renamed when
//! complete, so an interrupted run never leaves a plausible but truncated export.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::Path;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::campaign::CAMPAIGN_SHARE;
use crate::material::{Material, Role, BOM};
use crate::{SynthError, SynthStats};

/// Respondent ids have at least this many digits.
const MIN_ID_DIGITS: usize = 7;

/// Writes `n` generated respondents to `path`.
pub(crate) fn write_responses(
    material: &Material,
    n: u64,
    seed: u64,
    path: &Path,
) -> Result<SynthStats, SynthError> {
    let partial = path.with_extension("csv.partial");
    let write_error = |source| SynthError::Write {
        path: partial.clone(),
        source,
    };
    let csv_error = |source| SynthError::Csv {
        path: partial.clone(),
        source,
    };
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial).map_err(write_error)?);
    if material.bom {
        out.write_all(BOM).map_err(write_error)?;
    }
    let mut csv = csv::WriterBuilder::new()
        .terminator(if material.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(out);
    csv.write_record(&material.header).map_err(csv_error)?;

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let width = (n.max(1).ilog10() as usize + 1).max(MIN_ID_DIGITS);
    let mut fields = vec![String::new(); material.roles.len()];
    let mut scratch = Vec::new();
    let mut stats = SynthStats {
        respondents: n,
        ..SynthStats::default()
    };
    for i in 0..n {
        fields.iter_mut().for_each(String::clear);
        let ty = material.types.sample(&mut rng).copied().unwrap_or_default();
        let campaign = material
            .campaign
            .as_ref()
            .filter(|_| rng.random_bool(CAMPAIGN_SHARE));
        stats.campaign_respondents += u64::from(campaign.is_some());
        for (role, field) in material.roles.iter().zip(&mut fields) {
            match role {
                Role::Id => {
                    // Writing to a String cannot fail.
                    let _ = write!(field, "S{:0width$}", i + 1);
                }
                Role::Type => field.push_str(&material.type_names[ty]),
                Role::Date(date) => date.write(i, n, field),
                Role::ByType(values) => {
                    if let Some(value) = values[ty].sample(&mut rng) {
                        field.push_str(value);
                    }
                }
                Role::Text(slot) => {
                    let pool = &material.texts[*slot];
                    match campaign.and_then(|c| Some((c, c.template(*slot)?))) {
                        Some((c, template)) => {
                            c.write(template, pool, &mut rng, field, &mut scratch)
                        }
                        None => pool.write(&mut rng, field, &mut scratch),
                    }
                    stats.free_text_answers += u64::from(!field.is_empty());
                }
            }
        }
        csv.write_record(&fields).map_err(csv_error)?;
    }
    csv.flush().map_err(write_error)?;
    drop(csv);
    std::fs::rename(&partial, path).map_err(|source| SynthError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    stats.bytes = std::fs::metadata(path)
        .map_err(|source| SynthError::Write {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    Ok(stats)
}

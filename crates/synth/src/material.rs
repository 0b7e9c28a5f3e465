//! The source material: a consultation's survey export (`responses.csv`) and
//! `consultation.toml`, read into what generation draws from.
//!
//! Every column of the export gets a [`Role`]. `consultation.toml` names the respondent id
//! and type columns and each question's text column; a column every non-blank value of
//! which is a timestamp is a submission date; every other column (closed answers,
//! "individual or organisation", organisation names) is drawn from the values respondents
//! of the same type gave — so individuals never get an organisation name and councils only
//! get council names. Free-text columns become [`TextPool`]s, after the organised
//! [`Campaign`], if any, is found and its answers set aside.
//!
//! The source is small (hundreds or thousands of rows) and held in memory while the
//! material is built; the material keeps only distinct values, answers and sentences.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::answer::TextPool;
use crate::campaign::Campaign;
use crate::categorical::Categorical;
use crate::date::DateColumn;
use crate::SynthError;

/// The UTF-8 byte-order mark some spreadsheet tools put before the header.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a column of the export holds and how its values are generated.
#[derive(Debug)]
pub(crate) enum Role {
    /// The respondent id: `S` and a zero-padded number.
    Id,
    /// The respondent type, drawn from the source's shares.
    Type,
    /// Submission timestamps, advancing across the source's span.
    Date(DateColumn),
    /// A value drawn from those given by respondents of the same type, by type index.
    ByType(Vec<Categorical<Box<str>>>),
    /// A free-text answer, by index into [`Material::texts`].
    Text(usize),
}

/// Everything generation draws from.
#[derive(Debug)]
pub(crate) struct Material {
    /// The export's header, exactly as read.
    pub(crate) header: csv::StringRecord,
    /// Whether the export starts with a byte-order mark.
    pub(crate) bom: bool,
    /// Whether the export's lines end in `\r\n`.
    pub(crate) crlf: bool,
    /// One role per header column.
    pub(crate) roles: Vec<Role>,
    /// Respondent type names, sorted; indexes for [`Role::ByType`].
    pub(crate) type_names: Vec<Box<str>>,
    /// Respondent types, as indexes into `type_names`, with the source's shares.
    pub(crate) types: Categorical<usize>,
    /// One pool per free-text column, in header order.
    pub(crate) texts: Vec<TextPool>,
    /// The organised campaign, if the source has one.
    pub(crate) campaign: Option<Campaign>,
}

/// The parts of `consultation.toml` generation needs; everything else is ignored.
#[derive(Debug, Default, Deserialize)]
struct ConsultationFile {
    #[serde(default)]
    respondents: Respondents,
    #[serde(default)]
    questions: Vec<QuestionColumns>,
}

#[derive(Debug, Default, Deserialize)]
struct Respondents {
    id_column: Option<String>,
    type_column: Option<String>,
}

#[derive(Debug, Deserialize)]
struct QuestionColumns {
    answer_column: Option<String>,
    text_column: Option<String>,
}

impl Material {
    /// Reads `dir/consultation.toml` and `dir/responses.csv`.
    pub(crate) fn read(dir: &Path) -> Result<Material, SynthError> {
        let toml_path = dir.join("consultation.toml");
        let src = std::fs::read_to_string(&toml_path).map_err(|source| SynthError::Read {
            path: toml_path.clone(),
            source,
        })?;
        let config: ConsultationFile =
            toml::from_str(&src).map_err(|source| SynthError::Consultation {
                path: toml_path,
                source,
            })?;

        let path = dir.join("responses.csv");
        let bytes = std::fs::read(&path).map_err(|source| SynthError::Read {
            path: path.clone(),
            source,
        })?;
        let bom = bytes.starts_with(BOM);
        let body = if bom { &bytes[BOM.len()..] } else { &bytes[..] };
        let csv_error = |source| SynthError::Csv {
            path: path.clone(),
            source,
        };
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body);
        let header = reader.headers().map_err(csv_error)?.clone();
        // The reader stops just after the header's `\r` (CRLF) or `\n` (LF).
        let header_end = (reader.position().byte() as usize).min(body.len());
        let crlf = body[..header_end].ends_with(b"\r") || body[header_end..].starts_with(b"\r\n");
        let rows = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(csv_error)?;
        if rows.is_empty() {
            return Err(SynthError::NoRows { path });
        }

        let column = |name: &Option<String>| -> Result<Option<usize>, SynthError> {
            let Some(name) = name else { return Ok(None) };
            match header.iter().position(|h| h == name) {
                Some(i) => Ok(Some(i)),
                None => Err(SynthError::MissingColumn {
                    path: path.clone(),
                    column: name.clone(),
                }),
            }
        };
        let id = column(&config.respondents.id_column)?;
        let type_column = column(&config.respondents.type_column)?;
        let mut text_columns = Vec::new();
        let mut answer_columns = Vec::new();
        for q in &config.questions {
            text_columns.extend(column(&q.text_column)?);
            answer_columns.extend(column(&q.answer_column)?);
        }

        fn cell(row: &csv::StringRecord, col: usize) -> &str {
            row.get(col).unwrap_or("")
        }
        let type_of = |row| type_column.map_or("", |c| cell(row, c));
        let mut type_counts: BTreeMap<&str, u64> = BTreeMap::new();
        for row in &rows {
            *type_counts.entry(type_of(row)).or_default() += 1;
        }
        let type_index: BTreeMap<&str, usize> = type_counts
            .keys()
            .enumerate()
            .map(|(i, t)| (*t, i))
            .collect();
        let types = Categorical::from_counts(
            type_counts
                .values()
                .enumerate()
                .map(|(i, count)| (i, *count)),
        );
        let row_types: Vec<usize> = rows.iter().map(|r| type_index[type_of(r)]).collect();

        // Free-text columns first: the campaign is found across all of them.
        let text_cols: Vec<usize> = (0..header.len())
            .filter(|c| text_columns.contains(c) && Some(*c) != id && Some(*c) != type_column)
            .collect();
        let answers: Vec<Vec<&str>> = text_cols
            .iter()
            .map(|&c| rows.iter().map(|r| cell(r, c)).collect())
            .collect();
        let campaign = Campaign::detect(&answers);
        let texts = answers
            .iter()
            .enumerate()
            .map(|(slot, column)| {
                let mut kept = Vec::new();
                let mut blanks = 0;
                for answer in column {
                    if answer.trim().is_empty() {
                        blanks += 1;
                    } else if !campaign
                        .as_ref()
                        .is_some_and(|c| c.is_variant(slot, answer))
                    {
                        kept.push(*answer);
                    }
                }
                TextPool::new(kept, blanks)
            })
            .collect();

        let by_type = |col: usize| {
            let mut counts: Vec<BTreeMap<&str, u64>> = vec![BTreeMap::new(); type_counts.len()];
            for (row, &t) in rows.iter().zip(&row_types) {
                *counts[t].entry(cell(row, col)).or_default() += 1;
            }
            counts
                .into_iter()
                .map(|c| Categorical::from_counts(c.into_iter().map(|(v, n)| (Box::from(v), n))))
                .collect()
        };
        let roles = (0..header.len())
            .map(|col| {
                if Some(col) == id {
                    Role::Id
                } else if Some(col) == type_column {
                    Role::Type
                } else if let Some(slot) = text_cols.iter().position(|&c| c == col) {
                    Role::Text(slot)
                } else if answer_columns.contains(&col) {
                    Role::ByType(by_type(col))
                } else if let Some(date) = DateColumn::detect(rows.iter().map(|r| cell(r, col))) {
                    Role::Date(date)
                } else {
                    Role::ByType(by_type(col))
                }
            })
            .collect();

        Ok(Material {
            header,
            bom,
            crlf,
            roles,
            type_names: type_counts.keys().map(|t| Box::from(*t)).collect(),
            types,
            texts,
            campaign,
        })
    }
}

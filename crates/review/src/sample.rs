//! Drawing a reproducible sample for double-coding, stratified by question and respondent
//! type, written in the format of a human-coded file with the theme columns left empty.
//!
//! Allocation: each stratum (question × respondent type) gets a share of `n` proportional
//! to its size by the largest-remainder method, then every non-empty stratum that got
//! nothing gets one (taken from the largest allocations) while `n` allows, so small groups
//! are represented. Within a stratum, responses are ranked by a seeded hash of their id and
//! the first are taken: the same inputs and seed always give the same sample, whatever the
//! input order.
//!
//! Each drawn response carries its inclusion probability, `n_h / N_h` for its stratum `h`
//! (drawn over stratum size), written to the sample file's `inclusion_probability` column
//! so that estimates from the hand-coded sample can weight each response by `1/π`.
//!
//! The sample is opened in a spreadsheet to be coded, so every text cell is neutralised
//! against formulas as coded.csv's are ([`tally_escape::neutralise_cell`]: a cell such as
//! `=SUM(A1:A9)` is written `'=SUM(A1:A9)`); [`crate::GoldSet::load`] undoes exactly that
//! ([`crate::unneutralise`]), so a sample coded by hand reads back with the ids and texts
//! of the responses it was drawn from.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use tally_escape::neutralise_cell;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::gold::INCLUSION_PROBABILITY;

/// One response offered to the sampler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Response id.
    pub id: String,
    /// Question id.
    pub question: String,
    /// Respondent type.
    pub respondent_type: String,
    /// Text.
    pub text: String,
}

/// A response drawn into the sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// The response.
    pub response: Candidate,
    /// The probability that the design drew it: drawn / responses in its stratum
    /// (question × respondent type).
    pub inclusion_probability: f64,
}

/// Draws up to `n` candidates, stratified; returns them ordered by question, then type,
/// then id, each with its inclusion probability.
pub fn stratified_sample(candidates: Vec<Candidate>, n: usize, seed: u64) -> Vec<Drawn> {
    let mut strata: BTreeMap<(String, String), Vec<Candidate>> = BTreeMap::new();
    for c in candidates {
        strata
            .entry((c.question.clone(), c.respondent_type.clone()))
            .or_default()
            .push(c);
    }
    let total: usize = strata.values().map(Vec::len).sum();
    if total == 0 || n == 0 {
        return Vec::new();
    }
    let n = n.min(total);
    let keys: Vec<(String, String)> = strata.keys().cloned().collect();
    let sizes: Vec<usize> = keys.iter().map(|k| strata[k].len()).collect();
    let mut alloc: Vec<usize> = sizes.iter().map(|&s| s * n / total).collect();
    let mut rema: Vec<(usize, usize)> = sizes
        .iter()
        .enumerate()
        .map(|(i, &s)| ((s * n) % total, i))
        .collect();
    rema.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = n - alloc.iter().sum::<usize>();
    for &(_, i) in &rema {
        if left == 0 {
            break;
        }
        alloc[i] += 1;
        left -= 1;
    }
    // every stratum gets at least one, taken from the largest allocations
    for i in 0..alloc.len() {
        if alloc[i] == 0 {
            if let Some(j) = (0..alloc.len())
                .filter(|&j| alloc[j] > 1)
                .max_by_key(|&j| (alloc[j], std::cmp::Reverse(j)))
            {
                alloc[j] -= 1;
                alloc[i] = 1;
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    for (k, take) in keys.iter().zip(alloc) {
        let mut members = strata.remove(k).unwrap_or_default();
        let inclusion_probability = take as f64 / members.len() as f64;
        members.sort_by_key(|c| (xxh3_64_with_seed(c.id.as_bytes(), seed), c.id.clone()));
        members.truncate(take);
        members.sort_by(|a, b| a.id.cmp(&b.id));
        out.extend(members.into_iter().map(|response| Drawn {
            response,
            inclusion_probability,
        }));
    }
    out
}

/// Writes a sample as CSV: `response_id, question, respondent_type, text,
/// inclusion_probability`, then one empty column per theme — the format of a human-coded
/// file. The probability is written in Rust's shortest round-trip form, so it reads back
/// exactly; the text cells are neutralised against formulas (see the module docs).
pub fn write_sample_csv(
    sample: &[Drawn],
    themes: &[String],
    w: impl Write,
) -> Result<(), csv::Error> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec![
        "response_id",
        "question",
        "respondent_type",
        "text",
        INCLUSION_PROBABILITY,
    ];
    header.extend(themes.iter().map(String::as_str));
    out.write_record(&header)?;
    for d in sample {
        let (c, pi) = (&d.response, d.inclusion_probability.to_string());
        let mut row: Vec<Cow<'_, str>> = [&c.id, &c.question, &c.respondent_type, &c.text]
            .into_iter()
            .map(|cell| neutralise_cell(cell))
            .collect();
        row.push(Cow::Borrowed(pi.as_str()));
        row.extend(themes.iter().map(|_| Cow::Borrowed("")));
        out.write_record(row.iter().map(|cell| cell.as_bytes()))?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cands() -> Vec<Candidate> {
        let mut v = Vec::new();
        for i in 0..300 {
            let (q, t) = (
                format!("Q{}", i % 3 + 1),
                if i % 50 == 0 { "Council" } else { "Parent" },
            );
            v.push(Candidate {
                id: format!("R{i:04}:{q}"),
                question: q,
                respondent_type: t.into(),
                text: format!("text {i}"),
            });
        }
        v
    }

    #[test]
    fn reproducible_stratified_and_complete() {
        let a = stratified_sample(cands(), 30, 7);
        let mut reversed = cands();
        reversed.reverse();
        assert_eq!(
            a,
            stratified_sample(reversed, 30, 7),
            "input order does not matter"
        );
        assert_ne!(a, stratified_sample(cands(), 30, 8), "the seed does");
        assert_eq!(a.len(), 30);
        // every question × type stratum is represented, including the 6 council responses
        for q in ["Q1", "Q2", "Q3"] {
            for t in ["Council", "Parent"] {
                assert!(
                    a.iter()
                        .any(|d| d.response.question == q && d.response.respondent_type == t),
                    "{q} {t}"
                );
            }
        }
        let ids: std::collections::BTreeSet<&str> =
            a.iter().map(|d| d.response.id.as_str()).collect();
        assert_eq!(ids.len(), 30);
        assert_eq!(stratified_sample(cands(), 1000, 1).len(), 300);
        assert!(stratified_sample(Vec::new(), 10, 1).is_empty());
    }

    #[test]
    fn records_each_strata_inclusion_probability() {
        // 300 candidates: per question 98 parents and 2 councils. n = 30: 9.8 parents per
        // question round to 10, then each council stratum takes 1 from them: 9 of 98
        // parents and 1 of 2 councils per question.
        let all = cands();
        let drawn = stratified_sample(all.clone(), 30, 7);
        for d in &drawn {
            let c = &d.response;
            let same =
                |x: &Candidate| x.question == c.question && x.respondent_type == c.respondent_type;
            let stratum = all.iter().filter(|x| same(x)).count();
            let taken = drawn.iter().filter(|x| same(&x.response)).count();
            assert_eq!(
                d.inclusion_probability,
                taken as f64 / stratum as f64,
                "{}",
                c.id
            );
        }
        let council = drawn
            .iter()
            .find(|d| d.response.respondent_type == "Council");
        assert_eq!(council.unwrap().inclusion_probability, 0.5);
        let parent = drawn
            .iter()
            .find(|d| d.response.respondent_type == "Parent");
        assert_eq!(parent.unwrap().inclusion_probability, 9.0 / 98.0);
        // drawing everything: certain inclusion
        assert!(stratified_sample(all, 1000, 1)
            .iter()
            .all(|d| d.inclusion_probability == 1.0));
    }

    #[test]
    fn writes_the_human_coded_format() {
        let mut buf = Vec::new();
        let s = stratified_sample(cands(), 2, 1);
        write_sample_csv(&s, &["funding".into(), "pay".into()], &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with(
            "response_id,question,respondent_type,text,inclusion_probability,funding,pay\n"
        ));
        assert_eq!(text.lines().count(), 3);
        // 2 of 300: the two largest strata (98 parents each) get one each
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(&format!(",{},,", 1.0 / 98.0)));
        assert!(text.lines().nth(1).unwrap().ends_with(",,"));
    }

    #[test]
    fn formula_cells_are_neutralised_and_read_back_exactly() {
        let texts = [
            "=SUM(A1:A9) is what my council spends",
            "'quoted",
            "-1 for this",
        ];
        let cands: Vec<Candidate> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Candidate {
                id: if i == 0 {
                    "+R1:Q1".into()
                } else {
                    format!("R{i}:Q1")
                },
                question: "Q1".into(),
                respondent_type: if i == 2 {
                    "@Parent".into()
                } else {
                    "Parent".into()
                },
                text: t.to_string(),
            })
            .collect();
        let drawn = stratified_sample(cands.clone(), 10, 1);
        let mut buf = Vec::new();
        write_sample_csv(&drawn, &["funding".into()], &mut buf).unwrap();
        let text = String::from_utf8(buf.clone()).unwrap();
        assert!(
            text.contains("\n'+R1:Q1,Q1,Parent,'=SUM(A1:A9) is what"),
            "{text}"
        );
        assert!(text.contains(",'@Parent,'-1 for this,"), "{text}");
        assert!(
            text.contains(",Parent,'quoted,"),
            "a ' it need not add: {text}"
        );
        // read back as a gold file: the ids, types and texts of the drawn responses
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sample.csv");
        std::fs::write(&path, &buf).unwrap();
        let gold = crate::GoldSet::load(&path).unwrap();
        assert_eq!(gold.items.len(), cands.len());
        for c in &cands {
            let item = &gold.items[&c.id];
            assert_eq!(
                (&item.question, &item.respondent_type, &item.text),
                (&c.question, &c.respondent_type, &c.text)
            );
        }
    }
}

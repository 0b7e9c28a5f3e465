//! Which response a review decision or a human-coded sample's row names.
//!
//! Each names a response by id, and may give its question. Every response id is unique in
//! a run, so an id that is a response's names that one (when the row also gives a
//! question, only if it is the response's). Otherwise the id may be one the run no longer
//! uses: the source's own id from a long export (`D1`, read as `D1:Q2` since each answer has
//! its own id), or an id an earlier file used first (read as `FILE/ID`). A response is
//! named that way by its id without the `FILE/` prefix (when it has one) and without the
//! `:QUESTION` suffix (when it has one): with a question, the one response whose id so
//! shortened is the row's and whose question is the row's; without one, every response
//! whose shortened id is the row's, which must then be exactly one. A row naming several
//! responses, or none, is reported by its caller and applied to none ([`Found`]).

use std::collections::HashMap;

/// What a decision or a sample's row gives to name its response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The id as written.
    pub id: String,
    /// The question, when given.
    pub question: Option<String>,
}

/// The responses a [`Key`] names in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Exactly one: its id.
    One(String),
    /// Several: the first few ids (in input order), and how many there are.
    Several(Vec<String>, usize),
    /// None.
    None,
}

/// The most ids of the responses a key names that are kept to name in a message.
const SHOWN: usize = 3;

/// Keys being matched against a run's responses, met one at a time ([`Resolver::observe`]).
#[derive(Debug, Default)]
pub struct Resolver {
    keys: Vec<Key>,
    by_id: HashMap<String, Vec<usize>>,
    exact: Vec<Option<String>>,
    /// Per key: the first few responses its shortened id names, and how many.
    loose: Vec<(Vec<String>, usize)>,
}

impl Resolver {
    /// A resolver for `keys` (their order is that of [`Resolver::finish`]'s answer).
    pub fn new(keys: Vec<Key>) -> Self {
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            by_id.entry(k.id.clone()).or_default().push(i);
        }
        Resolver {
            exact: vec![None; keys.len()],
            loose: vec![(Vec::new(), 0); keys.len()],
            keys,
            by_id,
        }
    }

    /// Whether there is nothing to resolve.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Meets one response of the run: its id, question and source file.
    pub fn observe(&mut self, id: &str, question: &str, source: &str) {
        if self.by_id.is_empty() {
            return;
        }
        let asks = |k: &Key| k.question.as_deref().is_none_or(|q| q == question);
        if let Some(ks) = self.by_id.get(id) {
            for &k in ks {
                if asks(&self.keys[k]) {
                    self.exact[k] = Some(id.to_string());
                }
            }
        }
        let unprefixed = id
            .strip_prefix(source)
            .and_then(|rest| rest.strip_prefix('/'));
        let bare = |s: &str| {
            s.strip_suffix(question)
                .and_then(|rest| rest.strip_suffix(':'))
                .map(str::to_string)
        };
        let mut short: Vec<String> = [
            unprefixed.map(str::to_string),
            bare(id),
            unprefixed.and_then(bare),
        ]
        .into_iter()
        .flatten()
        .filter(|s| s != id)
        .collect();
        short.sort();
        short.dedup();
        for s in &short {
            let Some(ks) = self.by_id.get(s.as_str()) else {
                continue;
            };
            for &k in ks {
                if asks(&self.keys[k]) {
                    let (shown, n) = &mut self.loose[k];
                    if shown.len() < SHOWN {
                        shown.push(id.to_string());
                    }
                    *n += 1;
                }
            }
        }
    }

    /// What each key names, in the order of the keys given.
    pub fn finish(self) -> Vec<Found> {
        self.exact
            .into_iter()
            .zip(self.loose)
            .map(|(exact, (shown, n))| match (exact, n) {
                (Some(id), _) => Found::One(id),
                (None, 0) => Found::None,
                (None, 1) => Found::One(shown.into_iter().next().unwrap_or_default()),
                (None, n) => Found::Several(shown, n),
            })
            .collect()
    }
}

impl Found {
    /// Why a key that does not name exactly one response is applied to none (`None` for
    /// one that does).
    pub fn problem(&self, key: &Key) -> Option<String> {
        let asked = key
            .question
            .as_deref()
            .map_or(String::new(), |q| format!(" and question {q}"));
        match self {
            Found::One(_) => None,
            Found::None => Some(format!("no response with this id{asked} in this run")),
            Found::Several(shown, n) => Some(format!(
                "id {}{asked} names {n} responses ({}{}): applied to none; give the response's id in this run{}",
                key.id,
                shown.join(", "),
                if *n > shown.len() { ", …" } else { "" },
                if key.question.is_none() {
                    " or its question"
                } else {
                    ""
                }
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, question: Option<&str>) -> Key {
        Key {
            id: id.into(),
            question: question.map(String::from),
        }
    }

    #[test]
    fn a_run_id_names_its_response_and_an_old_id_the_one_it_and_the_question_name() {
        let mut r = Resolver::new(vec![
            key("D1:Q2", None),       // the run's id
            key("D1", Some("Q2")),    // the source's id and the question
            key("D1", None),          // the source's id alone: two answers
            key("D2", None),          // one answer only
            key("D3", None),          // nothing
            key("D1:Q2", Some("Q1")), // the run's id, but another question
            key("7:Q1", None),        // renamed FILE/ID in a later file, and the first
        ]);
        assert!(!r.is_empty());
        for (id, q, source) in [
            ("D1:Q1", "Q1", "a.csv"),
            ("D1:Q2", "Q2", "a.csv"),
            ("D2:Q1", "Q1", "a.csv"),
            ("7:Q1", "Q1", "a.csv"),
            ("b.csv/7:Q1", "Q1", "b.csv"),
        ] {
            r.observe(id, q, source);
        }
        let found = r.finish();
        let one = |s: &str| Found::One(s.to_string());
        assert_eq!(found[0], one("D1:Q2"));
        assert_eq!(found[1], one("D1:Q2"));
        assert_eq!(
            found[2],
            Found::Several(vec!["D1:Q1".into(), "D1:Q2".into()], 2)
        );
        assert_eq!(found[3], one("D2:Q1"));
        assert_eq!(found[4], Found::None);
        assert_eq!(found[5], Found::None, "the question must be the response's");
        assert_eq!(found[6], one("7:Q1"), "the run's own id wins");
        assert_eq!(
            found[2].problem(&key("D1", None)).unwrap(),
            "id D1 names 2 responses (D1:Q1, D1:Q2): applied to none; give the response's id in this run or its question"
        );
        assert_eq!(
            found[4].problem(&key("D3", Some("Q1"))).unwrap(),
            "no response with this id and question Q1 in this run"
        );
        assert_eq!(found[0].problem(&key("D1:Q2", None)), None);
    }

    #[test]
    fn an_id_repeated_across_files_names_several_unless_the_run_id_is_given() {
        let mut r = Resolver::new(vec![key("1", Some("Q1")), key("b.csv/1:Q1", None)]);
        r.observe("1:Q1", "Q1", "a.csv");
        r.observe("b.csv/1:Q1", "Q1", "b.csv");
        r.observe("c.csv/1:Q1", "Q1", "c.csv");
        let found = r.finish();
        assert_eq!(
            found[0],
            Found::Several(
                vec!["1:Q1".into(), "b.csv/1:Q1".into(), "c.csv/1:Q1".into()],
                3
            )
        );
        assert_eq!(found[1], Found::One("b.csv/1:Q1".into()));
    }
}

//! How a learned coder's codings join the rules': `rules` (the rules alone), `model` (the
//! model alone) or `either` (a theme is coded when the rules or the model code it; where
//! both do, the rules' evidence is kept, being the more specific).

use tally_code::ThemeHit;

use crate::coder::ModelHit;

/// Which codings count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Combine {
    /// The codebook's rules alone.
    Rules,
    /// The learned coder alone.
    Model,
    /// Either (the default).
    #[default]
    Either,
}

impl Combine {
    /// The name used on the command line and in run.json.
    pub fn as_str(self) -> &'static str {
        match self {
            Combine::Rules => "rules",
            Combine::Model => "model",
            Combine::Either => "either",
        }
    }
}

impl std::str::FromStr for Combine {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "rules" => Ok(Combine::Rules),
            "model" => Ok(Combine::Model),
            "either" => Ok(Combine::Either),
            _ => Err(format!("{s:?}: expected rules, model or either")),
        }
    }
}

/// The coding `mode` makes of the rules' `hits` and the model's `found` (both in codebook
/// order); the result is in codebook order.
pub fn combine(mode: Combine, hits: Vec<ThemeHit>, found: &[ModelHit]) -> Vec<ThemeHit> {
    let model =
        |m: &ModelHit| ThemeHit::model(m.theme, m.sentence.0 as u32, m.sentence.1 as u32, m.score);
    match mode {
        Combine::Rules => hits,
        Combine::Model => found.iter().map(model).collect(),
        Combine::Either => {
            let mut out = hits;
            for m in found {
                if let Err(at) = out.binary_search_by_key(&m.theme, |h| h.theme) {
                    out.insert(at, model(m));
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_keeps_rule_evidence_and_adds_the_models() {
        let rule = |t: u32| ThemeHit {
            theme: t,
            evidence: vec![tally_code::Evidence {
                start: 0,
                end: 3,
                rule: 0,
                patterns: [0, tally_code::NO_PATTERN],
            }],
            score: None,
        };
        let m = |t: u32| ModelHit {
            theme: t,
            score: 0.75,
            sentence: (4, 9),
        };
        let hits = vec![rule(1), rule(3)];
        let found = [m(0), m(3)];
        let either = combine(Combine::Either, hits.clone(), &found);
        assert_eq!(
            either.iter().map(|h| h.theme).collect::<Vec<_>>(),
            [0, 1, 3]
        );
        assert_eq!(either[2], rule(3), "the rules' evidence where both code");
        assert_eq!(either[0].score.map(|s| s.get()), Some(0.75));
        assert!(either[0].evidence[0].is_model());
        assert_eq!(either[2].score, None, "a rules coding has no score");
        assert_eq!(
            (either[0].evidence[0].start, either[0].evidence[0].end),
            (4, 9)
        );
        let model = combine(Combine::Model, hits.clone(), &found);
        assert_eq!(model.iter().map(|h| h.theme).collect::<Vec<_>>(), [0, 3]);
        assert_eq!(combine(Combine::Rules, hits.clone(), &found), hits);
        assert_eq!("either".parse::<Combine>(), Ok(Combine::Either));
        assert!("both".parse::<Combine>().is_err());
    }
}

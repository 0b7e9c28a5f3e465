//! Organised-campaign copies: a campaign's shared text is counted once, in its template
//! response. Campaigns are found by tally-campaign (the same detector as `tally analyse`);
//! a **copy** (the template verbatim or lightly edited) is left out of the counts whole, and
//! a **variant** (the template with text of its own) loses the sentences it shares with
//! the template, keeping its own. The template response is counted as any answer.
//!
//! A member still says what its template says, so it is listed among a candidate's
//! responses when its template is (see [`Copies::template_of`]).

use rustc_hash::FxHashSet;
use tally_campaign::{Campaigns, Detector, Role};

use crate::discover::Input;

/// The campaigns of a run's inputs.
pub(crate) struct Copies {
    campaigns: Campaigns,
}

impl Copies {
    /// Detects the campaigns among `inputs` (keys are input positions).
    pub(crate) fn detect(inputs: &[Input]) -> Self {
        let mut d = Detector::new();
        for (i, x) in inputs.iter().enumerate() {
            d.add(i as u64, &x.question, &x.text);
        }
        Copies {
            campaigns: d.finish(),
        }
    }

    /// The input position of the template of input `i`'s campaign, when `i` is a member
    /// other than the template.
    pub(crate) fn template_of(&self, i: usize) -> Option<usize> {
        let m = self.campaigns.role(i as u64)?;
        (m.role != Role::Template)
            .then(|| self.campaigns.campaigns[m.campaign as usize].template as usize)
    }

    /// The byte ranges of input `i`'s text that are campaign text counted elsewhere: all
    /// of a copy, a variant's sentences that are also the template's (compared on their
    /// lower-cased words), nothing for other answers.
    pub(crate) fn copied(&self, i: usize, inputs: &[Input]) -> Vec<(usize, usize)> {
        let Some(m) = self.campaigns.role(i as u64) else {
            return Vec::new();
        };
        let text = &inputs[i].text;
        match m.role {
            Role::Template => Vec::new(),
            Role::Copy => vec![(0, text.len())],
            Role::Variant => {
                let template = self.campaigns.campaigns[m.campaign as usize].template as usize;
                let shared: FxHashSet<String> = tally_text::sentences(&inputs[template].text)
                    .into_iter()
                    .map(|(s, e)| words(&inputs[template].text[s..e]))
                    .collect();
                tally_text::sentences(text)
                    .into_iter()
                    .filter(|&(s, e)| shared.contains(&words(&text[s..e])))
                    .collect()
            }
        }
    }
}

/// A sentence's words, lower-cased, joined by one space (punctuation and spacing ignored).
fn words(sentence: &str) -> String {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(i: usize, text: &str) -> Input {
        Input {
            id: format!("R{i}:Q5"),
            respondent: format!("R{i}"),
            question: "Q5".into(),
            text: text.into(),
        }
    }

    const TEMPLATE: &str = "Please cap caseloads at a safe level, introduce a national pay scale, \
        and restore the funding the review asked for. Children deserve stable social workers who \
        know them, and that means keeping experienced staff in post rather than paying agencies \
        twice as much. Every council should publish its vacancy rate and its agency spend each \
        year so that families can see whether things are improving.";

    #[test]
    fn copies_are_left_out_and_variants_keep_their_own_text() {
        let mut inputs: Vec<Input> = (0..6).map(|i| input(i, TEMPLATE)).collect();
        let own = "My grandson had five different social workers in just two years, and every change broke a little more of his trust in the adults around him.";
        inputs.push(input(6, &format!("{TEMPLATE} {own}")));
        inputs.push(input(
            7,
            "Respite care for disabled children is scarce where I live.",
        ));
        let c = Copies::detect(&inputs);
        assert!(c.copied(0, &inputs).is_empty(), "the template is counted");
        assert_eq!(c.template_of(0), None);
        assert_eq!(c.copied(3, &inputs), [(0, TEMPLATE.len())]);
        assert_eq!(c.template_of(3), Some(0));
        let text = &inputs[6].text;
        let cut = c.copied(6, &inputs);
        assert_eq!(c.template_of(6), Some(0));
        let left: Vec<&str> = cut.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.iter().all(|s| TEMPLATE.contains(s)));
        assert!(!left.iter().any(|s| s.contains("grandson")));
        assert!(c.copied(7, &inputs).is_empty(), "ordinary text is kept");
        assert_eq!(c.template_of(7), None);
    }
}

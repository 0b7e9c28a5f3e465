//! Representative quotes of a candidate theme: the residue sentences that hold most of its
//! key phrases (weighted by their keyness), one per respondent, each an exact slice of the
//! sentence's text (trimmed), redacted before it is shown.

use rustc_hash::FxHashMap;
use tally_redact::Redactor;

/// A residue sentence offered as a quote.
pub(crate) struct Offer<'a> {
    /// Index of its respondent.
    pub respondent: u32,
    /// Index of its response, for the order of ties.
    pub response: u32,
    /// Its text (a slice of the response).
    pub text: &'a str,
    /// The stem keys of the phrases in it.
    pub keys: Vec<String>,
}

/// Picks up to `n` offers: highest summed G² of the distinct key phrases (`weights`) they
/// hold, then shortest, then earliest; at most one per respondent; none without a phrase.
/// Returns (response index, redacted text) pairs.
pub(crate) fn pick(
    offers: &[Offer<'_>],
    weights: &FxHashMap<&str, f64>,
    n: usize,
    redactor: Option<&Redactor>,
) -> Vec<(u32, String)> {
    let mut scored: Vec<(f64, &Offer<'_>)> = offers
        .iter()
        .map(|o| {
            let mut keys: Vec<&str> = o.keys.iter().map(String::as_str).collect();
            keys.sort_unstable();
            keys.dedup();
            (keys.iter().filter_map(|k| weights.get(k)).sum(), o)
        })
        .filter(|(s, _)| *s > 0.0)
        .collect();
    scored.sort_by(|(sa, a), (sb, b)| {
        sb.total_cmp(sa)
            .then(a.text.len().cmp(&b.text.len()))
            .then(a.response.cmp(&b.response))
            .then(a.text.cmp(b.text))
    });
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (_, o) in scored {
        if out.len() == n {
            break;
        }
        if seen.contains(&o.respondent) {
            continue;
        }
        seen.push(o.respondent);
        let text = match redactor {
            Some(r) => r.redact(o.text).text,
            None => o.text.to_string(),
        };
        out.push((o.response, text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_sentences_one_per_respondent_redacted() {
        let offer = |respondent, response, text, keys: &[&str]| Offer {
            respondent,
            response,
            text,
            keys: keys.iter().map(|k| k.to_string()).collect(),
        };
        let offers = [
            offer(0, 0, "Respite is gone, call 07700 900481.", &["respit"]),
            offer(
                0,
                1,
                "Respite and short breaks are gone.",
                &["respit", "short break"],
            ),
            offer(1, 2, "We need respite.", &["respit", "respit"]),
            offer(2, 3, "Nothing here.", &[]),
            offer(3, 4, "Short breaks matter.", &["short break"]),
        ];
        let w: FxHashMap<&str, f64> = [("respit", 20.0), ("short break", 15.0)]
            .into_iter()
            .collect();
        let got = pick(&offers, &w, 3, Some(&Redactor::new()));
        assert_eq!(
            got,
            [
                (1, "Respite and short breaks are gone.".to_string()),
                (2, "We need respite.".to_string()),
                (4, "Short breaks matter.".to_string()),
            ]
        );
        let got = pick(&offers[..1], &w, 3, Some(&Redactor::new()));
        assert_eq!(got, [(0, "Respite is gone, call [phone].".to_string())]);
    }
}

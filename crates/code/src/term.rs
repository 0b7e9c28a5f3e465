//! Codebook patterns: words (matched on stems), globs (matched on normalised words) and
//! phrases (sequences of either).
//!
//! `fund` matches fund / funding / funded / funds (all stem to `fund`); `underfund*`
//! matches any word starting `underfund`; `*funded` any word ending so; `*fund*` any word
//! containing it. A pattern with several words is a phrase: its words must follow each
//! other. Patterns are normalised like responses (case, accents and apostrophes ignored),
//! so `Don’t` in a codebook matches `dont` in a response. `=targets` matches the normalised
//! word `targets` only (not `target` or `targeted`): an exact form, for a word whose other
//! forms mean something else.

use tally_text::{Normaliser, Stemmer};

/// One word position of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TermSpec {
    /// Matches words with this stem.
    Stem(String),
    /// Matches normalised words starting with the text.
    Prefix(String),
    /// Matches normalised words ending with the text.
    Suffix(String),
    /// Matches normalised words containing the text.
    Infix(String),
    /// Matches the normalised word exactly (`=targets`).
    Exact(String),
}

impl TermSpec {
    pub(crate) fn matches_norm(&self, norm: &str) -> bool {
        match self {
            TermSpec::Stem(_) => false,
            TermSpec::Prefix(p) => norm.starts_with(p.as_str()),
            TermSpec::Suffix(s) => norm.ends_with(s.as_str()),
            TermSpec::Infix(m) => norm.contains(m.as_str()),
            TermSpec::Exact(w) => norm == w,
        }
    }
}

/// Splits a pattern into normalised parts (before stemming) without checking globs' length.
fn normalised_words(n: &Normaliser, raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    n.words(raw, |_, _, w| out.push(w.to_string()));
    out
}

/// Parses a pattern into its term specs, or says why it is invalid.
pub(crate) fn parse_pattern(raw: &str) -> Result<Vec<TermSpec>, String> {
    parse_with(&Normaliser::new(), &Stemmer::new(), raw)
}

pub(crate) fn parse_with(
    n: &Normaliser,
    stemmer: &Stemmer,
    raw: &str,
) -> Result<Vec<TermSpec>, String> {
    let mut out = Vec::new();
    for piece in raw.split_whitespace() {
        if let Some(word) = piece.strip_prefix('=') {
            out.extend(exact_forms(n, word)?);
            continue;
        }
        let lead = piece.starts_with('*');
        let trail = piece.ends_with('*') && piece.len() > 1;
        let core = piece.trim_matches('*');
        if core.contains('*') {
            return Err("`*` may only stand at the start or end of a word".into());
        }
        let words = normalised_words(n, core);
        if lead || trail || piece == "*" {
            if words.len() != 1 || words[0].chars().count() < 2 {
                return Err("a glob needs at least two letters besides `*`".into());
            }
            let w = words.into_iter().next().unwrap_or_default();
            out.push(match (lead, trail) {
                (true, true) => TermSpec::Infix(w),
                (true, false) => TermSpec::Suffix(w),
                _ => TermSpec::Prefix(w),
            });
        } else {
            out.extend(
                words
                    .iter()
                    .map(|w| TermSpec::Stem(stemmer.stem(w).into_owned())),
            );
        }
    }
    if out.is_empty() {
        return Err("has no words".into());
    }
    Ok(out)
}

/// The terms of an exact form `=word` (the `=` removed): one per normalised word.
fn exact_forms(n: &Normaliser, word: &str) -> Result<Vec<TermSpec>, String> {
    if word.contains(['*', '=']) {
        return Err("an exact form (`=word`) takes no `*` or second `=`".into());
    }
    let words = normalised_words(n, word);
    if words.is_empty() {
        return Err("`=` must be followed by a word".into());
    }
    Ok(words.into_iter().map(TermSpec::Exact).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expected: Result<Vec<TermSpec>, &str>) {
        assert_eq!(
            parse_pattern(raw),
            expected.map_err(str::to_string),
            "pattern {raw:?}"
        );
    }

    #[test]
    fn parses_patterns() {
        use TermSpec::*;
        check("Funding", Ok(vec![Stem("fund".into())]));
        check(
            "more money",
            Ok(vec![Stem("more".into()), Stem("money".into())]),
        );
        check("underfund*", Ok(vec![Prefix("underfund".into())]));
        check("*funded", Ok(vec![Suffix("funded".into())]));
        check("*FUND*", Ok(vec![Infix("fund".into())]));
        check(
            "child-in-need",
            Ok(vec![
                Stem("child".into()),
                Stem("in".into()),
                Stem("need".into()),
            ]),
        );
        check("don’t", Ok(vec![Stem("dont".into())]));
        check("*", Err("a glob needs at least two letters besides `*`"));
        check(
            "a*b",
            Err("`*` may only stand at the start or end of a word"),
        );
        check(
            "under-fund*",
            Err("a glob needs at least two letters besides `*`"),
        );
        check(" !! ", Err("has no words"));
        check("=Targets", Ok(vec![Exact("targets".into())]));
        check(
            "=targets met",
            Ok(vec![Exact("targets".into()), Stem("met".into())]),
        );
        check("=", Err("`=` must be followed by a word"));
        check(
            "=target*",
            Err("an exact form (`=word`) takes no `*` or second `=`"),
        );
    }
}

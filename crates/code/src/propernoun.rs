//! Proper nouns are not themes: "The NHS Trust agrees" does not raise a theme whose pattern
//! is `trusted`. A one-word pattern written in lower case that matched a word only through
//! its stem (the word's normal form differs from the pattern's) does not match a word that
//! reads as a name:
//!
//! - it starts with a capital and is not all capitals ("TRUST" is emphasis or an acronym);
//! - it is not the first word of its sentence, nor of a line, nor after a colon or a quote
//!   mark, where any word may take a capital;
//! - its sentence has a word starting with a lower-case letter (a sentence shouted in
//!   capitals, or written in Title Case, says nothing by its capitals).
//!
//! A pattern written with a capital (`Trust`), a phrase (`NHS trust`), a glob or an exact
//! form (`=trust`) is not checked: the codebook author asked for those words. A word of the
//! same form as the pattern (`trust` for `trust`) still matches. The check runs only on a
//! pattern occurrence, never on every word, so the hot path is unchanged.

use tally_text::{Analysis, Normaliser, Token};

use crate::term::TermSpec;

/// The normal form to guard for a pattern: `Some` for a one-word stem pattern written
/// without capitals (its normalised word), `None` for every other pattern.
pub(crate) fn guarded_form(n: &Normaliser, raw: &str, specs: &[TermSpec]) -> Option<Box<str>> {
    if !matches!(specs, [TermSpec::Stem(_)]) || raw.chars().any(char::is_uppercase) {
        return None;
    }
    let mut form = None;
    n.words(raw, |_, _, w| form = Some(Box::from(w)));
    form
}

/// Whether word `i` of `analysis` (of `text`), matched through the stem of a pattern whose
/// normal form is `form`, reads as a proper noun, so the match does not count.
pub(crate) fn stem_matched_name(text: &str, analysis: &Analysis, i: usize, form: &str) -> bool {
    let tokens = &analysis.tokens;
    let tok = &tokens[i];
    let word = &text[tok.start as usize..tok.end as usize];
    if !starts_upper(word) || !word.chars().any(char::is_lowercase) {
        return false;
    }
    if analysis.norm(tok) == form || i == 0 || tokens[i - 1].sentence != tok.sentence {
        return false;
    }
    let gap = &text[tokens[i - 1].end as usize..tok.start as usize];
    if gap.contains([
        ':', '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '\n', '\r',
    ]) {
        return false;
    }
    // a sentence whose capitals carry meaning has a word starting in lower case
    let before = tokens[..i].iter().rev();
    let after = tokens[i + 1..].iter();
    before
        .take_while(|t| t.sentence == tok.sentence)
        .chain(after.take_while(|t| t.sentence == tok.sentence))
        .any(|t| starts_lower(text, t))
}

fn starts_upper(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

fn starts_lower(text: &str, t: &Token) -> bool {
    text[t.start as usize..t.end as usize]
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_text::{Analyzer, Stemmer};

    /// Whether `word` in `text` (its first occurrence as a word) reads as a name when
    /// matched through the stem of the lower-case pattern `pattern`.
    fn check(text: &str, word: &str, pattern: &str, expected: bool) {
        let mut analysis = Analysis::default();
        Analyzer::new().analyse(text, &mut analysis);
        let i = analysis
            .tokens
            .iter()
            .position(|t| &text[t.start as usize..t.end as usize] == word)
            .expect("word in text");
        let spec = [TermSpec::Stem(Stemmer::new().stem(pattern).into_owned())];
        let form = guarded_form(&Normaliser::new(), pattern, &spec).expect("guarded");
        assert_eq!(
            stem_matched_name(text, &analysis, i, &form),
            expected,
            "{word:?} in {text:?} against `{pattern}`"
        );
    }

    #[test]
    fn a_capitalised_word_mid_sentence_is_a_name() {
        check("The NHS Trust agrees with this.", "Trust", "trusted", true);
        check("We spoke to the Trust about it.", "Trust", "trusted", true);
        check("Ask Targets Ltd, they know.", "Targets", "target", true);
        check("Élan Trusts are said to help.", "Trusts", "trusted", true);
    }

    #[test]
    fn capitals_that_say_nothing_are_not_names() {
        // first word of a sentence, or of a line, or after a colon or a quote mark
        check("Trust is gone. Staff leave.", "Trust", "trusted", false);
        check("It is gone. Trust matters.", "Trust", "trusted", false);
        check("What we need:\nTrust and time", "Trust", "trusted", false);
        check("What matters: Trust, and time", "Trust", "trusted", false);
        check("They said \"Trust us\" again", "Trust", "trusted", false);
        check("They said “Trust us” again", "Trust", "trusted", false);
        // shouted or Title Case sentences, and all-capital words
        check("WE NEED TRUST AND TIME", "TRUST", "trusted", false);
        check("We Need Trust And Time", "Trust", "trusted", false);
        check("what we need is TRUST and time", "TRUST", "trusted", false);
        // lower case, or the pattern's own form
        check("We are not trusted at all", "trusted", "trust", false);
        check("We need more Trust from managers", "Trust", "trust", false);
    }

    #[test]
    fn patterns_asking_for_capitals_or_exact_words_are_not_guarded() {
        let n = Normaliser::new();
        let stem = [TermSpec::Stem("trust".into())];
        assert_eq!(guarded_form(&n, "Trusted", &stem), None);
        assert_eq!(
            guarded_form(&n, "trusted", &stem).as_deref(),
            Some("trusted")
        );
        let phrase = [TermSpec::Stem("nhs".into()), TermSpec::Stem("trust".into())];
        assert_eq!(guarded_form(&n, "nhs trust", &phrase), None);
        let exact = [TermSpec::Exact("trust".into())];
        assert_eq!(guarded_form(&n, "=trust", &exact), None);
        let glob = [TermSpec::Prefix("trust".into())];
        assert_eq!(guarded_form(&n, "trust*", &glob), None);
    }

    /// The evidence texts the matcher finds for `text` with a one-theme codebook of `rules`.
    fn coded(rules: &str, text: &str) -> Vec<String> {
        let src = format!("[[themes]]\nid = \"t\"\nlabel = \"T\"\n{rules}");
        let book = crate::Codebook::parse(&src, "cb.toml").expect("codebook");
        let m = crate::Matcher::compile(&book).expect("compiles");
        let hits = m.code(&mut crate::Scratch::default(), "Q1", text);
        hits.iter()
            .flat_map(|h| &h.evidence)
            .map(|e| text[e.start as usize..e.end as usize].to_string())
            .collect()
    }

    #[test]
    fn the_matcher_does_not_turn_a_name_into_a_theme() {
        let stem = "[[themes.rules]]\nmatch = [\"trusted\"]\n";
        assert!(coded(stem, "The NHS Trust agrees with the plan.").is_empty());
        assert_eq!(coded(stem, "Staff want to feel Trusted."), ["Trusted"]);
        assert_eq!(coded(stem, "Staff need trust."), ["trust"]);
        // near rules' sides are words too
        let near = "[[themes.rules]]\nnear = [[\"trusted\"], [\"staff\"]]\nwithin = 4\n";
        assert!(coded(near, "Our Trust staff agree.").is_empty());
        assert_eq!(
            coded(near, "Our staff are not trusted enough."),
            ["staff are not trusted"]
        );
        // a pattern written with a capital, or a phrase, asks for the name
        let named = "[[themes.rules]]\nmatch = [\"Trusts\", \"nhs trust\"]\n";
        assert_eq!(
            coded(named, "The NHS Trust agrees, as do other Trusts."),
            ["NHS Trust", "Trust", "Trusts"]
        );
    }

    #[test]
    fn an_exact_form_matches_only_that_word() {
        let rules = "[[themes.rules]]\nmatch = [\"=targets\"]\n";
        assert!(coded(rules, "We want targeted early help.").is_empty());
        assert_eq!(coded(rules, "Chasing targets, not children."), ["targets"]);
        assert_eq!(coded(rules, "TARGETS everywhere"), ["TARGETS"]);
    }
}

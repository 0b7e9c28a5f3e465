//! A codebook regex with its word-boundary assertions removed.
//!
//! The `regex` crate's fast engines (its DFAs) cannot evaluate a Unicode word boundary
//! (`\b`) on non-ASCII text, so a set of regexes with `\b` falls back to a much slower engine
//! for every response containing `£`, `’` or an accent. Removing the assertions gives
//! patterns that match everywhere the originals do (and a little more); the matcher runs
//! that loose set first on non-ASCII text and then only the original regexes it flags, so
//! what is found does not change.

use regex_syntax::ast::{self, AssertionKind, Ast};

/// `src` without any word-boundary assertion (`\b`, `\B`, `\b{start}` …), or `None` when
/// it does not parse or print back (the caller then keeps the original for every text).
pub(crate) fn without_word_boundaries(src: &str) -> Option<String> {
    let mut tree = ast::parse::Parser::new().parse(src).ok()?;
    strip(&mut tree);
    let mut out = String::new();
    ast::print::Printer::new().print(&tree, &mut out).ok()?;
    Some(out)
}

fn strip(tree: &mut Ast) {
    let boundary = match tree {
        Ast::Assertion(a) => is_word_boundary(&a.kind).then_some(a.span),
        Ast::Repetition(r) => {
            strip(&mut r.ast);
            None
        }
        Ast::Group(g) => {
            strip(&mut g.ast);
            None
        }
        Ast::Alternation(a) => {
            a.asts.iter_mut().for_each(strip);
            None
        }
        Ast::Concat(c) => {
            c.asts.iter_mut().for_each(strip);
            None
        }
        _ => None,
    };
    if let Some(span) = boundary {
        *tree = Ast::empty(span);
    }
}

fn is_word_boundary(kind: &AssertionKind) -> bool {
    !matches!(
        kind,
        AssertionKind::StartLine
            | AssertionKind::EndLine
            | AssertionKind::StartText
            | AssertionKind::EndText
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_word_boundaries() {
        let loose = |s: &str| without_word_boundaries(s).unwrap();
        assert_eq!(loose(r"\bfund\b"), "fund");
        assert_eq!(loose(r"(?-i:\bSEND\b)"), "(?-i:SEND)");
        assert_eq!(loose(r"^a\Bb$"), "^ab$");
        assert_eq!(loose(r"[b]\\b"), r"[b]\\b");
        assert_eq!(loose(r"£\s?\d+(m|bn)\b"), r"£\s?\d+(m|bn)");
        assert_eq!(without_word_boundaries("(unclosed"), None);
    }

    #[test]
    fn the_loose_pattern_matches_wherever_the_original_does() {
        let src = r"\b(had|on (my|our))\s+(\d+|two)\s+social workers\b";
        let strict = regex::Regex::new(src).unwrap();
        let loose = regex::Regex::new(&without_word_boundaries(src).unwrap()).unwrap();
        for t in [
            "we had 12 social workers",
            "é had 12 social workers",
            "on my two social workers’",
            "ahad two social workersé",
        ] {
            assert!(!strict.is_match(t) || loose.is_match(t), "{t}");
        }
        assert!(loose.is_match("ahad two social workersé"));
        assert!(!strict.is_match("ahad two social workersé"));
    }
}

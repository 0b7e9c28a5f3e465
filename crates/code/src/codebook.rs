//! The codebook file: analyst-written TOML, parsed and checked into a [`Codebook`].
//!
//! ```toml
//! name = "Stable Homes, Built on Love"
//! negation_window = 3              # words before a match searched for not / no / never …
//!
//! [[themes]]
//! id = "funding"                   # fixed id: [a-z0-9_]+
//! label = "More funding needed"    # short label for tables
//! statement = "said more funding or investment is needed"   # optional, for headlines
//! description = "…"                # what raising the theme means
//! questions = ["Q2", "Q6"]         # optional: only code these questions
//! unless = ["fund raising"]        # optional: exclusions for every rule of the theme
//!
//! [[themes.rules]]                 # a rule has exactly one of match / near / regex
//! match = ["fund", "underfund*", "more money"]   # stems, globs, phrases
//! unless = ["funding formula"]     # a match overlapping one of these is cancelled
//! negation = true                  # default; false for rules that express a lack
//!
//! [[themes.rules]]
//! near = [["pay", "salary"], ["scale", "band"]]
//! within = 5                       # words apart, in one sentence, either order
//! ordered = true                   # optional: the first list must come first
//!
//! [[themes.rules]]
//! regex = '£\s?\d+(\.\d+)?\s?(m|bn)\b'   # case-insensitive, on the original text
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{steps, CodebookError, Lines};
use crate::term::parse_pattern;

/// A checked codebook.
#[derive(Debug, Clone)]
pub struct Codebook {
    /// The codebook's name.
    pub name: String,
    /// Path the codebook was read from, as given.
    pub path: String,
    /// How many words before a match are searched for a negation cue.
    pub negation_window: usize,
    /// The themes, in file order.
    pub themes: Vec<Theme>,
}

/// One theme of a codebook.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Fixed id, e.g. `funding`.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Headline predicate ("said more funding is needed"); defaults from the label.
    pub statement: String,
    /// What raising the theme means.
    pub description: String,
    /// Questions the theme is coded in; `None` for all.
    pub questions: Option<Vec<String>>,
    /// The rules; a response raises the theme when any fires.
    pub rules: Vec<Rule>,
    /// Line of the theme in the file.
    pub line: usize,
}

/// One rule of a theme.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Name shown in the audit: the `name` given, else `rule N` (1-based within the theme).
    pub name: String,
    /// What the rule matches.
    pub kind: RuleKind,
    /// Exclusions: a match overlapping one of these phrases is cancelled.
    pub unless: Vec<String>,
    /// Whether a negation cue cancels a match.
    pub negation: bool,
    /// Questions the rule applies to; `None` for all the theme's questions.
    pub questions: Option<Vec<String>>,
    /// Line of the rule in the file.
    pub line: usize,
}

/// What a rule matches.
#[derive(Debug, Clone)]
pub enum RuleKind {
    /// Any of these words, globs or phrases.
    Match(Vec<String>),
    /// A word or phrase of the first list within `within` words of one of the second.
    Near {
        /// First side.
        a: Vec<String>,
        /// Second side.
        b: Vec<String>,
        /// Maximum distance in words.
        within: usize,
        /// Whether the first side must come before the second (`ordered = true`); by
        /// default either order fires.
        ordered: bool,
    },
    /// A case-insensitive regular expression over the original text.
    Regex(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    name: Option<String>,
    negation_window: Option<Spanned<i64>>,
    #[serde(default)]
    themes: Vec<Spanned<RawTheme>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Option<Spanned<String>>,
    label: Option<String>,
    statement: Option<String>,
    description: Option<String>,
    questions: Option<Vec<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Option<String>,
    #[serde(rename = "match")]
    match_: Option<Vec<Spanned<String>>>,
    near: Option<Vec<Vec<Spanned<String>>>>,
    within: Option<Spanned<i64>>,
    ordered: Option<Spanned<bool>>,
    regex: Option<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    negation: Option<bool>,
    questions: Option<Vec<String>>,
}

struct Checker<'a> {
    lines: Lines,
    path: &'a str,
    errors: Vec<CodebookError>,
}

impl Checker<'_> {
    fn err(&mut self, span: Range<usize>, theme: Option<&str>, message: String) {
        self.errors.push(CodebookError {
            path: self.path.to_string(),
            line: self.lines.line(span.start),
            theme: theme.map(str::to_string),
            message,
        });
    }

    fn patterns(&mut self, list: &[Spanned<String>], theme: &str, what: &str) -> Vec<String> {
        let mut out = Vec::new();
        for p in list {
            match parse_pattern(p.get_ref()) {
                Ok(_) => out.push(p.get_ref().clone()),
                Err(e) => self.err(
                    p.span(),
                    Some(theme),
                    format!("{what} pattern {:?}: {e}", p.get_ref()),
                ),
            }
        }
        out
    }
}

impl Codebook {
    /// Parses and checks a codebook; on failure returns every problem found.
    pub fn parse(src: &str, path: &str) -> Result<Codebook, Vec<CodebookError>> {
        let raw: RawBook = match toml::from_str(src) {
            Ok(r) => r,
            Err(e) => return Err(toml_errors(src, path, e)),
        };
        let mut c = Checker {
            lines: Lines::new(src),
            path,
            errors: Vec::new(),
        };
        let negation_window = match raw.negation_window {
            None => 3,
            Some(w) if (0..=10).contains(w.get_ref()) => *w.get_ref() as usize,
            Some(w) => {
                c.err(
                    w.span(),
                    None,
                    "negation_window must be between 0 and 10".into(),
                );
                3
            }
        };
        if raw.themes.is_empty() {
            c.err(0..0, None, "the codebook has no [[themes]]".into());
        }
        let mut themes: Vec<Theme> = Vec::new();
        let mut ids: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for spanned in &raw.themes {
            let span = spanned.span();
            let t = spanned.get_ref();
            let Some(id) = &t.id else {
                c.err(span, None, "theme has no `id`".into());
                continue;
            };
            let id_str = id.get_ref().as_str();
            if id_str.is_empty()
                || !id_str
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                c.err(
                    id.span(),
                    Some(id_str),
                    "theme id must be lower-case letters, digits and `_`".into(),
                );
            }
            steps::add(1);
            if !ids.insert(id_str) {
                c.err(id.span(), Some(id_str), "duplicate theme id".into());
            }
            let label = t.label.clone().unwrap_or_default();
            if label.trim().is_empty() {
                c.err(id.span(), Some(id_str), "theme has no `label`".into());
            }
            let theme_unless = c.patterns(&t.unless, id_str, "unless");
            if t.rules.is_empty() {
                c.err(
                    id.span(),
                    Some(id_str),
                    "theme has no [[themes.rules]]".into(),
                );
            }
            let mut rules = Vec::new();
            for (n, rs) in t.rules.iter().enumerate() {
                if let Some(rule) = check_rule(&mut c, rs, id_str, n, &theme_unless) {
                    rules.push(rule);
                }
            }
            let statement = t
                .statement
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| format!("raised: {}", label.trim()));
            themes.push(Theme {
                id: id_str.to_string(),
                label: label.trim().to_string(),
                statement,
                description: t.description.clone().unwrap_or_default().trim().to_string(),
                questions: t.questions.clone(),
                rules,
                line: c.lines.line(span.start),
            });
        }
        if c.errors.is_empty() {
            Ok(Codebook {
                name: raw.name.unwrap_or_else(|| path.to_string()),
                path: path.to_string(),
                negation_window,
                themes,
            })
        } else {
            Err(c.errors)
        }
    }

    /// Problems with question scopes that name questions the consultation does not have.
    pub fn check_questions(&self, known: &[String]) -> Vec<CodebookError> {
        let mut out = Vec::new();
        for (line, theme, qs) in self.scopes() {
            for q in qs {
                if !known.iter().any(|k| k == q) {
                    out.push(CodebookError {
                        path: self.path.clone(),
                        line,
                        theme: Some(theme.to_string()),
                        message: format!(
                            "question {q:?} is not a question of the consultation (known: {})",
                            known.join(", ")
                        ),
                    });
                }
            }
        }
        out
    }

    /// Warnings for a check without the consultation: every theme or rule scoped to
    /// questions (`questions = [...]`), which only the consultation can verify — a scope
    /// naming a question the consultation does not have silently codes nothing. One warning
    /// per scope, with its line, naming its questions.
    pub fn unverified_scopes(&self) -> Vec<CodebookError> {
        self.scopes()
            .map(|(line, theme, qs)| CodebookError {
                path: self.path.clone(),
                line,
                theme: Some(theme.to_string()),
                message: format!(
                    "warning: scoped to {} (not verified: give --consultation consultation.toml to check the question ids)",
                    qs.iter().map(|q| format!("{q:?}")).collect::<Vec<_>>().join(", ")
                ),
            })
            .collect()
    }

    /// Every question scope: (line, theme id, questions) of each theme and rule with one.
    fn scopes(&self) -> impl Iterator<Item = (usize, &str, &[String])> {
        self.themes.iter().flat_map(|t| {
            std::iter::once((t.line, &t.questions))
                .chain(t.rules.iter().map(|r| (r.line, &r.questions)))
                .filter_map(move |(line, qs)| Some((line, t.id.as_str(), qs.as_deref()?)))
        })
    }

    /// Index of the theme with this id.
    pub fn theme_index(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }
}

/// Every problem of a codebook that does not read as TOML or as a codebook's shape, each with
/// its line. The `toml` crate stops at the first syntax error; its recovering parser
/// (`DeTable::parse_recoverable`, which skips past a broken line or value and goes on) finds
/// the others, so a file with several typos is fixed in one round. When the file is valid
/// TOML, the problem is its shape (an unknown key, a wrong type): `first`, reported alone.
fn toml_errors(src: &str, path: &str, first: toml::de::Error) -> Vec<CodebookError> {
    let lines = Lines::new(src);
    let error = |e: &toml::de::Error| CodebookError {
        path: path.to_string(),
        line: e.span().map_or(0, |s| lines.line(s.start)),
        theme: None,
        message: e.message().trim().to_string(),
    };
    let (_, syntax) = toml::de::DeTable::parse_recoverable(src);
    if syntax.is_empty() {
        return vec![error(&first)];
    }
    let mut out: Vec<CodebookError> = syntax.iter().map(error).collect();
    out.sort_by_key(|e| e.line);
    // one report per line and message: recovery can meet the same fault twice
    out.dedup_by(|b, a| a.line == b.line && a.message == b.message);
    out
}

fn check_rule(
    c: &mut Checker,
    rs: &Spanned<RawRule>,
    theme: &str,
    n: usize,
    theme_unless: &[String],
) -> Option<Rule> {
    let r = rs.get_ref();
    let span = rs.span();
    let kinds = [r.match_.is_some(), r.near.is_some(), r.regex.is_some()]
        .iter()
        .filter(|&&b| b)
        .count();
    if kinds != 1 {
        c.err(
            span,
            Some(theme),
            format!(
                "rule {} must have exactly one of `match`, `near`, `regex` (it has {kinds})",
                n + 1
            ),
        );
        return None;
    }
    if r.within.is_some() && r.near.is_none() {
        c.err(
            span.clone(),
            Some(theme),
            format!("rule {}: `within` only goes with `near`", n + 1),
        );
    }
    if let (Some(o), None) = (&r.ordered, &r.near) {
        c.err(
            o.span(),
            Some(theme),
            format!("rule {}: `ordered` only goes with `near`", n + 1),
        );
    }
    let errors_before = c.errors.len();
    let kind = if let Some(list) = &r.match_ {
        if list.is_empty() {
            c.err(
                span.clone(),
                Some(theme),
                format!("rule {}: `match` is empty", n + 1),
            );
        }
        RuleKind::Match(c.patterns(list, theme, "match"))
    } else if let Some(sides) = &r.near {
        check_near(c, r, &span, sides, theme, n)?
    } else {
        let re = r.regex.as_ref()?;
        check_regex(c, re, theme, n);
        RuleKind::Regex(re.get_ref().clone())
    };
    let mut unless = c.patterns(&r.unless, theme, "unless");
    unless.extend(theme_unless.iter().cloned());
    if c.errors.len() > errors_before {
        return None;
    }
    Some(Rule {
        name: r.name.clone().unwrap_or_else(|| format!("rule {}", n + 1)),
        kind,
        unless,
        negation: r.negation.unwrap_or(true),
        questions: r.questions.clone(),
        line: c.lines.line(span.start),
    })
}

/// A `near` rule's two sides and window, checked (errors in `c`); `None` when its sides
/// are not two non-empty lists.
fn check_near(
    c: &mut Checker,
    r: &RawRule,
    span: &std::ops::Range<usize>,
    sides: &[Vec<Spanned<String>>],
    theme: &str,
    n: usize,
) -> Option<RuleKind> {
    if sides.len() != 2 || sides.iter().any(Vec::is_empty) {
        c.err(
            span.clone(),
            Some(theme),
            format!(
                "rule {}: `near` takes two non-empty lists, e.g. near = [[\"pay\"], [\"scale\"]]",
                n + 1
            ),
        );
        return None;
    }
    let within = match &r.within {
        Some(w) if (1..=50).contains(w.get_ref()) => *w.get_ref() as usize,
        Some(w) => {
            c.err(
                w.span(),
                Some(theme),
                format!("rule {}: `within` must be between 1 and 50 words", n + 1),
            );
            1
        }
        None => {
            c.err(
                span.clone(),
                Some(theme),
                format!("rule {}: `near` needs `within` (words apart)", n + 1),
            );
            1
        }
    };
    let a = c.patterns(&sides[0], theme, "near");
    let b = c.patterns(&sides[1], theme, "near");
    let ordered = r.ordered.as_ref().is_some_and(|o| *o.get_ref());
    Some(RuleKind::Near {
        a,
        b,
        within,
        ordered,
    })
}

/// Checks a `regex` rule's pattern: it compiles and does not match the empty string.
fn check_regex(c: &mut Checker, re: &Spanned<String>, theme: &str, n: usize) {
    match regex::RegexBuilder::new(re.get_ref())
        .case_insensitive(true)
        .build()
    {
        Ok(compiled) => {
            if compiled.is_match("") {
                c.err(
                    re.span(),
                    Some(theme),
                    format!(
                        "rule {}: regex {:?} matches the empty string",
                        n + 1,
                        re.get_ref()
                    ),
                );
            }
        }
        Err(e) => {
            // the regex crate's message spans lines; its last line says what is wrong
            let msg = e.to_string();
            let last = msg.lines().last().unwrap_or_default();
            let last = last.trim_start_matches("error: ").to_string();
            c.err(
                re.span(),
                Some(theme),
                format!("rule {}: invalid regex: {last}", n + 1),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(src: &str) -> Vec<String> {
        match Codebook::parse(src, "cb.toml") {
            Ok(_) => Vec::new(),
            Err(es) => es.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_good_codebook_parses() {
        let src = "name = \"x\"\n[[themes]]\nid = \"pay\"\nlabel = \"Pay\"\n[[themes.rules]]\nnear = [[\"pay\"], [\"scale\"]]\nwithin = 5\n";
        let b = Codebook::parse(src, "cb.toml").unwrap();
        assert_eq!(b.themes[0].statement, "raised: Pay");
        assert!(matches!(
            b.themes[0].rules[0].kind,
            RuleKind::Near { within: 5, .. }
        ));
    }

    #[test]
    fn reports_every_error_with_line_and_theme() {
        let src = r#"
[[themes]]
id = "a"
label = "A"
[[themes.rules]]
match = ["ok", "*"]
[[themes.rules]]
regex = "("

[[themes]]
id = "a"
label = ""
[[themes.rules]]
near = [["pay"], ["scale"]]

[[themes]]
id = "Bad-Id"
label = "B"
[[themes.rules]]
match = ["x"]
regex = "y"
"#;
        let got = errors(src);
        let want = [
            "cb.toml:6: theme `a`: match pattern \"*\": a glob needs at least two letters besides `*`",
            "cb.toml:8: theme `a`: rule 2: invalid regex:",
            "cb.toml:11: theme `a`: duplicate theme id",
            "cb.toml:11: theme `a`: theme has no `label`",
            "cb.toml:13: theme `a`: rule 1: `near` needs `within` (words apart)",
            "cb.toml:17: theme `Bad-Id`: theme id must be lower-case letters, digits and `_`",
            "cb.toml:19: theme `Bad-Id`: rule 1 must have exactly one of `match`, `near`, `regex` (it has 2)",
        ];
        assert_eq!(got.len(), want.len(), "{got:#?}");
        for (g, w) in got.iter().zip(want) {
            assert!(g.starts_with(w), "{g}\n  should start with\n{w}");
        }
    }

    #[test]
    fn ordered_goes_with_near_only() {
        let near = "[[themes]]\nid = \"a\"\nlabel = \"A\"\n[[themes.rules]]\nnear = [[\"ltn\"], [\"stop\"]]\nwithin = 3\nordered = true\n";
        let b = Codebook::parse(near, "cb.toml").unwrap();
        assert!(matches!(
            b.themes[0].rules[0].kind,
            RuleKind::Near { ordered: true, .. }
        ));
        let unordered = near.replace("ordered = true\n", "");
        let b = Codebook::parse(&unordered, "cb.toml").unwrap();
        assert!(matches!(
            b.themes[0].rules[0].kind,
            RuleKind::Near { ordered: false, .. }
        ));
        let on_match = "[[themes]]\nid = \"a\"\nlabel = \"A\"\n[[themes.rules]]\nmatch = [\"x\"]\nordered = true\n";
        assert_eq!(
            errors(on_match),
            ["cb.toml:6: theme `a`: rule 1: `ordered` only goes with `near`"]
        );
    }

    #[test]
    fn every_syntax_error_is_reported_with_its_line() {
        let src = "name = \"x\"\n[[themes]]\nid = \"a\nlabel = \"A\"\n[[themes.rules]]\nmatch = [\"x\" \"y\"]\nnegation = tru\n[[themes]\nid = \"b\"\n";
        let got = errors(src);
        let lines: Vec<&str> = got.iter().map(|e| e.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["3", "6", "7", "8"], "{got:#?}");
    }

    #[test]
    fn syntax_and_unknown_keys_are_errors_with_lines() {
        assert!(errors("[[themes]]\nid = \"a\"\nlable = \"typo\"\n")[0]
            .starts_with("cb.toml:3: unknown field `lable`"));
        assert!(errors("name = \n")[0].starts_with("cb.toml:1:"));
        assert_eq!(
            errors("name = \"empty\"\n"),
            ["cb.toml:1: the codebook has no [[themes]]"]
        );
    }

    #[test]
    fn question_scopes_are_checked_against_the_consultation() {
        let src = "[[themes]]\nid = \"a\"\nlabel = \"A\"\nquestions = [\"Q9\"]\n[[themes.rules]]\nmatch = [\"x\"]\n";
        let b = Codebook::parse(src, "cb.toml").unwrap();
        let errs = b.check_questions(&["Q1".to_string()]);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].to_string().contains("\"Q9\" is not a question"));
        assert!(b.check_questions(&["Q9".to_string()]).is_empty());
    }

    #[test]
    fn scopes_unverified_without_a_consultation_are_warned_of() {
        let src = "[[themes]]\nid = \"a\"\nlabel = \"A\"\nquestions = [\"Q9\", \"letter\"]\n[[themes.rules]]\nmatch = [\"x\"]\n[[themes.rules]]\nmatch = [\"y\"]\nquestions = [\"Q2\"]\n[[themes]]\nid = \"b\"\nlabel = \"B\"\n[[themes.rules]]\nmatch = [\"z\"]\n";
        let b = Codebook::parse(src, "cb.toml").unwrap();
        let got: Vec<String> = b
            .unverified_scopes()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].starts_with(
            "cb.toml:1: theme `a`: warning: scoped to \"Q9\", \"letter\" (not verified"
        ));
        assert!(got[1].starts_with("cb.toml:7: theme `a`: warning: scoped to \"Q2\" (not verified"));
    }

    /// Parsing is n log n in the number of themes: the steps it takes (comparisons of
    /// theme ids, and of bytes or line starts to find each theme's and rule's line) stay
    /// under 40 per theme and rule at 5,000 themes, where a scan from the file's start for
    /// each line number, or comparing each id with every earlier one, takes millions.
    #[test]
    fn five_thousand_themes_parse_in_n_log_n_steps() {
        let n = 5_000;
        let mut src = String::from("name = \"big\"\n");
        for i in 0..n {
            src.push_str(&format!(
                "\n[[themes]]\nid = \"t{i}\"\nlabel = \"Theme {i}\"\n[[themes.rules]]\nmatch = [\"word{i}\"]\n"
            ));
        }
        let before = steps::taken();
        let book = Codebook::parse(&src, "big.toml").expect("parses");
        let taken = steps::taken() - before;
        assert_eq!(book.themes.len(), n);
        let last = &book.themes[n - 1];
        assert_eq!((last.line, last.rules[0].line), (6 * n - 3, 6 * n));
        assert!(taken < 40 * 2 * n as u64, "{taken} steps for {n} themes");
    }
}

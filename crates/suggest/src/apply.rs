//! `--apply`: the chosen proposals written into the codebook's text, everything else kept
//! byte for byte, and the diff.
//!
//! Edits are text insertions located by the codebook's table headers (`[[themes]]`,
//! `[[themes.rules]]`):
//!
//! - the phrases chosen for a theme become one new `match` rule, and each `near` pair a new
//!   rule, inserted after the theme's last line that is not blank or a comment (so a
//!   separator comment before the next theme stays where it is);
//! - an exclusion is put first in the rule's `unless = [` array, or, when the rule has
//!   none, as a new `unless = [...]` line after the rule's last line;
//! - a narrowed pattern's string in the rule's `match = [` array is replaced by the
//!   patterns put in its place (or removed with its comma, when none).
//!
//! The result is parsed again and checked to be the codebook with exactly those edits
//! (same themes, the new rules and exclusions where intended); anything else is an error,
//! never a silently different codebook.

use tally_code::{Codebook, RuleKind};

use crate::error::SuggestError;
use crate::suggest::{Change, Proposal};

/// Name of the `match` rule that collects a theme's accepted phrases.
pub const PHRASE_RULE: &str = "suggested phrases";

/// The codebook `src` (parsed as `book`) with `chosen` proposals made.
pub fn apply(src: &str, book: &Codebook, chosen: &[&Proposal]) -> Result<String, SuggestError> {
    let mut text = src.to_string();
    // theme by theme, in codebook order; within a theme: exclusions, then new rules
    for (t, theme) in book.themes.iter().enumerate() {
        let mine: Vec<&&Proposal> = chosen.iter().filter(|p| p.theme == theme.id).collect();
        for p in &mine {
            let done = match &p.change {
                Change::Unless { rule, pattern, .. } => add_unless(&text, t, *rule, pattern),
                Change::Narrow {
                    rule,
                    pattern,
                    into,
                    ..
                } => narrow(&text, t, *rule, pattern, into),
                Change::Within { rule, to, .. } => set_within(&text, t, *rule, *to),
                _ => continue,
            };
            text = done.map_err(|m| SuggestError::Apply(p.number, m))?;
        }
        let phrases: Vec<String> = mine
            .iter()
            .filter_map(|p| match &p.change {
                Change::Phrase { pattern } => Some(format!("\"{pattern}\"")),
                _ => None,
            })
            .collect();
        let mut block = String::new();
        if !phrases.is_empty() {
            block.push_str(&format!(
                "\n[[themes.rules]]\nname = \"{PHRASE_RULE}\"\nmatch = [{}]\n",
                phrases.join(", ")
            ));
        }
        for p in &mine {
            if let Change::Near { a, b, within } = &p.change {
                block.push_str(&format!(
                    "\n[[themes.rules]]\nname = \"suggested: {a} near {b}\"\nnear = [[\"{a}\"], [\"{b}\"]]\nwithin = {within}\n"
                ));
            }
        }
        if !block.is_empty() {
            let at = section_end(
                &text,
                theme_range(&text, t)
                    .ok_or("theme not found")
                    .map_err(|m| SuggestError::Apply(mine[0].number, m.into()))?,
            );
            text.insert_str(at, &block);
        }
    }
    verify(&text, book, chosen)?;
    Ok(text)
}

/// A unified diff of the codebook before and after.
pub fn diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(old_name, new_name)
        .to_string()
}

/// Byte offsets of each line start.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n')
        .map(|l| {
            let s = at;
            at += l.len();
            (s, l)
        })
        .collect()
}

fn header_is(line: &str, name: &str) -> bool {
    let l = line.split('#').next().unwrap_or("").trim();
    l.strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .is_some_and(|inner| {
            inner
                .split('.')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(".")
                == name
        })
}

fn is_header(line: &str) -> bool {
    let l = line.split('#').next().unwrap_or("").trim();
    (l.starts_with("[[") && l.ends_with("]]") && !l.contains('"'))
        || (l.starts_with('[') && l.ends_with(']') && !l.contains('"') && !l.contains(','))
}

/// The byte range of theme `t`'s section: its header to the next `[[themes]]` or the end.
fn theme_range(text: &str, t: usize) -> Option<(usize, usize)> {
    let heads: Vec<usize> = lines(text)
        .into_iter()
        .filter(|(_, l)| header_is(l, "themes"))
        .map(|(s, _)| s)
        .collect();
    let start = *heads.get(t)?;
    Some((start, heads.get(t + 1).copied().unwrap_or(text.len())))
}

/// The byte range of rule `r` of the theme section `range`.
fn rule_range(text: &str, range: (usize, usize), r: usize) -> Option<(usize, usize)> {
    let ls: Vec<(usize, &str)> = lines(&text[range.0..range.1])
        .into_iter()
        .map(|(s, l)| (s + range.0, l))
        .collect();
    let heads: Vec<usize> = ls
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| header_is(l, "themes.rules"))
        .map(|(i, _)| i)
        .collect();
    let &h = heads.get(r)?;
    let end = ls[h + 1..]
        .iter()
        .find(|(_, l)| is_header(l))
        .map_or(range.1, |(s, _)| *s);
    Some((ls[h].0, end))
}

/// Just past the last line of `range` that is not blank or a comment.
fn section_end(text: &str, range: (usize, usize)) -> usize {
    lines(&text[range.0..range.1])
        .into_iter()
        .rev()
        .find(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map_or(range.1, |(s, l)| range.0 + s + l.len())
}

fn add_unless(text: &str, theme: usize, rule: usize, pattern: &str) -> Result<String, String> {
    let tr = theme_range(text, theme).ok_or("theme not found")?;
    let rr = rule_range(text, tr, rule).ok_or("rule not found")?;
    let existing = lines(&text[rr.0..rr.1]).into_iter().find(|(_, l)| {
        l.trim_start()
            .strip_prefix("unless")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    let mut out = text.to_string();
    match existing {
        Some((s, l)) => {
            let open = l.find('[').ok_or("its `unless` is not an array")?;
            let at = rr.0 + s + open + 1;
            let empty = text[at..].trim_start().starts_with(']');
            let item = if empty {
                format!("\"{pattern}\"")
            } else {
                format!("\"{pattern}\", ")
            };
            out.insert_str(at, &item);
        }
        None => {
            let mut at = section_end(text, rr);
            let mut line = format!("unless = [\"{pattern}\"]\n");
            if !text[..at].ends_with('\n') {
                line.insert(0, '\n');
                at = at.min(text.len());
            }
            out.insert_str(at, &line);
        }
    }
    Ok(out)
}

/// Replaces the string `pattern` in the `match` array of rule `rule` of theme `theme` by
/// `into` (removes it, with a comma, when `into` is empty).
fn narrow(
    text: &str,
    theme: usize,
    rule: usize,
    pattern: &str,
    into: &[String],
) -> Result<String, String> {
    let (rr, s, l) = key_line(text, theme, rule, "match")?;
    let open = rr.0 + s + l.find('[').ok_or("its `match` is not an array")?;
    let close = open
        + text[open..rr.1]
            .find(']')
            .ok_or("its `match` is not closed")?;
    let array = &text[open..close];
    let found = [format!("\"{pattern}\""), format!("'{pattern}'")]
        .iter()
        .find_map(|lit| array.find(lit.as_str()).map(|at| (open + at, lit.len())))
        .ok_or("the pattern is not in its `match`")?;
    let (mut from, mut to) = (found.0, found.0 + found.1);
    let mut out = text.to_string();
    if into.is_empty() {
        // from the comma before it (the lines around keep their layout), or, for the first
        // pattern, to the comma after it and the spaces after that
        match text[open..from].rfind(',') {
            Some(k) => from = open + k,
            None => {
                let k = text[to..close]
                    .find(',')
                    .ok_or("it is the rule's only pattern")?;
                let rest = &text[to + k + 1..close];
                to += k + 1 + (rest.len() - rest.trim_start_matches(' ').len());
            }
        }
        out.replace_range(from..to, "");
    } else {
        let items: Vec<String> = into.iter().map(|p| format!("\"{p}\"")).collect();
        out.replace_range(from..to, &items.join(", "));
    }
    Ok(out)
}

/// The line of rule `rule` of theme `theme` that sets `key`: the rule's byte range, the
/// line's start within it, and the line.
fn key_line<'t>(
    text: &'t str,
    theme: usize,
    rule: usize,
    key: &str,
) -> Result<((usize, usize), usize, &'t str), String> {
    let tr = theme_range(text, theme).ok_or("theme not found")?;
    let rr = rule_range(text, tr, rule).ok_or("rule not found")?;
    let (s, l) = lines(&text[rr.0..rr.1])
        .into_iter()
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .ok_or_else(|| format!("its `{key}` is not found"))?;
    Ok((rr, s, l))
}

/// Sets the `within` of rule `rule` of theme `theme` to `to`, keeping the rest of its line.
fn set_within(text: &str, theme: usize, rule: usize, to: u32) -> Result<String, String> {
    let (rr, s, l) = key_line(text, theme, rule, "within")?;
    let eq = l.find('=').ok_or("its `within` is not found")?;
    let digits = l[eq + 1..].trim_start();
    let start = rr.0 + s + l.len() - digits.len();
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return Err("its `within` is not a number".into());
    }
    let mut out = text.to_string();
    out.replace_range(start..start + len, &to.to_string());
    Ok(out)
}

/// Checks the edited codebook is the old one with exactly the chosen edits.
fn verify(new: &str, old: &Codebook, chosen: &[&Proposal]) -> Result<(), SuggestError> {
    let first = chosen.first().map_or(0, |p| p.number);
    let fail = |m: String| SuggestError::Apply(first, m);
    let book = Codebook::parse(new, &old.path)
        .map_err(|es| fail(es.iter().map(|e| format!("{e}; ")).collect()))?;
    if book.themes.len() != old.themes.len() {
        return Err(fail("the edited codebook has other themes".into()));
    }
    for (a, b) in old.themes.iter().zip(&book.themes) {
        let mine: Vec<&&Proposal> = chosen.iter().filter(|p| p.theme == a.id).collect();
        let phrases = mine
            .iter()
            .any(|p| matches!(p.change, Change::Phrase { .. }));
        let nears = mine
            .iter()
            .filter(|p| matches!(p.change, Change::Near { .. }))
            .count();
        let want = a.rules.len() + usize::from(phrases) + nears;
        if a.id != b.id || b.rules.len() != want {
            return Err(fail(format!(
                "theme {} did not get the rules expected",
                a.id
            )));
        }
        for (r, (ra, rb)) in a.rules.iter().zip(&b.rules).enumerate() {
            let mut unless = ra.unless.clone();
            for p in &mine {
                if let Change::Unless { rule, pattern, .. } = &p.change {
                    if *rule == r {
                        unless.push(pattern.clone());
                    }
                }
            }
            unless.sort();
            let mut got = rb.unless.clone();
            got.sort();
            let same_kind = match (&ra.kind, &rb.kind) {
                (RuleKind::Match(x), RuleKind::Match(y)) => narrowed(x, r, &mine) == *y,
                (RuleKind::Match(_), _) => false,
                (RuleKind::Near { within: x, .. }, RuleKind::Near { within: y, .. }) => {
                    *y == mine
                        .iter()
                        .find_map(|p| match p.change {
                            Change::Within { rule, to, .. } if rule == r => Some(to as usize),
                            _ => None,
                        })
                        .unwrap_or(*x)
                }
                (RuleKind::Near { .. }, _) => false,
                _ => true,
            };
            if unless != got || !same_kind || ra.name != rb.name {
                return Err(fail(format!(
                    "rule \"{}\" of {} did not get the edit expected",
                    ra.name, a.id
                )));
            }
        }
    }
    Ok(())
}

/// A rule's `match` patterns once the chosen narrowings of rule `r` are made.
fn narrowed(patterns: &[String], r: usize, mine: &[&&Proposal]) -> Vec<String> {
    let mut out = patterns.to_vec();
    for p in mine {
        if let Change::Narrow {
            rule,
            pattern,
            into,
            ..
        } = &p.change
        {
            if *rule == r {
                if let Some(k) = out.iter().position(|x| x == pattern) {
                    out.splice(k..=k, into.iter().cloned());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossval::Effect;

    const SRC: &str = r#"# a codebook
name = "demo"

# ---------------------------------------------------------------
[[themes]]
id = "funding"
label = "Funding"

[[themes.rules]]
name = "money"
match = ["fund", "money",
         "budget"]

[[themes.rules]]
name = "near"
near = [["fund"],
        ["more"]]
within = 4

# ---------------------------------------------------------------
[[themes]]
id = "trust"
label = "Trust"
unless = ["trust fund"]

[[themes.rules]]
name = "trusted"
match = ["trust"]
unless = ["nhs trust"]
# trailing comment of the theme
"#;

    fn proposal(number: usize, theme: &str, change: Change) -> Proposal {
        Proposal {
            number,
            theme: theme.into(),
            change,
            effect: Effect::default(),
            f1_before: None,
            f1_after: None,
        }
    }

    fn removed(new: &str, parts: &[&str]) -> String {
        let mut s = new.to_string();
        for p in parts {
            let at = s.find(p).unwrap_or_else(|| panic!("{p:?} not in\n{new}"));
            s.replace_range(at..at + p.len(), "");
        }
        s
    }

    #[test]
    fn edits_are_inserted_and_everything_else_is_kept_byte_for_byte() {
        let book = Codebook::parse(SRC, "codebook.toml").unwrap();
        let ps = [
            proposal(
                1,
                "funding",
                Change::Phrase {
                    pattern: "funding cuts".into(),
                },
            ),
            proposal(
                2,
                "funding",
                Change::Phrase {
                    pattern: "austerity".into(),
                },
            ),
            proposal(
                3,
                "funding",
                Change::Near {
                    a: "budget".into(),
                    b: "pressure".into(),
                    within: 4,
                },
            ),
            proposal(
                4,
                "funding",
                Change::Unless {
                    rule: 0,
                    rule_name: "money".into(),
                    pattern: "money laundering".into(),
                },
            ),
            proposal(
                5,
                "trust",
                Change::Unless {
                    rule: 0,
                    rule_name: "trusted".into(),
                    pattern: "trust board".into(),
                },
            ),
        ];
        let chosen: Vec<&Proposal> = ps.iter().collect();
        let new = apply(SRC, &book, &chosen).unwrap();
        let phrase_rule = "\n[[themes.rules]]\nname = \"suggested phrases\"\nmatch = [\"funding cuts\", \"austerity\"]\n";
        let near_rule = "\n[[themes.rules]]\nname = \"suggested: budget near pressure\"\nnear = [[\"budget\"], [\"pressure\"]]\nwithin = 4\n";
        // taking the insertions out gives the original, byte for byte
        assert_eq!(
            removed(
                &new,
                &[
                    phrase_rule,
                    near_rule,
                    "unless = [\"money laundering\"]\n",
                    "\"trust board\", "
                ]
            ),
            SRC
        );
        // the new rules sit at the end of their theme, before the separator comment
        let at_rules = new.find(phrase_rule).unwrap();
        assert!(at_rules > new.find("within = 4\n").unwrap());
        assert!(at_rules < new.rfind("# ------").unwrap());
        let book2 = Codebook::parse(&new, "codebook.toml").unwrap();
        assert_eq!(book2.themes[0].rules.len(), 4);
        assert_eq!(book2.themes[0].rules[0].unless, ["money laundering"]);
        // (the theme's own exclusions follow the rule's)
        assert_eq!(
            book2.themes[1].rules[0].unless,
            ["trust board", "nhs trust", "trust fund"]
        );
        assert_eq!(book2.themes[1].rules.len(), 1);
        tally_code::Matcher::compile(&book2).unwrap();
        // and the diff shows only added or changed lines
        let d = diff(SRC, &new, "a", "b");
        assert!(
            d.contains("+match = [\"funding cuts\", \"austerity\"]"),
            "{d}"
        );
        assert!(
            d.contains("-unless = [\"nhs trust\"]\n+unless = [\"trust board\", \"nhs trust\"]"),
            "{d}"
        );
        assert!(
            !d.lines()
                .any(|l| l.starts_with('-') && !l.starts_with("---") && !l.contains("nhs trust")),
            "{d}"
        );
    }

    #[test]
    fn a_narrowed_pattern_is_replaced_or_removed_in_place() {
        let book = Codebook::parse(SRC, "codebook.toml").unwrap();
        let narrow = |number, pattern: &str, into: &[&str]| {
            proposal(
                number,
                "funding",
                Change::Narrow {
                    rule: 0,
                    rule_name: "money".into(),
                    pattern: pattern.into(),
                    into: into.iter().map(|s| s.to_string()).collect(),
                },
            )
        };
        let replaced = narrow(1, "fund", &["fund cuts", "more funds"]);
        let new = apply(SRC, &book, &[&replaced]).unwrap();
        assert_eq!(
            new,
            SRC.replacen("[\"fund\",", "[\"fund cuts\", \"more funds\",", 1)
        );
        let exact = narrow(1, "budget", &["=budget"]);
        let new = apply(SRC, &book, &[&exact]).unwrap();
        assert_eq!(new, SRC.replacen("\"budget\"]", "\"=budget\"]", 1));
        // removed with its comma: first, middle (across lines) and last
        let new = apply(SRC, &book, &[&narrow(1, "fund", &[])]).unwrap();
        assert_eq!(new, SRC.replacen("[\"fund\", ", "[", 1));
        let new = apply(SRC, &book, &[&narrow(1, "budget", &[])]).unwrap();
        assert_eq!(
            new,
            SRC.replacen("\"money\",\n         \"budget\"]", "\"money\"]", 1)
        );
        let both = [
            narrow(1, "money", &[]),
            narrow(2, "budget", &["budget cuts"]),
        ];
        let new = apply(SRC, &book, &[&both[0], &both[1]]).unwrap();
        assert!(
            new.contains("match = [\"fund\",\n         \"budget cuts\"]"),
            "{new}"
        );
        let book2 = Codebook::parse(&new, "codebook.toml").unwrap();
        assert!(matches!(&book2.themes[0].rules[0].kind,
            RuleKind::Match(ps) if ps == &["fund", "budget cuts"]));
        // a rule's only pattern is not removed; a pattern it lacks is an error
        let trust = proposal(
            1,
            "trust",
            Change::Narrow {
                rule: 0,
                rule_name: "trusted".into(),
                pattern: "trust".into(),
                into: Vec::new(),
            },
        );
        assert!(apply(SRC, &book, &[&trust]).is_err());
        assert!(apply(SRC, &book, &[&narrow(1, "cash", &["cash flow"])]).is_err());
    }

    #[test]
    fn an_empty_selection_changes_nothing() {
        let book = Codebook::parse(SRC, "codebook.toml").unwrap();
        assert_eq!(apply(SRC, &book, &[]).unwrap(), SRC);
        assert_eq!(diff(SRC, SRC, "a", "b"), "");
    }
}

//! A draft codebook stanza for a candidate theme, in the codebook's own syntax
//! (docs/codebook.md), to paste at the end of the codebook and edit: an id that no theme of
//! the codebook has, a label and description to rewrite, and one `match` rule listing the
//! candidate's key phrases as respondents wrote them (the codebook matches words on their
//! stems, so "waiting lists" also matches "waiting list").

/// The id for a theme named by `phrase`: its letters and digits, `_` between words,
/// prefixed `new_`, and suffixed `_2`, `_3` … until `taken` says it is free.
///
/// ```
/// use tally_discover::stanza::theme_id;
/// assert_eq!(theme_id("waiting list", &|id| id == "new_waiting_list"), "new_waiting_list_2");
/// ```
pub fn theme_id(phrase: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let mut slug = String::from("new");
    for word in phrase.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            slug.push('_');
            slug.push_str(&word.to_ascii_lowercase());
        }
    }
    let mut id = slug.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{slug}_{n}");
        n += 1;
    }
    id
}

/// The key phrases worth a pattern: a phrase that contains another listed phrase word for
/// word adds nothing to a `match` rule (any pattern fires it), so it is left out.
pub fn patterns<'a>(phrases: &[&'a str]) -> Vec<&'a str> {
    let contains = |long: &str, short: &str| {
        long != short && format!(" {long} ").contains(&format!(" {short} "))
    };
    let mut out: Vec<&str> = Vec::new();
    for &p in phrases {
        if !phrases.iter().any(|&q| contains(p, q)) && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The stanza: `[[themes]]` with `id`, `label`, `statement` and `description`, and one
/// `[[themes.rules]]` whose `match` lists `phrases` (after [`patterns`]).
pub fn draft(id: &str, phrases: &[&str], respondents: usize) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let head = phrases.first().copied().unwrap_or_default();
    let listed: Vec<String> = patterns(phrases).into_iter().map(quote).collect();
    let description = format!(
        "DRAFT from tally discover ({respondents} respondents in the residue): key phrases {}. Rewrite from what the quotes say.",
        phrases.join(", ")
    );
    format!(
        "[[themes]]\nid = {}\nlabel = {}\nstatement = {}\ndescription = {}\n\n[[themes.rules]]\nname = \"discovered phrases\"\nmatch = [{}]\n",
        quote(id),
        quote(&format!("DRAFT: {head}")),
        quote(&format!("mentioned {head}")),
        quote(&description),
        listed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contained_phrases_are_dropped() {
        assert_eq!(
            patterns(&[
                "waiting list",
                "waiting",
                "long waiting list",
                "respite",
                "waiting"
            ]),
            ["waiting", "respite"]
        );
    }

    #[test]
    fn stanza_parses_appended_to_a_codebook() {
        let book = "name = \"x\"\n\n[[themes]]\nid = \"funding\"\nlabel = \"Funding\"\n\n[[themes.rules]]\nmatch = [\"fund\"]\n\n";
        let s = draft(
            "new_respite",
            &["respite", "short breaks", "quote \" and \\"],
            12,
        );
        let parsed = tally_code::Codebook::parse(&format!("{book}{s}"), "t.toml").unwrap();
        assert_eq!(parsed.themes.len(), 2);
        assert_eq!(parsed.themes[1].id, "new_respite");
        assert!(tally_code::Matcher::compile(&parsed).is_ok());
    }
}

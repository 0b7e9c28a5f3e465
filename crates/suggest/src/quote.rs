//! Responses quoted in the report: personal data redacted (tally-redact), long texts cut
//! to the part that matters.

use tally_redact::Redactor;

use crate::sample::Item;
use crate::suggest::Quote;

/// Longest quote, in bytes (about 60 words); longer texts are cut on word boundaries.
pub const MAX_QUOTE: usize = 400;

/// Quotes responses.
pub struct Quoter {
    redactor: Redactor,
}

impl Quoter {
    /// A quoter with tally's redaction.
    pub fn new() -> Quoter {
        Quoter {
            redactor: Redactor::new(),
        }
    }

    /// The response's opening (all of it when short).
    pub fn whole(&self, item: &Item) -> Quote {
        self.cut(item, 0, 0)
    }

    /// The part of the response around the byte range `at`.
    pub fn around(&self, item: &Item, at: (u32, u32)) -> Quote {
        self.cut(item, at.0 as usize, at.1 as usize)
    }

    fn cut(&self, item: &Item, start: usize, end: usize) -> Quote {
        let red = self.redactor.redact(&item.text);
        let text = red.text.as_str();
        let s = Redactor::map_offset(&red.found, start, false);
        let e = Redactor::map_offset(&red.found, end, true).max(s);
        let (from, to) = if text.len() <= MAX_QUOTE {
            (0, text.len())
        } else {
            let room = MAX_QUOTE.saturating_sub(e - s) / 2;
            let from = s.saturating_sub(room);
            (from, (from + MAX_QUOTE).max(e).min(text.len()))
        };
        let from = word_start(text, from);
        // a long run without spaces: cut inside it rather than before `from`
        let to = match word_end(text, to) {
            end if end > from => end,
            _ => ceil_boundary(text, to.max(from)),
        };
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.push_str(text[from..to].trim());
        if to < text.len() {
            out.push('…');
        }
        Quote {
            response_id: item.id.clone(),
            text: out.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }
}

impl Default for Quoter {
    fn default() -> Self {
        Quoter::new()
    }
}

/// The start of the word at or after byte `at` (0 stays 0).
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..].find(char::is_whitespace) {
        Some(k) if i > 0 && !text[..i].ends_with(char::is_whitespace) => i + k,
        _ => i,
    }
}

/// `at`, moved forward to a character boundary.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The end of the word at or before byte `at`.
fn word_end(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    if i == text.len() {
        return i;
    }
    text[..i].rfind(char::is_whitespace).unwrap_or(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> Item {
        Item {
            id: "R1:Q1".into(),
            respondent: "R1".into(),
            question: "Q1".into(),
            text: text.into(),
            gold: Vec::new(),
        }
    }

    #[test]
    fn long_texts_are_cut_around_the_evidence_on_word_boundaries() {
        let text = format!(
            "{} the funding gap {}",
            "word ".repeat(200),
            "tail ".repeat(200)
        );
        let at = text.find("funding").unwrap() as u32;
        let q = Quoter::new().around(&item(&text), (at, at + 7));
        assert!(
            q.text.starts_with("…word") && q.text.ends_with("tail…"),
            "{}",
            q.text
        );
        assert!(q.text.contains("the funding gap"));
        assert!(q.text.len() <= MAX_QUOTE + 8);
    }

    #[test]
    fn a_long_run_without_spaces_is_cut_without_panicking() {
        let text = format!("hello {}é{}", "x".repeat(700), "y".repeat(700));
        let end = text.len() as u32;
        for at in [0u32, 10, 500, 706, 707, 708, 1000, end - 1] {
            for span in [(at, at + 1), (at, end)] {
                let q = Quoter::new().around(&item(&text), span);
                assert!(!q.text.is_empty());
            }
        }
    }

    #[test]
    fn personal_data_is_redacted() {
        let q = Quoter::new().whole(&item("Ring me on 07700 900123 any time."));
        assert!(!q.text.contains("900123"), "{}", q.text);
    }
}

//! The detectors and the replacement.

use regex::Regex;

/// A kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An email address.
    Email,
    /// A URL with a personal path (social media profiles, personal pages).
    Url,
    /// A UK phone number.
    Phone,
    /// A UK postcode.
    Postcode,
    /// A National Insurance number.
    NiNumber,
    /// A date (of birth, or any dd/mm/yyyy date).
    Date,
    /// A street address (house number and street).
    Address,
    /// A personal name.
    Name,
}

impl Kind {
    /// The placeholder that replaces it.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Email => "[email]",
            Kind::Url => "[url]",
            Kind::Phone => "[phone]",
            Kind::Postcode => "[postcode]",
            Kind::NiNumber => "[ni-number]",
            Kind::Date => "[date]",
            Kind::Address => "[address]",
            Kind::Name => "[name]",
        }
    }

    /// Lower-case name, for audit records.
    pub fn as_str(self) -> &'static str {
        &self.placeholder()[1..self.placeholder().len() - 1]
    }
}

/// A span of the original text found to be personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset in the original.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

/// Redacted text and what was found (offsets into the original).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    /// The text with each span replaced by its placeholder.
    pub text: String,
    /// The spans, in order, non-overlapping.
    pub found: Vec<Span>,
}

/// Compiled detectors; build once.
#[derive(Debug)]
pub struct Redactor {
    simple: Vec<(Kind, Regex, usize)>,
    names: Vec<(Regex, usize)>,
    signoff: Regex,
}

impl Default for Redactor {
    fn default() -> Self {
        Self::new()
    }
}

const NAME: &str = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?";

impl Redactor {
    /// The detectors.
    pub fn new() -> Self {
        let re = |s: &str| Regex::new(s).expect("detector pattern compiles");
        let simple = vec![
            (
                Kind::Email,
                re(r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+\b"),
                0,
            ),
            (Kind::Url, re(r"(?i)\b(?:https?://|www\.)[^\s<>()]+"), 0),
            // +44 / 0 followed by 9–10 more digits with optional spaces, hyphens or brackets
            (
                Kind::Phone,
                re(r"(?:\+44\s?\(?0?\)?\s?|\(?\b0)(?:\d(?:\)\s?|[ \-])?){8,9}\d\b"),
                0,
            ),
            (
                Kind::NiNumber,
                re(r"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"),
                0,
            ),
            (
                Kind::Postcode,
                re(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?)\s?[0-9][ABD-HJLNP-UW-Z]{2}\b"),
                0,
            ),
            (
                Kind::Address,
                re(&format!(
                    r"\b\d{{1,4}}[a-zA-Z]?,?[ \t]+(?:{NAME}[ \t]+){{1,3}}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Row|Walk|Mews|Hill|Square|Parade|View|Rise)\b"
                )),
                0,
            ),
            (
                Kind::Date,
                re(r"\b(?:0?[1-9]|[12][0-9]|3[01])[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:19|20)\d{2}\b"),
                0,
            ),
            (
                Kind::Date,
                re(
                    r"(?i)\b(?:born on|date of birth|dob|d\.o\.b\.?)\s*:?\s*((?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?)",
                ),
                1,
            ),
        ];
        let names = vec![
            // titles
            (
                re(&format!(
                    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor|Sir|Dame)\.?\s+((?:{NAME}[ \t]+)?{NAME})"
                )),
                1,
            ),
            // relatives and roles introduced with a name
            (
                re(&format!(
                    r"\b(?i:my|our|his|her|their|a|the)\s+(?i:son|daughter|grandson|granddaughter|grandchild|grandchildren|nephew|niece|child|boy|girl|baby|brother|sister|stepson|stepdaughter|foster son|foster daughter|husband|wife|partner|mum|mother|dad|father|friend|pupil|student|client|grandma|grandad|nan)(?:,)?\s+((?:{NAME})(?:[ \t]+(?:and|&)[ \t]+{NAME})?(?:[ \t]+{NAME})?)"
                )),
                1,
            ),
            (
                re(&format!(
                    r"\b(?i:called|named|name is|names are|known as)\s+((?:{NAME})(?:[ \t]+{NAME})?)"
                )),
                1,
            ),
            (
                re(&format!(
                    r"\b(?:I'm|I’m|I am|Im|This is)\s+((?:{NAME})[ \t]+{NAME})\b"
                )),
                1,
            ),
            // a common given name, and the capitalised word after it
            (
                re(&format!(
                    r"\b((?:{})(?:[ \t]+{NAME})?)\b",
                    crate::first_names::FIRST_NAMES.join("|")
                )),
                1,
            ),
            // "Kayden Morris, aged 9" / "Kayden Moss, 8,"
            (
                re(&format!(
                    r"\b({NAME}[ \t]+{NAME}),?[ \t]+(?:aged[ \t]+)?\d{{1,2}}\b"
                )),
                1,
            ),
        ];
        let signoff = re(&format!(
            r"(?im)^(?:yours\s+(?:sincerely|faithfully|truly)|kind\s+regards|best\s+regards|warm\s+regards|regards|best\s+wishes|many\s+thanks|thanks|thank\s+you|signed)[,.]?\s*\n+\s*((?-i:{NAME}(?:[ \t]+{NAME}){{1,2}}))[ \t]*$"
        ));
        Redactor {
            simple,
            names,
            signoff,
        }
    }

    /// Finds the personal data in `text`: non-overlapping spans in order.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        for (kind, re, group) in &self.simple {
            for c in re.captures_iter(text) {
                if let Some(m) = c.get(*group) {
                    spans.push(Span {
                        start: m.start(),
                        end: m.end(),
                        kind: *kind,
                    });
                }
            }
        }
        for (re, group) in &self.names {
            for c in re.captures_iter(text) {
                if let Some(m) = c.get(*group) {
                    spans.push(Span {
                        start: m.start(),
                        end: m.end(),
                        kind: Kind::Name,
                    });
                }
            }
        }
        for c in self.signoff.captures_iter(text) {
            if let Some(m) = c.get(1) {
                spans.push(Span {
                    start: m.start(),
                    end: m.end(),
                    kind: Kind::Name,
                });
            }
        }
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.kind));
        let mut out: Vec<Span> = Vec::new();
        for s in spans {
            match out.last_mut() {
                Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        out
    }

    /// Where byte offset `at` of the original lands in the redacted text: shifted by the
    /// placeholders before it; an offset inside a redacted span lands at the placeholder's
    /// start (`end_side` false) or end (`end_side` true).
    pub fn map_offset(found: &[Span], at: usize, end_side: bool) -> usize {
        let mut shift: isize = 0;
        for s in found {
            if s.end <= at {
                shift += s.kind.placeholder().len() as isize - (s.end - s.start) as isize;
            } else if s.start < at {
                let start = (s.start as isize + shift) as usize;
                return if end_side {
                    start + s.kind.placeholder().len()
                } else {
                    start
                };
            } else {
                break;
            }
        }
        (at as isize + shift) as usize
    }

    /// `text` with every personal-data span replaced by its placeholder.
    pub fn redact(&self, text: &str) -> Redacted {
        let found = self.find(text);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for s in &found {
            out.push_str(&text[at..s.start]);
            out.push_str(s.kind.placeholder());
            at = s.end;
        }
        out.push_str(&text[at..]);
        Redacted { text: out, found }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, want: &str) {
        assert_eq!(
            Redactor::new().redact(input).text,
            want,
            "redacting {input:?}"
        );
    }

    #[test]
    fn contact_details() {
        check(
            "email me: danni.okafor82@example.com.",
            "email me: [email].",
        );
        check("ring 07700 900481 today", "ring [phone] today");
        check("or +44 7700 900482", "or [phone]");
        check("direct line 0161 496 0734.", "direct line [phone].");
        check("call (020) 7946 0123", "call [phone]");
        check(
            "NI number QQ 12 34 56 C please",
            "NI number [ni-number] please",
        );
        check(
            "we live in NE6 5XY and LS11 8QT",
            "we live in [postcode] and [postcode]",
        );
        check("born 14/03/2017", "born [date]");
        check("date of birth: 3rd May 2016", "date of birth: [date]");
        check("see www.facebook.com/janet.morrow.77", "see [url]");
    }

    #[test]
    fn names_in_context() {
        check("my son Callum has autism", "my son [name] has autism");
        check(
            "our grandchildren Tyler and Mia moved in",
            "our grandchildren [name] moved in",
        );
        check(
            "I'm Janet Morrow and I care for two",
            "I'm [name] and I care for two",
        );
        check("Mr Hughes from the council", "Mr [name] from the council");
        check("a boy called Tyler Price", "a boy called [name]");
        check("Kayden Morris, aged 9, lives", "[name], aged 9, lives");
        check(
            "on my caseload, Kayden Morris, autistic",
            "on my caseload, [name], autistic",
        );
        check(
            "Donna Kearsley, 14 Orchard Row, Kettlebrook",
            "[name], [address], Kettlebrook",
        );
        check(
            "Yours sincerely,\n\nDeborah Fennimore-Hale\nDirector",
            "Yours sincerely,\n\n[name]\nDirector",
        );
    }

    #[test]
    fn offsets_map_through_placeholders() {
        let r = Redactor::new();
        let text = "call 07700 900481 about my son Callum today";
        let out = r.redact(text);
        let at = |s: &str| text.find(s).unwrap();
        let map = |x, end| Redactor::map_offset(&out.found, x, end);
        let (s, e) = (at("today"), at("today") + 5);
        assert_eq!(&out.text[map(s, false)..map(e, true)], "today");
        let (s, e) = (at("about"), at("about") + 5);
        assert_eq!(&out.text[map(s, false)..map(e, true)], "about");
        // a span covering redacted text keeps the placeholder
        let (s, e) = (at("son"), text.len());
        assert_eq!(&out.text[map(s, false)..map(e, true)], "son [name] today");
    }

    #[test]
    fn ordinary_words_and_places_survive() {
        for keep in [
            "Kent County Council has cut early help.",
            "Working Together guidance is clear.",
            "The Regional Care Cooperatives will not work.",
            "We need 200 more social workers by 2025.",
            "Section 17 cases and the ASYE year.",
            "£2.6bn over four years, not £200m.",
            "My son has autism and we wait 18 months.",
            "Yours sincerely,\nThe Board of Trustees",
        ] {
            check(keep, keep);
        }
    }
}

//! The detectors and the replacement.

use regex::Regex;

use crate::checks;
use crate::gate::{Features, Gate, Literal, WordList};
use crate::word_lists::{RELATIVES, TITLES};

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
    /// An NHS number (ten digits with a valid check digit).
    NhsNumber,
    /// A date (of birth, or any dd/mm/yyyy date).
    Date,
    /// A street address (house number and street).
    Address,
    /// A personal name.
    Name,
    /// A case or reference number: a reference after a cue ("case no. 4521"), letters, a
    /// year and digits ("CS-2023-00451"), a unique pupil number, or a run of eight or more
    /// digits.
    Reference,
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
            Kind::NhsNumber => "[nhs-number]",
            Kind::Date => "[date]",
            Kind::Address => "[address]",
            Kind::Name => "[name]",
            Kind::Reference => "[reference]",
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
    detectors: Vec<Detector>,
}

/// One pattern, the capture group that is the personal data, and what a text needs before
/// the pattern is worth running (see `gate.rs`).
#[derive(Debug)]
struct Detector {
    kind: Kind,
    re: Regex,
    group: usize,
    gate: Gate,
    /// `re` without its word boundaries: a pattern every match of `re` also matches, which
    /// unlike `re` runs on the fast DFA engines over non-ASCII text (Unicode `\b` sends the
    /// `regex` crate to a slower engine there). Run first on non-ASCII texts.
    loose: Regex,
    /// How much of a match is personal data, if any (the check a pattern cannot make: a
    /// check digit, a name's words that are ordinary words).
    accept: fn(&str) -> Option<usize>,
}

impl Detector {
    fn new(kind: Kind, pattern: &str, group: usize, gate: Gate) -> Detector {
        let re = |s: &str| Regex::new(s).expect("detector pattern compiles");
        Detector {
            kind,
            re: re(pattern),
            group,
            gate,
            loose: re(&pattern.replace(r"\b", "")),
            accept: |m| Some(m.len()),
        }
    }

    /// The detector with a check on each match.
    fn checked(self, accept: fn(&str) -> Option<usize>) -> Detector {
        Detector { accept, ..self }
    }

    /// Whether the text could hold a match, by the cheap tests.
    fn may_match(&self, text: &str, features: &Features) -> bool {
        self.gate.open(text, features) && (features.ascii || self.loose.is_match(text))
    }

    fn push_spans(&self, text: &str, spans: &mut Vec<Span>) {
        for c in self.re.captures_iter(text) {
            let Some(m) = c.get(self.group) else {
                continue;
            };
            if let Some(len) = (self.accept)(m.as_str()) {
                spans.push(Span {
                    start: m.start(),
                    end: m.start() + len,
                    kind: self.kind,
                });
            }
        }
    }
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
        let mut detectors = contact_detectors();
        detectors.extend(number_detectors());
        detectors.extend(name_detectors());
        Redactor { detectors }
    }

    /// Finds the personal data in `text`: non-overlapping spans in order.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let features = Features::of(text);
        let mut spans = Vec::new();
        for d in &self.detectors {
            if d.may_match(text, &features) {
                d.push_spans(text, &mut spans);
            }
        }
        crate::names::find(text, &mut spans);
        crate::letters::find(text, &mut spans);
        merge(spans)
    }

    /// `find` without the gates: every detector's full pattern on every text (the
    /// reference the gated scan is tested against).
    #[cfg(test)]
    fn find_ungated(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        for d in &self.detectors {
            d.push_spans(text, &mut spans);
        }
        crate::names::find_plain(text, &mut spans);
        crate::letters::find(text, &mut spans);
        merge(spans)
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

/// An "at" or "dot" written out, in brackets or between blanks ("jo (at) example (dot) com").
const AT: &str = r"(?:\s*[(\[{<]at[)\]}>]\s*|\s+at\s+)";
const DOT: &str = r"(?:\s*[(\[{<]dot[)\]}>]\s*|\s+dot\s+|\.)";

/// Emails (written out or obfuscated), URLs, phone numbers, postcodes, addresses.
fn contact_detectors() -> Vec<Detector> {
    use Kind::*;
    let d = Detector::new;
    vec![
        d(
            Email,
            r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+\b",
            0,
            Gate::At,
        ),
        d(
            Email,
            &format!(r"(?i-u)\b[a-z0-9._%+\-]*[a-z0-9]{AT}[a-z0-9\-]+(?:{DOT}[a-z0-9\-]+)+\b"),
            0,
            Gate::Literal(Literal::Obfuscation, 0),
        )
        .checked(checks::obfuscated_email),
        d(Url, r"(?i)\b(?:https?://|www\.)[^\s<>()]+", 0, Gate::Url),
        // +44 / 0 followed by 9–10 more digits with optional spaces, hyphens or
        // brackets: at least ten digits
        d(
            Phone,
            r"(?:\+44\s?\(?0?\)?\s?|\(?\b0)(?:\d(?:\)\s?|[ \-])?){8,9}\d\b",
            0,
            Gate::Digits(10),
        ),
        // any case, spaced or not
        d(
            Postcode,
            r"(?i-u)\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?)\s?[0-9][ABD-HJLNP-UW-Z]{2}\b",
            0,
            Gate::Postcode,
        )
        .checked(checks::postcode),
        d(Postcode, r"(?i-u)\bGIR\s?0AA\b", 0, Gate::Digits(1)),
        // a house number and a street in any case; the words between are checked
        d(
            Address,
            &format!(
                r"(?i-u)\b\d{{1,4}}[a-z]?,?[ \t]+(?:{WORD}[ \t]+){{1,3}}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Row|Walk|Mews|Hill|Square|Parade|View|Rise)\b"
            ),
            0,
            Gate::Address,
        )
        .checked(checks::address),
        d(
            Address,
            r"(?i-u)\b(?:flat|apartment|apt)\.?[ \t]*[0-9]{1,4}[a-z]?\b",
            0,
            Gate::Literal(Literal::Flat, 1),
        ),
    ]
}

/// Months, for dates of birth.
const MONTH: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";

/// National Insurance and NHS numbers, dates, case and reference numbers.
fn number_detectors() -> Vec<Detector> {
    use Kind::*;
    let d = Detector::new;
    vec![
        d(
            NiNumber,
            r"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
            0,
            Gate::Digits(6),
        ),
        // ten digits, 3-3-4 or unspaced, with a valid check digit
        d(
            NhsNumber,
            r"(?-u)\b[0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{4}\b",
            0,
            Gate::Digits(10),
        )
        .checked(checks::nhs_number),
        // d/m/yyyy and yyyy-mm-dd: at least six digits
        d(
            Date,
            r"\b(?:0?[1-9]|[12][0-9]|3[01])[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:19|20)\d{2}\b",
            0,
            Gate::Digits(6),
        ),
        d(
            Date,
            r"(?-u)\b(?:19|20)[0-9]{2}[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:0?[1-9]|[12][0-9]|3[01])\b",
            0,
            Gate::Digits(6),
        ),
        d(
            Date,
            &format!(
                r"(?i)\b(?:born(?:\s+on)?|date\s+of\s+birth|dob|d\.o\.b\.?)\s*(?:[:\-]|is|was)?\s*(?:the\s+)?(\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}(?:,?\s+\d{{4}})?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|{MONTH}\s+\d{{4}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}})"
            ),
            1,
            Gate::BirthCue,
        ),
        // a unique pupil number: a letter and twelve characters
        d(
            Reference,
            r"(?-u)\b[A-Za-z][0-9]{11}[0-9A-Za-z]\b",
            0,
            Gate::Digits(11),
        ),
        // letters, a year and digits: "CS-2023-00451", "ref/2024/1234"
        d(
            Reference,
            r"(?i-u)\b[a-z]{1,5}[\-/]?(?:19|20)[0-9]{2}[\-/]?[0-9]{3,8}\b",
            0,
            Gate::Digits(7),
        ),
        d(Reference, r"(?-u)\b[0-9]{8,}\b", 0, Gate::Digits(8)),
        // a reference after a cue: "case no. 4521", "our ref: AB/1234"
        d(
            Reference,
            r"(?i-u)\b(?:(?:case|claim|application|crime|account|customer|patient|membership|reference|ref|file|upn)\s*(?:no\.?|number|num\.?|ref(?:erence)?|id|#)|ref(?:erence)?|upn)\s*[:#.]?\s*((?:[a-z]{1,4}[\-/]?)?[0-9][a-z0-9/\-]*)",
            1,
            Gate::Literal(Literal::Reference, 3),
        )
        .checked(checks::reference),
    ]
}

/// A word of a street in any case (ASCII: the street patterns run with `(?i-u)`).
const WORD: &str = r"[a-z]+(?:[-'][a-z]+)?";

/// Capitalised names in context (`names.rs` finds names in any case).
fn name_detectors() -> Vec<Detector> {
    use Kind::*;
    let d = Detector::new;
    vec![
        // titles
        d(
            Name,
            &format!(r"\b(?:{})\.?\s+((?:{NAME}[ \t]+)?{NAME})", TITLES.join("|")),
            1,
            // the title is a whole word: followed by "." or white space
            Gate::Word(WordList::Title),
        )
        .checked(checks::name_after_title),
        // relatives and roles introduced with a name; the gate (the role and a capital)
        // avoids starting a match at every "a" and "the"
        d(
            Name,
            &format!(
                r"\b(?i:my|our|his|her|their|a|the)\s+(?i:{RELATIVES})(?:,)?\s+((?:{NAME})(?:[ \t]+(?:and|&)[ \t]+{NAME})?(?:[ \t]+{NAME})?)"
            ),
            1,
            Gate::RelativeThenName,
        )
        .checked(checks::name),
        d(
            Name,
            &format!(
                r"\b(?i:called|named|name is|names are|known as)\s+((?:{NAME})(?:[ \t]+{NAME})?)"
            ),
            1,
            Gate::Word(WordList::Naming),
        )
        .checked(checks::name),
        // "Kayden Morris, aged 9" / "Kayden Moss, 8,": a blank right before a digit
        d(
            Name,
            &format!(r"\b({NAME}[ \t]+{NAME}),?[ \t]+(?:aged[ \t]+)?\d{{1,2}}\b"),
            1,
            Gate::BlankDigit,
        )
        .checked(checks::name),
        // a name alone on the line after a sign-off
        d(
            Name,
            &format!(
                r"(?im)^(?:yours\s+(?:sincerely|faithfully|truly)|kind\s+regards|best\s+regards|warm\s+regards|regards|best\s+wishes|many\s+thanks|thanks|thank\s+you|signed)[,.]?\s*\n+\s*((?-i:{NAME}(?:[ \t]+{NAME}){{1,2}}))[ \t]*$"
            ),
            1,
            Gate::Newline,
        )
        .checked(checks::name),
    ]
}

/// Overlapping spans joined, in text order.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
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

    /// The gates only skip work: on the example corpus (every line of the survey export,
    /// every letter) and on random mixtures of personal data, digits, capitals and
    /// non-ASCII text, the gated scan finds exactly what every pattern run on every text
    /// finds.
    #[test]
    fn gates_never_change_what_is_found() {
        let r = Redactor::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/stable-homes");
        let mut texts: Vec<String> = std::fs::read_to_string(format!("{dir}/responses.csv"))
            .expect("corpus responses")
            .lines()
            .map(str::to_string)
            .collect();
        for e in std::fs::read_dir(format!("{dir}/letters")).expect("letters") {
            if let Ok(t) = std::fs::read_to_string(e.expect("entry").path()) {
                texts.push(t);
            }
        }
        let pieces = [
            "my son Callum",
            "Kayden Morris, aged 9",
            "14 Orchard Row",
            "3a, High Street",
            "NE6 5XY",
            "QQ 12 34 56 C",
            "07700 900481",
            "+44 7700 900482",
            "14/03/2017",
            "date of birth: 3rd May 2016",
            "jo@example.com",
            "www.example.org/me",
            "Yours sincerely,\n\nDeborah Fennimore-Hale",
            "Mr Hughes",
            "I'm Janet Morrow",
            "called Tyler",
            "Renée",
            "José",
            "Zoë Smith",
            "٣",
            "١٢",
            "\u{a0}",
            "é",
            "£2.6bn",
            "–",
            "’",
            "😀",
            "ſ",
            "\u{212a}",
            "18 months",
            "the",
            "a",
            "Regional Care",
            ",",
            "\n",
            " ",
            "  ",
            "7",
            "Oliver",
            "Ben",
            "aged",
            "Road",
            "My",
            "daughter",
            "Dr. Patel",
            "Bens",
            "Benjamin",
            "KNOWN as Tyler",
            "name is Mia",
            "Mrs",
            "Sirs",
            "\t",
            "This is Amy Lee",
            "I am Tyler\tSmith",
            "regards,\nAmy Lee",
            "Lee",
            "sw1a1aa",
            "GIR 0AA",
            "ne6 5xy",
            "jo (at) example (dot) com",
            "jo at example dot com",
            "flat 3",
            "14 orchard row",
            "943 476 5919",
            "9434765919",
            "CS-2023-00451",
            "A123456789012",
            "case no 4521",
            "REF: AB/1234",
            "born 2016-03-14",
            "d.o.b. 14.03.2016",
            "12345678",
            "michael evans",
        ];
        texts.extend(tally_benchdata::pieced_texts(&pieces, 4000, 2..14, true, 5));
        let mut found = 0;
        for t in &texts {
            let gated = r.find(t);
            assert_eq!(gated, r.find_ungated(t), "in {t:?}");
            found += usize::from(!gated.is_empty());
        }
        assert!(found > 1000, "only {found} texts with personal data");
    }
}

//! The personal-data table (issue 18 §2): every kind of personal data the redactor knows,
//! each written in lower case, upper case, title case and as written, at the start, in the
//! middle and at the end of a response; and ordinary sentences (place names, months,
//! virtues, capitalised emphasis, numbers) that must come out unchanged. One `check` helper
//! runs each case; the test states recall and the false-redaction rate and asserts 100% and
//! under 1%. README.md ("How the numbers are stated") quotes the figures it prints.
//!
//! A case is written with its personal data marked, `{kind:text}`: the input is the text,
//! the expected output has the kind's placeholder there.

use tally_redact::Redactor;

/// Personal data in context, one marked item a line.
const PERSONAL: &[&str] = &[
    // names after cues
    "my name is {name:michael evans}",
    "my name's {name:kezza}",
    "name: {name:jo bloggs}",
    "kind regards, {name:sarah green}",
    "regards {name:dave}",
    "many thanks, {name:piotr nowak}",
    "yours sincerely,\n\n{name:annabel treherne}",
    "from {name:jo bloggs}",
    "comment made by mrs {name:penhaligon}",
    "made by {name:michael evans}",
    "written by {name:j. okafor}",
    "my neighbour {name:john smith} agrees",
    "I, {name:deborah fennimore-hale}, object",
    "my son {name:callum} has autism",
    "our granddaughter {name:mia-rose} lives with us",
    "i'm {name:janet morrow} and i care for two",
    "this is {name:amy lee} writing",
    "i am {name:zbigniew kowalski}",
    "a boy called {name:tyler price}",
    "she is known as {name:kezza}",
    "my friend, {name:leanne}, told me",
    "our foster daughter {name:ruby} is 9",
    "mr {name:hughes} from the council",
    "dr. {name:okonkwo} said no",
    "cllr {name:ann lee} never replied",
    "ask ms {name:begum} at the school",
    // a given name and a word that is not a common word
    "{name:kayden morris} was excluded",
    "we told {name:sophie whitlow} about it",
    "{name:grace evans} runs the group",
    "the worker {name:kerry ashworth} left",
    "referred by {name:mason}'s school",
    "{name:lily-mae}'s mum and i",
    // emails
    "email {email:jo.bloggs@example.com}",
    "write to {email:jo (at) example (dot) com}",
    "contact {email:jo at example dot com}",
    "{email:m.khan [at] council [dot] gov [dot] uk} is mine",
    "or {email:danni.okafor82(at)gmail.com}",
    // phones
    "ring {phone:07700 900481}",
    "call {phone:+44 7700 900482}",
    "direct line {phone:0161 496 0734}",
    // postcodes
    "we live in {postcode:sw1a1aa}",
    "post it to {postcode:GIR 0AA}",
    "our postcode is {postcode:ne6 5xy}",
    "near {postcode:LS11 8QT}",
    // addresses
    "we live at {address:14 orchard row}",
    "{address:flat 3}, {address:22 mill lane}",
    "at {address:3a, high street}",
    "{address:apartment 12} is damp",
    // dates of birth
    "born {date:14/03/2017}",
    "d.o.b. {date:14.03.2016}",
    "dob {date:2016-03-14}",
    "date of birth: {date:3rd may 2016}",
    "born on {date:12 june 2015}",
    "his date of birth is {date:4/5/09}",
    // NI and NHS numbers
    "NI number {ni-number:qq 12 34 56 c}",
    "nhs number {nhs-number:943 476 5919}",
    "nhs no {nhs-number:4010232137}",
    // case and reference numbers
    "case number {reference:4521}",
    "see {reference:CS-2023-00451}",
    "upn {reference:A123456789012}",
    "account {reference:12345678}",
    "our ref: {reference:AB/1234}",
];

/// Ordinary sentences: nothing in them is personal data.
const ORDINARY: &[&str] = &[
    "I'm Really Worried about the cuts.",
    "I'm really worried about the cuts.",
    "I'M REALLY WORRIED ABOUT THE CUTS.",
    "This Is Ridiculous And Unfair.",
    "this is ridiculous and unfair",
    "I am absolutely gutted for the families.",
    "Kent County Council has cut early help.",
    "kent county council has cut early help",
    "Working Together guidance is clear.",
    "a group called working together helped us",
    "The Regional Care Cooperatives will not work.",
    "In Leeds and Manchester the centres stayed open.",
    "we moved from leeds to bradford last year",
    "We live near Victoria Station.",
    "the chelsea and westminster hospital was great",
    "Florence Nightingale would be appalled.",
    "the meeting is in may and again in june",
    "In April the council will decide.",
    "We Hope the council listens.",
    "hope is all we have left",
    "Faith groups run the food bank.",
    "By the grace of god we coped.",
    "Grace and patience are in short supply.",
    "My son will be fine, my daughter may not be.",
    "my son will need support and my daughter may too",
    "MY SON WILL NEED SUPPORT",
    "my son has autism and we wait 18 months",
    "My daughter is 9 and loves school.",
    "our foster son is doing well",
    "my neighbour is a social worker",
    "my husband works nights",
    "we need 200 more social workers by 2025",
    "Section 17 cases and the ASYE year.",
    "£2.6bn over four years, not £200m.",
    "It is a 10 minute walk to the school.",
    "it's a 20 minute drive to the nearest centre",
    "a 2 way street would help",
    "we have 3 kids who walk to school",
    "about 5 miles up the hill",
    "Key Stage 2 results fell.",
    "in year 6 2nd term was hard",
    "ks2 3rd year",
    "The EHCP took 40 weeks.",
    "my son's ehcp was refused twice",
    "CAMHS waiting lists are too long.",
    "We called the police twice.",
    "She was named after her gran.",
    "It is known as the front door.",
    "my name is not important",
    "Kind regards to everyone who helped.",
    "with regards to the proposals, we object",
    "Thanks for listening.",
    "thanks again for the chance to respond",
    "Yours sincerely,\nThe Board of Trustees",
    "Many thanks,\nthe parents' group",
    "made by people who do not understand",
    "written by someone with no experience",
    "comment made by a worried parent",
    "I, for one, agree.",
    "I, personally, think this is wrong.",
    "Mr Men books are popular with the kids.",
    "ms is a hard condition to live with",
    "I miss the old service.",
    "we miss having a youth club",
    "Dear Sir or Madam, we object.",
    "Really Important: Fund Early Help.",
    "PLEASE LISTEN TO PARENTS",
    "This Consultation Is A Sham.",
    "Stop The Cuts Now!",
    "I Am Disgusted By This Decision.",
    "We looked at the dot com boom in class.",
    "we met at the library",
    "meet us at st. john's church",
    "The flat rate of 5 pounds is unfair.",
    "Our house is a flat, 3 bedrooms.",
    "In 2019 the service closed.",
    "the 2023-24 budget was cut by 10%",
    "Reference 2023 guidance.",
    "in reference to the 2023 report",
    "the case for change is weak",
    "in any case 200 families lost out",
    "we filed 3 complaints",
    "about 1,200,000 people are affected",
    "call 999 in an emergency",
    "The NHS is stretched.",
    "GP appointments take 3 weeks.",
    "Ofsted rated it good in 2022.",
    "the Sure Start centre closed in March",
    "Sure Start showed what funding can do.",
    "We need a Family Hub in every town.",
    "Camden and Islington have better services.",
    "Stoke-on-Trent is a long way from here.",
    "from Newcastle to Plymouth, the story is the same",
    "we will mark the date in the diary",
    "Bill payers should not foot the bill.",
    "The Children's Commissioner agrees.",
    "The Trust agrees with the proposals.",
    "Dawn raids by the bailiffs are cruel.",
    "Summer holidays are the hardest time.",
    "Autumn term is when referrals peak.",
    "Rose Hill Primary is oversubscribed.",
    "we were looking through rose-tinted glasses",
    "we want a named worker who knows us",
    "our son's physio is a 90 mile round trip",
    "I'm a Frontline graduate, four years in.",
    "£200m overall doesn't come close to what is needed",
    "the ivy league universities don't matter here",
    "Ruby Tuesday is a song, not a service.",
    "we drew up a plan with the school",
    "My mum and dad help out.",
    "our nan's house is too small",
    "the boy next door is lovely",
    "a girl in her class was bullied",
    "my brother and i disagree",
    "The Social Worker was kind.",
    "Early Help Teams Need Funding.",
    "London Borough of Hackney",
    "WE ARE FROM BIRMINGHAM AND PROUD",
    "Birmingham City Council must act.",
    "between 9am and 5pm on weekdays",
    "the a1 road is always busy",
    "we waited 3 hours 20 minutes",
    "Room 101 is where the meetings are.",
    "we need 24/7 support",
    "Level 3 qualifications matter.",
];

/// How a case is cased.
#[derive(Debug, Clone, Copy)]
enum Case {
    AsWritten,
    Lower,
    Upper,
    Title,
}

fn recase(s: &str, case: Case) -> String {
    match case {
        Case::AsWritten => s.to_string(),
        Case::Lower => s.to_lowercase(),
        Case::Upper => s.to_uppercase(),
        Case::Title => {
            let mut out = String::with_capacity(s.len());
            let mut start = true;
            for c in s.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = c.is_whitespace();
            }
            out
        }
    }
}

/// The input and the expected output of a marked case, cased.
fn expand(marked: &str, case: Case) -> (String, String) {
    let (mut input, mut want) = (String::new(), String::new());
    let mut rest = marked;
    while let Some(open) = rest.find('{') {
        let head = recase(&rest[..open], case);
        input.push_str(&head);
        want.push_str(&head);
        let close = open + rest[open..].find('}').expect("a closed marker");
        let (kind, pii) = rest[open + 1..close].split_once(':').expect("kind:text");
        input.push_str(&recase(pii, case));
        want.push_str(&format!("[{kind}]"));
        rest = &rest[close + 1..];
    }
    let tail = recase(rest, case);
    input.push_str(&tail);
    want.push_str(&tail);
    (input, want)
}

/// Where a case stands in a response.
const POSITIONS: [&str; 3] = [
    "{} and we need more support for families.",
    "We need more support, {} and soon please.",
    "We need more support for families. {}",
];

/// Whether `input` redacts to `want`: the one check of every case.
fn check(r: &Redactor, input: &str, want: &str) -> Result<(), String> {
    let got = r.redact(input).text;
    if got == want {
        Ok(())
    } else {
        Err(format!("{input:?}\n   got  {got:?}\n   want {want:?}"))
    }
}

#[test]
fn issue_18_the_personal_data_table() {
    let r = Redactor::new();
    let mut cases = 0;
    let mut misses = Vec::new();
    for item in PERSONAL {
        for case in [Case::AsWritten, Case::Lower, Case::Upper, Case::Title] {
            for at in POSITIONS {
                let (input, want) = expand(&at.replace("{}", item), case);
                cases += 1;
                if let Err(e) = check(&r, &input, &want) {
                    misses.push(e);
                }
            }
        }
    }
    let mut ordinary = 0;
    let mut false_redactions = Vec::new();
    for s in ORDINARY {
        for case in [Case::AsWritten, Case::Lower] {
            let text = recase(s, case);
            ordinary += 1;
            if let Err(e) = check(&r, &text, &text) {
                false_redactions.push(e);
            }
        }
    }
    let recall = 100.0 * (cases - misses.len()) as f64 / cases as f64;
    let fp = 100.0 * false_redactions.len() as f64 / ordinary as f64;
    println!(
        "personal data: {} of {cases} cases redacted ({recall:.1}%); ordinary: {} of {ordinary} sentences changed ({fp:.2}%)",
        cases - misses.len(),
        false_redactions.len()
    );
    assert!(
        cases >= 200 && ordinary >= 100,
        "{cases} cases, {ordinary} ordinary"
    );
    assert!(
        misses.is_empty(),
        "{} of {cases} cases leak or over-redact:\n{}",
        misses.len(),
        misses.join("\n")
    );
    assert!(
        fp < 1.0,
        "{} of {ordinary} ordinary sentences changed:\n{}",
        false_redactions.len(),
        false_redactions.join("\n")
    );
}

//! The review page's generator without a browser: spans as JavaScript positions in the
//! redacted text, the caps, rejected codings, and escaping of everything from input.

use tally_code::{Codebook, Matcher, Scratch, ThemeHit};
use tally_ingest::Response;
use tally_review::Decisions;

use super::*;
use crate::{AuditCampaign, AuditRedaction, CodedRow};

const BOOK: &str = r#"
[[themes]]
id = "funding"
label = "Funding <b>& money</b>"
[[themes.rules]]
name = "money words"
match = ["more money", "fund*"]

[[themes]]
id = "pay"
label = "Pay"
[[themes.rules]]
name = "salary"
match = ["salary"]
"#;

fn matcher() -> Matcher {
    Matcher::compile(&Codebook::parse(BOOK, "book.toml").expect("parses")).expect("compiles")
}

fn ids() -> Vec<String> {
    vec!["funding".into(), "pay".into()]
}

fn response(id: &str, text: &str) -> Response {
    Response {
        id: id.into(),
        respondent: "R".into(),
        question: "Q1".into(),
        respondent_type: "Parent or carer".into(),
        text: text.into(),
        source: "f.csv".into(),
        line: 2,
    }
}

fn code(m: &Matcher, text: &str) -> Vec<ThemeHit> {
    m.code(&mut Scratch::default(), "Q1", text)
}

/// Offers a response to `items` as the pipeline does.
fn offer(items: &mut ReviewItems, r: &Response, hits: &[ThemeHit], red: &[AuditRedaction]) {
    let ids = ids();
    if items.count(&r.id, hits) {
        items.push(&CodedRow {
            response: r,
            hits,
            theme_ids: &ids,
            redacted: red,
            campaign: None,
            review: None,
        });
    }
}

/// `text`'s UTF-16 units `s..e` as JavaScript's `slice` gives them.
fn js_slice(text: &str, s: u32, e: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[s as usize..e as usize]).unwrap()
}

#[test]
fn evidence_spans_are_javascript_positions_in_the_redacted_text() {
    let m = matcher();
    let text = "Zoë Ångström 😀 wrote: “more money” for the café 😀😀, and a salary rise";
    let r = response("R1:Q1", text);
    let hits = code(&m, text);
    assert_eq!(hits.len(), 2, "{hits:?}");
    // the name is personal data: replaced by its placeholder
    let name_end = text.find(" 😀").unwrap() as u32;
    let red = [AuditRedaction {
        start: 0,
        end: name_end,
        kind: "name".into(),
    }];
    let mut items = ReviewItems::new(&m, &ids(), None, 10);
    offer(&mut items, &r, &hits, &red);
    let (item, rules) = (&items.items()[0], items.rules());
    assert!(item.text.starts_with("[name] 😀 wrote"), "{}", item.text);
    assert!(!item.text.contains("Zoë"));
    let got: Vec<(u32, String, String)> = item
        .k
        .iter()
        .flat_map(|k| {
            k.s.iter().map(move |s| {
                (
                    k.t,
                    js_slice(&item.text, s[0], s[1]),
                    rules[s[2] as usize].clone(),
                )
            })
        })
        .collect();
    assert_eq!(
        got,
        [
            (0, "more money".to_string(), "money words".to_string()),
            (1, "salary".to_string(), "salary".to_string())
        ]
    );
}

#[test]
fn each_theme_embeds_its_first_responses_and_no_theme_its_own() {
    let m = matcher();
    let mut items = ReviewItems::new(&m, &ids(), None, 2);
    for i in 0..5 {
        let r = response(&format!("F{i}"), "more money please");
        offer(&mut items, &r, &code(&m, &r.text), &[]);
    }
    for i in 0..4 {
        let r = response(&format!("N{i}"), "nothing to say");
        offer(&mut items, &r, &code(&m, &r.text), &[]);
    }
    // a response with a second theme still has room under it
    let r = response("P0", "more money and a salary");
    offer(&mut items, &r, &code(&m, &r.text), &[]);
    let kept: Vec<&str> = items.items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(kept, ["F0", "F1", "N0", "N1", "P0"]);
    assert_eq!(items.totals(), [6, 1, 4]);
}

#[test]
fn decided_responses_are_kept_and_rejected_codings_marked() {
    let m = matcher();
    let decisions = Decisions::parse(
        r#"{"decisions":[{"response_id":"F4","theme":"funding","decision":"reject","reviewer":"AB"},
                         {"response_id":"F3","theme":"funding","decision":"accept","reviewer":"AB"}]}"#,
        "d.json",
    )
    .unwrap();
    let mut items = ReviewItems::new(&m, &ids(), Some(&decisions), 1);
    for i in 0..5 {
        let r = response(&format!("F{i}"), "more money please");
        let mut hits = code(&m, &r.text);
        if i == 4 {
            hits.clear(); // the run removed the rejected coding
        }
        offer(&mut items, &r, &hits, &[]);
    }
    let kept: Vec<&str> = items.items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(kept, ["F0", "F3", "F4"]);
    let f4 = &items.items()[2];
    assert_eq!(
        f4.k,
        [PageCoding {
            t: 0,
            s: vec![],
            x: true
        }]
    );
    assert_eq!(items.applied().len(), 2);
    assert_eq!(items.totals(), [4, 0, 1]);
}

#[test]
fn a_long_text_is_cut_on_a_character_boundary() {
    let m = matcher();
    let text = format!("{} more money", "é".repeat(MAX_TEXT_BYTES / 2));
    let r = response("L1", &text);
    let mut items = ReviewItems::new(&m, &ids(), None, 5);
    offer(&mut items, &r, &code(&m, &text), &[]);
    let item = &items.items()[0];
    assert!(item.cut);
    assert_eq!(item.text.len(), MAX_TEXT_BYTES);
    // the evidence lies past the cut: no span is left
    assert!(item.k[0].s.is_empty());
}

fn page(title: &str, text: &str) -> String {
    let m = matcher();
    let mut items = ReviewItems::new(&m, &ids(), None, 5);
    let r = response("R1:<i>Q1</i>", text);
    let ids = ids();
    let hits = code(&m, text);
    assert!(items.count(&r.id, &hits));
    items.push(&CodedRow {
        response: &r,
        hits: &hits,
        theme_ids: &ids,
        redacted: &[],
        campaign: Some(&AuditCampaign {
            id: "C1".into(),
            role: "copy".into(),
        }),
        review: None,
    });
    let meta = ReviewPageMeta {
        title: title.into(),
        run_key: "0123456789abcdef".into(),
        themes: vec![
            ("funding".into(), "Funding <b>& money</b>".into()),
            ("pay".into(), "Pay".into()),
        ],
        questions: vec![("Q1".into(), "What <em>now</em>?".into())],
        review_file: None,
        unmatched: vec![],
    };
    let mut out = Vec::new();
    write_review_page(&items, &meta, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The JSON in the page's data element, parsed.
fn data(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"tally-data\">";
    let start = html.find(open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn nothing_from_input_becomes_markup() {
    let hostile =
        "</script><script>alert(1)</script><!-- more money & <img src=x onerror=alert(2)>\u{2028}";
    let html = page("</title><script>alert(3)</script>", hostile);
    // the page's own two script elements, and no other
    assert_eq!(html.matches("<script").count(), 2, "{html}");
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("<img") && !html.contains("<!--"));
    assert!(html.contains("<title>Review codings: &lt;/title&gt;&lt;script&gt;alert(3)"));
    let d = data(&html);
    assert_eq!(d["items"][0]["text"], hostile, "the same text, once parsed");
    assert_eq!(d["items"][0]["id"], "R1:<i>Q1</i>");
    assert_eq!(d["themes"][0]["label"], "Funding <b>& money</b>");
    assert_eq!(d["items"][0]["c"], "C1");
}

#[test]
fn the_page_is_self_contained() {
    let html = page("Consultation", "more money");
    assert!(html.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{REVIEW_CSP}\">"
    )));
    for network in ["http:", "https:", "//", "src=", "@import", "url("] {
        let outside_comments: String = html
            .lines()
            .filter(|l| !l.trim_start().starts_with("//") && !l.trim_start().starts_with("/*"))
            .collect();
        assert!(!outside_comments.contains(network), "{network} in the page");
    }
    assert!(html.contains(&format!("at most {} responses per theme", 5)));
    let d = data(&html);
    assert_eq!(d["run"], "0123456789abcdef");
    assert_eq!(d["cap"], 5);
}

//! Issue 19: published text cannot carry markup or controls. Hostile responses, ids,
//! respondent types, question ids and codebook texts run through the whole pipeline;
//! summary.md is read back with a real Markdown renderer (pulldown-cmark, every extension
//! on) and must hold no HTML, no heading, link, image, list, code block or table cell that
//! the input made, and no control character; themes.csv and the CSV cells keep no control
//! characters and no live formula.

use std::path::Path;

use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use tally_pipeline::{analyse, NoProgress, Options};

/// Texts that try to become markup; each holds "more money" so it is coded and quoted.
const TEXTS: &[&str] = &[
    "We need more money <script>alert(1)</script> now.",
    "More money <img src=x onerror=alert(1)> please.",
    "More money: [click here](javascript:alert(1)) today.",
    "![tracker](http://evil.example/p.png) More money.",
    "More money <!-- and the rest of the page is hidden",
    "More money\n# Injected heading\nSecond line\n===\n- a list item\n1. an ordered item\n> a quote\n    indented code",
    "More money | and | extra | table | cells |",
    "More money \u{1b}[31m red \u{7} bell \u{0} nul \r carriage \u{7f}\u{85} end.",
    "More money &lt;script&gt; &amp; entities &#60;b&#62;.",
    "More money <https://evil.example> autolink.",
    "More money *emphasis* _under_ ~~struck~~ ~sub~ ^sup^ $x^2$ {#anchor} `code` \\ done.",
    "[ref]: javascript:alert(1)\nMore money [ref] and [^note].\n[^note]: a footnote",
    "More money\n: a definition\n- [ ] a task",
];

/// Respondent types that try to inject headings, cells, HTML and formulas.
const TYPES: &[&str] = &[
    "Parent\n# Injected type heading",
    "Carer | extra | cells",
    "<b>Organisation</b>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "Type with `tick` and \u{7}bell",
];

/// Response ids that try to break their code span or the line.
const IDS: &[&str] = &["r`1", "r``2`", "r<3>", "r|4", "r\n# 5", "`r6"];

const BOOK: &str = "name = \"Book <i>|</i>\"\n\n[[themes]]\nid = \"funding\"\nlabel = \"Funding | <em>more</em>\"\nstatement = \"said *more* [money](javascript:x)\"\n[[themes.rules]]\nmatch = [\"more money\"]\n\n[[themes]]\nid = \"pay\"\nlabel = \"Pay\"\n[[themes.rules]]\nmatch = [\"salary\"]\n";

fn write_input(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("codebook.toml"), BOOK).unwrap();
    let mut csv = csv::Writer::from_path(dir.join("answers.csv")).unwrap();
    csv.write_record(["id", "respondent_type", "question", "text"])
        .unwrap();
    let mut n = 0;
    for (i, text) in TEXTS.iter().enumerate() {
        // NUL is kept for the JSON lines file (one NUL makes a CSV binary)
        let text = text.replace('\0', "");
        let id = IDS
            .get(i)
            .map_or_else(|| format!("r{i}"), |s| s.to_string());
        let ty = TYPES[i % TYPES.len()];
        let question = if i % 2 == 0 { "Q1" } else { "Q<2>|#" };
        csv.write_record([id.as_str(), ty, question, &text])
            .unwrap();
        n += 1;
    }
    csv.flush().unwrap();
    assert!(n > 10);
    let line = serde_json::json!({
        "id": "j1", "respondent_type": "Parent", "question": "Q1",
        "text": "More money with a NUL \u{0} and ESC \u{1b} inside.",
    });
    std::fs::write(dir.join("more.jsonl"), format!("{line}\n")).unwrap();
}

/// What the renderer found in a document.
#[derive(Default, Debug)]
struct Found {
    html: Vec<String>,
    headings: Vec<String>,
    links: Vec<String>,
    code: Vec<String>,
    text: String,
    forbidden: Vec<String>,
    /// Cells in each row of each table: (table, cells).
    rows: Vec<(usize, usize)>,
}

fn render(md: &str) -> Found {
    let mut found = Found::default();
    let mut heading: Option<String> = None;
    let (mut table, mut cells) = (0, 0);
    // every extension but smart punctuation, which only changes how quotes and dashes look
    let options = MdOptions::all().difference(MdOptions::ENABLE_SMART_PUNCTUATION);
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => found.html.push(h.to_string()),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => found.headings.extend(heading.take()),
            Event::Start(Tag::Link { dest_url, .. }) => found.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => {
                found.forbidden.push(format!("image {dest_url}"))
            }
            Event::Start(
                t @ (Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::MetadataBlock(_)),
            ) => found.forbidden.push(format!("{t:?}")),
            Event::FootnoteReference(r) => found.forbidden.push(format!("footnote {r}")),
            Event::TaskListMarker(_) => found.forbidden.push("task".into()),
            Event::InlineMath(m) | Event::DisplayMath(m) => {
                found.forbidden.push(format!("math {m}"))
            }
            Event::Start(Tag::Table(_)) => table += 1,
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => found.rows.push((table, cells)),
            Event::Code(c) => {
                found.code.push(c.to_string());
                found.text.push_str(&c);
            }
            Event::Text(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
                found.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => found.text.push(' '),
            _ => {}
        }
    }
    found
}

#[test]
fn issue19_hostile_input_renders_as_text() {
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join("in");
    write_input(&input);
    let out = root.path().join("out");
    let mut opts = Options::new(&input, &out);
    opts.quotes = 20;
    opts.small_cell = 0;
    analyse(&opts, &NoProgress).expect("the run completes");
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();

    let bad: Vec<char> = md
        .chars()
        .filter(|&c| matches!(c, '\0'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'))
        .collect();
    assert!(bad.is_empty(), "control characters in summary.md: {bad:?}");

    let found = render(&md);
    assert!(found.html.is_empty(), "raw HTML: {:?}", found.html);
    assert!(
        found.forbidden.is_empty(),
        "markup from input: {:?}",
        found.forbidden
    );
    for link in &found.links {
        assert!(link.starts_with('#'), "a link the input made: {link}");
    }
    for h in &found.headings {
        assert!(!h.contains("Injected"), "a heading the input made: {h:?}");
    }
    assert_eq!(
        found
            .headings
            .iter()
            .filter(|h| h.ends_with(": summary of responses"))
            .count(),
        1
    );
    // every table row has its header's number of cells
    for &(table, cells) in &found.rows {
        let header = found.rows.iter().find(|r| r.0 == table).unwrap().1;
        assert_eq!(cells, header, "table {table}: {:?}", found.rows);
    }
    assert!(!found.rows.is_empty(), "the breakdown tables are there");
    // what the input said is shown as itself
    for shown in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click here](javascript:alert(1))",
        "<!-- and the rest of the page is hidden",
        "# Injected heading",
        "| and | extra | table | cells |",
        "&lt;script&gt; &amp; entities &#60;b&#62;",
        "*emphasis* _under_ ~~struck~~ ~sub~ ^sup^ $x^2$ {#anchor} `code` \\ done.",
        "Carer | extra | cells",
        "<b>Organisation</b>",
        "Parent # Injected type heading",
        "Funding | <em>more</em>",
        "said *more* [money](javascript:x)",
        "Q<2>|#",
    ] {
        assert!(found.text.contains(shown), "{shown:?} is not shown as text");
    }
    // ids are whole code spans, whatever backticks they hold
    // (a long export's id names the respondent: each answer is ID:QUESTION)
    for id in [
        "r`1:Q1",
        "r``2`:Q<2>|#",
        "r<3>:Q1",
        "r|4:Q<2>|#",
        "`r6:Q<2>|#",
    ] {
        assert!(
            found.code.iter().any(|c| c == id),
            "{id:?} not a code span: {:?}",
            found.code
        );
    }
    // a line end in an id becomes a space
    assert!(
        found.code.iter().any(|c| c == "r # 5:Q1"),
        "{:?}",
        found.code
    );

    let themes = std::fs::read_to_string(out.join("themes.csv")).unwrap();
    assert!(!themes.contains('\u{7}'), "BEL in themes.csv");
    let mut rows = csv::Reader::from_path(out.join("themes.csv")).unwrap();
    for row in rows.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
            assert!(
                !cell.chars().any(|c| c.is_control() && c != '\n'),
                "{cell:?}"
            );
        }
    }
    assert!(
        themes.contains("'=HYPERLINK"),
        "the formula type is shown as text"
    );
}

//! The archive and its document, read back: schema validity (xmllint against the
//! REFI-QDA schema), escaping, character positions, determinism and the zip's entries.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use quick_xml::events::Event;
use quick_xml::XmlVersion;
use tally_qdpx::{project_xml, write_qdpx, Code, Problem, Project, QdpxError, Selection, Source};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../schemas/refi-qda/Project.xsd"
);

/// The selection of `code_id` covering the first `needle` in `text`.
fn span(text: &str, needle: &str, code_id: &str) -> Selection {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    Selection {
        code_id: code_id.into(),
        start,
        end: start + needle.len(),
    }
}

fn code(id: &str, name: &str, description: &str) -> Code {
    Code {
        id: id.into(),
        name: name.into(),
        description: description.into(),
    }
}

fn source(id: &str, text: &str, variables: &[(&str, &str)], spans: &[(&str, &str)]) -> Source {
    Source {
        id: id.into(),
        text: text.into(),
        variables: variables
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        selections: spans
            .iter()
            .map(|(needle, code)| span(text, needle, code))
            .collect(),
    }
}

/// Several codes, multi-byte text (é ’ £ “ ” — and an emoji outside the BMP), CRLF,
/// several selections (one repeated, two codes on one span), and names, descriptions
/// and values that need escaping or hold characters XML cannot carry.
fn fixture() -> Project {
    let mut repeated = source(
        "R0002:Q4",
        "Staff were kind & helpful; “access” was poor.\r\nNaïve réforme <sic>.",
        &[
            ("respondent_type", r#"Organisation <"Smith & Sons">"#),
            ("question", "Q4"),
        ],
        &[
            ("Staff were kind", "staff"),
            ("“access” was poor", "access"),
            ("réforme <sic>", "cost"),
        ],
    );
    repeated.selections.push(repeated.selections[0].clone());
    Project {
        name: "Schools & \"Families\" <consultation>".into(),
        codes: vec![
            code(
                "cost",
                "Cost & affordability",
                "Prices <\"too high\"> & 'fees'",
            ),
            code("access", "Access to services", ""),
            code(
                "staff",
                "Staff “kindness”",
                "Praise for staff.\nTwo lines, tab\there.",
            ),
        ],
        sources: vec![
            source(
                "R0001:Q4",
                "The café’s fees are £12 — too much for parents.",
                &[("respondent_type", "Parent or carer"), ("question", "Q4")],
                &[
                    ("fees are £12", "cost"),
                    ("café’s", "access"),
                    ("café’s", "cost"),
                ],
            ),
            repeated,
            source(
                "letters/x.md",
                "😀 Dear Sir, the £ costs of the café’s meals are high.\n\nYours, A",
                &[
                    ("respondent_type", "Individual 'resident'\u{c}"),
                    ("question", ""),
                ],
                &[("£ costs", "cost"), ("café’s meals", "cost")],
            ),
            source("R0003:Q5", "", &[("question", "Q5")], &[]),
        ],
    }
}

/// Runs xmllint on `xml` against the REFI-QDA schema; panics if xmllint is missing.
fn assert_valid(xml: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, xml).unwrap();
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", SCHEMA])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("xmllint is required (apt-get install libxml2-utils): {e}"));
    assert!(
        output.status.success(),
        "project.qde does not validate against {SCHEMA}:\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn document_validates_against_the_schema() {
    assert_valid(&project_xml(&fixture()));
}

#[test]
fn empty_project_validates_against_the_schema() {
    // Codes, Variables and Sources must not be present and empty.
    assert_valid(&project_xml(&Project {
        name: "Empty".into(),
        codes: vec![],
        sources: vec![],
    }));
}

/// An element of the document, read back with entities and character references
/// resolved (attribute values are normalised as any XML reader would).
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn parse(xml: &str) -> Element {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack = vec![Element::default()];
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) => stack.push(Element::open(&e)),
                Event::Empty(e) => stack.last_mut().unwrap().children.push(Element::open(&e)),
                Event::End(_) => {
                    let done = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(done);
                }
                Event::Text(e) => stack.last_mut().unwrap().text.push_str(&e.xml10_content()),
                Event::GeneralRef(e) => {
                    let resolved = match e.resolve_char_ref().unwrap() {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&e)
                            .unwrap()
                            .to_string(),
                    };
                    stack.last_mut().unwrap().text.push_str(&resolved);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let mut document = stack.pop().unwrap();
        assert_eq!(document.children.len(), 1);
        document.children.pop().unwrap()
    }

    fn open(e: &quick_xml::events::BytesStart) -> Element {
        Element {
            name: e.name().as_ref().to_string(),
            attributes: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    let key = a.key.as_ref().to_string();
                    (
                        key,
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            ..Element::default()
        }
    }

    fn attr(&self, key: &str) -> &str {
        let found = self.attributes.iter().find(|(k, _)| k == key);
        &found
            .unwrap_or_else(|| panic!("<{}> has no {key}", self.name))
            .1
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child(&self, name: &str) -> &Element {
        let found = self.children.iter().find(|c| c.name == name);
        found.unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }
}

#[test]
fn names_descriptions_and_values_are_escaped() {
    let project = fixture();
    let xml = project_xml(&project);
    let root = Element::parse(&xml);
    assert_eq!(root.attr("name"), project.name);
    let codes: Vec<_> = root
        .child("CodeBook")
        .child("Codes")
        .children("Code")
        .collect();
    assert_eq!(codes.len(), 3);
    for (code, expected) in codes.iter().zip(&project.codes) {
        // Attribute values are whitespace-normalised by every reader; names have none.
        assert_eq!(code.attr("name"), expected.name);
        assert_eq!(code.attr("isCodable"), "true");
        let description = code.children("Description").next().map(|d| d.text.as_str());
        let expected_description = Some(expected.description.as_str()).filter(|d| !d.is_empty());
        assert_eq!(description, expected_description);
    }
    let variables: Vec<_> = root.child("Variables").children("Variable").collect();
    let names: Vec<_> = variables.iter().map(|v| v.attr("name")).collect();
    assert_eq!(
        names,
        ["respondent_type", "question"],
        "each variable declared once"
    );
    assert!(variables.iter().all(|v| v.attr("typeOfVariable") == "Text"));

    let sources: Vec<_> = root.child("Sources").children("TextSource").collect();
    assert_eq!(sources.len(), project.sources.len());
    for (element, source) in sources.iter().zip(&project.sources) {
        assert_eq!(element.attr("name"), source.id);
        let values: Vec<_> = element
            .children("VariableValue")
            .map(|v| {
                let target = v.child("VariableRef").attr("targetGUID");
                let variable = variables.iter().find(|d| d.attr("guid") == target).unwrap();
                (
                    variable.attr("name").to_string(),
                    v.child("TextValue").text.clone(),
                )
            })
            .collect();
        // The form feed, which XML cannot carry, became U+FFFD.
        let expected: Vec<_> = source
            .variables
            .iter()
            .map(|(k, v)| (k.clone(), v.replace('\u{c}', "\u{FFFD}")))
            .collect();
        assert_eq!(values, expected);
    }
    // The raw text is escaped, not hand-built: no stray markup from the values.
    assert!(
        xml.contains("Organisation &lt;&quot;Smith &amp; Sons&quot;&gt;"),
        "{xml}"
    );
}

/// The archive's entries by name, in order, with their bytes.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            assert_eq!(
                entry.last_modified().unwrap(),
                zip::DateTime::DEFAULT,
                "fixed time"
            );
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

#[test]
fn character_positions_slice_the_stored_text() {
    let project = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.qdpx");
    write_qdpx(&project, &path).unwrap();
    let entries = entries(&path);
    let read = |name: &str| {
        let found = entries.iter().find(|(n, _)| n == name);
        String::from_utf8(found.unwrap_or_else(|| panic!("no {name}")).1.clone()).unwrap()
    };
    let root = Element::parse(&read("project.qde"));
    let codes: Vec<_> = root
        .child("CodeBook")
        .child("Codes")
        .children("Code")
        .collect();
    let code_name = |guid: &str| {
        codes
            .iter()
            .find(|c| c.attr("guid") == guid)
            .unwrap()
            .attr("name")
    };

    let mut got = Vec::new();
    for element in root.child("Sources").children("TextSource") {
        let path = element.attr("plainTextPath");
        let file = path.strip_prefix("internal://").expect("an internal path");
        assert_eq!(file, format!("{}.txt", element.attr("guid")));
        let stored: Vec<char> = read(&format!("sources/{file}")).chars().collect();
        for sel in element.children("PlainTextSelection") {
            let start: usize = sel.attr("startPosition").parse().unwrap();
            let end: usize = sel.attr("endPosition").parse().unwrap();
            let codings: Vec<_> = sel.children("Coding").collect();
            assert_eq!(codings.len(), 1);
            let code = code_name(codings[0].child("CodeRef").attr("targetGUID"));
            let text: String = stored[start..end].iter().collect();
            got.push((element.attr("name").to_string(), code.to_string(), text));
        }
    }

    let mut expected = Vec::new();
    for source in &project.sources {
        for sel in &source.selections {
            let code = project.codes.iter().find(|c| c.id == sel.code_id).unwrap();
            let row = (
                source.id.clone(),
                code.name.clone(),
                source.text[sel.start..sel.end].to_string(),
            );
            if !expected.contains(&row) {
                expected.push(row);
            }
        }
    }
    assert_eq!(got, expected);
    // The multi-byte cases really are in there, and byte and character offsets differ.
    assert!(got.iter().any(|(_, _, t)| t == "fees are £12"));
    assert!(got.iter().any(|(_, _, t)| t == "“access” was poor"));
    assert!(got.iter().any(|(_, _, t)| t == "réforme <sic>"));
    assert!(got.iter().any(|(_, _, t)| t == "café’s meals"));
    assert_eq!(got.len(), 8, "the repeated selection is written once");
}

#[test]
fn same_project_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.qdpx"), dir.path().join("two.qdpx"));
    write_qdpx(&fixture(), &one).unwrap();
    write_qdpx(&fixture(), &two).unwrap();
    let (one, two) = (std::fs::read(one).unwrap(), std::fs::read(two).unwrap());
    assert!(!one.is_empty());
    assert!(one == two, "two writes of the same project differ");
    assert_eq!(project_xml(&fixture()), project_xml(&fixture()));
}

#[test]
fn archive_holds_the_document_and_one_text_per_source() {
    let project = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.qdpx");
    write_qdpx(&project, &path).unwrap();
    let entries = entries(&path);
    assert_eq!(entries.len(), 1 + project.sources.len());
    assert_eq!(entries[0].0, "project.qde");
    assert_eq!(
        String::from_utf8(entries[0].1.clone()).unwrap(),
        project_xml(&project)
    );

    let root = Element::parse(&project_xml(&project));
    let guids: Vec<_> = root
        .child("Sources")
        .children("TextSource")
        .map(|s| s.attr("guid"))
        .collect();
    for ((name, bytes), (source, guid)) in
        entries[1..].iter().zip(project.sources.iter().zip(guids))
    {
        assert_eq!(name, &format!("sources/{guid}.txt"));
        assert_eq!(
            std::str::from_utf8(bytes).unwrap(),
            source.text,
            "stored exactly, no BOM"
        );
    }
    assert!(!dir.path().join("coding.qdpx.partial").exists());
}

#[test]
fn guids_are_unique_and_well_formed() {
    let xml = project_xml(&fixture());
    let root = Element::parse(&xml);
    let mut guids = Vec::new();
    fn collect<'a>(e: &'a Element, out: &mut Vec<&'a str>) {
        if let Some((_, g)) = e.attributes.iter().find(|(k, _)| k == "guid") {
            out.push(g);
        }
        e.children.iter().for_each(|c| collect(c, out));
    }
    collect(&root, &mut guids);
    assert_eq!(
        guids.len(),
        1 + 3 + 2 + 4 + 2 * 8,
        "user, codes, variables, sources, selections and codings"
    );
    let mut unique = guids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), guids.len());
    for g in guids {
        let groups: Vec<_> = g.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{g}");
        assert!(g.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{g}");
    }
}

#[test]
fn invalid_project_is_refused_and_nothing_is_written() {
    let mut project = fixture();
    project.sources[0].selections.push(Selection {
        code_id: "cost".into(),
        start: 8, // inside the "é" of "The café’s" (bytes 7..9)
        end: 12,
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.qdpx");
    let err = write_qdpx(&project, &path).unwrap_err();
    assert!(
        matches!(
            &err,
            QdpxError::Invalid {
                problem: Problem::BadRange {
                    start: 8,
                    end: 12,
                    ..
                },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("coding.qdpx"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn unwritable_path_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("coding.qdpx");
    let err = write_qdpx(&fixture(), &path).unwrap_err();
    assert!(matches!(err, QdpxError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("coding.qdpx"), "{err}");
}

/// Issue 19: names and variable values that a spreadsheet would run as formulas (QDA
/// tools export them) are shown with a leading `'`; GUIDs still come from the ids as
/// given, so a source keeps its GUID.
#[test]
fn issue19_formula_names_and_values_are_neutralised() {
    let hostile = [
        "=HYPERLINK(\"http://x\")",
        " =1+1",
        "\t+1",
        "＝1+1",
        "＠SUM(A1)",
        "\u{200b}-1",
        "@cmd",
    ];
    for id in hostile {
        let project = Project {
            name: id.into(),
            codes: vec![code(id, id, "")],
            sources: vec![source(id, "some text", &[(id, id)], &[("some", id)])],
        };
        let root = Element::parse(&project_xml(&project));
        let want = format!("'{id}");
        assert_eq!(root.attr("name"), want, "project {id:?}");
        let code = root.child("CodeBook").child("Codes").child("Code");
        assert_eq!(code.attr("name"), want, "code {id:?}");
        let variable = root.child("Variables").child("Variable");
        assert_eq!(variable.attr("name"), want, "variable {id:?}");
        let source = root.child("Sources").child("TextSource");
        assert_eq!(source.attr("name"), want, "source {id:?}");
        let value = source.child("VariableValue").child("TextValue");
        assert_eq!(value.text, want, "value {id:?}");
        let plain = Project {
            name: "p".into(),
            ..project.clone()
        };
        assert_eq!(
            Element::parse(&project_xml(&plain))
                .child("Sources")
                .child("TextSource")
                .attr("guid"),
            source.attr("guid"),
            "{id:?}"
        );
    }
}

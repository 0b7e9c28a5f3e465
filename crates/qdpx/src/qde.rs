//! The `project.qde` document: QDA-XML 1.0 (namespace `urn:QDA-XML:project:1.0`),
//! written with quick-xml, which escapes every name, description and value.
//!
//! What the schema (`Project.xsd`) asks, and how it is met:
//! - every element is in the default namespace `urn:QDA-XML:project:1.0`
//!   (`elementFormDefault="qualified"`);
//! - `Project` needs `name`; its children come in a fixed order: `Users`, `CodeBook`,
//!   `Variables`, (`Cases`,) `Sources`;
//! - `Users`, `Codes`, `Variables` and `Sources` must each hold at least one child, so
//!   an empty list leaves its container out;
//! - `Code` needs `guid`, `name` and `isCodable`; `Variable` needs `guid`, `name` and
//!   `typeOfVariable` (all of tally's are `Text`);
//! - a `TextSource`'s children come in the order `PlainTextSelection`*, `Coding`*,
//!   `NoteRef`*, `VariableValue`*: variable values go after the selections;
//! - a `PlainTextSelection` needs `guid`, `startPosition`, `endPosition` and holds its
//!   codings; a `Coding` needs a `guid` and exactly one `CodeRef targetGUID`;
//! - a `VariableValue` is a `VariableRef targetGUID` and then one typed value
//!   (`TextValue`).
//!
//! Text that XML 1.0 cannot carry at all, even escaped (control characters other than
//! tab, line feed and carriage return; U+FFFE, U+FFFF), becomes U+FFFD in names,
//! descriptions and values. Names (of the project, codes, variables and sources) and
//! variable values that a spreadsheet would run as a formula get a leading `'` (see
//! `shown`). Source texts are not in this document: they are the
//! archive's `sources/<guid>.txt` files, stored exactly.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::{guid, Project, Source};

/// QDA-XML's namespace.
const XMLNS: &str = "urn:QDA-XML:project:1.0";

/// The name of the one user, tally, who made every coding.
const USER_NAME: &str = "tally";

/// Writes `project`'s document to `out`, indented by two spaces, ending in a newline.
pub(crate) fn write<W: Write>(project: &Project, out: W) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let user = guid::user().to_string();
    let user = user.as_str();
    w.create_element("Project")
        .with_attribute(("xmlns", XMLNS))
        .with_attribute(("name", shown(&project.name).as_ref()))
        .with_attribute(("origin", "tally"))
        .with_attribute(("creatingUserGUID", user))
        .write_inner_content(|w| {
            w.create_element("Users").write_inner_content(|w| {
                w.create_element("User")
                    .with_attribute(("guid", user))
                    .with_attribute(("name", USER_NAME))
                    .write_empty()?;
                Ok(())
            })?;
            write_codebook(w, project)?;
            write_variables(w, project)?;
            if !project.sources.is_empty() {
                w.create_element("Sources").write_inner_content(|w| {
                    for source in &project.sources {
                        write_source(w, source, user)?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

/// `CodeBook/Codes/Code`, one per code, if there are any.
fn write_codebook<W: Write>(w: &mut Writer<W>, project: &Project) -> io::Result<()> {
    if project.codes.is_empty() {
        return Ok(());
    }
    w.create_element("CodeBook").write_inner_content(|w| {
        w.create_element("Codes").write_inner_content(|w| {
            for code in &project.codes {
                let element = w
                    .create_element("Code")
                    .with_attribute(("guid", guid::code(&code.id).to_string().as_str()))
                    .with_attribute(("name", shown(&code.name).as_ref()))
                    .with_attribute(("isCodable", "true"));
                if code.description.is_empty() {
                    element.write_empty()?;
                } else {
                    element.write_inner_content(|w| {
                        w.create_element("Description")
                            .write_text_content(BytesText::new(&xml_chars(&code.description)))?;
                        Ok(())
                    })?;
                }
            }
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

/// `Variables/Variable`, each variable name once, in order of first appearance.
fn write_variables<W: Write>(w: &mut Writer<W>, project: &Project) -> io::Result<()> {
    let mut seen = HashSet::new();
    let names: Vec<&str> = project
        .sources
        .iter()
        .flat_map(|s| &s.variables)
        .map(|(name, _)| name.as_str())
        .filter(|name| seen.insert(*name))
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    w.create_element("Variables").write_inner_content(|w| {
        for name in names {
            w.create_element("Variable")
                .with_attribute(("guid", guid::variable(name).to_string().as_str()))
                .with_attribute(("name", shown(name).as_ref()))
                .with_attribute(("typeOfVariable", "Text"))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// One `TextSource`: its selections, each with its coding, then its variable values.
fn write_source<W: Write>(w: &mut Writer<W>, source: &Source, user: &str) -> io::Result<()> {
    let source_guid = guid::source(&source.id);
    let guid = source_guid.to_string();
    let path = format!("internal://{guid}.txt");
    w.create_element("TextSource")
        .with_attribute(("guid", guid.as_str()))
        .with_attribute(("name", shown(&source.id).as_ref()))
        .with_attribute(("plainTextPath", path.as_str()))
        .with_attribute(("creatingUser", user))
        .write_inner_content(|w| {
            let mut seen = HashSet::new();
            for sel in &source.selections {
                if !seen.insert((sel.code_id.as_str(), sel.start, sel.end)) {
                    continue;
                }
                let (code, start, end) = (sel.code_id.as_str(), sel.start, sel.end);
                let selection = guid::selection(&source_guid, code, start, end);
                let coding = guid::coding(&source_guid, code, start, end);
                w.create_element("PlainTextSelection")
                    .with_attribute(("guid", selection.to_string().as_str()))
                    .with_attribute((
                        "startPosition",
                        char_offset(&source.text, start).to_string().as_str(),
                    ))
                    .with_attribute((
                        "endPosition",
                        char_offset(&source.text, end).to_string().as_str(),
                    ))
                    .with_attribute(("creatingUser", user))
                    .write_inner_content(|w| {
                        w.create_element("Coding")
                            .with_attribute(("guid", coding.to_string().as_str()))
                            .with_attribute(("creatingUser", user))
                            .write_inner_content(|w| {
                                w.create_element("CodeRef")
                                    .with_attribute((
                                        "targetGUID",
                                        guid::code(code).to_string().as_str(),
                                    ))
                                    .write_empty()?;
                                Ok(())
                            })?;
                        Ok(())
                    })?;
            }
            for (name, value) in &source.variables {
                w.create_element("VariableValue").write_inner_content(|w| {
                    w.create_element("VariableRef")
                        .with_attribute(("targetGUID", guid::variable(name).to_string().as_str()))
                        .write_empty()?;
                    w.create_element("TextValue")
                        .write_text_content(BytesText::new(&shown(value)))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The number of characters (Unicode scalar values) of `text` before byte offset `byte`.
/// An offset past the end counts the whole text; one inside a character counts the
/// characters before that character.
pub(crate) fn char_offset(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].chars().count()
}

/// A name or value as shown: neutralised as a spreadsheet cell (QDA tools export names and
/// variable values to spreadsheets; [`tally_escape::neutralise_cell`]), then [`xml_chars`].
/// Ids keep their spelling where they make GUIDs.
fn shown(s: &str) -> Cow<'_, str> {
    match tally_escape::neutralise_cell(s) {
        Cow::Borrowed(s) => xml_chars(s),
        Cow::Owned(s) => Cow::Owned(xml_chars(&s).into_owned()),
    }
}

/// `s` with every character XML 1.0 cannot carry replaced by U+FFFD.
fn xml_chars(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// XML 1.0's `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_offset(text: &str, byte: usize, expected: usize) {
        assert_eq!(char_offset(text, byte), expected, "{text:?} at byte {byte}");
    }

    #[test]
    fn char_offsets() {
        check_offset("", 0, 0);
        check_offset("abc", 2, 2);
        check_offset("abc", 3, 3);
        check_offset("abc", 9, 3);
        // é 2 bytes, ’ 3 bytes, £ 2 bytes, 😀 4 bytes (one character, two UTF-16 units).
        check_offset("é’£😀x", 2, 1);
        check_offset("é’£😀x", 5, 2);
        check_offset("é’£😀x", 7, 3);
        check_offset("é’£😀x", 11, 4);
        check_offset("é’£😀x", 12, 5);
        // Inside a character: the characters before it.
        check_offset("é’£😀x", 1, 0);
        check_offset("é’£😀x", 9, 3);
    }

    fn check_chars(input: &str, expected: &str) {
        assert_eq!(xml_chars(input), expected);
    }

    #[test]
    fn characters_xml_cannot_carry() {
        check_chars("plain & <simple>", "plain & <simple>");
        check_chars("tab\tline\ncr\r", "tab\tline\ncr\r");
        check_chars("page\u{c}break\u{0}", "page\u{FFFD}break\u{FFFD}");
        check_chars("\u{FFFE}\u{FFFF}\u{FFFD}😀", "\u{FFFD}\u{FFFD}\u{FFFD}😀");
    }
}

//! The REFI-QDA export (issue 4): valid against the published schema, every selection cuts
//! its source text at the evidence, personal data redacted unless asked otherwise.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use crate::common::{root, tally};

fn unzip(path: &std::path::Path) -> HashMap<String, String> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().map(|n| n.to_string()).unwrap_or_default(), s)
        })
        .collect()
}

#[test]
fn issue_4_qdpx_validates_and_selections_cut_the_evidence() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, qdpx) = (tmp.path().join("out"), tmp.path().join("stable-homes.qdpx"));
    let run = tally(
        &root(),
        &[
            "analyse",
            "corpus/",
            "--out",
            out.to_str().unwrap(),
            "--qdpx",
            qdpx.to_str().unwrap(),
            "--no-redact",
            "--quiet",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = unzip(&qdpx);
    let qde = &files["project.qde"];
    // schema validation with xmllint (installed by `just test` / .ci/run)
    let qde_path = tmp.path().join("project.qde");
    std::fs::write(&qde_path, qde).unwrap();
    let xsd = root().join("schemas/refi-qda/Project.xsd");
    let check = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&qde_path)
        .output()
        .expect("xmllint is installed (libxml2-utils)");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // evidence texts per response, from the audit
    let mut evidence: HashMap<String, HashSet<String>> = HashMap::new();
    for line in std::fs::read_to_string(out.join("audit.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let set = evidence
            .entry(v["response_id"].as_str().unwrap().to_string())
            .or_default();
        for t in v["themes"].as_array().unwrap() {
            for e in t["evidence"].as_array().unwrap() {
                set.insert(e["text"].as_str().unwrap().to_string());
            }
        }
    }
    let source_re = regex::Regex::new(r#"(?s)<TextSource [^>]*name="([^"]*)" plainTextPath="internal://([^"]+)"[^>]*>(.*?)</TextSource>"#).unwrap();
    let sel_re =
        regex::Regex::new(r#"<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)""#)
            .unwrap();
    let (mut sources, mut selections) = (0, 0);
    for c in source_re.captures_iter(qde) {
        sources += 1;
        let id = c[1].replace("&apos;", "'").replace("&amp;", "&");
        let text = &files[&format!("sources/{}", &c[2])];
        let chars: Vec<char> = text.chars().collect();
        for s in sel_re.captures_iter(&c[3]) {
            let (a, b): (usize, usize) = (s[1].parse().unwrap(), s[2].parse().unwrap());
            let cut: String = chars[a..b].iter().collect();
            assert!(
                evidence[&id].contains(&cut),
                "{id}: selection {a}..{b} = {cut:?} is not an evidence text"
            );
            selections += 1;
        }
    }
    assert_eq!(sources, 1708);
    assert!(selections > 2000, "{selections}");
}

#[test]
fn issue_7_the_qdpx_export_is_redacted_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let qdpx = tmp.path().join("x.qdpx");
    let run = tally(
        &root(),
        &[
            "analyse",
            "corpus/",
            "--out",
            tmp.path().join("out").to_str().unwrap(),
            "--qdpx",
            qdpx.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all: String = unzip(&qdpx).into_values().collect();
    for pii in [
        "07700 900481",
        "danni.okafor82@example.com",
        "BB2 4QT",
        "Kerry Ashworth",
    ] {
        assert!(!all.contains(pii), "{pii} reached the export");
    }
    assert!(all.contains("[phone]") && all.contains("[email]"));
}

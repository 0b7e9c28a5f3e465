//! Organised campaigns (issue 7): found in the example corpus, reported separately by
//! default, counted once or with everything on request, and named in the audit.

use crate::common::{analyse_corpus, read_output};

fn run(mode: &str) -> (tempfile::TempDir, serde_json::Value, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyse_corpus(&out, &["--campaigns", mode]);
    let manifest = serde_json::from_str(&read_output(&out, "run.json")).unwrap();
    let (csv, md) = (
        read_output(&out, "themes.csv"),
        read_output(&out, "summary.md"),
    );
    (tmp, manifest, csv, md)
}

/// The themes.csv row for (question, theme, respondent_type), parsed as CSV.
fn row(csv: &str, key: &str) -> Vec<String> {
    let want: Vec<&str> = key.split('|').collect();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    r.records()
        .map(Result::unwrap)
        .find(|rec| rec[0] == *want[0] && rec[1] == *want[1] && rec[3] == *want[2])
        .unwrap_or_else(|| panic!("no row {key}"))
        .iter()
        .map(String::from)
        .collect()
}

#[test]
fn issue_7_the_corpus_campaign_is_found_and_reported_separately() {
    let (tmp, m, csv, md) = run("separate");
    let campaigns = m["campaigns"].as_array().unwrap();
    let q5 = campaigns
        .iter()
        .find(|c| c["question"] == "Q5")
        .expect("the Q5 template");
    let q6 = campaigns
        .iter()
        .find(|c| c["question"] == "Q6")
        .expect("the Q6 template");
    for c in [q5, q6] {
        let members = c["members"].as_u64().unwrap();
        assert!((35..=40).contains(&members), "{c}");
        assert!(c["variants"].as_u64().unwrap() >= 1, "{c}");
        assert!(
            c["template_response_id"]
                .as_str()
                .unwrap()
                .starts_with("R04"),
            "{c}"
        );
    }
    assert_eq!(campaigns.len(), 2, "no spurious campaigns: {campaigns:?}");
    assert!(md.contains("## Organised campaigns"));
    assert!(md.contains("campaign copies reported separately"));
    // the headline row leaves copies out; the all row keeps them
    let all = row(&csv, "Q5|workload|all");
    let head = row(&csv, "Q5|workload|headline");
    let (n_all, n_head): (u64, u64) = (all[4].parse().unwrap(), head[4].parse().unwrap());
    let (b_all, b_head): (u64, u64) = (all[5].parse().unwrap(), head[5].parse().unwrap());
    assert!(n_head < n_all && b_head < b_all, "{all:?} {head:?}");
    let audit = std::fs::read_to_string(tmp.path().join("out/audit.jsonl")).unwrap();
    assert!(audit.contains("\"campaign\":{\"id\":\"C1\",\"role\":\"template\"}"));
    assert!(audit.contains("\"role\":\"variant\""));
}

#[test]
fn issue_7_campaigns_once_and_all() {
    let (_t1, _, once, _) = run("once");
    let (_t2, m, all, md) = run("all");
    assert_eq!(m["settings"]["campaigns"], "all");
    let a = row(&all, "Q5|workload|all");
    let h = row(&all, "Q5|workload|headline");
    assert_eq!(
        a[4..],
        h[4..],
        "with --campaigns all the headline is every response"
    );
    assert!(!md.contains("campaign copies reported separately"));
    // counted once: the base is every response but the copies (the template stays)
    let o = row(&once, "Q5|workload|headline");
    let members = m["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["question"] == "Q5")
        .unwrap();
    let copies = members["copies"].as_u64().unwrap();
    let all_base: u64 = a[5].parse().unwrap();
    assert_eq!(o[5].parse::<u64>().unwrap(), all_base - (copies - 1));
}

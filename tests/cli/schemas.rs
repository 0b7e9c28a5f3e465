//! The committed JSON Schemas are current, and outputs validate against them.

use crate::common::root;

fn check_schema(name: &str, generated: String) -> serde_json::Value {
    let path = root().join("schemas").join(name);
    if std::env::var_os("TALLY_UPDATE_SCHEMAS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        "schemas/{name} is stale: run `just schemas` and commit"
    );
    serde_json::from_str(&committed).unwrap()
}

#[test]
fn schemas_are_current_and_outputs_validate() {
    let audit = check_schema("audit.schema.json", tally_report::audit_schema());
    let run = check_schema("run.schema.json", tally_report::run_schema());
    let decisions = check_schema("decisions.schema.json", tally_review::decisions_schema());
    let decisions_v = jsonschema::validator_for(&decisions).unwrap();
    let example = serde_json::json!({"decisions": [{"response_id": "R1:Q1", "theme": "pay", "decision": "add", "evidence": "pay", "reviewer": "AB"}]});
    assert!(decisions_v.is_valid(&example));
    assert!(!decisions_v.is_valid(
        &serde_json::json!({"decisions": [{"response_id": "R1:Q1", "decision": "maybe"}]})
    ));
    let audit_v = jsonschema::validator_for(&audit).unwrap();
    for line in std::fs::read_to_string(root().join("output/audit.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(audit_v.is_valid(&v), "audit line does not validate: {line}");
    }
    let run_v = jsonschema::validator_for(&run).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("output/run.json")).unwrap())
            .unwrap();
    assert!(run_v.is_valid(&manifest));
    // and a broken document does not
    let mut broken = manifest.clone();
    broken["totals"]["responses"] = serde_json::json!("many");
    assert!(!run_v.is_valid(&broken));
}

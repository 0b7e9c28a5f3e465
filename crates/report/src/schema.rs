//! JSON Schemas of the JSON outputs, generated from the Rust types that write them. The
//! committed copies in `schemas/` are checked against these by a test, so they cannot go
//! stale.

use crate::audit::AuditLine;
use crate::manifest::RunManifest;

fn pretty(schema: schemars::Schema) -> String {
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema of one audit.jsonl line, as pretty JSON.
pub fn audit_schema() -> String {
    pretty(schemars::schema_for!(AuditLine))
}

/// The schema of run.json, as pretty JSON.
pub fn run_schema() -> String {
    pretty(schemars::schema_for!(RunManifest))
}

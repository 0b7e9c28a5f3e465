//! The parts of an audit line the pipeline knows and the report does not: a response's
//! campaign, the themes a single-code question dropped, where the redactor finds personal
//! data; and the buffers audit lines are written into.

use tally_report::{AuditBody, AuditLine};

/// Where the redactor finds personal data in a text (nothing with `--no-redact`).
pub(crate) fn redactions(
    redactor: Option<&tally_redact::Redactor>,
    text: &str,
) -> Vec<tally_report::AuditRedaction<'static>> {
    redactor
        .map(|r| r.find(text))
        .unwrap_or_default()
        .into_iter()
        .map(tally_report::AuditRedaction::from)
        .collect()
}

/// Bytes of an audit line besides its themes and redactions, reserved ahead (ids, question,
/// type, source, campaign: no regrowth for a typical line).
pub(crate) const AUDIT_LINE: usize = 320;

/// Bytes reserved a response for a chunk's audit lines: lines average 745 bytes on the
/// synthetic corpora, and a chunk's 32 lines then fit in the buffer without its growing
/// (each line asks for [`AUDIT_LINE`] bytes of room besides its body before it is written,
/// so a buffer sized at the average grew, by doubling, near the end of most chunks).
pub(crate) const AUDIT_TYPICAL: usize = 1024;

/// An audit line as JSON and its newline, with the themes and redactions of `body` (the
/// line's own, or its verbatim twin's), in a buffer sized for it: every line of the audit
/// file is written here, through [`AuditLine::write_with`].
pub(crate) fn audit_bytes(line: &AuditLine, body: &AuditBody) -> Vec<u8> {
    let mut out = Vec::new();
    push_audit(&mut out, line, body);
    out
}

/// Appends an audit line (as [`audit_bytes`] makes it) to a buffer, reserving room for it.
pub(crate) fn push_audit(out: &mut Vec<u8>, line: &AuditLine, body: &AuditBody) {
    out.reserve(AUDIT_LINE + body.len());
    line.write_with(body, out);
}

/// The audit line's record of campaign `member` (if any).
pub(crate) fn audit_campaign(
    campaigns: &tally_campaign::Campaigns,
    member: Option<tally_campaign::Membership>,
) -> Option<tally_report::AuditCampaign<'_>> {
    member.map(|m| tally_report::AuditCampaign::of(campaigns, m))
}

/// The ids of themes dropped by a single-code question (see `Coded::dropped` in the stage).
pub(crate) fn dropped_ids<'a>(
    dropped: &[u32],
    theme_ids: &'a [String],
) -> Vec<std::borrow::Cow<'a, str>> {
    dropped
        .iter()
        .map(|&t| theme_ids[t as usize].as_str().into())
        .collect()
}

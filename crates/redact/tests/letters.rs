//! Personal names in letters and emails: the display names of mailbox header lines
//! (`From:`, `To:`, `Cc:`, `Reply-To:`) and the name lines of signature blocks, with the
//! organisation and role lines around them kept (the rule is in `src/letters.rs`).

use tally_redact::Redactor;

fn check(input: &str, want: &str) {
    assert_eq!(
        Redactor::new().redact(input).text,
        want,
        "redacting {input:?}"
    );
}

#[test]
fn header_display_names_are_redacted() {
    check(
        "From: Tomasz Wieczorek <t.wieczorek@commonground-action.org.uk>\nTo: Stable Homes consultation team, Department for Education\nDate: Tue, 9 May 2023 16:42\n\nDear team,",
        "From: [name] <[email]>\nTo: Stable Homes consultation team, Department for Education\nDate: Tue, 9 May 2023 16:42\n\nDear team,",
    );
    check(
        "From: \"Wieczorek, Tomasz\" <tw@example.org>\nSubject: response",
        "From: \"[name]\" <[email]>\nSubject: response",
    );
    check(
        "Reply-To: tw@example.org (Tomasz Wieczorek)\n\nHello",
        "Reply-To: [email] ([name])\n\nHello",
    );
    check(
        "Cc: Joel Ambrose <ja@example.org>, Policy Team <policy@example.org>\n",
        "Cc: [name] <[email]>, Policy Team <[email]>\n",
    );
    check(
        "**From:** Maureen Fitzsimmons <mf@example.org>\n",
        "**From:** [name] <[email]>\n",
    );
}

#[test]
fn organisation_display_names_are_kept() {
    check(
        "From: Three Rivers Kinship Carers' Network <hello@threeriverskinship.org.uk>\nTo: Children's Social Care Consultation Team, Department for Education\n",
        "From: Three Rivers Kinship Carers' Network <[email]>\nTo: Children's Social Care Consultation Team, Department for Education\n",
    );
    check(
        "From: Oakhaven Fostering <enquiries@oakhaven.org.uk>\n",
        "From: Oakhaven Fostering <[email]>\n",
    );
}

#[test]
fn signature_full_name_lines_are_redacted() {
    check(
        "Happy to talk further.\n\nBest wishes,\nTomasz\n\nTomasz Wieczorek\nPolicy and Campaigns Lead\nCommon Ground Poverty Action\n07700 900251",
        "Happy to talk further.\n\nBest wishes,\n[name]\n\n[name]\nPolicy and Campaigns Lead\nCommon Ground Poverty Action\n[phone]",
    );
    // a second signatory after a blank line, plain and in Markdown bold
    check(
        "Yours faithfully,\n\nJoel Ambrose\nChief Executive\n\nMaureen Fitzsimmons\nRegistered Manager\n\nOakhaven Fostering | 0113 496 0847",
        "Yours faithfully,\n\n[name]\nChief Executive\n\n[name]\nRegistered Manager\n\nOakhaven Fostering | [phone]",
    );
    check(
        "Yours sincerely,\n\n**Sunita Kaur-Redfern**\nChair, The Guild\n\n**Owen Pritchard**\nHead of Policy\n",
        "Yours sincerely,\n\n**[name]**\nChair, The Guild\n\n**[name]**\nHead of Policy\n",
    );
}

#[test]
fn organisation_and_role_lines_after_a_sign_off_are_kept() {
    for keep in [
        "Yours faithfully,\nBarnardo's",
        "Yours faithfully,\n\nThe Board of Trustees",
        "Kind regards,\n\nPolicy and Campaigns Lead\nCommon Ground Poverty Action",
        "Yours sincerely,\n\nRegistered Manager\nOakhaven Fostering",
        "With best wishes,\n\nChief Executive\nKestrel Families\n",
        "Best wishes,\nSocial Care Workers' Union",
    ] {
        check(keep, keep);
    }
}

#[test]
fn names_mid_sentence_are_handled_as_before() {
    // the new rules read only header lines and signature blocks
    check(
        "We met Joel Ambrose at the Registered Manager forum.\nThanks to everyone.",
        "We met Joel Ambrose at the Registered Manager forum.\nThanks to everyone.",
    );
    check(
        "I'm Janet Morrow and I care for two",
        "I'm [name] and I care for two",
    );
    check("my son Callum has autism", "my son [name] has autism");
    // a possessive word after a sign-off on the same line is still taken as a name
    check(
        "Kind regards Wexley's services are cut",
        "Kind regards [name]'s services are cut",
    );
    // a line of prose after a sign-off ends the block
    check(
        "Many thanks,\nWe hope Tomasz Wieczorek will reply.",
        "Many thanks,\nWe hope Tomasz Wieczorek will reply.",
    );
}

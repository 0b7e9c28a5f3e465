//! Letters in every format — text, HTML, DOCX, ODT, PDF, email with attachments — each one
//! response with the path as id, paragraph breaks kept.

use crate::common::{dir, problems, run, CONSULTATION};
use crate::fixtures::{docx, eml, odt, pdf, xlsx, Cell};
use tally_ingest::Role;

const PARAGRAPHS: [&str; 3] = [
    "Dear Minister,",
    "We need more money for social work \u{2013} caseloads are crushing.",
    "Yours sincerely",
];

fn expected() -> String {
    PARAGRAPHS.join("\n\n")
}

#[test]
fn every_letter_format_is_one_response_with_paragraphs() {
    let html = format!(
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>{}</p>\n<p>{}</p><p>{}</p></body></html>",
        PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]
    );
    let pdf_lines: [&[&str]; 3] = [
        &["Dear Minister,"],
        &[
            "We need more money for social",
            "work \u{2013} caseloads are crushing.",
        ],
        &["Yours sincerely"],
    ];
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("letters/a.docx", &docx(&PARAGRAPHS)),
        ("letters/b.odt", &odt(&PARAGRAPHS)),
        ("letters/c.pdf", &pdf(&[&pdf_lines])),
        ("letters/d.html", html.as_bytes()),
        ("letters/e.htm", html.as_bytes()),
        (
            "letters/la-f.eml",
            &eml("text/plain", &expected().replace('\n', "\r\n"), &[]),
        ),
        ("letters/g.txt", expected().as_bytes()),
    ]);
    let r = run(d.path());
    for (path, format, encoding) in [
        ("letters/a.docx", "docx", "binary"),
        ("letters/b.odt", "odt", "binary"),
        ("letters/c.pdf", "pdf", "binary"),
        ("letters/d.html", "html", "utf-8"),
        ("letters/e.htm", "html", "utf-8"),
        ("letters/la-f.eml", "email", "utf-8"),
        ("letters/g.txt", "text", "utf-8"),
    ] {
        let f = r.file(path);
        assert_eq!(
            (f.role, f.format.as_str(), f.encoding.as_str()),
            (Role::Document, format, encoding),
            "{path}"
        );
        assert!(f.problems.is_empty(), "{f:#?}");
        assert_eq!((f.rows, f.responses, f.sha256.len()), (1, 1, 64), "{path}");
        let resp = r.response(path);
        assert_eq!(resp.text, expected(), "{path}");
        assert_eq!((resp.question.as_str(), resp.line), ("letter", 1));
        assert_eq!(resp.respondent, path);
        let ty = if path.contains("la-") {
            "Local authority"
        } else {
            "Organisation"
        };
        assert_eq!(resp.respondent_type, ty);
    }
}

#[test]
fn a_docx_with_line_breaks_and_tabs() {
    let d = dir(&[(
        "x.docx",
        &docx(&["Name:\tA Parent\nAddress: withheld", "", "Body."]),
    )]);
    let r = run(d.path());
    assert_eq!(
        r.response("x.docx").text,
        "Name:\tA Parent\nAddress: withheld\n\nBody."
    );
}

#[test]
fn a_pdf_of_several_pages() {
    let d = dir(&[(
        "p.pdf",
        &pdf(&[
            &[&["Page one, first line", "and its second line."]],
            &[&["Page two."]],
        ]),
    )]);
    let r = run(d.path());
    assert_eq!(
        r.response("p.pdf").text,
        "Page one, first line and its second line.\n\nPage two."
    );
}

#[test]
fn email_attachments_are_responses_of_their_own() {
    let sheet: Vec<Vec<Cell>> = vec![vec![Cell::Str("a")]];
    let forwarded = eml("text/plain", "Forwarded body.", &[]);
    let email = eml(
        "text/html",
        "<p>Please see attached.</p><p>A Parent</p>",
        &[
            (
                "response.docx",
                "application/octet-stream",
                &docx(&["The attached response."]),
            ),
            ("notes.txt", "text/plain", b"Plain notes."),
            (
                "response.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                &docx(&["Second copy."]),
            ),
            ("logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            (
                "data.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &xlsx(&[("S", 1, &sheet)]),
            ),
            ("scan.pdf", "application/pdf", &pdf(&[&[]])),
            ("fwd.eml", "message/rfc822", &forwarded),
        ],
    );
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("letters/la-mail.eml", &email),
    ]);
    let r = run(d.path());
    let base = "letters/la-mail.eml";
    assert_eq!(
        r.texts(),
        [
            (base, "Please see attached.\n\nA Parent"),
            (
                "letters/la-mail.eml#attachment-response.docx",
                "The attached response."
            ),
            ("letters/la-mail.eml#attachment-notes.txt", "Plain notes."),
            (
                "letters/la-mail.eml#attachment-response.docx (2)",
                "Second copy."
            ),
            ("letters/la-mail.eml#attachment-fwd.eml", "Forwarded body."),
        ]
    );
    // attachments belong to the email's respondent, question and type
    for resp in &r.responses {
        assert_eq!(
            (
                resp.respondent.as_str(),
                resp.question.as_str(),
                resp.respondent_type.as_str()
            ),
            (base, "letter", "Local authority")
        );
        assert_eq!(
            resp.source.as_ref(),
            resp.id,
            "each has its own report entry"
        );
    }
    let f = r.file(base);
    assert_eq!(
        f.note.as_deref(),
        Some("attachments read as responses of their own: letters/la-mail.eml#attachment-response.docx, letters/la-mail.eml#attachment-notes.txt, letters/la-mail.eml#attachment-response.docx (2), letters/la-mail.eml#attachment-fwd.eml")
    );
    assert!(f.problems.is_empty());
    let a = r.file("letters/la-mail.eml#attachment-response.docx");
    assert_eq!((a.role, a.format.as_str()), (Role::Document, "docx"));
    assert_eq!(a.note.as_deref(), Some("attachment of letters/la-mail.eml"));
    assert!(a.problems.is_empty());
    let logo = r.file("letters/la-mail.eml#attachment-logo.png");
    assert_eq!((logo.role, logo.skipped), (Role::Ignored, 0));
    let xl = r.file("letters/la-mail.eml#attachment-data.xlsx");
    assert_eq!((xl.role, xl.skipped), (Role::Unreadable, 1));
    assert!(
        problems(xl)[0].1.contains("is not read as a letter"),
        "{xl:#?}"
    );
    let scan = r.file("letters/la-mail.eml#attachment-scan.pdf");
    assert_eq!(scan.skipped, 1);
    assert!(problems(scan)[0].1.contains("no text layer"));
    // every attachment is accounted for, right after its email
    assert_eq!(
        r.paths(),
        [
            "consultation.toml",
            base,
            "letters/la-mail.eml#attachment-response.docx",
            "letters/la-mail.eml#attachment-notes.txt",
            "letters/la-mail.eml#attachment-response.docx (2)",
            "letters/la-mail.eml#attachment-logo.png",
            "letters/la-mail.eml#attachment-data.xlsx",
            "letters/la-mail.eml#attachment-scan.pdf",
            "letters/la-mail.eml#attachment-fwd.eml",
        ]
    );
}

#[test]
fn letter_ids_are_relative_to_the_consultation_folder() {
    let d = dir(&[
        ("c/consultation.toml", CONSULTATION.as_bytes()),
        ("c/letters/la-x.pdf", &pdf(&[&[&["Hello."]]])),
    ]);
    let consultation = tally_ingest::find_consultation(d.path()).unwrap().unwrap();
    let r = crate::common::run_with(d.path(), Some(&consultation));
    let resp = r.response("letters/la-x.pdf");
    assert_eq!(&*resp.source, "c/letters/la-x.pdf");
    assert_eq!(resp.respondent_type, "Local authority");
}

#[test]
fn a_blank_letter_is_counted_not_read() {
    let d = dir(&[
        ("blank.txt", b" \n\n "),
        ("blank.docx", &docx(&["", "  "])),
        ("blank.html", b"<html><body><p>&nbsp;</p></body></html>"),
    ]);
    let r = run(d.path());
    for path in ["blank.txt", "blank.docx", "blank.html"] {
        let f = r.file(path);
        assert_eq!(
            (f.responses, f.blank_answers, f.skipped),
            (0, 1, 0),
            "{path}"
        );
    }
}

//! Emails saved as `.eml` (RFC 5322 / MIME), parsed with `mail-parser`.
//!
//! The response is the message body: its text parts, or its HTML parts converted to text
//! ([`crate::html`]) when there is no plain text; line endings are normalised to `\n`.
//! Headers (sender, subject) are not part of the text. Attachments are handed back to be
//! read as letters of their own ([`crate::document`]).

use mail_parser::{MessageParser, MimeHeaders};

/// An attachment: its file name (if it has one), MIME type and content.
pub(crate) struct Attachment {
    pub name: Option<String>,
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// What an email gives.
pub(crate) struct Email {
    pub text: String,
    /// The declared charset of the body (lower case), `us-ascii` if none is declared.
    pub charset: String,
    pub attachments: Vec<Attachment>,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Email, String> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.parts.is_empty())
        .ok_or_else(|| "not a readable email (no MIME structure): file not read".to_string())?;
    let mut text = String::new();
    let mut charset = None;
    let has_plain = message.text_bodies().any(|p| !p.is_text_html());
    let bodies: Vec<_> = if has_plain {
        message
            .text_bodies()
            .filter(|p| !p.is_text_html())
            .collect()
    } else {
        message.html_bodies().collect()
    };
    for part in bodies {
        let Some(body) = part.text_contents() else {
            continue;
        };
        let body = if part.is_text_html() {
            crate::html::to_text(body)
        } else {
            body.replace("\r\n", "\n")
        };
        if body.trim().is_empty() {
            continue;
        }
        if charset.is_none() {
            charset = part
                .content_type()
                .and_then(|c| c.attribute("charset"))
                .map(str::to_ascii_lowercase);
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(body.trim_end());
    }
    let attachments = message
        .attachments()
        .map(|part| Attachment {
            name: part.attachment_name().map(str::to_string),
            mime: part.content_type().map_or_else(
                || "application/octet-stream".to_string(),
                |c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase(),
            ),
            bytes: part.contents().to_vec(),
        })
        .collect();
    Ok(Email {
        text,
        charset: charset.unwrap_or_else(|| "us-ascii".to_string()),
        attachments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simple_message_is_its_body() {
        let e = read(b"Subject: hi\r\n\r\nJust text.\r\nSecond line.\r\n").unwrap();
        assert_eq!(e.text, "Just text.\nSecond line.");
        assert_eq!(e.charset, "us-ascii");
        assert!(e.attachments.is_empty());
    }

    #[test]
    fn alternative_parts_prefer_plain_text() {
        let e = read(
            b"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\
              Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
              Caf=E9 plain\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Caf&eacute; html</p>\r\n--b--\r\n",
        )
        .unwrap();
        assert_eq!(e.text, "Caf\u{e9} plain");
        assert_eq!(e.charset, "iso-8859-1");
    }
}

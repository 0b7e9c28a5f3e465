//! Submission timestamps: recognising a column of them and writing new ones that advance
//! steadily across the source's time span.
//!
//! Recognised forms (one per column): `31/01/2023 14:05` (the usual survey-tool export),
//! `2023-01-31 14:05`, `2023-01-31T14:05`, each optionally with `:SS` seconds. A column
//! is a timestamp column when every non-blank value has the same form.

use std::fmt::Write;

/// How a column writes its timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Format {
    /// `DD/MM/YYYY` rather than `YYYY-MM-DD`.
    day_first: bool,
    /// Between date and time: `b' '` or `b'T'`.
    separator: u8,
    /// Whether `:SS` follows the minutes.
    seconds: bool,
}

/// A timestamp column: its format and the first and last instants in the source.
#[derive(Debug, Clone)]
pub(crate) struct DateColumn {
    format: Format,
    first: i64,
    last: i64,
}

impl DateColumn {
    /// The column's format and span, if every non-blank value is a timestamp of one form
    /// (and there is at least one).
    pub(crate) fn detect<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<DateColumn> {
        let mut column: Option<DateColumn> = None;
        for value in values {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let (format, t) = parse(value)?;
            match &mut column {
                None => {
                    column = Some(DateColumn {
                        format,
                        first: t,
                        last: t,
                    })
                }
                Some(c) if c.format == format => {
                    c.first = c.first.min(t);
                    c.last = c.last.max(t);
                }
                Some(_) => return None,
            }
        }
        column
    }

    /// Writes the timestamp of row `i` of `n` to `out`: the first instant for row 0, then
    /// advancing evenly to reach the last instant at row `n - 1`.
    pub(crate) fn write(&self, i: u64, n: u64, out: &mut String) {
        let span = i128::from(self.last - self.first);
        let steps = i128::from(n.saturating_sub(1).max(1));
        let offset = span * i128::from(i) / steps;
        format(self.first + offset as i64, self.format, out);
    }
}

/// Parses one timestamp: its format and seconds since 1970-01-01 00:00.
fn parse(s: &str) -> Option<(Format, i64)> {
    let b = s.as_bytes();
    if b.len() != 16 && b.len() != 19 {
        return None;
    }
    let seconds = b.len() == 19;
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        digits
            .iter()
            .try_fold(0u32, |n, d| Some(n * 10 + u32::from(d - b'0')))
    };
    let (day_first, y, m, d) = if b[2] == b'/' && b[5] == b'/' {
        (true, num(6, 4)?, num(3, 2)?, num(0, 2)?)
    } else if b[4] == b'-' && b[7] == b'-' {
        (false, num(0, 4)?, num(5, 2)?, num(8, 2)?)
    } else {
        return None;
    };
    let separator = b[10];
    if !(separator == b' ' || separator == b'T') || b[13] != b':' || (seconds && b[16] != b':') {
        return None;
    }
    let (hh, mm) = (num(11, 2)?, num(14, 2)?);
    let ss = if seconds { num(17, 2)? } else { 0 };
    if !(1..=12).contains(&m) || hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    let days = days_from_civil(i64::from(y), m, d);
    if civil_from_days(days) != (i64::from(y), m, d) {
        return None; // 31/02 and the like
    }
    let format = Format {
        day_first,
        separator,
        seconds,
    };
    Some((format, days * 86_400 + i64::from(hh * 3600 + mm * 60 + ss)))
}

/// Writes `t` (seconds since 1970) in `format`.
fn format(t: i64, format: Format, out: &mut String) {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    // Writing to a String cannot fail.
    let _ = if format.day_first {
        write!(out, "{d:02}/{m:02}/{y:04}")
    } else {
        write!(out, "{y:04}-{m:02}-{d:02}")
    };
    out.push(char::from(format.separator));
    let _ = write!(out, "{hh:02}:{mm:02}");
    if format.seconds {
        let _ = write!(out, ":{ss:02}");
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `input` and writes it back: `expected` is the round trip, `None` if rejected.
    fn check(input: &str, expected: Option<&str>) {
        let got = parse(input).map(|(f, t)| {
            let mut out = String::new();
            format(t, f, &mut out);
            out
        });
        assert_eq!(got.as_deref(), expected, "{input}");
    }

    #[test]
    fn formats_round_trip() {
        check("02/02/2023 11:00", Some("02/02/2023 11:00"));
        check("29/02/2024 23:59:59", Some("29/02/2024 23:59:59"));
        check("2023-12-31T00:00", Some("2023-12-31T00:00"));
        check("1969-07-20 20:17:40", Some("1969-07-20 20:17:40"));
        check("31/02/2023 10:00", None);
        check("29/02/2023 10:00", None);
        check("02/02/2023 24:00", None);
        check("02-02-2023 11:00", None);
        check("Agree", None);
        check("02/02/2023", None);
    }

    #[test]
    fn column_spans_the_source_and_advances() {
        let c = DateColumn::detect([
            "03/02/2023 10:00",
            "",
            "01/02/2023 10:00",
            "02/02/2023 09:30",
        ])
        .unwrap();
        let stamps: Vec<String> = (0..5)
            .map(|i| {
                let mut s = String::new();
                c.write(i, 5, &mut s);
                s
            })
            .collect();
        assert_eq!(
            stamps,
            [
                "01/02/2023 10:00",
                "01/02/2023 22:00",
                "02/02/2023 10:00",
                "02/02/2023 22:00",
                "03/02/2023 10:00"
            ]
        );
    }

    #[test]
    fn mixed_or_non_dates_are_not_a_column() {
        assert!(DateColumn::detect(["01/02/2023 10:00", "2023-02-01 10:00"]).is_none());
        assert!(DateColumn::detect(["01/02/2023 10:00", "soon"]).is_none());
        assert!(DateColumn::detect(["", " "]).is_none());
    }
}

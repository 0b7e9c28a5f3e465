//! XLSX and ODS workbooks read exactly like CSV exports.

use crate::common::{dir, problems, run, CONSULTATION, WIDE_HEADER};
use crate::fixtures::{csv, edit_part, ods, xlsx, Cell};
use tally_ingest::Role;

use Cell::{Bool, Date, Empty, Error, Num, Str};

fn header() -> Vec<Cell<'static>> {
    WIDE_HEADER.iter().map(|h| Str(h)).collect()
}

/// The wide export of `tables.rs`, as spreadsheet rows (no row has extra fields: a sheet
/// is rectangular).
fn wide_rows() -> Vec<Vec<Cell<'static>>> {
    vec![
        header(),
        vec![
            Str("R1"),
            Str("Parent"),
            Str("agree"),
            Str("We need more money,\nand soon."),
            Empty,
        ],
        vec![
            Str("R2"),
            Str("Council"),
            Str("DISAGREE"),
            Str("   "),
            Str("Caseloads."),
        ],
        vec![Str("R3"), Empty, Str("Maybe"), Str("Unsure."), Empty],
        vec![Empty, Empty, Empty, Empty, Empty],
        vec![Str("R1"), Str("Parent"), Str("Agree"), Str("Again."), Empty],
        vec![Num(42.0), Str("Parent"), Empty, Empty, Str("No id.")],
    ]
}

#[test]
fn an_xlsx_export_reads_like_its_csv() {
    let rows = wide_rows();
    let book = xlsx(&[("Responses", 1, &rows)]);
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("export.xlsx", &book),
    ]);
    let r = run(d.path());
    let f = r.file("export.xlsx");
    assert_eq!(
        (f.role, f.format.as_str(), f.encoding.as_str()),
        (Role::Responses, "xlsx-wide", "binary")
    );
    assert_eq!(
        r.texts(),
        [
            ("R1:Q1", "We need more money,\nand soon."),
            ("R2:Q2", "Caseloads."),
            ("R3:Q1", "Unsure."),
            ("R1#6:Q1", "Again."),
            ("42:Q2", "No id."),
        ]
    );
    // lines are spreadsheet row numbers; the empty row 5 is not a row
    let lines: Vec<u64> = r.responses.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 6, 7]);
    assert_eq!(&*r.responses[0].source, "export.xlsx");
    let closed: Vec<&str> = r
        .closed
        .iter()
        .map(|c| c.answer.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(closed, ["Agree", "Disagree", "Agree"]);
    assert_eq!((f.rows, f.responses, f.blank_answers), (5, 5, 5));
    assert_eq!(
        problems(f),
        [
            (
                Some(4),
                "answer \"Maybe\" to Q1 is not one of Agree / Disagree: answer skipped"
            ),
            (
                Some(6),
                "respondent id \"R1\" already used on line 2: read as R1#6"
            ),
        ]
    );
    assert_eq!(f.sha256.len(), 64);
}

#[test]
fn an_ods_export_reads_like_its_csv() {
    let rows = wide_rows();
    let book = ods(&[("Responses", &rows)]);
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("export.ods", &book),
    ]);
    let r = run(d.path());
    let f = r.file("export.ods");
    assert_eq!(f.format, "ods-wide", "{f:#?}");
    assert_eq!(
        r.texts(),
        [
            ("R1:Q1", "We need more money,\nand soon."),
            ("R2:Q2", "Caseloads."),
            ("R3:Q1", "Unsure."),
            ("R1#6:Q1", "Again."),
            ("42:Q2", "No id."),
        ]
    );
    assert_eq!(f.skipped, 1);
}

#[test]
fn the_same_table_as_csv_xlsx_and_ods_gives_the_same_records() {
    // a long export with no multi-line cells, so lines agree too
    let rows: Vec<Vec<&str>> = vec![
        vec!["id", "question", "text", "respondent_type"],
        vec!["a", "Q1", "First answer.", "Parent"],
        vec!["b", "Q2", "Second, with a comma.", ""],
        vec!["c", "Q1", "", "Council"],
        vec!["d", "", "No question.", ""],
    ];
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| if c.is_empty() { Empty } else { Str(c) })
                .collect()
        })
        .collect();
    let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let d = dir(&[
        ("a.csv", csv(&refs, ',').as_bytes()),
        ("b.xlsx", &xlsx(&[("S", 1, &cells)])),
        ("c.ods", &ods(&[("S", &cells)])),
    ]);
    let r = run(d.path());
    let by_file = |path: &str| {
        r.responses
            .iter()
            .filter(|x| &*x.source == path)
            .map(|x| {
                (
                    // the same ids in three files: the later two are read as FILE/ID
                    x.id.strip_prefix(&format!("{path}/"))
                        .map_or_else(|| x.id.to_string(), str::to_string),
                    x.text.clone(),
                    x.respondent_type.clone(),
                    x.line,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(by_file("a.csv").len(), 2);
    assert_eq!(r.responses[0].id, "a:Q1");
    assert_eq!(r.responses[2].id, "b.xlsx/a:Q1");
    assert_eq!(by_file("a.csv"), by_file("b.xlsx"));
    assert_eq!(by_file("a.csv"), by_file("c.ods"));
    for (path, format) in [
        ("a.csv", "csv-long"),
        ("b.xlsx", "xlsx-long"),
        ("c.ods", "ods-long"),
    ] {
        let f = r.file(path);
        assert_eq!(f.format, format);
        assert_eq!((f.rows, f.blank_answers), (4, 1), "{path}");
        assert_eq!(
            problems(f)[0],
            (Some(5), "no question id: row skipped"),
            "{path}"
        );
        // the later files' answers repeat a.csv's ids: each renamed with a warning
        assert_eq!(f.warnings, if path == "a.csv" { 0 } else { 2 }, "{path}");
    }
}

#[test]
fn the_first_sheet_with_a_usable_header_is_read_and_cells_render_as_text() {
    let cover: Vec<Vec<Cell>> = vec![
        vec![Str("Exported from SmartSurvey")],
        vec![Str("Do not edit")],
    ];
    // the data sheet starts at row 3, after a title row and a blank row
    let data: Vec<Vec<Cell>> = vec![
        vec![Str("Survey export")],
        vec![],
        vec![
            Str("id"),
            Str("question"),
            Str("text"),
            Str("respondent_type"),
        ],
        vec![Num(1.0), Str("Q1"), Num(0.1 + 0.2), Bool(true)],
        vec![Num(2.5), Str("Q1"), Date(45352.5), Str("Parent")],
        vec![Str("x"), Str("Q1"), Error("#N/A"), Str("Parent")],
    ];
    let book = xlsx(&[("Cover", 1, &cover), ("Data", 1, &data), ("Empty", 1, &[])]);
    let d = dir(&[("book.xlsx", &book)]);
    let r = run(d.path());
    let f = r.file("book.xlsx");
    assert_eq!(f.format, "xlsx-long");
    // the cover sheet has no usable header; the data sheet's title row is passed over
    assert_eq!(
        f.note.as_deref(),
        Some("sheet \"Data\" read; not read: \"Cover\", \"Empty\""),
        "{f:#?}"
    );
    assert_eq!(
        r.texts(),
        [("1:Q1", "0.3"), ("2.5:Q1", "2024-03-01 12:00:00")],
        "{f:#?}"
    );
    assert_eq!(r.responses[0].respondent_type, "TRUE");
    assert_eq!(r.responses[0].line, 4);
    assert_eq!(
        problems(f),
        [(
            Some(6),
            "cell C6 (#N/A) is a spreadsheet error: read as blank"
        )]
    );
    assert_eq!((f.blank_answers, f.warnings), (1, 1));
}

#[test]
fn one_cell_at_the_last_position_of_a_sheet_is_one_cell() {
    // issue 19: a cell at XFD1048576 made the reader build a grid of 17 billion cells (an
    // attempted 512 GiB allocation: the process aborted)
    let rows = wide_rows();
    let book = edit_part(
        &xlsx(&[("Responses", 1, &rows)]),
        "xl/worksheets/sheet1.xml",
        |xml| {
            xml.replace(
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>far</t></is></c></row></sheetData>",
            )
        },
    );
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("export.xlsx", &book),
    ]);
    let r = run(d.path());
    let f = r.file("export.xlsx");
    assert_eq!((f.role, f.responses), (Role::Responses, 5), "{f:#?}");
    assert_eq!(r.texts()[0], ("R1:Q1", "We need more money,\nand soon."));
}

#[test]
fn an_ods_row_repeated_into_billions_of_cells_is_reported_not_built() {
    // issue 19: a 1 KB ODS whose one row (a cell repeated 16,384 times) is repeated 6,000
    // times peaked at 7.5 GB
    let book = edit_part(&ods(&[("Sheet1", &wide_rows())]), "content.xml", |xml| {
        xml.replace(
            "</table:table>",
            "<table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>",
        )
    });
    assert!(book.len() < 4096);
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("bomb.ods", &book),
        ("good.csv", b"id,question,text\nG1,Q1,Kept.\n"),
    ]);
    let r = run(d.path());
    assert_eq!(r.texts(), [("G1:Q1", "Kept.")]);
    let f = r.file("bomb.ods");
    assert_eq!((f.role, f.skipped), (Role::Unreadable, 1), "{f:#?}");
    assert_eq!(
        problems(f),
        [(
            None,
            "sheet \"Sheet1\" would expand to 98418688 cells (repeated rows or cells), more than the limit of 4194304: file not read"
        )]
    );
}

#[test]
fn repeated_empty_cells_and_rows_after_the_data_cost_nothing() {
    // what spreadsheet programs write at the end of every sheet: empty rows and cells
    // repeated to the format's limits
    let book = edit_part(&ods(&[("Sheet1", &wide_rows())]), "content.xml", |xml| {
        xml.replace(
            "</table:table>",
            "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row></table:table>",
        )
    });
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("export.ods", &book),
    ]);
    let r = run(d.path());
    assert_eq!(
        r.file("export.ods").responses,
        5,
        "{:#?}",
        r.file("export.ods")
    );
}

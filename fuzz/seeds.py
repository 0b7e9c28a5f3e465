#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets: corpus/<target>/<name>.

Small valid examples of every format (made here, byte for byte the same on every run; the
texts are invented), so the fuzzer starts from inputs that reach deep into each reader.
Run from anywhere: `python3 fuzz/seeds.py`. Standard library only.
"""

import base64
import io
import os
import shutil
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
ROOT = os.path.dirname(HERE)

# the columns of the consultation.toml the fuzz targets read with (fuzz/src/lib.rs)
WIDE_HEADER = ["Response ID", "You are", "Q1: Do you agree?", "Q1: Why?", "Q2: Anything else?", "Q3: Yes or no?"]
WIDE_ROWS = [
    ["R1", "Parent", "Agree", "More respite care, please.", "Funding is not the issue.", "Yes"],
    ["R2", "Council", "disagree", "Caseloads are too high;\nstaff leave.", "N/A", "No"],
    ["R3", "", "Maybe", "Caf\u00e9-style hubs \u2014 \u00a3200m isn't enough.", "", "Yes"],
    ["R1", "Parent", "", "", "A repeated id.", ""],
    ["Total", "", "", "", "", ""],
]
LONG_HEADER = ["id", "question", "text", "respondent_type", "respondent_id"]
LONG_ROWS = [
    ["a1", "Q1", "We need more social workers.", "Parent", "p1"],
    ["a2", "Do you agree?", "Not enough \"money\", frankly.", "Council", "p2"],
    ["a3", "Q9", "An unknown question.", "", ""],
]
PARAGRAPHS = [
    "Dear consultation team,",
    "We are writing about family help. Services are underfunded and we need more money.",
    "Respite for carers matters \u2014 nobody asked us.\tTabbed text.",
    "Yours faithfully,\nA Council",
]
SENTENCES = [
    "Services are underfunded and we need more money.",
    "Funding is not the issue here; caseloads are.",
    "I don't think kinship carers get enough support or an allowance.",
    "Social workers keep leaving: vacancies everywhere, agency staff cost \u00a32.6bn.",
    "Respite respite respite! No respite for disabled kids.",
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u65e5\u672c\u8a9e e.g. Dr. Smith said so. (Or not?)",
]


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def csv_text(rows, delim):
    def cell(c):
        if any(x in c for x in (delim, '"', "\n", "\r")):
            return '"' + c.replace('"', '""') + '"'
        return c

    return "".join(delim.join(cell(c) for c in r) + "\r\n" for r in rows)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def zip_bytes(parts, deflate=False):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if deflate and name != "mimetype" else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def edit_zip(data, name, edit):
    """The zip `data` with its part `name` rewritten by `edit` (text in, text out)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [(n, z.read(n)) for n in z.namelist()]
    return zip_bytes([(n, edit(d.decode("utf-8")) if n == name else d) for n, d in parts])


def docx(paragraphs, deflate=False):
    body = ""
    for p in paragraphs:
        body += '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>'
        for i, line in enumerate(p.split("\n")):
            if i:
                body += "<w:r><w:br/></w:r>"
            for j, run in enumerate(line.split("\t")):
                if j:
                    body += "<w:r><w:tab/></w:r>"
                body += '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(run)
        body += "</w:p>"
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body>%s<w:sectPr/></w:body></w:document>" % body
    )
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    return zip_bytes([("[Content_Types].xml", types), ("word/document.xml", document)], deflate)


def odt(paragraphs):
    body = ""
    for i, p in enumerate(paragraphs):
        tag = "text:h" if i == 0 else "text:p"
        inner = esc(p).replace("\n", "<text:line-break/>").replace("\t", "<text:tab/>")
        body += "<%s>%s</%s>" % (tag, inner, tag)
    body += '<text:list><text:list-item><text:p>A list item<text:s text:c="3"/>spaced</text:p></text:list-item></text:list>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        "<office:body><office:text>%s</office:text></office:body></office:document-content>" % body
    )
    return zip_bytes([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content)])


def col(i):
    s = ""
    while True:
        s = chr(ord("A") + i % 26) + s
        if i < 26:
            return s
        i = i // 26 - 1


def xlsx(sheets):
    """sheets: [(name, first_row, rows)]; a cell is a str, int/float, bool, or ("date", n)."""
    parts, sheet_list, rels, overrides = [], "", "", ""
    for n, (name, first_row, rows) in enumerate(sheets, 1):
        sheet_list += '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (esc(name), n, n)
        rels += (
            '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet%d.xml"/>' % (n, n)
        )
        overrides += (
            '<Override PartName="/xl/worksheets/sheet%d.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % n
        )
        data = ""
        for i, row in enumerate(rows):
            r = first_row + i
            data += '<row r="%d">' % r
            for j, c in enumerate(row):
                at = "%s%d" % (col(j), r)
                if c == "" or c is None:
                    continue
                if isinstance(c, bool):
                    data += '<c r="%s" t="b"><v>%d</v></c>' % (at, int(c))
                elif isinstance(c, (int, float)):
                    data += '<c r="%s"><v>%s</v></c>' % (at, c)
                elif isinstance(c, tuple):
                    data += '<c r="%s" s="1"><v>%s</v></c>' % (at, c[1])
                else:
                    data += '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (at, esc(c))
            data += "</row>"
        parts.append(
            (
                "xl/worksheets/sheet%d.xml" % n,
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                "<sheetData>%s</sheetData></worksheet>" % data,
            )
        )
    parts.append(
        (
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "%s</Types>" % overrides,
        )
    )
    parts.append(
        (
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
    )
    parts.append(
        (
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets></workbook>' % sheet_list,
        )
    )
    parts.append(
        (
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
            % rels,
        )
    )
    parts.append(
        (
            "xl/styles.xml",
            '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
        )
    )
    return zip_bytes(parts)


def ods(sheets):
    body = ""
    for name, rows in sheets:
        body += '<table:table table:name="%s">' % esc(name)
        for row in rows:
            body += "<table:table-row>"
            for c in row:
                if c == "" or c is None:
                    body += "<table:table-cell/>"
                elif isinstance(c, bool):
                    v = "true" if c else "false"
                    body += (
                        '<table:table-cell office:value-type="boolean" office:boolean-value="%s">'
                        "<text:p>%s</text:p></table:table-cell>" % (v, v)
                    )
                elif isinstance(c, (int, float)):
                    body += (
                        '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>'
                        % (c, c)
                    )
                elif isinstance(c, tuple):
                    body += (
                        '<table:table-cell office:value-type="date" office:date-value="2024-03-01">'
                        "<text:p>01/03/2024</text:p></table:table-cell>"
                    )
                else:
                    body += '<table:table-cell office:value-type="string">%s</table:table-cell>' % "".join(
                        "<text:p>%s</text:p>" % esc(line) for line in c.split("\n")
                    )
            body += "</table:table-row>"
        body += '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>'
        body += "</table:table>"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document-content>" % body
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    return zip_bytes(
        [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("META-INF/manifest.xml", manifest), ("content.xml", content)]
    )


def pdf_string(s):
    b = s.encode("cp1252")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(pages):
    """pages: [[paragraph: [line]]]; WinAnsi Helvetica, TJ arrays with word gaps."""
    objects = {}  # number -> bytes
    font, resources, pages_id = 1, 2, 3
    objects[font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects[resources] = b"<< /Font << /F1 1 0 R >> >>"
    kids = []
    n = 4
    for paragraphs in pages:
        ops = [b"BT", b"/F1 12 Tf", b"14 TL", b"72 770 Td"]
        for i, lines in enumerate(paragraphs):
            if i:
                ops.append(b"0 -24 Td")
            for j, line in enumerate(lines):
                if j:
                    ops.append(b"T*")
                arr = b" -250 ".join(pdf_string(w) for w in line.split(" "))
                ops.append(b"[" + arr + b"] TJ")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects[n] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objects[n + 1] = b"<< /Type /Page /Parent 3 0 R /Contents %d 0 R >>" % n
        kids.append(n + 1)
        n += 2
    objects[pages_id] = (
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d" % len(kids)
        + b" /Resources 2 0 R /MediaBox [0 0 595 842] >>"
    )
    catalog = n
    objects[catalog] = b"<< /Type /Catalog /Pages 3 0 R >>"
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, catalog, xref)
    return bytes(out)


def b64(data):
    s = base64.b64encode(data).decode("ascii")
    return "\r\n".join(s[i : i + 76] for i in range(0, len(s), 76))


def eml(body_mime, body, attachments):
    s = (
        "From: A Parent <parent@example.org>\r\nTo: consultation@example.gov.uk\r\n"
        "Subject: My response\r\nDate: Mon, 4 Mar 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\n'
    )
    s += 'Content-Type: %s; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n' % (
        body_mime,
        b64(body.encode("utf-8")),
    )
    for name, mime, data in attachments:
        s += (
            '--XYZ\r\nContent-Type: %s; name="%s"\r\nContent-Disposition: attachment; filename="%s"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n" % (mime, name, name, b64(data))
        )
    s += "--XYZ--\r\n"
    return s.encode("utf-8")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    letter = "\n\n".join(PARAGRAPHS) + "\n"

    # tables
    write("csv", "wide.csv", csv_text([WIDE_HEADER] + WIDE_ROWS, ","))
    write("csv", "wide-semicolon-bom.csv", "\ufeff" + csv_text([WIDE_HEADER] + WIDE_ROWS, ";"))
    write("csv", "wide-cp1252.csv", csv_text([WIDE_HEADER] + WIDE_ROWS[:2] + [["R9", "Parent", "Agree", "Caf\u00e9 \u2014 \u00a3 \u20ac", "", "No"]], ",").encode("cp1252"))
    write("csv", "long.csv", csv_text([LONG_HEADER] + LONG_ROWS, ","))
    write("csv", "long-utf16.csv", b"\xff\xfe" + csv_text([LONG_HEADER[:3]] + [r[:3] for r in LONG_ROWS], ",").encode("utf-16-le"))
    write("tsv", "wide.tsv", csv_text([WIDE_HEADER] + WIDE_ROWS, "\t"))
    write("tsv", "long.tsv", csv_text([LONG_HEADER] + LONG_ROWS, "\t"))
    jsonl = (
        '{"id":"a1","respondent_type":"Parent","question":"Q1","text":"More funding.","answer":"Agree"}\n'
        '{"id":"a2","question":"Q2","text":"N/A"}\n'
        '{"id":"a3","respondent_id":"p1","question":"Q9","text":"Caf\\u00e9 \u2014 \u00a3200m"}\n'
        "not json\n"
        '{"id":"a1","question":"Q1","text":"repeated id"}\n'
        "\n"
        '[1,2,3]\n'
    )
    write("jsonl", "responses.jsonl", jsonl)

    # letters
    write("txt", "letter.txt", letter)
    write("txt", "letter-crlf-bom.txt", "\ufeff" + letter.replace("\n", "\r\n"))
    write("txt", "letter-cp1252.txt", "Caf\u00e9 \u2014 \u00a3200m is \u201cnot enough\u201d.\n\nRegards\n".encode("cp1252"))
    write("txt", "letter-utf16be.txt", b"\xfe\xff" + letter.encode("utf-16-be"))
    write(
        "md",
        "letter.md",
        "# Our response\n\n**Dear team**, we think *family help* needs [funding](https://example.org).\n\n"
        "- kinship allowance\n- respite\n\n> quoted text\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    )
    write(
        "html",
        "letter.html",
        "<!DOCTYPE html><html><head><title>Response</title><style>p{color:red}</style>"
        "<script>var x = '<p>';</script></head><body><h1>Our response</h1>"
        "<p>Services are &amp; were <b>underfunded</b>&nbsp;&#8212; &pound;200m&#x21;</p>"
        "<ul><li>respite</li><li>allowance</li></ul><br><div>Yours,<br/>A&nbsp;Council</div>"
        "<!-- a comment --><table><tr><td>1</td><td>2</td></tr></table></body></html>",
    )
    write("docx", "letter.docx", docx(PARAGRAPHS))
    write("docx", "letter-deflated.docx", docx(PARAGRAPHS[:2], deflate=True))
    write("odt", "letter.odt", odt(PARAGRAPHS))
    write("pdf", "letter.pdf", pdf([[["Dear team,"], ["Services are underfunded and", "we need more money."]], [["Caf\u00e9 \u2014 \u00a3200m.", "Yours"]]]))
    body = "Dear team,\r\n\r\nWe need more respite.\r\n"
    write(
        "eml",
        "with-attachments.eml",
        eml(
            "text/plain",
            body,
            [
                ("reply.txt", "text/plain", "An attached letter about funding.\n".encode()),
                ("reply.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx(PARAGRAPHS[:2])),
                ("logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            ],
        ),
    )
    write("eml", "html-body.eml", eml("text/html", "<p>Dear team,</p><p>We need <b>more</b> money.</p>", []))
    write(
        "eml",
        "plain.eml",
        "From: someone@example.org\r\nSubject: =?utf-8?q?Caf=C3=A9?=\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 soft=\r\nbreak and more funding.\r\n",
    )

    # workbooks
    sheet = [WIDE_HEADER] + [[c for c in r] for r in WIDE_ROWS] + [["R4", "Parent", "Agree", 42, True, ("date", 45352)]]
    long_sheet = [["A title row"], []] + [LONG_HEADER] + LONG_ROWS
    write("xlsx", "wide.xlsx", xlsx([("Responses", 1, sheet)]))
    write("xlsx", "two-sheets.xlsx", xlsx([("Long", 3, long_sheet), ("Empty", 1, [])]))
    write("ods", "wide.ods", ods([("Responses", sheet)]))
    write("ods", "long.ods", ods([("Long", long_sheet)]))
    # sparse and repeated cells (issue 19): one cell at a sheet's last position; a valued
    # ODS cell repeated across a row that is itself repeated
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'
    write("xlsx", "sparse.xlsx", edit_zip(xlsx([("Long", 1, [LONG_HEADER] + LONG_ROWS)]), "xl/worksheets/sheet1.xml",
                                          lambda x: x.replace("</sheetData>", far)))
    repeated = ('<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" '
                'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>')
    write("ods", "repeated.ods", edit_zip(ods([("Long", [LONG_HEADER] + LONG_ROWS)]), "content.xml",
                                          lambda x: x.replace("</table:table>", repeated, 1)))
    # a whole folder: files split at 0xFF, each led by a byte naming its extension
    # (0 csv, 2 jsonl, 8 xlsx, 9 ods: fuzz/src/lib.rs)
    long_csv = csv_text([LONG_HEADER] + LONG_ROWS, ",").encode("utf-8")
    jsonl_line = b'{"id":"j1","question":"Q1","text":"More funding."}\n'
    write("folder", "mixed", b"\x00" + long_csv + b"\xff\x02" + jsonl_line + b"\xff\x00id,question,text\na,Q1,x\x00y\n")

    # settings and text
    with open(os.path.join(ROOT, "corpus", "stable-homes", "consultation.toml"), "rb") as f:
        write("consultation_toml", "stable-homes.toml", f.read())
    with open(os.path.join(HERE, "src", "lib.rs"), encoding="utf-8") as f:
        src = f.read()
    start = src.index('r#"', src.index("pub const CONSULTATION")) + 3
    write("consultation_toml", "fuzz.toml", src[start : src.index('"#;', start)])
    write(
        "consultation_toml",
        "long.toml",
        'title = "Long"\n[respondents]\nid_column = "Respondent"\n\n[long]\nid_column = "Comment ID"\n'
        'question_column = "Question"\ntext_column = "Comment"\n\n[[questions]]\nid = "Q1"\ntext = "Any comments?"\nkind = "open"\n\n'
        'ignore = ["notes/**"]\ngold = ["human-*.csv"]\n',
    )
    with open(os.path.join(ROOT, "corpus", "stable-homes", "codebook.toml"), "rb") as f:
        write("codebook_toml", "stable-homes.toml", f.read())
    write(
        "codebook_toml",
        "small.toml",
        'name = "demo"\nnegation_window = 2\n\n[[themes]]\nid = "funding"\nlabel = "More funding needed"\n'
        'questions = ["Q1", "Q2"]\nunless = ["fund raising"]\n\n[[themes.rules]]\nname = "words"\n'
        'match = ["fund", "underfund*", "more money", "drop in the ocean"]\n\n[[themes.rules]]\nname = "near"\n'
        'near = [["staff", "social worker*"], ["leave", "leaving", "caseload*"]]\nwithin = 5\nnegation = false\n\n'
        '[[themes.rules]]\nname = "money"\nregex = \'\u00a3\\s?\\d+(m|bn)\'\nquestions = ["Q1"]\n',
    )
    for i, s in enumerate(SENTENCES):
        write("matcher_text", "s%d.txt" % i, s)
    write("matcher_text", "all.txt", " ".join(SENTENCES) + "\n\n" + letter)


if __name__ == "__main__":
    main()

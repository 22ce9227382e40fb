"""Hostile and careless list files, written small into a folder: the reliability fixtures.

Each generator writes one file and returns its path. The files are a few KB (the
colspan page 1 MB), yet each once cost gigabytes, minutes or a traceback. The
reliability tests and ``benchmarks/reliability.py`` both use these, so what is
measured is what is tested.

Workbooks are written part by part (not with openpyxl), so a file can claim what a
real export claims (``<dimension ref="A1:XFD1048576"/>``), merge what a real export
merges, or carry XML no library would write.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["HEADER", "HOSTILE", "ROWS", "Hostile", "list_text", "write_all", "xlsx"]

HEADER = ["序号", "事项名称", "权力类型", "实施主体", "实施依据", "备注"]
ROWS = [
    ["1", "对骗取医保基金的处罚", "行政处罚", "甲市医疗保障局", "《中华人民共和国社会保险法》第八十七条", ""],
    ["2", "医疗救助金给付", "行政给付", "甲市医疗保障局", "《社会救助暂行办法》第二十七条", ""],
]
TITLE = "甲市医疗保障局权责清单"


def list_text(rows: list[list[str]] | None = None, title: str = TITLE) -> str:
    """A small, valid tab-separated list."""
    lines = [title, "\t".join(HEADER), *("\t".join(r) for r in (ROWS if rows is None else rows))]
    return "\n".join(lines) + "\n"


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _column(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sheet_data(rows: list[list[str]]) -> str:
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
            for c, value in enumerate(row, start=1)
            if value
        )
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def xlsx(
    path: Path,
    *,
    dimension: str = "A1:F4",
    extra_rows: str = "",
    merges: tuple[str, ...] = (),
    sheet_xml: str | None = None,
) -> Path:
    """A one-sheet workbook with the title, header and :data:`ROWS`, and whatever it is told to claim."""
    rows = [[TITLE], HEADER, *ROWS]
    merge_xml = (
        f'<mergeCells count="{len(merges)}">'
        + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
        + "</mergeCells>"
        if merges
        else ""
    )
    sheet = sheet_xml or (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{_sheet_data(rows)}{extra_rows}</sheetData>'
        f"{merge_xml}</worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def far_cell(folder: Path) -> Path:
    """A list whose sheet claims A1:XFD1048576 and holds one cell there (formatting to the last cell)."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(folder / "far_cell.xlsx", dimension="A1:XFD1048576", extra_rows=far)


def merged_range(folder: Path) -> Path:
    """A list with one merged range F1:XFD1048576 (the 备注 column merged to the sheet's end)."""
    return xlsx(folder / "merged_range.xlsx", dimension="A1:XFD1048576", merges=("F2:XFD1048576",))


def corrupt_xlsx(folder: Path) -> Path:
    """A workbook whose sheet XML stops in the middle of a row."""
    return xlsx(folder / "corrupt.xlsx", sheet_xml=f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r=')


def xxe_xlsx(folder: Path) -> Path:
    """A workbook whose sheet declares an external entity reading /etc/passwd."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<worksheet xmlns="{_MAIN}"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>{_sheet_data([HEADER, *ROWS])}'
        "</sheetData></worksheet>"
    )
    return xlsx(folder / "xxe.xlsx", sheet_xml=sheet)


def billion_laughs_xlsx(folder: Path) -> Path:
    """A workbook whose sheet expands one entity to 10⁹ "lol"s."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [{entities}]>'
        f'<worksheet xmlns="{_MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return xlsx(folder / "billion_laughs.xlsx", sheet_xml=sheet)


def colspan_html(folder: Path, size: int = 1 << 20) -> Path:
    """A 1 MB page: a real header, then rows of cells that each claim ``colspan=1000``."""
    head = "<html><body><table><tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    row = '<tr><td>9</td><td colspan="1000">宽</td><td colspan="1000">宽</td></tr>'
    body = row * max(1, (size - len(head)) // len(row))
    path = folder / "colspan.html"
    path.write_text(head + body + "</table></body></html>", encoding="utf-8")
    return path


def rowspan_html(folder: Path) -> Path:
    """A page whose first item claims ``rowspan=2147483647`` in every column."""
    head = "<html><body><table><tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    first = "<tr>" + "".join(f'<td rowspan="2147483647">{v}</td>' for v in ROWS[0]) + "</tr>"
    path = folder / "rowspan.html"
    path.write_text(head + first + "<tr></tr>" * 50 + "</table></body></html>", encoding="utf-8")
    return path


def long_cell_csv(folder: Path, length: int = (1 << 20) + 10) -> Path:
    """A CSV list whose first item's 实施依据 is longer than any cell read (the second item is fine)."""
    rows = [HEADER, [*ROWS[0][:4], "依" * length, ""], ROWS[1]]
    path = folder / "long_cell.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def csv_limit_cell(folder: Path) -> Path:
    """A CSV list with a 200,000-character cell: over the csv module's default field limit, under ours."""
    rows = [HEADER, [*ROWS[0][:4], "《中华人民共和国社会保险法》第八十七条" + "。" * 200_000, ""], ROWS[1]]
    path = folder / "csv_limit.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def bom_bad_byte(folder: Path) -> Path:
    """A UTF-8 BOM followed by a byte that is not UTF-8."""
    path = folder / "bom_bad.csv"
    path.write_bytes(b"\xef\xbb\xbf" + list_text().encode("utf-8")[:30] + b"\xff\xfe" + b"rest\n")
    return path


Hostile = Callable[[Path], Path]

HOSTILE: dict[str, tuple[Hostile, int]] = {
    "far_cell.xlsx": (far_cell, 0),
    "merged_range.xlsx": (merged_range, 0),
    "corrupt.xlsx": (corrupt_xlsx, 2),
    "xxe.xlsx": (xxe_xlsx, 2),
    "billion_laughs.xlsx": (billion_laughs_xlsx, 2),
    "colspan.html": (colspan_html, 0),
    "rowspan.html": (rowspan_html, 0),
    "long_cell.csv": (long_cell_csv, 0),
    "csv_limit.csv": (csv_limit_cell, 0),
    "bom_bad.csv": (bom_bad_byte, 2),
}
"""File name → (generator, the exit code ``kg ingest`` must give it)."""


def write_all(folder: Path) -> dict[str, Path]:
    """Every hostile file, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: make(folder) for name, (make, _) in HOSTILE.items()}

"""Readers: each turns one file format into :class:`~kg.ingest.rows.RawRow` objects.

Tab-separated text exports (with title line, repeated headers, blank lines and
markdown rules), CSV, XLSX (merged cells filled from their top-left cell, every
sheet) and HTML pages with ``<table>`` (rowspan and colspan expanded). Row repair
and record building are shared in :mod:`kg.ingest.rows`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from kg.ingest.encoding import decode_bytes
from kg.ingest.errors import NotAPowerList
from kg.ingest.htmltext import element_text
from kg.ingest.rows import RawRow

__all__ = ["csv_rows", "html_rows", "text_rows", "xlsx_rows"]

CSV_DELIMITERS = ",;\t"
MAX_SPAN = 1000
"""Largest rowspan/colspan taken at its word; bigger values are typos or attacks."""


def text_rows(text: str) -> Iterator[RawRow]:
    """Rows of a tab-separated export; markdown pipe tables are read too.

    Examples:
        >>> [r.cells for r in text_rows("标题\\n\\n序号\\t名称\\n1\\t甲")]
        [['标题'], [''], ['序号', '名称'], ['1', '甲']]
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pipes = not any("\t" in line for line in lines) and sum(line.count("|") >= 2 for line in lines) >= 2
    for number, line in enumerate(lines, start=1):
        if pipes and line.strip().startswith("|"):
            yield RawRow(number, [c.strip() for c in line.strip().strip("|").split("|")])
        else:
            yield RawRow(number, line.split("\t"))


def csv_rows(text: str) -> Iterator[RawRow]:
    """Rows of a CSV file; the delimiter (, ; or tab) is sniffed from the first lines."""
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    start = 1
    for cells in reader:
        yield RawRow(start, cells)
        start = reader.line_num + 1


def xlsx_rows(path: Path) -> Iterator[RawRow]:
    """Rows of every sheet of a workbook, merged cells filled from their top-left cell.

    Raises:
        NotAPowerList: the file is not a readable workbook.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise NotAPowerList(path, f"not a readable XLSX workbook ({exc})") from exc
    several = len(workbook.worksheets) > 1
    for sheet in workbook.worksheets:
        grid = [[_cell_str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            value = _cell_str(sheet.cell(merged.min_row, merged.min_col).value)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = value
        for number, cells in enumerate(grid, start=1):
            yield RawRow(number, cells, sheet.title if several else None)
    workbook.close()


def _cell_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def html_title(root: lxml_html.HtmlElement) -> str | None:
    """The page's list title: <caption>, <h1>–<h3>, or <title>."""
    for xpath in ("//caption", "//h1", "//h2", "//h3", "//title"):
        for element in root.xpath(xpath):
            text = element.text_content().strip()
            if text:
                return text
    return None


def html_rows(data: bytes, source: Path) -> tuple[list[RawRow], str | None]:
    """Rows of every ``<table>`` in a page, spans expanded, and the page's title.

    Raises:
        NotAPowerList: the page has no table.
    """
    text, _ = decode_bytes(data, source)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise NotAPowerList(source, f"not a readable HTML page ({exc})") from exc
    tables = root.xpath("//table[not(ancestor::table)]")
    if not tables:
        raise NotAPowerList(source, "an HTML page without a <table>; expected the list as a table")
    rows: list[RawRow] = []
    for table in tables:
        rows.extend(_table_rows(table))
    return rows, html_title(root)


def _span(element: lxml_html.HtmlElement, name: str) -> int:
    try:
        return max(1, min(int(element.get(name, "1")), MAX_SPAN))
    except ValueError:
        return 1


def _table_rows(table: lxml_html.HtmlElement) -> list[RawRow]:
    carry: dict[int, tuple[int, str]] = {}
    out: list[RawRow] = []
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        cells: list[str] = []
        column = 0
        queue = list(tr.xpath("./td|./th"))
        while queue or column in carry:
            if column in carry:
                left, value = carry[column]
                cells.append(value)
                carry[column] = (left - 1, value)
                if left - 1 <= 0:
                    del carry[column]
                column += 1
                continue
            cell = queue.pop(0)
            value = element_text(cell)
            for _ in range(_span(cell, "colspan")):
                cells.append(value)
                rows_left = _span(cell, "rowspan") - 1
                if rows_left > 0:
                    carry[column] = (rows_left, value)
                column += 1
        out.append(RawRow(tr.sourceline or 0, cells))
    return out

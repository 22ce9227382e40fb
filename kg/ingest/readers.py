"""Readers: each turns one file format into :class:`~kg.ingest.rows.RawRow` objects.

Tab-separated text exports (with title line, repeated headers, blank lines and
markdown rules), CSV, XLSX (merged cells filled from their top-left cell, every
sheet) and HTML pages with ``<table>`` (rowspan and colspan expanded). Row repair
and record building are shared in :mod:`kg.ingest.rows`.

Work is bounded by what a file holds, not by what it claims: a 5 KB workbook may
declare its used range as ``A1:XFD1048576`` (real exports carry formatting to the
sheet's last cell) or merge ``F1:XFD1048576``, and an HTML cell may say
``colspan=1000``. So workbooks are streamed in read-only mode and only cells that
hold values are kept, merged ranges are filled only inside the range that holds
values (and at most :data:`MAX_MERGED_FILL` cells), spans are capped (each, and all
of a page's together at :data:`MAX_SPAN_FILL` copied cells), rows are cut
at :data:`MAX_COLUMNS`, and each cut is reported as a row note.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from openpyxl.utils.cell import range_boundaries

from kg.ingest.encoding import decode_bytes
from kg.ingest.errors import NotAPowerList
from kg.ingest.htmltext import element_text
from kg.ingest.rows import RawRow

__all__ = ["csv_rows", "html_rows", "text_rows", "xlsx_rows"]

CSV_DELIMITERS = ",;\t"
MAX_SPAN = 1000
"""Largest rowspan taken at its word; bigger values are typos or attacks."""
MAX_COLUMNS = 64
"""Widest row read (a 权责清单 has about 15 columns); cells beyond are dropped with a note, and a
colspan is capped at this."""
MAX_SPAN_FILL = 100_000
"""Most cells a page's rowspan/colspan may copy in all (a real list's spans copy a few thousand)."""
MAX_MERGED_FILL = 1_000_000
"""Most cells a workbook's merged ranges may fill in all (each range is also clipped to the used range)."""
MAX_XLSX_UNPACKED = 512 << 20
"""Largest total a workbook's parts may unpack to (a zip bomb claims far more)."""
CSV_FIELD_LIMIT = 64 << 20
"""The csv module's field limit, raised from 131,072 so that an over-long cell is a row error
(:data:`kg.ingest.rows.MAX_CELL_CHARS`), not an exception that ends the file."""

csv.field_size_limit(CSV_FIELD_LIMIT)


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
    try:
        for cells in reader:
            yield RawRow(start, cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        yield RawRow(
            start, [], problem=f"CSV cannot be read from here on ({exc}); the rest of the file skipped"
        )


def xlsx_rows(path: Path) -> list[RawRow]:
    """Rows of every sheet of a workbook, merged cells filled from their top-left cell.

    Only the cells that hold values are read (see the module docstring); a note row
    says when a sheet claims a larger range, or when cells or merges were cut.

    Raises:
        NotAPowerList: the file is not a readable workbook (not a zip, corrupt or
            hostile XML inside, too large unpacked).
    """
    from openpyxl import load_workbook

    _check_unpacked_size(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl and expat raise many kinds for corrupt parts
        raise NotAPowerList(path, f"not a readable XLSX workbook ({_why(exc)})") from exc
    try:
        sheets = list(workbook.worksheets)
        rows: list[RawRow] = []
        for sheet in sheets:
            rows.extend(_sheet_rows(workbook, sheet, sheet.title if len(sheets) > 1 else None))
        return rows
    except NotAPowerList:
        raise
    except Exception as exc:
        raise NotAPowerList(path, f"not a readable XLSX workbook ({_why(exc)})") from exc
    finally:
        workbook.close()


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _check_unpacked_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise NotAPowerList(path, f"not a readable XLSX workbook ({_why(exc)})") from exc
    if total > MAX_XLSX_UNPACKED:
        raise NotAPowerList(
            path, f"the workbook unpacks to {total >> 20} MB, more than the {MAX_XLSX_UNPACKED >> 20} MB read"
        )


def _sheet_rows(workbook: Any, sheet: Any, title: str | None) -> list[RawRow]:
    """One read-only sheet, streamed: sparse rows of the cells with values, then merges filled."""
    from openpyxl.worksheet._reader import WorkSheetParser

    values: dict[int, dict[int, str]] = {}
    dropped = 0
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for index, cells in parser.parse():
            row: dict[int, str] = {}
            for cell in cells:
                text = _cell_str(cell["value"])
                if not text.strip():
                    continue
                if cell["column"] > MAX_COLUMNS:
                    dropped += 1
                    continue
                row[cell["column"]] = text
            if row:
                values[index] = row
        merges = list(parser.merged_cells.mergeCell) if parser.merged_cells else []
    notes = _fill_merges(values, merges)
    if dropped:
        notes.append(f"{dropped} cell(s) beyond column {MAX_COLUMNS} dropped")
    claimed = (sheet.max_row or 0, sheet.max_column or 0)
    used = (max(values, default=0), max((max(r) for r in values.values()), default=0))
    if claimed[0] > used[0] or claimed[1] > used[1]:
        notes.append(
            f"the sheet claims {claimed[0]} rows × {claimed[1]} columns; "
            f"read the {used[0]} × {used[1]} that hold values"
        )
    out = [RawRow(0, [], title, problem=note, kind="bounded_read") for note in notes]
    for index in sorted(values):
        row = values[index]
        out.append(RawRow(index, [row.get(column, "") for column in range(1, max(row) + 1)], title))
    return out


def _fill_merges(values: dict[int, dict[int, str]], merges: list[Any]) -> list[str]:
    """Copy each merged range's top-left value into its cells, inside the range that holds values."""
    if not values:
        return []
    last_row = max(values)
    last_column = min(MAX_COLUMNS, max(max(r) for r in values.values()))
    budget, clipped = MAX_MERGED_FILL, 0
    for merge in merges:
        bounds = getattr(merge, "ref", None) or str(merge)
        try:
            min_col, min_row, max_col, max_row = range_boundaries(str(bounds))
        except (ValueError, TypeError):
            continue
        value = values.get(min_row, {}).get(min_col)
        if value is None:
            continue
        rows = range(min_row, min(max_row, last_row) + 1)
        columns = range(min_col, min(max_col, last_column) + 1)
        if max_row > last_row or max_col > last_column:
            clipped += 1
        if len(rows) * len(columns) > budget:
            return [f"merged ranges would fill more than {MAX_MERGED_FILL} cells; the rest left unfilled"]
        budget -= len(rows) * len(columns)
        for r in rows:
            target = values.setdefault(r, {})
            for c in columns:
                target.setdefault(c, value)
    return (
        [f"{clipped} merged range(s) reach past the cells that hold values; filled only inside"]
        if clipped
        else []
    )


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
    budget = _SpanBudget(MAX_SPAN_FILL)
    for table in tables:
        rows.extend(_table_rows(table, budget))
    if budget.exhausted:
        rows.insert(
            0,
            RawRow(
                0,
                [],
                problem=f"the page's rowspan/colspan claim more than {MAX_SPAN_FILL:,} copied cells; "
                "later spans taken as 1",
                kind="bounded_read",
            ),
        )
    return rows, html_title(root)


@dataclass
class _SpanBudget:
    """Cells a page's spans may still copy; once spent, spans count as 1."""

    left: int
    exhausted: bool = False

    def take(self, cells: int) -> bool:
        if cells <= 0:
            return True
        if self.exhausted or cells > self.left:
            self.exhausted = True
            return False
        self.left -= cells
        return True


def _span(element: lxml_html.HtmlElement, name: str) -> int:
    limit = MAX_COLUMNS if name == "colspan" else MAX_SPAN
    try:
        return max(1, min(int(element.get(name, "1")), limit))
    except ValueError:
        return 1


def _table_rows(table: lxml_html.HtmlElement, budget: _SpanBudget) -> list[RawRow]:
    carry: dict[int, tuple[int, str]] = {}
    out: list[RawRow] = []
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        cells: list[str] = []
        column = 0
        queue = deque(tr.xpath("./td|./th"))
        while (queue or column in carry) and column < MAX_COLUMNS:
            if column in carry:
                left, value = carry[column]
                if not budget.take(1):
                    carry.clear()
                    continue
                cells.append(value)
                carry[column] = (left - 1, value)
                if left - 1 <= 0:
                    del carry[column]
                column += 1
                continue
            cell = queue.popleft()
            value = element_text(cell)
            rows_left = _span(cell, "rowspan") - 1
            copies = min(_span(cell, "colspan"), MAX_COLUMNS - column)
            if not budget.take(copies - 1):
                copies, rows_left = 1, 0
            for _ in range(copies):
                cells.append(value)
                if rows_left > 0:
                    carry[column] = (rows_left, value)
                column += 1
        if queue:
            out.append(
                RawRow(
                    tr.sourceline or 0,
                    [],
                    problem=f"cells beyond column {MAX_COLUMNS} dropped",
                    kind="bounded_read",
                )
            )
        out.append(RawRow(tr.sourceline or 0, cells))
    return out

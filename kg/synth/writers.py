"""Write one list's rows as tab-separated text, CSV or XLSX, streaming and atomically.

Each writer pulls rows from an iterator and writes them at once, to a temporary file
renamed into place at the end, so a failed run never leaves a half-written list.
The text writer reproduces the web-export quirks of the samples: two blank lines and a
title first, header blocks repeated after blank lines (天水), rows missing 备注 or
with 行使主体 and 实施依据 joined by a space, and a ``----`` rule row (瓜州).
"""

from __future__ import annotations

import csv
import datetime
import os
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from random import Random
from typing import Any

import regex

from kg.atomic import atomic_write
from kg.synth.plan import ListSpec
from kg.synth.rows import Row
from kg.synth.tables import Layout, layouts

__all__ = ["WRITERS", "write_list"]

FIXED_TIME = (2024, 1, 1, 0, 0, 0)
"""Timestamp stamped into XLSX archives and properties, so equal seeds give equal bytes."""

_CELL_BREAKS = regex.compile(r"[\t\r\n]+")


def _cells(row: Row, layout: Layout, short_agency: bool) -> list[str]:
    if short_agency:
        row = {**row, "agency": row["agency_short"]}
    return [row[c] for c in layout.columns]


def _txt_lines(
    spec: ListSpec, rows: Iterable[Row], layout: Layout, rng: Random, short_agency: bool
) -> Iterator[str]:
    header = "\t".join(layout.headers)
    yield f"\n\n{spec.title}\n\n{header}"
    remark_at = layout.columns.index("remark") if "remark" in layout.columns else -1
    basis_at = layout.columns.index("basis")
    rule_after = rng.randrange(spec.items) if rng.random() < layout.rule else -1
    block_left = rng.randint(1, 3)
    for k, row in enumerate(rows):
        if block_left == 0:
            yield "\n" + header if rng.random() < layout.repeat_header else ""
            block_left = rng.randint(1, 3)
        block_left -= 1
        cells = [
            _CELL_BREAKS.sub(" ", c) if "\n" in c or "\t" in c else c
            for c in _cells(row, layout, short_agency)
        ]
        if rng.random() < layout.join_agency_basis and basis_at > 0:
            cells[basis_at - 1 : basis_at + 1] = [f"{cells[basis_at - 1]} {cells[basis_at]}"]
            remark_at -= 1
        if remark_at == len(cells) - 1 and rng.random() < layout.drop_remark:
            cells.pop()
        yield "\t".join(cells)
        if k == rule_after:
            yield "\t".join("-" * rng.randint(2, 37) for _ in range(len(layout.columns) - 1))


def write_txt(path: Path, spec: ListSpec, rows: Iterable[Row], rng: Random) -> None:
    """Tab-separated text in the samples' layout (see the module docstring)."""
    layout = layouts()[spec.layout]
    short = layout.agency_style == "short" and rng.random() < 0.7
    end = "" if rng.random() < 0.5 else "\n"
    with atomic_write(path, encoding=spec.encoding, newline="\n") as fh:
        lines = _txt_lines(spec, rows, layout, rng, short)
        fh.write(next(lines))
        for line in lines:  # line by line: a list of any size costs one row of memory
            fh.write("\n")
            fh.write(line)
        fh.write(end)


def write_csv(path: Path, spec: ListSpec, rows: Iterable[Row], rng: Random) -> None:
    """CSV as spreadsheets export it: maybe a title row, one header, cells with line breaks."""
    layout = layouts()[spec.layout]
    short = layout.agency_style == "short" and rng.random() < 0.7
    terminator = "\r\n" if rng.random() < 0.6 else "\n"
    with atomic_write(path, encoding=spec.encoding, newline="") as fh:
        out = csv.writer(fh, lineterminator=terminator)
        if spec.title_row:
            out.writerow([spec.title] + [""] * (len(layout.columns) - 1))
        out.writerow(layout.headers)
        out.writerows(_cells(row, layout, short) for row in rows)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose members all carry :data:`FIXED_TIME`, for byte-identical XLSX."""

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, FIXED_TIME)
        info.compress_type = self.compression
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        info = self._info(arcname or os.path.basename(filename))
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dest:
            shutil.copyfileobj(src, dest, 1 << 20)


def write_xlsx(path: Path, spec: ListSpec, rows: Iterable[Row], rng: Random) -> None:
    """XLSX through openpyxl's write-only mode, rows streamed to the sheet."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    layout = layouts()[spec.layout]
    short = layout.agency_style == "short" and rng.random() < 0.7
    wb = Workbook(write_only=True)
    stamp = datetime.datetime(*FIXED_TIME)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "kg synth"
    ws = wb.create_sheet("权责清单" if rng.random() < 0.7 else "Sheet1")
    if spec.title_row:
        ws.append([spec.title])
    ws.append(list(layout.headers))
    for row in rows:
        ws.append(_cells(row, layout, short))
    with (
        atomic_write(path, "wb") as fh,
        _FixedTimeZip(fh, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        ExcelWriter(wb, archive).write_data()


WRITERS: dict[str, Callable[[Path, ListSpec, Iterable[Row], Random], None]] = {
    "txt": write_txt,
    "csv": write_csv,
    "xlsx": write_xlsx,
}
"""Writer by format name."""


def write_list(out_dir: Path, spec: ListSpec, rows: Iterable[Row], seed: int) -> Path:
    """Write ``rows`` as ``spec`` says into ``out_dir``; return the file's path."""
    path = out_dir / spec.file_name
    WRITERS[spec.format](path, spec, rows, Random(f"kg-synth/{seed}/layout/{spec.index}"))
    return path

"""Read a folder in the LawRefBook layout: one Markdown file per instrument and version.

Files are named ``TITLE(YYYY-MM-DD).md`` under a folder per category; several files of
one title are the versions of one instrument. ``db.sqlite3`` files (the root's and one
per ``DLC/`` province) add each version's level, publication and in-force dates and its
``expired`` flag, matched by title and publication date. A file that cannot be read is
reported in :attr:`LawRefBookFolder.skipped` and left out; the others still load.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import regex

from kg.laws.model import LawInstrument, LawVersion
from kg.laws.source import LawSourceError
from kg.laws.status import decide_status
from kg.laws.text import (
    history_dates,
    in_force_from_text,
    issuer_from_facts,
    parse_version_text,
    promulgation_numbers,
)

__all__ = ["SOURCE_NAME", "LawRefBookFolder", "kind_of_folder"]

SOURCE_NAME = "LawRefBook"

_FILE_NAME = regex.compile(r"^(?P<title>.+?)(?:[(（](?P<date>\d{4}-\d{2}-\d{2})[)）])?\.md$")
_NOT_LAWS = frozenset({"_index.md", "README.md", "法律法规模版.md"})
_FOLDER_KINDS: tuple[tuple[str, str], ...] = (
    ("DLC", "地方性法规"),
    ("行政法规", "行政法规"),
    ("司法解释", "司法解释"),
    ("部门规章", "部门规章"),
    ("宪法", "宪法"),
    ("其他", "其他"),
    ("案例", "其他"),
)
_LEVEL_KINDS = {"案例": "其他"}


def kind_of_folder(relative: Path) -> str:
    """The kind a file's top folder implies (``行政法规/…`` → 行政法规); law categories → 法律."""
    top = relative.parts[0] if len(relative.parts) > 1 else ""
    for folder, kind in _FOLDER_KINDS:
        if top == folder:
            return kind
    return "法律" if top else "其他"


@dataclass(frozen=True, slots=True)
class _Row:
    level: str
    name: str
    publish: str | None
    valid_from: str | None
    expired: bool


def _read_rows(database: Path) -> list[_Row]:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            rows = connection.execute("SELECT level, name, publish, valid_from, expired FROM law").fetchall()
    except sqlite3.Error as error:
        raise LawSourceError(f"{database}: not a LawRefBook database ({error})") from error
    return [
        _Row(
            level=str(level),
            name=str(name),
            publish=publish or None,
            valid_from=valid or None,
            expired=bool(expired),
        )
        for level, name, publish, valid, expired in rows
    ]


@dataclass
class LawRefBookFolder:
    """A LawRefBook checkout (or any folder in its layout) as a :class:`~kg.laws.source.LawSource`.

    Args:
        root: the folder; its ``db.sqlite3`` files are optional.
    """

    root: Path
    name: str = SOURCE_NAME
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def _rows(self) -> dict[str, list[_Row]]:
        rows: dict[str, list[_Row]] = defaultdict(list)
        for database in sorted(self.root.rglob("db.sqlite3")):
            for row in _read_rows(database):
                rows[row.name].append(row)
        return rows

    def files(self) -> dict[str, list[tuple[Path, str | None]]]:
        """Law files by the title in their name, each with the date in its name."""
        grouped: dict[str, list[tuple[Path, str | None]]] = defaultdict(list)
        for path in sorted(self.root.rglob("*.md")):
            match = _FILE_NAME.match(path.name)
            if path.name in _NOT_LAWS or not match:
                continue
            grouped[match["title"]].append((path, match["date"]))
        return grouped

    def instruments(self) -> Iterator[LawInstrument]:
        """Every instrument of the folder, its files as versions oldest first."""
        if not self.root.is_dir():
            raise LawSourceError(f"{self.root}: no such folder")
        rows = self._rows()
        for file_title, files in sorted(self.files().items()):
            instrument = self._instrument(file_title, files, rows.get(file_title, []))
            if instrument is not None:
                yield instrument

    def _version(
        self, path: Path, date: str | None, rows: list[_Row]
    ) -> tuple[LawVersion, str, _Row | None] | None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.skipped.append((path, f"cannot be read as UTF-8 text ({error})"))
            return None
        parsed = parse_version_text(text)
        if not parsed.title:
            self.skipped.append((path, "has no '# title' line"))
            return None
        dates = history_dates(parsed.history)
        date = date or dates.get("amended") or dates.get("published") or dates.get("passed")
        row = next((r for r in rows if r.publish == date), rows[0] if len(rows) == 1 else None)
        status = None if row is None else ("repealed" if row.expired else "in_force")
        relative = path.relative_to(self.root).as_posix()
        version = LawVersion(
            date=date,
            articles=parsed.articles,
            source=f"{self.name}:{relative}",
            history=parsed.history,
            source_status=status,
            in_force_date=(row.valid_from if row else None)
            or dates.get("in_force")
            or in_force_from_text(parsed.articles),
        )
        return version, parsed.title, row

    def _instrument(
        self, file_title: str, files: list[tuple[Path, str | None]], rows: list[_Row]
    ) -> LawInstrument | None:
        read = [v for v in (self._version(path, date, rows) for path, date in files) if v is not None]
        if not read:
            return None
        read.sort(key=lambda entry: entry[0].date or "")
        versions = tuple(entry[0] for entry in read)
        newest, title, row = read[-1]
        relative = files[-1][0].relative_to(self.root)
        kind = _LEVEL_KINDS.get(row.level, row.level) if row else kind_of_folder(relative)
        numbers = promulgation_numbers(newest.history)
        number = numbers[0] if numbers else None
        dates = history_dates(newest.history)
        if newest.in_force_date:
            dates["in_force"] = newest.in_force_date
        status, why = decide_status(versions)
        shorts = {file_title, *(r.name for r in rows)} - {title}
        return LawInstrument(
            title=title,
            short_titles=tuple(sorted(shorts)),
            kind=kind,
            issuer=issuer_from_facts(kind, title, newest.history, number),
            promulgation_number=number,
            order_numbers=numbers,
            versions=versions,
            status=status,
            status_source=why,
            dates=MappingProxyType(dates),
        )

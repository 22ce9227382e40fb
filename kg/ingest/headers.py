"""Recognise header rows and map each column to a record field via the synonym table.

The table (``data/headers.toml``) grows as new lists are seen; nothing here knows
a header by name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

__all__ = ["HeaderMap", "match_header", "normalise_header", "synonyms"]

PARENTHETICAL = regex.compile(r"[（(][^（）()]*[）)]")
"""A note in brackets after a header: 子项名称 (无子项时无需填写)."""

WHITESPACE = regex.compile(r"\s+")

MIN_KNOWN_COLUMNS = 3
"""A row is a header when at least this many cells are known column names…"""

REQUIRED_ANY: frozenset[str] = frozenset({"name", "basis"})
"""…and one of them names the power or its legal basis (a list without both is no list)."""


def normalise_header(text: str) -> str:
    """Compare headers without spaces, line breaks or bracketed notes.

    Examples:
        >>> normalise_header("子项名称 (无子项时无需填写)")
        '子项名称'
        >>> normalise_header(" 实施\\n依据 ")
        '实施依据'
    """
    return WHITESPACE.sub("", PARENTHETICAL.sub("", text))


@cache
def synonyms() -> dict[str, tuple[str, bool]]:
    """Normalised header → (field or extra name, is_record_field)."""
    raw = tomllib.loads(resources.files("kg.ingest").joinpath("data/headers.toml").read_text("utf-8"))
    table: dict[str, tuple[str, bool]] = {}
    for field, names in raw["fields"].items():
        for name in names:
            table[normalise_header(name)] = (field, True)
    for canonical, names in raw.get("extra", {}).items():
        for name in names:
            table[normalise_header(name)] = (canonical, False)
    return table


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Column positions of one header row: field → index, plus the headers as written."""

    headers: tuple[str, ...]
    fields: dict[str, int]
    extras: dict[int, str]

    def index(self, field: str) -> int | None:
        return self.fields.get(field)

    def __len__(self) -> int:
        return len(self.headers)


def match_header(cells: list[str]) -> HeaderMap | None:
    """Return the column map when ``cells`` is a header row, else None.

    The first column that matches a field wins, so a second 备注 lands in extras.
    """
    table = synonyms()
    fields: dict[str, int] = {}
    extras: dict[int, str] = {}
    known = 0
    for index, cell in enumerate(cells):
        key = normalise_header(cell)
        if not key:
            continue
        hit = table.get(key)
        if hit is None:
            extras[index] = cell.strip()
            continue
        known += 1
        name, is_field = hit
        if is_field and name not in fields:
            fields[name] = index
        else:
            extras[index] = name if not is_field else cell.strip()
    if known < MIN_KNOWN_COLUMNS or not (REQUIRED_ANY & fields.keys()):
        return None
    return HeaderMap(headers=tuple(c.strip() for c in cells), fields=fields, extras=extras)

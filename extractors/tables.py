"""Knowledge tables (aliases, issuer codes, places, form words) read lazily from ``data/``.

The tables grow with knowledge, not with code: adding a law or an issuer code is
one CSV row. Each loader reads its file once (``functools.cache``) on first use,
so importing :mod:`extractors` stays cheap.

Official titles have one owner, the law library (``kg/laws``): ``data/library_titles.csv``
is generated from it (``tools/gen_extractor_titles.py``), so the extractor stays pure and
reads only its package data. ``data/laws.csv`` keeps what the library lacks: instruments
it does not hold, hand-kept aliases (社保法) and the order numbers lists cite.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, get_args

import regex

__all__ = [
    "KindByNumber",
    "KnownInstrument",
    "form_exceptions",
    "form_suffixes",
    "issuer_codes",
    "kind_by_number",
    "known_instruments",
    "organ_codes",
    "places",
    "short_name_index",
    "title_typos",
]


@dataclass(frozen=True, slots=True)
class KnownInstrument:
    """One row of ``laws.csv``: an instrument whose official title we know."""

    title: str
    kind: str
    issuer: str
    doc_number: str | None
    aliases: tuple[str, ...]


def _rows(name: str) -> list[dict[str, str]]:
    """Read ``data/<name>`` as CSV rows (UTF-8, header line, ``#`` lines skipped)."""
    text = resources.files("extractors.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _instruments(name: str) -> list[KnownInstrument]:
    return [
        KnownInstrument(
            title=row["title"].strip(),
            kind=row["kind"].strip(),
            issuer=row["issuer"].strip(),
            doc_number=row["doc_number"].strip() or None,
            aliases=tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip()),
        )
        for row in _rows(name)
    ]


PRC_PREFIX = "中华人民共和国"


def _merge_known(hand: KnownInstrument, library: KnownInstrument) -> KnownInstrument:
    """The library's official title, kind and issuer; the hand row's number and aliases added.

    A hand-kept title the library spells otherwise (中华人民共和国教师资格条例, whose official
    title has no prefix) stays findable as an alias of the official one.
    """
    aliases = [*library.aliases, *hand.aliases]
    if hand.title != library.title:
        aliases.append(hand.title)
    return KnownInstrument(
        title=library.title,
        kind=library.kind or hand.kind,
        issuer=library.issuer or hand.issuer,
        doc_number=hand.doc_number or library.doc_number,
        aliases=tuple(dict.fromkeys(a for a in aliases if a != library.title)),
    )


@cache
def known_instruments() -> tuple[KnownInstrument, ...]:
    """Laws, regulations and other instruments whose official title is known.

    The law library's titles (``library_titles.csv``) first decide the official form; a
    hand-kept row (``laws.csv``) of the same instrument, with or without 中华人民共和国,
    adds its aliases and order number; hand rows the library lacks are kept as they are.
    """
    library = _instruments("library_titles.csv")
    by_key = {inst.title.removeprefix(PRC_PREFIX): inst for inst in library}
    merged: dict[str, KnownInstrument] = {}
    hand_only: list[KnownInstrument] = []
    for hand in _instruments("laws.csv"):
        match = by_key.get(hand.title.removeprefix(PRC_PREFIX))
        if match is None:
            hand_only.append(hand)
        else:
            merged[match.title] = _merge_known(hand, merged.get(match.title, match))
    return (*(merged.get(inst.title, inst) for inst in library), *hand_only)


@cache
def short_name_index() -> dict[str, KnownInstrument]:
    """Every way of writing a known title → its row.

    The official title, the title without 中华人民共和国 and the listed aliases
    are all keys, so 《社会保险法》 and 《中华人民共和国社会保险法》 meet.
    """
    index: dict[str, KnownInstrument] = {}
    for inst in known_instruments():
        names = [inst.title, *inst.aliases]
        if inst.title.startswith(PRC_PREFIX) and len(inst.title) > len(PRC_PREFIX) + 1:
            names.append(inst.title[len(PRC_PREFIX) :])
        for name in names:
            index.setdefault(name, inst)
    return index


@cache
def issuer_codes() -> dict[str, tuple[str, str]]:
    """National issuer codes (国办发, 人社部发, 国务院令 …) → (organ, level)."""
    return {row["code"]: (row["organ"], row["level"]) for row in _rows("issuer_codes.csv")}


@cache
def places() -> dict[str, tuple[str, str]]:
    """Place abbreviations used in local codes (甘, 酒 …) → (place name, level)."""
    return {row["code"]: (row["name"], row["level"]) for row in _rows("places.csv")}


@cache
def organ_codes() -> dict[str, str]:
    """Local organ codes after the place (政办发, 人社, 医保发 …) → organ name."""
    return {row["code"]: row["organ"] for row in _rows("organ_codes.csv")}


@cache
def form_suffixes() -> tuple[str, ...]:
    """Endings of form and certificate names that are not instruments (告知书, 收据 …)."""
    return tuple(sorted((row["suffix"] for row in _rows("form_words.csv")), key=len, reverse=True))


@cache
def form_exceptions() -> tuple[str, ...]:
    """Endings that look like forms but name instruments (负面清单, 白皮书)."""
    return tuple(row["suffix"] for row in _rows("form_exceptions.csv"))


@cache
def title_typos() -> tuple[tuple[str, str], ...]:
    """Misspellings of title parts (中国人民共和国 → 中华人民共和国)."""
    return tuple((row["wrong"], row["right"]) for row in _rows("title_typos.csv"))


NumberTest = Literal["starts", "matches", "contains", "names_order"]


@dataclass(frozen=True, slots=True)
class KindByNumber:
    """One row of ``kind_by_number.csv``: a document number of this shape implies this kind.

    Examples:
        >>> rule = next(r for r in kind_by_number() if r.text == "政府令")
        >>> rule.fits("甘肃省人民政府令第94号"), rule.kind
        (True, '地方政府规章')
    """

    test: NumberTest
    text: str
    kind: str
    kind_if_local: str | None
    pattern: regex.Pattern[str] | None = None

    def fits(self, number: str) -> bool:
        """Does ``number`` have this row's shape?"""
        if self.test == "starts":
            return number.startswith(self.text)
        if self.test == "matches":
            return self.pattern is not None and self.pattern.match(number) is not None
        if self.test == "contains":
            return all(word in number for word in self.text.split("+"))
        return self.text in number.split("〔")[0]


@cache
def kind_by_number() -> tuple[KindByNumber, ...]:
    """The number-shape → kind rules (国务院令 → 行政法规, 法释 → 司法解释 …), in the order they are tried.

    Raises:
        ValueError: for a row whose test is unknown or whose regex does not compile, naming the row.
    """
    rules: list[KindByNumber] = []
    for number, row in enumerate(_rows("kind_by_number.csv"), start=1):
        test, text = row["test"].strip(), row["text"].strip()
        if test not in get_args(NumberTest) or not text:
            raise ValueError(f"kind_by_number.csv row {number}: unknown test {test!r} or empty text")
        try:
            pattern = regex.compile(text) if test == "matches" else None
        except regex.error as error:
            raise ValueError(f"kind_by_number.csv row {number}: bad regex {text!r}: {error}") from error
        rules.append(
            KindByNumber(test, text, row["kind"].strip(), row["kind_if_local"].strip() or None, pattern)  # type: ignore[arg-type]
        )
    return tuple(rules)

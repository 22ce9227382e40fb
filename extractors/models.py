"""Value objects the extractor returns: the contract between text and graph.

Every other part of the project (graph building, audit, pages) reads only these
objects, so they are frozen, slotted and carry nothing but plain values. The JSON
form (:meth:`Citation.to_dict`) is the contract of ``kg extract`` written down in
DESIGN.md: numbers are integers, spans are character offsets into the input text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "LEVELS",
    "LEVEL_BY_FIELD",
    "LEVEL_BY_NAME",
    "UNIT_LEVEL",
    "Citation",
    "Instrument",
    "InstrumentKind",
    "Level",
    "Provision",
    "Role",
    "Span",
]

Role = Literal["cites", "mentions"]
"""``cites``: the power rests on it; ``mentions``: named inside quoted provision text."""

InstrumentKind = Literal[
    "宪法",
    "法律",
    "行政法规",
    "部门规章",
    "地方性法规",
    "地方政府规章",
    "司法解释",
    "规范性文件",
    "党内法规",
    "标准",
    "未知",
]

Span = tuple[int, int]
"""Half-open character offsets ``[start, end)`` into the original text."""


@dataclass(frozen=True, slots=True)
class Level:
    """One provision level: every name and form the project gives it.

    ``field`` names it in the extractor (:class:`Provision`'s attribute, the keys of a
    parsed run's path); ``name`` in the graph (the IRI path ``art_77__para_1``,
    ``kg:levelName``); ``units`` are the words that mark it in text (第五**条**, simplified
    and traditional); ``label`` is how it is written in Chinese, ``{}`` the number
    (Chinese numerals unless ``arabic``: annexes keep 附件1 as written); ``then`` is the
    level a bare number takes after this one in a run (第三部分第9 → the item 9);
    ``division`` marks 编/章/节, which a provision's path keeps only when it names no
    article (an article number is unique in its instrument).
    """

    field: str
    name: str
    units: tuple[str, ...]
    label: str
    then: str
    division: bool = False
    arabic: bool = False


LEVELS: tuple[Level, ...] = (
    Level("annex", "annex", (), "附件{}", then="item", arabic=True),
    Level("part", "part", ("部分",), "第{}部分", then="item"),
    Level("book", "book", ("编", "編"), "第{}编", then="chapter", division=True),
    Level("chapter", "chp", ("章",), "第{}章", then="article", division=True),
    Level("section", "sec", ("节", "節"), "第{}节", then="article", division=True),
    Level("article", "art", ("条", "條"), "第{}条", then="paragraph"),
    Level("article_suffix", "artsfx", (), "之{}", then="paragraph"),
    Level("paragraph", "para", ("款",), "第{}款", then="item"),
    Level("item", "item", ("项", "項"), "第{}项", then="sub_item"),
    Level("sub_item", "subitem", ("目",), "第{}目", then="sub_item"),
)
"""Provision levels from the top down, the one table every other form is derived from.

A new level is one row here (and, if text marks it with a new word, nothing else:
:data:`~extractors.patterns.UNIT` is built from ``units``).
"""

LEVEL_BY_FIELD: MappingProxyType[str, Level] = MappingProxyType({level.field: level for level in LEVELS})
"""``"article"`` → its :class:`Level`."""

LEVEL_BY_NAME: MappingProxyType[str, Level] = MappingProxyType({level.name: level for level in LEVELS})
"""``"art"`` (the graph's name) → its :class:`Level`."""

UNIT_LEVEL: MappingProxyType[str, str] = MappingProxyType(
    {unit: level.field for level in LEVELS for unit in level.units}
)
"""Unit word (条, 條, 部分 …) → the level's field (``article``, ``part`` …)."""

_FIELD_VALUES = attrgetter(*(level.field for level in LEVELS))
_PATH_NAMES: tuple[tuple[str, bool], ...] = tuple((level.name, level.division) for level in LEVELS)


@dataclass(frozen=True, slots=True)
class Provision:
    """One cited subdivision of an instrument, from 编 down to 目.

    ``part`` is a numbered part of a policy document (一、 / 四： / 第三部分);
    ``annex`` the number of an annex (附件1第1项 → annex=1, item=1);
    ``article_suffix`` the 之N of 第一百三十三条之一.
    """

    book: int | None = None
    chapter: int | None = None
    section: int | None = None
    article: int | None = None
    article_suffix: int | None = None
    paragraph: int | None = None
    item: int | None = None
    sub_item: int | None = None
    part: int | None = None
    annex: int | None = None
    quote: str | None = None
    span: Span | None = None
    raw: str | None = None

    def path(self) -> tuple[tuple[str, int], ...]:
        """The non-empty levels from the top down, e.g. ``(("art", 77), ("para", 1))``.

        A chapter is kept only when no article is given: an article number is
        unique in its instrument, so ``chp_5/art_27`` and ``art_27`` are one provision.
        """
        keep_divisions = self.article is None
        return tuple(
            (name, value)
            for (name, division), value in zip(_PATH_NAMES, _FIELD_VALUES(self), strict=True)
            if value is not None and (keep_divisions or not division)
        )

    @classmethod
    def from_path(cls, path: Iterable[tuple[str, int]], quote: str | None = None) -> Provision:
        """The provision a path names (the inverse of :meth:`path`; e.g. from :func:`kg.iri.provision_path`).

        Raises:
            KeyError: for a level name no :data:`LEVELS` row has.

        Examples:
            >>> Provision.from_path((("art", 77), ("para", 1)))
            Provision(book=None, chapter=None, section=None, article=77, article_suffix=None, \
paragraph=1, item=None, sub_item=None, part=None, annex=None, quote=None, span=None, raw=None)
        """
        return cls(**{LEVEL_BY_NAME[name].field: number for name, number in path}, quote=quote)

    def to_dict(self) -> dict[str, Any]:
        return {
            "book": self.book,
            "chapter": self.chapter,
            "section": self.section,
            "article": self.article,
            "article_suffix": self.article_suffix,
            "paragraph": self.paragraph,
            "item": self.item,
            "sub_item": self.sub_item,
            "part": self.part,
            "annex": self.annex,
            "quote": self.quote,
            "span": list(self.span) if self.span else None,
            "raw": self.raw,
        }


@dataclass(frozen=True, slots=True)
class Instrument:
    """A cited law, regulation or document as the extractor resolved it.

    ``title`` is the canonical title (simplified characters, official full title
    when the alias table knows it); ``raw_title`` is the text as written.
    ``doc_number`` is normalised (人社部〔2016〕120号, 国务院令第649号); when the raw
    number was malformed, ``raw_doc_number`` keeps it and ``doc_number_flags``
    says what was wrong (e.g. ``("impossible_year",)``).
    """

    title: str | None
    raw_title: str | None = None
    doc_number: str | None = None
    raw_doc_number: str | None = None
    doc_number_flags: tuple[str, ...] = ()
    kind: InstrumentKind = "未知"
    issuer: str | None = None
    issuer_level: str | None = None
    date: str | None = None
    version: str | None = None
    alias: str | None = None
    embedded_title: str | None = None
    annex_title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "raw_title": self.raw_title,
            "doc_number": self.doc_number,
            "raw_doc_number": self.raw_doc_number,
            "doc_number_flags": list(self.doc_number_flags),
            "kind": self.kind,
            "issuer": self.issuer,
            "issuer_level": self.issuer_level,
            "date": self.date,
            "version": self.version,
            "alias": self.alias,
            "embedded_title": self.embedded_title,
            "annex_title": self.annex_title,
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """One reference to one instrument, with the provisions cited from it.

    ``span`` covers the whole reference as written (title, number and provisions);
    ``rule`` names the extraction rule that produced it, so a wrong citation can be
    traced to the pattern that made it.
    """

    role: Role
    span: Span
    instrument: Instrument
    provisions: tuple[Provision, ...] = ()
    rule: str = ""
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "span": list(self.span),
            "instrument": self.instrument.to_dict(),
            "provisions": [p.to_dict() for p in self.provisions],
            "rule": self.rule,
            "notes": list(self.notes),
        }

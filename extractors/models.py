"""Value objects the extractor returns: the contract between text and graph.

Every other part of the project (graph building, audit, pages) reads only these
objects, so they are frozen, slotted and carry nothing but plain values. The JSON
form (:meth:`Citation.to_dict`) is the contract of ``kg extract`` written down in
DESIGN.md: numbers are integers, spans are character offsets into the input text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Citation",
    "Instrument",
    "InstrumentKind",
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
        levels: list[tuple[str, int | None]] = [
            ("annex", self.annex),
            ("part", self.part),
        ]
        if self.article is None:
            levels += [("book", self.book), ("chp", self.chapter), ("sec", self.section)]
        levels += [
            ("art", self.article),
            ("artsfx", self.article_suffix),
            ("para", self.paragraph),
            ("item", self.item),
            ("subitem", self.sub_item),
        ]
        return tuple((name, value) for name, value in levels if value is not None)

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

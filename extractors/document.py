"""Whole documents: a law's own text (or a judgment), read with its structure.

A cell of a power list cites other instruments; a law's text is its own structure as well:
its article headings (第一条 at a line start), chapter names and table of contents are not
citations, and 本法, 本编, 本章, 本节, 本条, 前款 point at the document and its parts. This
module reads the structure line by line (the layout of published texts and of
``shared/laws``: one paragraph per line, 第N条 opening an article, 第N编/章/节 headings,
optional Markdown ``#``), and hands each paragraph to the assembler with the place it is at.

Examples:
    >>> from extractors import extract
    >>> text = "第一条 根据宪法，制定本法。\\n第二条 违反本法第一条规定的，依照前款处理。"
    >>> [(c.instrument.title, [p.article for p in c.provisions]) for c in extract(text, document="中华人民共和国民法典")]
    [('中华人民共和国宪法', []), ('中华人民共和国民法典', [1])]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import regex

from extractors.models import Citation, Provision
from extractors.numerals import parse_numeral
from extractors.patterns import NUM, compile_verbose

__all__ = ["Place", "Unit", "document_units", "shift"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a paragraph sits in its document: 编, 章, 节, 条 (with 之N) and 款."""

    book: int | None = None
    chapter: int | None = None
    section: int | None = None
    article: int | None = None
    article_suffix: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """One stretch of running text (a paragraph, heading words removed) and its place."""

    start: int
    end: int
    place: Place


_STRUCTURE_HEADING = compile_verbose(
    rf"""
    ^[^\S\n]*+(?:\#{{1,6}}+[^\S\n]*+)?
    第[^\S\n]{{0,2}}+(?P<num>{NUM})[^\S\n]{{0,2}}+(?P<unit>分编|编|章|节)
    (?:[^\S\n]|$)
    """
)
"""第一编 总则, ## 第一章  基本规定, 第一分编 通则: a part heading, never a citation."""

_ARTICLE_HEADING = compile_verbose(
    rf"""
    ^[^\S\n]*+第[^\S\n]{{0,2}}+(?P<num>{NUM})[^\S\n]{{0,2}}+条(?:之(?P<sfx>{NUM}))?
    (?:[^\S\n]++|$)
    """
)
"""第一条 为了… at a line start: the article begins; the words after it are its first paragraph."""

_MARKDOWN_HEADING = regex.compile(r"^[^\S\n]*+#")
_TABLE_OF_CONTENTS = regex.compile(r"^[^\S\n]*+目[^\S\n]*+录[^\S\n]*+$")
_ITEM_LINE = regex.compile(
    r"^[^\S\n]*+(?:[（(][一二三四五六七八九十]{1,3}+[）)]|[一二三四五六七八九十]{1,3}+、)"
)

_LEVEL_OF_UNIT = {"编": "book", "章": "chapter", "节": "section"}


def document_units(text: str) -> Iterator[Unit]:
    """Split a document into paragraphs of running text, each with its place.

    Headings of parts (编/分编/章/节) and Markdown titles are skipped; an article heading
    (第N条 at a line start) is cut off its line, which is the article's first paragraph;
    each further line of the article is its next paragraph, except item lines ((一), 一、),
    which stay in the paragraph they list.
    """
    place = Place()
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end = offset, offset + len(line.rstrip("\r\n"))
        offset += len(line)
        body = text[start:end]
        if not body.strip() or (_MARKDOWN_HEADING.match(body) and not _STRUCTURE_HEADING.match(body)):
            continue
        if _TABLE_OF_CONTENTS.match(body):
            continue
        heading = _STRUCTURE_HEADING.match(body)
        if heading is not None:
            place = _enter_part(place, heading["unit"], parse_numeral(heading["num"]))
            continue
        article = _ARTICLE_HEADING.match(body)
        if article is not None:
            suffix = parse_numeral(article["sfx"]) if article["sfx"] else None
            place = replace(place, article=parse_numeral(article["num"]), article_suffix=suffix, paragraph=1)
            start += article.end()
        elif place.article is not None and not _ITEM_LINE.match(body):
            place = replace(place, paragraph=(place.paragraph or 0) + 1)
        if start < end:
            yield Unit(start, end, place)


def _enter_part(place: Place, unit: str, number: int | None) -> Place:
    """The place after a part heading: the part's number set, the levels below it cleared."""
    if unit == "分编":
        return replace(place, chapter=None, section=None, article=None, paragraph=None)
    level = _LEVEL_OF_UNIT[unit]
    if level == "book":
        return Place(book=number)
    if level == "chapter":
        return Place(book=place.book, chapter=number)
    return Place(book=place.book, chapter=place.chapter, section=number)


def shift(citation: Citation, offset: int) -> Citation:
    """A citation found in a unit, with its spans moved to offsets in the whole document."""
    if offset == 0:
        return citation
    start, end = citation.span
    return replace(
        citation,
        span=(start + offset, end + offset),
        provisions=tuple(_shift_provision(p, offset) for p in citation.provisions),
    )


def _shift_provision(provision: Provision, offset: int) -> Provision:
    if provision.span is None:
        return provision
    start, end = provision.span
    return replace(provision, span=(start + offset, end + offset))

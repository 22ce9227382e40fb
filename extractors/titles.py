"""Titles: canonical form, forms that are not instruments, embedded and issuer parts.

The canonical title is what identifies an instrument across cells and lists: simplified
characters, no spaces or line breaks, nested titles in 〈〉, full-width brackets,
中华人民共和国 typos fixed, and the official full title for known short forms. Official
titles come from the law library (``data/library_titles.csv``, generated from it) and the
hand-kept table (``data/laws.csv``); a title neither knows stays as written, with no
中华人民共和国 added.

Examples:
    >>> canonical_title("《社会保险法》")
    '中华人民共和国社会保险法'
    >>> canonical_title("中国人民共和国 劳动法")
    '中华人民共和国劳动法'
    >>> canonical_title("社會保險法")
    '中华人民共和国社会保险法'
    >>> canonical_title("某某新设法")
    '某某新设法'
    >>> is_form_title("行政处罚听证告知书")
    True
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from extractors.patterns import (
    APPROVAL_OF_FORM,
    ASCII_GAP,
    EMBEDDED_TITLE,
    ISSUER_PREFIX,
    NESTED_TITLE,
    TITLE_SPACES,
    TRAILING_NOTES,
    VERSION_NOTE,
)
from extractors.tables import PRC_PREFIX, form_exceptions, form_suffixes, short_name_index, title_typos

__all__ = [
    "canonical_title",
    "clean_title",
    "embedded_title",
    "is_form_title",
    "issuer_from_title",
    "split_version_note",
    "strip_notes",
    "to_simplified",
]

CANONICAL_CACHE_SIZE = 8192
"""Titles repeat a lot across cells (社会保险法 in most of them); cache the canonical form."""

_SPACES = regex.compile(TITLE_SPACES)
_ASCII_GAP = regex.compile(ASCII_GAP)
_NESTED = regex.compile(NESTED_TITLE)
_TRAILING_NOTE = regex.compile(TRAILING_NOTES)
_VERSION_NOTE = regex.compile(VERSION_NOTE)
_EMBEDDED = regex.compile(EMBEDDED_TITLE)
_ISSUER_PREFIX = regex.compile(ISSUER_PREFIX)


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (社會保險法 → 社会保险法)."""
    if text.isascii():
        return text
    return _converter().convert(text)  # type: ignore[attr-defined]


def strip_notes(title: str) -> str:
    """Drop trailing bracket notes: （试行）, （暂行）, （2018年修正）."""
    return _TRAILING_NOTE.sub("", title)


@lru_cache(maxsize=CANONICAL_CACHE_SIZE)
def split_version_note(title: str) -> tuple[str, str | None]:
    """Split a trailing version note off a title: 社会保险法（2018年修正） → (社会保险法, 2018年修正)."""
    match = _VERSION_NOTE.search(title)
    if not match:
        return title, None
    return title[: match.start()], match["note"]


@lru_cache(maxsize=CANONICAL_CACHE_SIZE)
def _clean(raw: str) -> str:
    text = raw.strip()
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    text = text.replace("&amp;", "&")
    text = _SPACES.sub("", _ASCII_GAP.sub("\x00", text)).replace("\x00", " ")
    text = to_simplified(text)
    text = _NESTED.sub(r"〈\1〉", text)
    text = text.replace("(", "（").replace(")", "）")
    for wrong, right in title_typos():
        text = text.replace(wrong, right)
    return text


def clean_title(raw: str) -> str:
    """A title in canonical spelling, without looking it up: no 《》 or spaces, simplified, 〈〉 nested.

    The law library's generator writes official titles through this, so its table and the
    extractor's lookups spell every title the same way.
    """
    return _clean(raw)


@lru_cache(maxsize=CANONICAL_CACHE_SIZE)
def canonical_title(raw: str) -> str:
    """The canonical title of an instrument written ``raw``.

    Args:
        raw: the title as written, with or without 《》, spaces or line breaks.

    Returns:
        The official full title when the library or the alias table knows it; else the
        cleaned title as written (a prefix nobody wrote is never invented).
    """
    text, _ = split_version_note(_clean(raw))
    known = short_name_index().get(text) or short_name_index().get(text.removeprefix(PRC_PREFIX))
    if known:
        return known.title
    return text


_APPROVAL_OF_FORM = regex.compile(APPROVAL_OF_FORM)


@lru_cache(maxsize=CANONICAL_CACHE_SIZE)
def is_form_title(title: str) -> bool:
    """True for forms and certificates named in 《》 (…告知书, …鉴定表, …收据): not instruments.

    An approval of a filed form (建设项目环境影响报告表批复) is a decision on one case,
    not an instrument, and counts as a form too.
    """
    text = strip_notes(_clean(title))
    if text.endswith(form_exceptions()):
        return False
    if text.endswith(form_suffixes()):
        return True
    stem = _APPROVAL_OF_FORM.sub("", text)
    return stem != text and stem.endswith(form_suffixes())


def embedded_title(title: str) -> str | None:
    """The instrument a notice issues: 关于印发《社会保险基金财务制度》的通知 → 社会保险基金财务制度."""
    match = _EMBEDDED.search(title)
    return match["inner"] if match else None


def issuer_from_title(title: str) -> str | None:
    """The issuing organ named before 关于: 国务院办公厅关于… → 国务院办公厅."""
    match = _ISSUER_PREFIX.match(title)
    return match["issuer"] if match else None

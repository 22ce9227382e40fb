"""Titles as keys: the same instrument written two ways must give one key.

The canonical (official) title is the extractor's ``Instrument.title``, which takes it from
the law library's titles; a key here only cleans what is left to differ (title marks,
spaces, bracket widths). A title nobody knows keeps the form it was written in: no
中华人民共和国 is added to it.

Examples:
    >>> from kg.resolve.tables import ResolveRules
    >>> rules = ResolveRules(strip_chars="《》 ")
    >>> title_key("《中华人民共和国社会保险法》", rules)
    '中华人民共和国社会保险法'
    >>> title_key("某某新设法", rules)
    '某某新设法'
    >>> title_key("酒泉市职工基本医疗保险制度实施意见(修订)", rules)
    '酒泉市职工基本医疗保险制度实施意见（修订）'
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.resolve.tables import ResolveRules  # the rules are data; this module only reads them

__all__ = ["clean_title", "title_key"]

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})


def clean_title(title: str, rules: ResolveRules) -> str:
    """Strip title marks and spaces, and write round brackets full-width.

    Chinese titles use full-width brackets (（暂行）); lists mix both, and the key
    must not depend on which one a clerk typed.
    """
    return title.translate(_table(rules.strip_chars))


@cache
def _table(strip_chars: str) -> dict[int, str | None]:
    """One ``str.translate`` table: drop ``strip_chars``, then round brackets full-width.

    One pass in C instead of a generator over the characters: ``kg trace`` keys every
    title of the instrument table (~3,000) before it resolves anything.
    """
    return {**_HALF_TO_FULL, **dict.fromkeys(map(ord, strip_chars))}


def title_key(title: str, rules: ResolveRules) -> str:
    """The key of a title: the title cleaned (the official form is the extractor's to give)."""
    return clean_title(title, rules)

"""Chinese numerals as list authors write them (第八十七条, 第一百零三条, 二〇一九年).

Examples:
    >>> to_chinese(87)
    '八十七'
    >>> to_chinese(103)
    '一百零三'
    >>> to_chinese(110)
    '一百一十'
    >>> to_chinese(10)
    '十'
    >>> year_chinese(2019)
    '二〇一九'
"""

from __future__ import annotations

from functools import cache

from extractors.numerals import format_numeral

__all__ = ["to_chinese", "year_chinese"]

to_chinese = cache(format_numeral)
"""``n`` (1–9999) in Chinese numerals (cached: the generator writes the same few thousand numbers)."""


def year_chinese(year: int) -> str:
    """A year digit by digit (二〇一九), as in dated titles."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(year))

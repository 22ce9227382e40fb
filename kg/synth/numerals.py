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

__all__ = ["to_chinese", "year_chinese"]

_DIGITS = "零一二三四五六七八九"

MAX_NUMERAL = 9999
"""Articles, items and order numbers stay below ten thousand."""


@cache
def to_chinese(n: int) -> str:
    """``n`` (1–9999) in Chinese numerals, with 十 not 一十 below twenty.

    Raises:
        ValueError: outside 1–9999.
    """
    if not 1 <= n <= MAX_NUMERAL:
        raise ValueError(f"no Chinese numeral written for {n}")
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def year_chinese(year: int) -> str:
    """A year digit by digit (二〇一九), as in dated titles."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(year))

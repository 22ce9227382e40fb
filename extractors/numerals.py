"""Chinese, Arabic, full-width and mixed numerals → integers.

Legal citations write article numbers as 第一百二十三条, 第48条 or, by typing
slips, 第六49号. The parser is total: it never raises, and returns ``None`` for
text that is not a number, so a hostile cell cannot crash extraction.

Examples:
    >>> parse_numeral("一百二十三")
    123
    >>> parse_numeral("二百零七")
    207
    >>> parse_numeral("４８")
    48
    >>> parse_numeral_flagged("六49")
    (649, ('mixed_numerals',))
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["CHINESE_DIGITS", "format_numeral", "parse_numeral", "parse_numeral_flagged"]

CHINESE_DIGITS: dict[str, int] = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_WAN = {"万": 10_000}

MAX_NUMERAL_LENGTH = 12
"""Longer runs are not numbers a citation would carry (article numbers stay below 2,000)."""


def _ascii_digits(text: str) -> str | None:
    """Return ``text`` as ASCII digits when every character is a (full-width) digit."""
    out = []
    for ch in text:
        if "0" <= ch <= "9":
            out.append(ch)
        elif "０" <= ch <= "９":
            out.append(chr(ord(ch) - ord("０") + ord("0")))
        else:
            return None
    return "".join(out)


def _chinese_positional(text: str) -> int | None:
    """Parse 一百二十三 / 十二 / 二百零七 (numerals with 十百千 units)."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch in _WAN:
            total += (section + (digit or 0)) * _WAN[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _digitwise(text: str) -> int | None:
    """Read each character as one digit: 二〇一六 → 2016, 六49 → 649."""
    out = []
    for ch in text:
        ascii_digit = _ascii_digits(ch)
        if ascii_digit is not None:
            out.append(ascii_digit)
        elif ch in CHINESE_DIGITS:
            out.append(str(CHINESE_DIGITS[ch]))
        else:
            return None
    return int("".join(out)) if out else None


@lru_cache(maxsize=4096)
def parse_numeral_flagged(text: str) -> tuple[int | None, tuple[str, ...]]:
    """Parse a numeral and say what was unusual about it.

    Args:
        text: the numeral as written, without 第 or unit.

    Returns:
        ``(value, flags)``; value is ``None`` when the text is no number. Flags:
        ``mixed_numerals`` (Chinese and Arabic digits in one number).
    """
    text = text.strip()
    if not text or len(text) > MAX_NUMERAL_LENGTH:
        return None, ()
    ascii_digits = _ascii_digits(text)
    if ascii_digits is not None:
        return int(ascii_digits), ()
    has_arabic = any(_ascii_digits(ch) is not None for ch in text)
    has_units = any(ch in _UNITS or ch in _WAN for ch in text)
    if has_arabic:
        if has_units:
            return None, ()
        return _digitwise(text), ("mixed_numerals",)
    if has_units:
        return _chinese_positional(text), ()
    return _digitwise(text), ()


def parse_numeral(text: str) -> int | None:
    """Parse a numeral in any of the usual scripts; ``None`` when it is none.

    Args:
        text: 一百二十三, 48, ４８, 二〇一六, 六49 …

    Returns:
        The integer value, or ``None``.
    """
    return parse_numeral_flagged(text)[0]


_WRITE_DIGITS = "零一二三四五六七八九"
_WRITE_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
MAX_WRITTEN = 9999
"""Articles, items and order numbers stay below ten thousand."""


def format_numeral(number: int) -> str:
    """Write 1–9999 the way provisions are numbered: the inverse of :func:`parse_numeral`.

    十 not 一十 at the start, 零 for a gap (一百零三).

    Raises:
        ValueError: for numbers outside 1–9999, which no provision has.

    Examples:
        >>> [format_numeral(n) for n in (7, 10, 17, 77, 101, 103, 110, 1000, 1203)]
        ['七', '十', '十七', '七十七', '一百零一', '一百零三', '一百一十', '一千', '一千二百零三']
    """
    if not 0 < number <= MAX_WRITTEN:
        raise ValueError(f"no Chinese numeral written for {number}")
    parts: list[str] = []
    pending_zero = False
    rest = number
    for value, unit in _WRITE_UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                parts.append("零")
            parts.append(_WRITE_DIGITS[digit] + unit)
            pending_zero = False
        elif parts:
            pending_zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text

"""Chinese labels for provisions: (("art", 77), ("para", 1)) → 第七十七条第一款.

Labels are what legal staff read in ``kg trace`` and on the pages, so they follow
the way provisions are cited in Chinese legal writing.

Examples:
    >>> chinese_number(58), chinese_number(10), chinese_number(115), chinese_number(1000)
    ('五十八', '十', '一百一十五', '一千')
    >>> provision_label((("art", 77), ("para", 1)))
    '第七十七条第一款'
    >>> provision_label((("chp", 4),))
    '第四章'
    >>> provision_label((("annex", 1), ("item", 3)))
    '附件1第三项'
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["LEVEL_FORMS", "chinese_number", "provision_label"]

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))

LEVEL_FORMS: dict[str, str] = {
    "book": "第{}编",
    "part": "第{}部分",
    "chp": "第{}章",
    "sec": "第{}节",
    "art": "第{}条",
    "artsfx": "之{}",
    "para": "第{}款",
    "item": "第{}项",
    "subitem": "第{}目",
}
"""How each level of :meth:`extractors.models.Provision.path` is written in Chinese."""


def chinese_number(number: int) -> str:
    """Write 1–9999 the way articles are numbered (十 not 一十 at the start).

    Raises:
        ValueError: for numbers outside 1–9999, which no provision has.
    """
    if not 0 < number < 10000:
        raise ValueError(f"no Chinese article numeral for {number}")
    out: list[str] = []
    rest = number
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                out.append("零")
            out.append(_DIGITS[digit] + unit)
            pending_zero = False
        elif out:
            pending_zero = True
    if rest:
        if pending_zero:
            out.append("零")
        out.append(_DIGITS[rest])
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def provision_label(path: Sequence[tuple[str, int]]) -> str:
    """The Chinese label of a provision path (annexes keep Arabic numbers, as written)."""
    parts: list[str] = []
    for name, number in path:
        if name == "annex":
            parts.append(f"附件{number}")
        else:
            parts.append(LEVEL_FORMS.get(name, name + "{}").format(chinese_number(number)))
    return "".join(parts)

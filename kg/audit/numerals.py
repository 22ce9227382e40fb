"""Article numbers written the way the lists write them (第七十七条).

Findings quote the lists back to their readers, so numbers go out in Chinese.
"""

from __future__ import annotations

from extractors.models import Provision

__all__ = ["chinese_number", "provision_label"]

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_number(n: int) -> str:
    """An integer below 10000 in Chinese numerals, as statutes number articles.

    Examples:
        >>> [chinese_number(n) for n in (7, 10, 17, 77, 101, 110, 1203)]
        ['七', '十', '十七', '七十七', '一百零一', '一百一十', '一千二百零三']
    """
    if n < 10:
        return _DIGITS[n]
    out, pending_zero, rest = "", False, n
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            out += ("零" if pending_zero else "") + _DIGITS[digit] + unit
            pending_zero = False
        elif out:
            pending_zero = True
    if rest:
        out += ("零" if pending_zero and out else "") + _DIGITS[rest]
    return out[1:] if out.startswith("一十") else out


def provision_label(provision: Provision) -> str:
    """第七十七条第一款 / 四、 / 第二条第四项, from the provision's numbers.

    Examples:
        >>> provision_label(Provision(article=77, paragraph=1))
        '第七十七条第一款'
    """
    parts = []
    if provision.part is not None:
        parts.append(f"第{chinese_number(provision.part)}部分")
    if provision.article is None and provision.chapter is not None:
        parts.append(f"第{chinese_number(provision.chapter)}章")
    if provision.article is not None:
        suffix = f"之{chinese_number(provision.article_suffix)}" if provision.article_suffix else ""
        parts.append(f"第{chinese_number(provision.article)}条{suffix}")
    if provision.paragraph is not None:
        parts.append(f"第{chinese_number(provision.paragraph)}款")
    if provision.item is not None:
        parts.append(f"第{chinese_number(provision.item)}项")
    return "".join(parts)

"""Chinese labels for provisions: (("art", 77), ("para", 1)) → 第七十七条第一款.

Labels are what legal staff read in ``kg trace`` and on the pages, so they follow
the way provisions are cited in Chinese legal writing.

Examples:
    >>> provision_label((("art", 77), ("para", 1)))
    '第七十七条第一款'
    >>> provision_label((("chp", 4),))
    '第四章'
    >>> provision_label((("annex", 1), ("item", 3)))
    '附件1第三项'
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.numerals import format_numeral

__all__ = ["LEVEL_FORMS", "provision_label"]

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


def provision_label(path: Sequence[tuple[str, int]]) -> str:
    """The Chinese label of a provision path (annexes keep Arabic numbers, as written)."""
    parts: list[str] = []
    for name, number in path:
        if name == "annex":
            parts.append(f"附件{number}")
        else:
            parts.append(LEVEL_FORMS.get(name, name + "{}").format(format_numeral(number)))
    return "".join(parts)

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
    >>> provision_label((("art", 58), ("para", 1)), arabic=True)
    '第58条第1款'
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.models import LEVEL_BY_NAME
from extractors.numerals import format_numeral

__all__ = ["provision_label"]


def provision_label(path: Sequence[tuple[str, int]], *, arabic: bool = False) -> str:
    """The Chinese label of a provision path, each level in its :data:`~extractors.models.LEVELS` form.

    Annexes keep Arabic numbers, as written (附件1).

    ``arabic`` writes every number in Arabic numerals (第58条第1款), as lists often do.
    """
    parts: list[str] = []
    for name, number in path:
        level = LEVEL_BY_NAME.get(name)
        written = str(number) if arabic or (level is not None and level.arabic) else format_numeral(number)
        parts.append(f"{name}{written}" if level is None else level.label.format(written))
    return "".join(parts)

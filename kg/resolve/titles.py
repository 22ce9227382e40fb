"""Titles as keys: the same instrument written two ways must give one key.

Examples:
    >>> rules = ResolveRules(law_prefix="中华人民共和国", law_suffix="法",
    ...                      not_law_suffixes=("办法",), strip_chars="《》 ")
    >>> title_key("《社会保险法》", rules)
    '中华人民共和国社会保险法'
    >>> title_key("优抚对象医疗保障办法", rules)
    '优抚对象医疗保障办法'
    >>> title_key("酒泉市职工基本医疗保险制度实施意见(修订)", rules)
    '酒泉市职工基本医疗保险制度实施意见（修订）'
"""

from __future__ import annotations

from kg.resolve.tables import ResolveRules

__all__ = ["clean_title", "is_national_law", "title_key"]

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})


def clean_title(title: str, rules: ResolveRules) -> str:
    """Strip title marks and spaces, and write round brackets full-width.

    Chinese titles use full-width brackets (（暂行）); lists mix both, and the key
    must not depend on which one a clerk typed.
    """
    kept = "".join(char for char in title if char not in rules.strip_chars)
    return kept.translate(_HALF_TO_FULL)


def is_national_law(title: str, rules: ResolveRules) -> bool:
    """Whether ``title`` names a national law (…法, not …办法, not a notice about one)."""
    if not title.endswith(rules.law_suffix):
        return False
    if any(title.endswith(suffix) for suffix in rules.not_law_suffixes):
        return False
    return not any(marker in title for marker in rules.not_law_markers)


def title_key(title: str, rules: ResolveRules) -> str:
    """The canonical form of a title: cleaned, and national laws with their full prefix."""
    cleaned = clean_title(title, rules)
    if is_national_law(cleaned, rules) and not cleaned.startswith(rules.law_prefix):
        return rules.law_prefix + cleaned
    return cleaned

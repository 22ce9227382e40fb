"""Kind of an instrument (法律, 行政法规, 部门规章 …) from its title, number and issuer.

The hierarchy of Chinese norms decides how much weight a basis carries, so every
instrument gets a kind. Known titles take their kind from the alias table; the
rest follow the drafting conventions: who issued it (国务院令 → 行政法规, 部令 →
部门规章, 人民政府令 → 地方政府规章), what it is called (…法, …条例) and where from.

Examples:
    >>> classify("中华人民共和国社会保险法")
    '法律'
    >>> classify("社会救助暂行办法", "国务院令第649号")
    '行政法规'
    >>> classify("甘肃省人民政府关于进一步加强社会保险基金监督管理工作的意见", "甘政发〔2012〕64号")
    '规范性文件'
"""

from __future__ import annotations

import regex

from extractors.models import InstrumentKind
from extractors.patterns import (
    JUDICIAL_TITLE,
    LAW_TITLE,
    LOCAL_IMPLEMENTATION,
    LOCAL_TITLE,
    PARTY_TITLE,
    POLICY_KIND_TITLE,
    REGULATION_TITLE,
    RULES_TITLE,
    STANDARD_TITLE,
)
from extractors.tables import kind_by_number, short_name_index
from extractors.titles import strip_notes

__all__ = ["classify"]

_LOCAL = regex.compile(LOCAL_TITLE)
_PARTY = regex.compile(PARTY_TITLE)
_STANDARD = regex.compile(STANDARD_TITLE)
_JUDICIAL = regex.compile(JUDICIAL_TITLE)
_LAW = regex.compile(LAW_TITLE)
_REGULATION = regex.compile(REGULATION_TITLE)
_RULES = regex.compile(RULES_TITLE)
_POLICY = regex.compile(POLICY_KIND_TITLE)
_LOCAL_IMPLEMENTATION = regex.compile(LOCAL_IMPLEMENTATION)


def _by_number(number: str, local: bool) -> InstrumentKind | None:
    """Kind implied by an order or document number (the rules of ``data/kind_by_number.csv``)."""
    for rule in kind_by_number():
        if rule.fits(number):
            return rule.kind_if_local if local and rule.kind_if_local else rule.kind  # type: ignore[return-value]
    return None


def classify(title: str | None, doc_number: str | None = None, issuer: str | None = None) -> InstrumentKind:
    """Classify an instrument.

    Args:
        title: canonical title (may be ``None`` when only a number was cited).
        doc_number: normalised document or order number, if any.
        issuer: issuing organ, if known.

    Returns:
        One of :data:`extractors.models.InstrumentKind`; ``未知`` when nothing decides.
    """
    text = strip_notes(title or "")
    known = short_name_index().get(title or "")
    if known:
        return known.kind  # type: ignore[return-value]
    if text == "中华人民共和国宪法":
        return "宪法"
    if _JUDICIAL.match(text):
        return "司法解释"
    if _STANDARD.match(text) or text.endswith("国家标准"):
        return "标准"
    local = bool(_LOCAL.match(text)) or bool(issuer and _LOCAL.match(issuer))
    if doc_number:
        by_number = _by_number(doc_number, local)
        if by_number:
            return by_number
    if _PARTY.match(text) or (issuer and _PARTY.match(issuer)):
        return "党内法规"
    if _LAW.search(text) and not local:
        return "法律"
    if local and _LOCAL_IMPLEMENTATION.search(text):
        return "地方性法规"
    if _REGULATION.search(text):
        return "地方性法规" if local else "行政法规"
    if _RULES.search(text) and not doc_number:
        return "规范性文件" if local else "部门规章"
    if _POLICY.search(text) or _RULES.search(text) or doc_number:
        return "规范性文件"
    return "未知"

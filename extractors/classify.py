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
from extractors.tables import kind_by_number, short_name_index

__all__ = ["classify"]

_LOCAL = regex.compile(r"^.{0,10}?(?:省|市|县|自治区|自治州|自治县|特别行政区)")
_PARTY = regex.compile(r"^(?:中国共产党|中共)")
_STANDARD = regex.compile(r"^(?:GB|GB/T|DB\d*(?:/T)?|[A-Z]{2,3}/T|[A-Z]{2,3})\s?\d")
_JUDICIAL = regex.compile(r"^最高人民(?:法院|检察院)")
_LAW = regex.compile(r"(?<!办|方)法(?:典)?$")
_REGULATION = regex.compile(r"条例$")
_RULES = regex.compile(r"(?:办法|规定|细则|规则)$")
_POLICY = regex.compile(
    r"(?:通知|意见|决定|纲要|方案|规划|制度|指南|目录|通告|公告|批复|复函|函|规程|准则|章程|守则)$"
)
_LOCAL_IMPLEMENTATION = regex.compile(r"实施[〈《<＜]?[^〈〉《》]{2,40}法[〉》>＞]?(?:的)?办法$")
"""甘肃省实施〈中华人民共和国消费者权益保护法〉办法: a province's law implementing a national one."""
_NOTE = regex.compile(r"(?:[（(][^（）()]{1,20}[）)])+$")


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
    text = _NOTE.sub("", title or "")
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

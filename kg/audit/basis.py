"""Items whose 实施依据 yields no citation (``no_basis``).

A power without a legal basis is the first thing a reviewer must see: the cell
is empty, says only 无 / 同上 / 法律法规规章规定, or names a law in a form the
extractor cannot read (地质灾害防治条例第二十二条, without 《》). The message says
which, so a finding never claims "no law" where the cell plainly names one.
"""

from __future__ import annotations

import regex

from kg.audit.corpus import CitedItem, Corpus
from kg.audit.model import Evidence, Finding

__all__ = ["LAW_LIKE", "no_basis"]

SHOWN = 60
"""Characters of the cell shown as evidence."""

# 地质灾害防治条例第二十二条 / 中华人民共和国森林法实施条例第8条 / 第三条: a law named
# without 《》, or an article number — what a person reads as a citation.
LAW_LIKE = regex.compile(
    r"\p{Han}{2,40}?(?:法|条例|办法|规定|细则|规则|决定|意见|通知|规程)"
    r"(?:\s*第\s*[〇零一二三四五六七八九十百千\d]+\s*条)"
    r"|第\s*[〇零一二三四五六七八九十百千\d]+\s*条"
)


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def _message(cited: CitedItem, text: str) -> str:
    header = cited.header("basis")
    head = f"序号{cited.item.seq}“{cited.item.name}”的{header}"
    if not text:
        return f"{head}为空 / no legal basis given"
    named = LAW_LIKE.search(text)
    if named:
        return (
            f"{head}写有“{named[0]}”，但未按规范格式引用（如未加书名号《》），"
            "无法识别为法律文件引用 / names a law in a form that cannot be read as a citation"
        )
    return f"{head}未写明法律文件：“{_shown(text)}” / no legal instrument named"


def no_basis(corpus: Corpus) -> list[Finding]:
    """One finding per item with no citation in its basis column."""
    findings = []
    for cited in corpus.items:
        if cited.citations("basis"):
            continue
        text = cited.text("basis").strip()
        header = cited.header("basis")
        findings.append(
            Finding(
                kind="no_basis",
                severity="warning",
                message=_message(cited, text),
                evidence=Evidence(locations=(cited.location("basis", _shown(text)),), raw=(_shown(text),)),
                suggestion=f"在{header}中写明法律文件全称（加书名号）及条款，如《中华人民共和国社会保险法》第八十七条"
                " / name the instrument in 《》 with its article",
                items=(cited.ref,),
            )
        )
    return findings

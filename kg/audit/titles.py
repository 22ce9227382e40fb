"""Titles: what was merged into one instrument, and short names defined in a cell.

These findings are not errors in themselves. They make the graph's merges
visible, so a reviewer sees that 《社会保险法》 and 《中华人民共和国社会保险法》
became one node (``alias``), that one document number came with two titles
(``title_variant``), and what an in-cell 以下简称《…》 stands for
(``alias_definition``).
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

import regex

from extractors import patterns
from extractors.patterns import compile_verbose
from extractors.tables import PRC_PREFIX
from kg.audit.corpus import Corpus, Occurrence, instrument_ref, where
from kg.audit.docnumbers import instrument_problems
from kg.audit.model import Evidence, Finding
from kg.resolve import Resolver, clean_title, default_rules

__all__ = ["alias_definitions", "aliases", "is_alias_use", "title_form", "title_variants"]

# What may stand between a citation and its 以下简称: nothing, or its （文号）.
ALIAS_BETWEEN = regex.compile(r"\s*(?:[（(][^（）()《》]{0,40}[）)]\s*)?")

ALIAS_DEFINITION = compile_verbose(patterns.ALIAS_DEFINITION)
"""The extractor's own pattern of an in-cell short name, to show the definition as written."""


def title_form(title: str | None) -> str:
    """A title as written, cleaned as the graph cleans its labels (:func:`kg.resolve.clean_title`).

    Examples:
        >>> title_form("《社会保险法》")
        '社会保险法'
    """
    return clean_title(title or "", default_rules())


def _where(occs: list[Occurrence]) -> str:
    return where(o.cited for o in occs)


DIFF_CONTEXT = (3, 2)
"""Characters kept before and after a difference, so it reads as words (医疗保险基金→医疗保障基金)."""


def _diff(a: str, b: str) -> str:
    """The differing parts of two titles with a little context.

    Examples:
        >>> _diff("医疗保险基金行为", "医疗保障基金行为")
        '医疗保险基金→医疗保障基金'
    """
    before, after = DIFF_CONTEXT
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts = [
        f"{a[max(0, i1 - before) : i2 + after]}→{b[max(0, j1 - before) : j2 + after]}"
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal"
    ]
    return "，".join(parts)


_MARKS = regex.compile(r"[\s《》〈〉<>“”\"'‘’「」]+")
"""Marks and spaces a message drops from a title it shows (display only: keys are kg.resolve's)."""


def _shown(title: str | None) -> str:
    """A title for a message: as written, without its marks and spaces."""
    return _MARKS.sub("", title or "")


def _shown_title(occ: Occurrence) -> str:
    inst = occ.instrument
    return _shown(inst.raw_title or inst.title)


def title_variants(corpus: Corpus) -> list[Finding]:
    """One document number cited with titles that differ in wording."""
    by_number: dict[str, dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    for occ in corpus.occurrences():
        inst = occ.instrument
        raw_ok = not instrument_problems(inst)
        if inst.doc_number and raw_ok and not is_alias_use(occ):
            key = _variant_key(occ, corpus.resolver)
            if key:
                by_number[inst.doc_number][key].append(occ)
    findings = []
    for number, titles in sorted(by_number.items()):
        if len(titles) < 2:
            continue
        keys = sorted(titles)
        named = [f"《{_shown_title(titles[k][0])}》（{_where(titles[k])}）" for k in keys]
        occs = [o for k in keys for o in titles[k]]
        findings.append(
            Finding(
                kind="title_variant",
                severity="warning",
                message=(
                    f"同一文号“{number}”对应{len(keys)}个不同标题："
                    + "；".join(named)
                    + f"（差异：{_diff(keys[0], keys[1])}）。图谱将其合并为一个文件，各标题均作为名称"
                    " / one document number, several titles: merged into one instrument"
                ),
                evidence=Evidence(
                    locations=tuple(o.location() for o in occs),
                    raw=tuple(dict.fromkeys(_shown_title(o) for o in occs)),
                ),
                suggestion="核对原件标题，统一引用 / check the original title",
                items=tuple(dict.fromkeys(o.cited.ref for o in occs)),
                instruments=(instrument_ref(occs[0].instrument),),
            )
        )
    return findings


def _alias_reason(form: str, canonical: str) -> str:
    if canonical == PRC_PREFIX + form:
        return "省略“中华人民共和国” / short title without the state name"
    if form in canonical:
        return "标题的简写 / shortened title"
    return "别名表 / alias table"


def aliases(corpus: Corpus) -> list[Finding]:
    """Titles written differently that the graph treats as one instrument.

    One group per identity (:meth:`~kg.audit.corpus.Corpus.identity`) and title spelling:
    two titles under one number that differ in wording are a ``title_variant``, not a
    short form of one another.
    """
    groups: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    resolver = corpus.resolver
    for occ in corpus.occurrences():
        inst = occ.instrument
        title = resolver.spelling_key(inst.title or inst.raw_title)
        variant = inst.doc_number and _variant_key(occ, resolver) != title
        if title and not is_alias_use(occ) and not variant:
            groups[(corpus.identity(inst), title)].append(occ)
    findings = []
    for _, occs in sorted(groups.items()):
        canonical = max((title_form(o.instrument.title) for o in occs), key=len)
        forms: dict[str, list[Occurrence]] = defaultdict(list)
        shown: dict[str, str] = {}
        for occ in occs:
            for text in (occ.instrument.title, occ.instrument.raw_title):
                shown.setdefault(title_form(text), _shown(text))
            forms[title_form(occ.instrument.raw_title or occ.instrument.title)].append(occ)
        others = sorted(f for f in forms if f != canonical)
        if not others:
            continue
        lines = [f"《{shown[f]}》（{_where(forms[f])}）：{_alias_reason(f, canonical)}" for f in others]
        canonical_shown = shown.get(canonical, canonical)
        findings.append(
            Finding(
                kind="alias",
                severity="info",
                message=f"以下写法均指《{canonical_shown}》，已合并为一个文件："
                + "；".join(lines)
                + " / short and full titles merged into one instrument",
                evidence=Evidence(
                    locations=tuple(o.location() for f in others for o in forms[f]),
                    raw=(*(shown[f] for f in others), canonical_shown),
                    expected=canonical_shown,
                ),
                items=tuple(dict.fromkeys(o.cited.ref for f in others for o in forms[f])),
                instruments=(instrument_ref(occs[0].instrument),),
            )
        )
    return findings


def _definition_after(occ: Occurrence) -> regex.Match[str] | None:
    """The 以下简称 inside ``occ``'s span or right after it (only a （文号） may stand between).

    The extractor found the short name (``Instrument.alias``); this is only where the
    cell writes it, for the evidence.
    """
    text = occ.cited.text(occ.column)
    start, end = occ.citation.span
    match = ALIAS_DEFINITION.search(text, start)
    if match is None:
        return None
    if match.start() < end or ALIAS_BETWEEN.fullmatch(text[end : match.start()]):
        return match
    return None


def is_alias_use(occ: Occurrence) -> bool:
    """True for a later 《诚信管理办法》 that only uses a short name defined in the cell.

    The extractor says so through ``alias``: the citation is written as the short name.
    """
    inst = occ.instrument
    raw = title_form(inst.raw_title)
    return bool(raw and inst.alias and raw == title_form(inst.alias))


def _variant_key(occ: Occurrence, resolver: Resolver) -> str:
    """The title as written, with an issuing notice reduced to what it issues.

    《…关于印发X的通知》 and 《X》 with one number are one document cited two
    usual ways, not two titles; nor are two spellings that differ only in
    中华人民共和国, marks or bracket widths (:meth:`kg.resolve.Resolver.spelling_key`).
    """
    inst = occ.instrument
    if inst.embedded_title:
        return resolver.spelling_key(inst.embedded_title)
    return resolver.spelling_key(inst.raw_title or inst.title) or resolver.spelling_key(inst.title)


def alias_definitions(corpus: Corpus) -> list[Finding]:
    """In-cell short names (以下简称《…》) given to a cited instrument."""
    findings = []
    for occ in corpus.occurrences():
        if is_alias_use(occ):
            continue
        alias = occ.instrument.alias
        if not alias:
            continue
        match = _definition_after(occ)
        raw = match[0] if match else f"以下简称《{alias}》"
        text = occ.cited.text(occ.column)
        later = text.count(f"《{alias}》", match.end() if match else occ.citation.span[1])
        inst = occ.instrument
        target = f"《{inst.title or inst.raw_title}》" + (f"（{inst.doc_number}）" if inst.doc_number else "")
        tail = f"，本单元格后文另有{later}处以此简称引用" if later else ""
        findings.append(
            Finding(
                kind="alias_definition",
                severity="info",
                message=f"单元格内简称《{alias}》指{target}{tail} / in-cell short name",
                evidence=Evidence(locations=(occ.location(raw),), raw=(raw,), expected=target),
                items=(occ.cited.ref,),
                instruments=(instrument_ref(inst),),
            )
        )
    return findings

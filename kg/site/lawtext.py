"""The law's own text on the pages: a provision's text and versions, the lists' quotes marked, findings.

The graph knows only what the lists quote; the law library knows what the law
says. A provision page shows the article's text in the version in force (and in
earlier versions), then every distinct quote the lists give under it with a
mark — ✓ the law's text, ≈ close to it, ✗ not this provision's text (and whose
it is), ? not checked — and the findings the law's text proves, each linked to
the powers concerned. Where the library lacks the instrument, the quotes stand
under a heading that says they are the lists' words, never the law's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rdflib import URIRef

from extractors.models import Instrument as CitedInstrument
from extractors.models import Provision
from kg.audit.grounding import MARKS, QuoteReport, report
from kg.graph.labels import provision_label
from kg.iri import provision_iri, provision_path
from kg.laws.cite import LibraryLike, find_instrument, has_text
from kg.laws.provisions import lookup_provision
from kg.site.data import CitationRecord, SiteData
from kg.site.links import Linker
from kg.site.markup import Markup, h, join

if TYPE_CHECKING:
    from kg.laws.model import LawInstrument

__all__ = ["QUOTE_LABELS", "SiteLaw", "ground_site_data", "law_text_block"]

QUOTE_LABELS: dict[str, str] = {
    "verified": "与条文一致 the law's text",
    "approximate": "与条文近似 close to the law's text",
    "mismatch": "不是本条原文 not this provision's text",
    "unverifiable": "无法核对 not checked",
}
"""What each quote mark says on a page."""


@dataclass(frozen=True, slots=True)
class ProvisionLaw:
    """One cited provision as the library has it."""

    law: LawInstrument
    path: tuple[tuple[str, int], ...]
    text: str | None


@dataclass(slots=True)
class SiteLaw:
    """The library's view of the site's provisions, computed once per site build."""

    provisions: dict[str, ProvisionLaw] = field(default_factory=dict)
    laws: dict[str, LawInstrument] = field(default_factory=dict)
    """instrument IRI → the library's instrument."""


def ground_site_data(data: SiteData, library: LibraryLike | None) -> SiteLaw:
    """Give each provision the library's text (so no page shows a quote as the law's text).

    ``data.provisions[…].text`` becomes the text of the version in force where the
    library has it; the returned :class:`SiteLaw` keeps the instrument and path for
    the provision pages.
    """
    grounded = SiteLaw()
    if library is None:
        return grounded
    for iri, inst in data.instruments.items():
        named = CitedInstrument(
            title=inst.title or None, raw_title=inst.short_title or None, doc_number=inst.doc_number or None
        )
        law = find_instrument(library, named)
        if law is not None and has_text(law):
            grounded.laws[iri] = law
    for iri, prov in list(data.provisions.items()):
        law = grounded.laws.get(prov.instrument)
        path = provision_path(iri, prov.instrument) if law is not None else None
        if law is None or path is None:
            continue
        levels = dict(path)
        if "art" not in levels or "part" in levels or "annex" in levels:
            continue
        found = lookup_provision(
            law,
            article=levels["art"],
            suffix=levels.get("artsfx", 0),
            paragraph=levels.get("para"),
            item=levels.get("item"),
        )
        grounded.provisions[iri] = ProvisionLaw(law, path, found.text)
        if found.text:
            data.provisions[iri] = replace(prov, text=found.text)
    return grounded


def _citations_under(data: SiteData, iri: str) -> list[tuple[str, CitationRecord]]:
    """(target, citation) for every citation of ``iri`` or one of its parts, in the data's order."""
    under = set(data.descendants(iri))
    return [(t, c) for c in data.citations if c.role == "cites" for t in c.targets if t in under]


def _item_links(data: SiteData, links: Linker, items: list[str]) -> Markup:
    """Links to the powers' pages, named by list and 序号 as legal staff cite them."""
    return join(
        [
            links.link(i, f"{data.items[i].list_title} 序号{data.items[i].seq}")
            for i in items
            if i in data.items
        ],
        "；",
    )


def _paragraphs(text: str) -> Markup:
    return join(h("p", None, line) for line in text.splitlines() if line.strip())


def _versions_block(law: LawInstrument, levels: dict[str, int]) -> Markup:
    if len(law.versions) < 2:
        return Markup("")
    rows = []
    current_text = None
    for version in reversed(law.versions):
        found = version.article(levels["art"], levels.get("artsfx", 0))
        text = found.text if found is not None else None
        if version is law.current:
            current_text = text
            continue
        if text is None:
            shown = h("span", {"class": "sub"}, "（此版本无此条 not in this version）")
        elif text == current_text:
            shown = h("span", {"class": "sub"}, "（与现行文本相同 same as the text in force）")
        else:
            shown = h("blockquote", {"class": "cell law-text"}, _paragraphs(text))
        rows.append(
            h("div", {"class": "law-version"}, h("b", None, version.date or "（未注明日期）"), " ", shown)
        )
    return join([h("h3", None, "历次版本 earlier versions"), *rows])


def _mark(quote_report: QuoteReport | None, links: Linker, instrument: str) -> Markup:
    verdict = (quote_report.verdict if quote_report is not None else None) or "unverifiable"
    label = QUOTE_LABELS[verdict]
    extra: Markup | str = ""
    if quote_report is not None and verdict == "mismatch" and quote_report.matches:
        home = quote_report.matches[0]
        path = [("art", home.article)] + ([("artsfx", home.suffix)] if home.suffix else [])
        path += [("para", home.paragraph)] if home.paragraph else []
        label_of_home = provision_label(path)
        where = label_of_home + ("" if home.current else f"（{home.version}版本）")
        home_link = links.link(provision_iri(URIRef(instrument), path), label_of_home)
        extra = join(
            [
                "：是",
                home_link,
                "" if home.current else f"（{home.version}版本）",
                f"的原文 it is {where}'s text",
            ]
        )
    return h("span", {"class": f"quote-mark quote-{verdict}"}, f"{MARKS[verdict]} {label}", extra)


def law_text_block(data: SiteData, links: Linker, iri: str, grounded: SiteLaw | None) -> Markup:
    """The law's text of a provision, its versions, the lists' quotes marked, and the findings."""
    entry = grounded.provisions.get(iri) if grounded is not None else None
    citations = _citations_under(data, iri)
    reports: dict[tuple[str, str], QuoteReport] = {}
    if entry is not None:
        for target, cit in citations:
            path = provision_path(target, data.provisions[iri].instrument)
            if path is not None and (target, cit.quote) not in reports:
                reports[(target, cit.quote)] = report(entry.law, Provision.from_path(path, cit.quote or None))
    parts: list[Markup] = []
    if entry is not None and entry.text:
        law = entry.law
        current = law.current
        parts += [
            h("h2", None, "条文 article text"),
            h(
                "p",
                {"class": "sub"},
                f"《{law.title}》现行文本 text in force：{current.date or ''} · 来源 source：{current.source}",
            ),
            h("blockquote", {"class": "cell law-text"}, _paragraphs(entry.text)),
            _versions_block(law, dict(entry.path)),
        ]
    elif entry is not None:
        parts.append(
            h("p", {"class": "sub"}, f"《{entry.law.title}》的文本中没有此条款 the law has no such provision")
        )
    quotes: dict[str, list[tuple[str, CitationRecord]]] = defaultdict(list)
    for target, cit in citations:
        if cit.quote:
            quotes[cit.quote].append((target, cit))
    if quotes:
        checked = entry is not None
        parts.append(
            h(
                "h2",
                None,
                "清单引用的原文 quoted by the lists"
                + ("" if checked else "（未与法条核对 not checked against the law）"),
            )
        )
        for quote, uses in quotes.items():
            target, _ = uses[0]
            quote_report = reports.get((target, quote))
            items = list(dict.fromkeys(c.item for _, c in uses))
            item_links = _item_links(data, links, items)
            parts.append(
                h(
                    "blockquote",
                    {"class": "cell quote"},
                    _mark(quote_report, links, data.provisions[iri].instrument) if checked else "",
                    h("div", None, f"“{quote}”"),
                    h("div", {"class": "sub"}, f"{len(uses)} 处引用 quoted {len(uses)}× · ", item_links),
                )
            )
    findings = _findings(data, links, reports, citations)
    if findings:
        parts += [h("h2", None, "审查发现 findings from the law's text"), *findings]
    return join(parts)


def _findings(
    data: SiteData,
    links: Linker,
    reports: dict[tuple[str, str], QuoteReport],
    citations: list[tuple[str, CitationRecord]],
) -> list[Markup]:
    by_message: dict[str, tuple[str, str, list[str]]] = {}
    for target, cit in citations:
        quote_report = reports.get((target, cit.quote))
        for judgement in quote_report.findings if quote_report is not None else ():
            text = judgement.text()
            entry = by_message.setdefault(text, (judgement.severity, judgement.suggestion, []))
            if cit.item not in entry[2]:
                entry[2].append(cit.item)
    out = []
    for message, (severity, suggestion, items) in by_message.items():
        item_links = _item_links(data, links, items)
        out.append(
            h(
                "div",
                {"class": f"finding {severity}"},
                h("b", None, severity, " "),
                message,
                h("div", {"class": "sub"}, "建议 suggestion：", suggestion, " · ", item_links),
            )
        )
    return out

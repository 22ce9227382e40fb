"""The entry pages: ``index.html`` (counts, search, most-cited), ``overview.html``,
and the offline search index they share.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kg.site.data import SiteData, provision_order
from kg.site.layout import graph_block, page, search_box, table
from kg.site.links import Linker
from kg.site.markup import h, join, json_text
from kg.site.networks import overview_network
from kg.site.pages import why_no_powers

__all__ = ["TOP_CITED", "index_page", "overview_page", "search_index", "search_index_js"]

TOP_CITED = 20
"""Rows in the index's most-cited provisions table."""


def search_index(data: SiteData, links: Linker) -> list[dict[str, Any]]:
    """One entry per instrument, cited provision, agency and item.

    ``t`` kind, ``l`` label, ``s`` secondary line, ``k`` extra search keys
    (short title, document number, 序号, code …), ``u`` page relative to the root,
    ``o`` rank in reading order (shorter titles first, articles by number,
    items by list and 序号), which the page uses to order equally good hits.
    """
    out: list[dict[str, Any]] = []
    for inst in data.instruments.values():
        keys = [*inst.labels, inst.short_title, inst.doc_number, inst.kind]
        sub = " · ".join(v for v in (inst.doc_number, inst.short_title) if v)
        out.append(_entry("instrument", inst.title, sub, keys, links.url(inst.iri)))
        out[-1]["_order"] = (len(inst.title), inst.title)
    for prov in data.provisions.values():
        if not data.items_on(prov.iri):
            continue
        inst = data.instruments.get(prov.instrument)
        short = data.short_title(prov.instrument)
        keys = [f"{short}{prov.label}", f"{inst.doc_number}{prov.label}" if inst else "", prov.local_id]
        sub = f"{len(data.items_on(prov.iri))} 项事项"
        out.append(_entry("provision", data.provision_title(prov.iri), sub, keys, links.url(prov.iri)))
        out[-1]["_order"] = (inst.title if inst else "", provision_order(prov))
    for agency in data.agencies.values():
        sub = f"{len(data.items_of_agency(agency.iri))} 项事项"
        out.append(_entry("agency", agency.name, sub, [], links.url(agency.iri)))
        out[-1]["_order"] = (len(agency.name), agency.name)
    for item in data.items.values():
        agency = data.agencies.get(item.agency or "")
        keys = [item.seq, item.sub_name, item.code, item.type]
        sub = " · ".join(v for v in (item.list_title, agency.name if agency else "") if v)
        out.append(_entry("item", f"{item.seq} {item.name}", sub, keys, links.url(item.iri)))
        out[-1]["_order"] = data.item_order(item.iri)
    out.sort(key=lambda e: (e["t"], e["_order"], e["u"]))
    for rank, entry in enumerate(out):
        del entry["_order"]
        entry["o"] = rank
    return out


def _entry(kind: str, label: str, sub: str, keys: list[str], url: str | None) -> dict[str, Any]:
    return {"t": kind, "l": label, "s": sub, "k": " ".join(k for k in keys if k), "u": url or ""}


def search_index_js(entries: list[dict[str, Any]], keys: dict[str, list[str]] | None = None) -> str:
    """``search-index.js``: a script, so the index loads from ``file://`` where fetch() cannot.

    ``keys`` maps a normalised reference (:func:`kg.site.search.search_key`) to the pages
    it names, computed with ``kg trace``'s parser (:func:`kg.site.search.reference_keys`).
    """
    return (
        f"window.KG_SEARCH_INDEX = {json_text(entries)};\nwindow.KG_SEARCH_KEYS = {json_text(keys or {})};\n"
    )


def _most_cited(data: SiteData, limit: int) -> list[tuple[str, int]]:
    counts = [(p, len(data.items_on(p))) for p in data.provisions]
    ranked = sorted((c for c in counts if c[1]), key=lambda pc: (-pc[1], pc[0]))
    return ranked[:limit]


def index_page(data: SiteData, links: Linker, *, findings: tuple[str, int | None] | None) -> str:
    """The home page.

    Args:
        data: the site data.
        links: page paths.
        findings: (page relative to the root, number of findings or None) when an
            audit produced a findings page, else None.
    """
    lists = {i.list_title for i in data.items.values() if i.list_title}
    counts = [
        ("法律法规文件 instruments", len(data.instruments)),
        ("被引条款 cited provisions", sum(1 for p in data.provisions if data.items_on(p))),
        ("权责事项 powers", len(data.items)),
        ("实施主体 agencies", len(data.agencies)),
        ("清单 lists", len(lists)),
        ("引用 citations", len(data.citations)),
    ]
    cited_rows = [
        [links.link(p, data.provision_title(p), depth=0), n] for p, n in _most_cited(data, TOP_CITED)
    ]
    inst_count: Counter[str] = Counter({i: len(data.items_on(i)) for i in data.instruments})
    inst_rows = [
        [
            links.link(i, data.instruments[i].title, depth=0),
            data.instruments[i].doc_number,
            n
            if n
            else h(
                "span", {"title": why_no_powers(data, i), "class": "why-none"}, "0（仅提及 mentioned only）"
            ),
        ]
        for i, n in sorted(inst_count.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    agency_rows = [
        [links.link(a, data.agencies[a].name, depth=0), len(data.items_of_agency(a))]
        for a in sorted(data.agencies, key=lambda a: data.agencies[a].name)
    ]
    body = join(
        [
            h("h1", None, "权责清单法律依据图谱"),
            h(
                "p",
                {"class": "sub"},
                "输入法律名称、简称、文号、条款、序号或事项名称 — type a law, article, number or power",
            ),
            search_box(big=True),
            h("ul", {"class": "counts"}, [h("li", None, h("b", None, n), label) for label, n in counts]),
            _findings_block(findings),
            h("h2", None, "被引用最多的条款 most-cited provisions"),
            table(["条款 provision", "事项数 powers"], cited_rows, numeric=[1]),
            h("h2", None, "法律法规文件 instruments"),
            table(["标题 title", "文号 number", "事项数 powers"], inst_rows, numeric=[2]),
            h("h2", None, "实施主体 agencies"),
            table(["机关 agency", "事项数 powers"], agency_rows, numeric=[1]),
        ]
    )
    return page("首页", body, depth=0, search=False)


def _findings_block(findings: tuple[str, int | None] | None) -> object:
    if findings is None:
        return h(
            "div",
            {"class": "findings empty"},
            "尚未生成审查结果 — no audit findings in this build (run the audit to add them)",
        )
    url, count = findings
    text = "审查发现 audit findings" + (f"（{count} 项）" if count is not None else "")
    return h("div", {"class": "findings"}, h("a", {"href": url}, text))


def overview_page(data: SiteData, links: Linker) -> str:
    """Instruments × agencies, aggregated: one edge per pair, a matrix table below."""
    spec = overview_network(data, links)
    agencies = sorted(data.agencies, key=lambda a: data.agencies[a].name)
    matrix: Counter[tuple[str, str]] = Counter()
    for item, targets in data.rests_on.items():
        agency = data.items[item].agency if item in data.items else None
        for inst in {data.instrument_of(t) for t in targets} - {None}:
            if agency:
                matrix[(inst, agency)] += 1
    rows = []
    for inst in sorted(data.instruments, key=lambda i: (-len(data.items_on(i)), i)):
        cells = [matrix.get((inst, a), 0) or "" for a in agencies]
        rows.append([links.link(inst, data.short_title(inst), depth=0), *cells])
    headers = ["文件 instrument", *(data.agencies[a].name for a in agencies)]
    drawn = sum(1 for n in spec.nodes.values() if n["kind"] == "instrument")
    cited = sum(1 for i in data.instruments if data.items_on(i))
    note = (
        f"图中仅画出事项最多的 {drawn} 个文件（共 {cited} 个）；下表列出全部 — "
        "the drawing keeps the most-cited instruments, the table has all"
        if drawn < cited
        else ""
    )
    body = join(
        [
            h("h1", None, "总览：文件 × 实施主体 overview"),
            h("p", {"class": "sub"}, "连线粗细为依据该文件的事项数 — edge width = powers linking them"),
            graph_block(spec, note=note),
            h("h2", None, "事项数矩阵 powers per instrument and agency"),
            table(headers, rows, numeric=list(range(1, len(headers)))),
        ]
    )
    return page("总览", body, depth=0, crumbs=[("首页", "index.html"), ("总览 overview", None)])

"""One page per instrument, cited provision, agency and power item.

Each builder returns the whole HTML text of its page; :mod:`kg.site.build`
decides where it goes. All text from the graph goes through :mod:`kg.site.markup`.
"""

from __future__ import annotations

from dataclasses import replace

from kg.model import TEXT_COLUMNS
from kg.site.annotate import mark_spans
from kg.site.data import CitationRecord, Item, SiteData
from kg.site.lawtext import SiteLaw, law_text_block
from kg.site.layout import graph_block, page, table
from kg.site.links import Linker
from kg.site.markup import Markup, h, join
from kg.site.networks import (
    agency_network,
    instrument_network,
    item_network,
    provision_network,
)

__all__ = [
    "COLUMN_NAMES",
    "agency_page",
    "instrument_page",
    "item_page",
    "powers_by_agency",
    "provision_page",
    "why_no_powers",
]

COLUMN_NAMES: dict[str, str] = {
    "basis": "实施依据",
    "duties": "责任事项",
    "accountability": "追责情形",
}
"""Record field → the column name legal staff know it by."""

ROLE_NAMES: dict[str, str] = {"cites": "依据 cites", "mentions": "提及 mentions"}

DEPTH = 1
"""Entity pages live one folder below the site root."""


def _items_table(data: SiteData, links: Linker, items: list[str], *, via: str = "") -> Markup:
    """The powers in ``items``, one row each, with what they rest on under ``via``."""
    rows = []
    for iri in items:
        item = data.items[iri]
        agency = data.agencies.get(item.agency or "")
        on = [t for t in sorted(data.rests_on.get(iri, ())) if not via or _under(data, t, via)]
        rows.append(
            [
                item.seq,
                links.link(iri, item.name or iri),
                item.type,
                links.link(agency.iri, agency.name) if agency else "",
                item.list_title,
                join([links.link(t, _target_text(data, t)) for t in on], "；"),
            ]
        )
    headers = ["序号", "事项名称 power", "权力类型", "实施主体 agency", "清单 list", "依据 rests on"]
    return table(headers, rows, empty="没有事项依据于此 — no power rests on this")


def _under(data: SiteData, target: str, root: str) -> bool:
    return target == root or target in data.descendants(root)


def _target_text(data: SiteData, iri: str) -> str:
    prov = data.provisions.get(iri)
    if prov is None:
        return data.short_title(iri)
    return f"{data.short_title(prov.instrument)}{prov.label}"


def why_no_powers(data: SiteData, iri: str) -> str:
    """Why an instrument that the graph holds has no power resting on it (empty when some do).

    A reference in 责任事项 or 追责情形 is a mention, not a basis: an instrument cited
    only there (《行政处罚法》 for the procedure) rests no power.
    """
    if data.items_on(iri):
        return ""
    columns = sorted(
        {COLUMN_NAMES.get(c.column, c.column) for c in data.citations_of_instrument(iri) if c.role != "cites"}
    )
    if columns:
        where = "、".join(columns)
        return (
            f"仅在{where}中被提及，不是任何事项的实施依据 — only mentioned in {where}, no power rests on it"
        )
    return "没有事项以本文件为依据 — no power rests on it"


def instrument_page(data: SiteData, links: Linker, iri: str) -> str:
    """Instrument → its cited provisions → the powers resting on them → agencies."""
    inst = data.instruments[iri]
    items = sorted(data.items_on(iri), key=data.item_order)
    facts = table(
        ["", ""],
        [
            [k, v]
            for k, v in (
                ("标题 title", inst.title),
                ("简称 short title", inst.short_title),
                ("文号 document number", inst.doc_number),
                ("类别 kind", inst.kind),
                ("IRI", inst.iri),
            )
            if v
        ],
    )
    prov_rows = [
        [
            links.link(p, data.provisions[p].label),
            len(data.items_on(p)),
            _clip(data.quote_of(p), 120),
        ]
        for p in data.cited_provisions(iri)
    ]
    body = join(
        [
            h("h1", None, inst.title),
            h("p", {"class": "sub"}, f"{len(items)} 项权责事项依据本文件 — powers resting on it"),
            h("p", {"class": "why-none"}, why_no_powers(data, iri)) if not items else "",
            facts,
            h("h2", None, "关系图 network"),
            graph_block(instrument_network(data, links, iri)),
            h("h2", None, "被引用的条款 cited provisions"),
            table(
                ["条款 provision", "事项数 powers", "条文 text（〔清单引文〕: a list's quote）"],
                prov_rows,
                numeric=[1],
            ),
            h("h2", None, "权责事项 powers"),
            _items_table(data, links, items, via=iri),
        ]
    )
    crumbs = [("首页", "index.html"), ("文件 instrument", None), (inst.short_title or inst.title, None)]
    return page(inst.title, body, depth=DEPTH, crumbs=crumbs)


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _citations_under(data: SiteData, item: str, root: str) -> list[CitationRecord]:
    """``item``'s basis citations of ``root`` or of one of its parts."""
    return [
        c
        for c in data.citations_of(item)
        if c.role == "cites" and any(_under(data, t, root) for t in c.targets)
    ]


def _quote_tip(cits: list[CitationRecord]) -> str:
    """What hovering a power shows: each cited part with the text the list quotes from it."""
    lines = [f"{c.text}：“{c.quote}”" if c.quote else c.text for c in cits]
    return "\n".join(dict.fromkeys(line for line in lines if line))


def _cited_parts(data: SiteData, links: Linker, cits: list[CitationRecord], root: str) -> Markup:
    """The parts of ``root`` a power cites (第五十八条第一款), each with its quote on hover."""
    seen: dict[str, CitationRecord] = {}
    for cit in cits:
        for target in cit.targets:
            if _under(data, target, root):
                seen.setdefault(target, cit)
    marks = []
    for target, cit in seen.items():
        label = data.provisions[target].label if target in data.provisions else data.short_title(target)
        tip = f"“{cit.quote}”" if cit.quote else None
        marks.append(
            h("span", {"title": tip, "class": "has-quote" if tip else None}, links.link(target, label))
        )
    return join(marks, "；")


def powers_by_agency(data: SiteData, links: Linker, items: list[str], root: str) -> Markup:
    """The powers resting on ``root`` (or its parts), one block per agency, quotes on hover."""
    groups: dict[str, list[str]] = {}
    for iri in items:
        groups.setdefault(data.items[iri].agency or "", []).append(iri)
    if not groups:
        return h("p", {"class": "empty"}, "没有事项依据于此 — no power rests on this")
    blocks = []
    for agency_iri in sorted(groups, key=lambda a: (data.agencies[a].name if a in data.agencies else "~", a)):
        agency = data.agencies.get(agency_iri)
        mine = groups[agency_iri]
        heading = links.link(agency.iri, agency.name) if agency else "（未写实施主体 no agency given）"
        rows = []
        for iri in mine:
            item = data.items[iri]
            cits = _citations_under(data, iri, root)
            tip = _quote_tip(cits) or None
            rows.append(
                [
                    item.seq,
                    h(
                        "span",
                        {"title": tip, "class": "has-quote" if tip else None},
                        links.link(iri, item.name or iri),
                    ),
                    item.type,
                    item.list_title,
                    _cited_parts(data, links, cits, root),
                ]
            )
        blocks.append(
            h(
                "section",
                {"class": "agency-group"},
                h("h3", None, heading, h("span", {"class": "sub"}, f" · {len(mine)} 项 powers")),
                table(["序号", "事项名称 power", "权力类型", "清单 list", "引用为 cited as"], rows),
            )
        )
    return join(blocks)


def provision_page(data: SiteData, links: Linker, iri: str, law: SiteLaw | None = None) -> str:
    """A provision's ego network: powers resting on it and its parts by agency, co-cited provisions."""
    prov = data.provisions[iri]
    inst = data.instruments.get(prov.instrument)
    title = data.provision_title(iri)
    items = sorted(data.items_on(iri), key=data.item_order)
    parts = [p for p in data.descendants(iri)[1:] if data.items_on(p)]
    agencies = {data.items[i].agency for i in items if data.items[i].agency}
    co_cited: dict[str, int] = {}
    for item in items:
        for target in data.rests_on.get(item, ()):
            if not _under(data, target, iri):
                co_cited[target] = co_cited.get(target, 0) + 1
    co_rows = [
        [links.link(t, _target_text(data, t)), n]
        for t, n in sorted(co_cited.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    body = join(
        [
            h("h1", None, title),
            h(
                "p",
                {"class": "sub"},
                "属于 part of ",
                links.link(
                    prov.parent or prov.instrument, _target_text(data, prov.parent or prov.instrument)
                ),
                f" · {len(items)} 项权责事项依据本条及其下各款项 — powers resting on it",
                f" · {len(agencies)} 个实施主体 agencies",
            ),
            law_text_block(data, links, iri, law),
            h("h2", None, "关系图 network"),
            graph_block(provision_network(data, links, iri)),
            h("h2", None, "权责事项 powers resting on it, by agency"),
            powers_by_agency(data, links, items, iri),
            h("h2", None, "下级条款 parts cited") if parts else "",
            join([h("span", {"class": "pill"}, links.link(p, data.provisions[p].label)) for p in parts], " ")
            if parts
            else "",
            h("h2", None, "同时引用的其他依据 also cited by these powers"),
            table(["依据 provision", "事项数 powers"], co_rows, numeric=[1]),
        ]
    )
    crumbs = [("首页", "index.html")]
    if inst is not None:
        crumbs.append((inst.short_title or inst.title, links.url(inst.iri)))
    crumbs.append((prov.label, None))
    return page(title, body, depth=DEPTH, crumbs=crumbs)


def agency_page(data: SiteData, links: Linker, iri: str) -> str:
    """An agency's powers and everything they rest on."""
    agency = data.agencies[iri]
    items = data.items_of_agency(iri)
    body = join(
        [
            h("h1", None, agency.name),
            h("p", {"class": "sub"}, f"{len(items)} 项权责事项 powers"),
            h("h2", None, "关系图 network"),
            graph_block(agency_network(data, links, iri)),
            h("h2", None, "权责事项 powers"),
            _items_table(data, links, items),
        ]
    )
    crumbs = [("首页", "index.html"), ("实施主体 agency", None), (agency.name, None)]
    return page(agency.name, body, depth=DEPTH, crumbs=crumbs)


def item_page(data: SiteData, links: Linker, iri: str) -> str:
    """A power's full record, its citations, and its cells with the citations marked."""
    item = data.items[iri]
    agency = data.agencies.get(item.agency or "")
    cits = data.citations_of(iri)
    record = [
        ("序号", item.seq),
        ("事项名称", item.name),
        ("子项名称", item.sub_name),
        ("权力类型", item.type),
        ("权力编码", item.code),
        ("实施主体", links.link(agency.iri, agency.name) if agency else ""),
        ("办事层级", item.level),
        ("清单", item.list_title),
        ("备注", item.remark),
        ("来源 source", _source(item)),
        ("IRI", item.iri),
    ]
    body = join(
        [
            h("h1", None, f"{item.seq} {item.name}"),
            h("p", {"class": "sub"}, item.list_title),
            table(["字段 field", "内容 value"], [[k, v] for k, v in record if v]),
            h("h2", None, "关系图 network"),
            graph_block(item_network(data, links, iri)),
            h("h2", None, "引用 citations"),
            _citations_table(data, links, cits),
            [_cell_section(data, links, item_text, column, cits) for column, item_text in _cells(item)],
        ]
    )
    crumbs = [("首页", "index.html")]
    if agency is not None:
        crumbs.append((agency.name, links.url(agency.iri)))
    crumbs.append((f"{item.seq} {item.name}", None))
    return page(f"{item.seq} {item.name}", body, depth=DEPTH, crumbs=crumbs)


def _source(item: Item) -> Markup:
    """List title, 序号 and line, as people find the row; the file name on hover."""
    where = " ".join(
        p for p in (item.list_title, f"序号{item.seq}", f"第{item.line}行" if item.line else "") if p
    )
    return h("span", {"title": item.source_file or None, "class": "source"}, where)


def _cells(item: object) -> list[tuple[str, str]]:
    return [(col, getattr(item, col)) for col in TEXT_COLUMNS if getattr(item, col, "")]


def _citations_table(data: SiteData, links: Linker, cits: list[CitationRecord]) -> Markup:
    """One row per cited provision; the cell text itself is shown once, below, with the marks."""
    rows = [
        [
            COLUMN_NAMES.get(c.column, c.column),
            ROLE_NAMES.get(c.role, c.role),
            join([links.link(t, _target_text(data, t)) for t in c.targets], "；"),
            _clip(c.quote, 160),
        ]
        for c in cits
    ]
    headers = ["字段 column", "角色 role", "指向 resolves to", "引用内容 quote"]
    return table(headers, rows, empty="未识别到引用 — no citation found")


def _merge_same_span(cits: list[CitationRecord]) -> list[CitationRecord]:
    """One citation per span: a reference naming several articles is stored once per article."""
    merged: dict[tuple[int | None, int | None, str], CitationRecord] = {}
    for cit in cits:
        key = (cit.start, cit.end, cit.role)
        known = merged.get(key)
        if known is None:
            merged[key] = cit
        else:
            targets = (*known.targets, *(t for t in cit.targets if t not in known.targets))
            merged[key] = replace(known, targets=targets)
    return list(merged.values())


def _cell_section(
    data: SiteData, links: Linker, text: str, column: str, cits: list[CitationRecord]
) -> Markup:
    mine = _merge_same_span([c for c in cits if c.column == column])

    def href(cit: CitationRecord) -> str | None:
        url = links.url(cit.targets[0]) if cit.targets else None
        return f"../{url}" if url else None

    def tip(cit: CitationRecord) -> str:
        return "；".join(_target_text(data, t) for t in cit.targets) or cit.text

    marked = mark_spans(text, mine, href, tip)
    return join([h("h2", None, COLUMN_NAMES.get(column, column)), h("div", {"class": "cell"}, marked)])

"""The findings page of the site (``findings.html``), each finding linked to its pages.

The site owns all HTML: :mod:`kg.audit` hands over data (:class:`~kg.audit.model.Finding`,
:func:`~kg.audit.store.load_findings`) and this module renders it, with the site's own
escaping helpers (every cell escaped) and layout, linked from the site's index
through the site's findings hook.
Links go to the pages of the items and instruments a finding concerns, when the
site has such a page; otherwise the name stands as plain text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import URIRef

from kg.atomic import atomic_write
from kg.audit.kinds import kind_labels
from kg.audit.model import SEVERITY_ORDER, Finding, Location
from kg.audit.places import list_titles, place
from kg.audit.rdf import instrument_node, item_node
from kg.site.build import FINDINGS_PAGE
from kg.site.layout import page, table
from kg.site.links import KIND_DIRS
from kg.site.markup import Markup, h, join
from kg.site.slugs import page_name
from kg.store.base import Store

__all__ = [
    "FINDINGS_PAGE",
    "LinkFor",
    "findings_hook",
    "findings_hook_from_store",
    "findings_page",
    "site_link_for",
    "write_findings_page",
]


LinkFor = Callable[[URIRef], str | None]
"""IRI → page path relative to the site root, or None when the site has no page for it."""

SEVERITY_ZH = {"error": "错误 error", "warning": "待核 warning", "info": "提示 info"}


def site_link_for(root: Path) -> LinkFor:
    """Links to the pages a built site in ``root`` has (item/…, instrument/…)."""

    def link_for(iri: URIRef) -> str | None:
        for folder in (KIND_DIRS["item"], KIND_DIRS["instrument"]):
            path = f"{folder}/{page_name(str(iri))}"
            if (root / path).is_file():
                return path
        return None

    return link_for


def _link(iri: URIRef | None, text: str, link_for: LinkFor) -> Markup:
    url = link_for(iri) if iri is not None else None
    return h("a", {"href": url}, text) if url else h("span", None, text)


def _where(locations: Sequence[Location], titles: dict[str, str]) -> Markup:
    """Each place as list title, 序号, line and column; the file name on hover."""
    rows = []
    for loc in locations:
        head = " ".join(part for part in (place(loc, titles), loc.column or "") if part)
        rows.append(
            h(
                "li",
                {"title": loc.file_name},
                head,
                h("div", {"class": "cell sub"}, loc.raw) if loc.raw else "",
            )
        )
    return h("ul", None, rows)


def _concerns(finding: Finding, link_for: LinkFor) -> Markup:
    links = [_link(item_node(ref), f"序号{ref.seq} {ref.name}".strip(), link_for) for ref in finding.items]
    links += [_link(instrument_node(ref), ref.label, link_for) for ref in finding.instruments]
    links += [_link(URIRef(iri), label, link_for) for iri, label in finding.links]
    return join(links, Markup("<br>"))


def _row(finding: Finding, link_for: LinkFor, titles: dict[str, str]) -> list[object]:
    evidence = finding.evidence
    expected = h("div", None, "应为 expected：", evidence.expected) if evidence.expected else ""
    related = (
        h("div", {"class": "sub"}, "佐证 see also：", _where(evidence.related, titles))
        if evidence.related
        else ""
    )
    law = join(
        h(
            "div",
            {"class": "sub"},
            "法条原文 law text：",
            loc.column or "",
            h("div", {"class": "cell"}, loc.raw or ""),
        )
        for loc in evidence.law
    )
    return [
        h("span", {"class": f"pill severity-{finding.severity}"}, SEVERITY_ZH[finding.severity]),
        h("div", {"class": "cell"}, finding.message),
        join([_where(evidence.locations, titles), expected, related, law]),
        finding.suggestion or "",
        _concerns(finding, link_for),
    ]


def findings_page(findings: Sequence[Finding], link_for: LinkFor) -> str:
    """The whole page: counts by kind, then one table per kind."""
    labels = kind_labels()
    titles = list_titles(findings)
    kinds = sorted(
        {f.kind for f in findings},
        key=lambda k: (min(SEVERITY_ORDER[f.severity] for f in findings if f.kind == k), k),
    )
    counts = Counter(f.kind for f in findings)
    summary = table(
        ["类型 kind", "数量 count"],
        [[h("a", {"href": f"#{kind}"}, labels.get(kind, kind)), counts[kind]] for kind in kinds],
        numeric=[1],
        empty="未发现问题 — no findings",
    )
    sections = [
        h(
            "section",
            {"id": kind},
            h("h2", None, labels.get(kind, kind), " ", h("code", None, kind)),
            table(
                ["严重程度 severity", "说明 message", "证据 evidence", "建议 suggestion", "涉及 concerns"],
                [_row(f, link_for, titles) for f in findings if f.kind == kind],
            ),
        )
        for kind in kinds
    ]
    body = join(
        [
            h("h1", None, f"审查发现 audit findings（{len(findings)} 项）"),
            h(
                "p",
                {"class": "sub"},
                "文号、标题、编码、引文和依据的问题，以及读取时的修复与合并 — "
                "problems in document numbers, titles, codes, quotes and bases, and what was repaired or merged",
            ),
            summary,
            *sections,
        ]
    )
    return page("审查发现", body, depth=0, crumbs=[("首页", "index.html"), ("审查发现 findings", None)])


def write_findings_page(findings: Sequence[Finding], site_dir: Path, link_for: LinkFor | None = None) -> Path:
    """Write ``findings.html`` into ``site_dir`` (atomically: :func:`kg.atomic.atomic_write`)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    text = findings_page(findings, link_for or site_link_for(site_dir))
    target = site_dir / FINDINGS_PAGE
    with atomic_write(target) as out:
        out.write(text)
    return target


def findings_hook_from_store(store: Store) -> Callable[[Path], int | None]:
    """A ``findings_hook`` that shows the findings ``kg audit --store`` saved in ``store``.

    Writes no page (and returns None) when the store holds no findings graph, so
    the index then says no audit was run.
    """

    def hook(root: Path) -> int | None:
        from kg.audit.store import load_findings

        findings = load_findings(store)
        if findings is None:
            return None
        write_findings_page(findings, root)
        return len(findings)

    return hook


def findings_hook(findings: Sequence[Finding]) -> Callable[[Path], int]:
    """A ``findings_hook`` for :func:`kg.site.build_site`: writes the page, returns the count."""

    def hook(root: Path) -> int:
        write_findings_page(findings, root)
        return len(findings)

    return hook

"""The audit over a store: read items and citations back from the graph, write findings.

``kg build`` keeps everything the checks need (cell texts, spans, raw titles and
numbers, flags, quotes, power codes) on the items and reified citations, so the
same checks run over a store as over files. What ingest repaired is not in the
graph, so ``row_repair`` and ``junk_row`` need the files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import regex
from rdflib import URIRef

from extractors.models import Citation, Instrument, Provision
from kg.audit.corpus import Corpus
from kg.audit.model import Evidence, Finding, Location
from kg.audit.rdf import FINDINGS_GRAPH, finding_quads
from kg.ingest.codes import decode_power_code
from kg.iri import item_key_of
from kg.model import PowerItem
from kg.queries import load_query
from kg.store.base import Row, Store

__all__ = ["corpus_from_store", "load_findings", "provision_from_iri", "save_findings"]

_LEVEL_FIELDS = {
    "annex": "annex",
    "part": "part",
    "book": "book",
    "chp": "chapter",
    "sec": "section",
    "art": "article",
    "artsfx": "article_suffix",
    "para": "paragraph",
    "item": "item",
    "subitem": "sub_item",
}
"""Level names of a provision IRI path (kg/iri.py) → :class:`Provision` fields."""

_LEVEL = regex.compile(r"^([a-z]+)_(\d+)$")
_INDEX = regex.compile(r"_(\d+)$")


def _s(row: Row, key: str) -> str:
    value = row.get(key)
    return str(value) if value is not None else ""


def _int(row: Row, key: str) -> int:
    text = _s(row, key)
    return int(text) if text.lstrip("-").isdigit() else 0


def provision_from_iri(target: str, instrument: str) -> Provision | None:
    """The provision a provision IRI names (``…/art_77__para_1``), None for the instrument."""
    if not target or target == instrument or not target.startswith(instrument + "/"):
        return None
    values: dict[str, int] = {}
    for part in target[len(instrument) + 1 :].split("__"):
        match = _LEVEL.match(part)
        if match and match[1] in _LEVEL_FIELDS:
            values[_LEVEL_FIELDS[match[1]]] = int(match[2])
    return Provision(**values) if values else None  # type: ignore[arg-type]


def _item(row: Row) -> PowerItem:
    type_, code = _s(row, "type"), _s(row, "code")
    return PowerItem(
        list_title=_s(row, "list_title"),
        file=_s(row, "source_file") or _s(row, "item"),
        line=_int(row, "line"),
        seq=_s(row, "seq"),
        key=item_key_of(_s(row, "item")) or "",
        name=_s(row, "name"),
        type=type_,
        code=code,
        code_info=decode_power_code(code, type_) if code else None,
        agency=_s(row, "agency"),
        basis=_s(row, "basis"),
        duties=_s(row, "duties"),
        accountability=_s(row, "accountability"),
    )


def _citations(rows: Iterable[Row]) -> dict[str, dict[str, list[Citation]]]:
    """item IRI → column → citations, rebuilt from one row per cited provision."""
    groups: dict[tuple[str, str, int, int, str], list[Row]] = defaultdict(list)
    for row in rows:
        key = (_s(row, "item"), _s(row, "column"), _int(row, "start"), _int(row, "end"), _s(row, "role"))
        groups[key].append(row)
    out: dict[str, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
    for (item, column, start, end, role), group in sorted(groups.items()):
        group.sort(key=lambda r: int(m[1]) if (m := _INDEX.search(_s(r, "citation"))) else 0)
        first = group[0]
        provisions = []
        for row in group:
            prov = provision_from_iri(_s(row, "target"), _s(row, "instrument"))
            if prov is not None:
                quote = _s(row, "quote") or None
                provisions.append(Provision(**{**_fields(prov), "quote": quote}))
        instrument = Instrument(
            title=_s(first, "title") or None,
            raw_title=_s(first, "raw_title") or None,
            doc_number=_s(first, "doc_number") or None,
            raw_doc_number=_s(first, "raw_doc_number") or None,
            doc_number_flags=tuple(f for f in _s(first, "flags").split("|") if f),
            version=_s(first, "version") or None,
        )
        out[item][column].append(
            Citation(
                role=role or "cites", span=(start, end), instrument=instrument, provisions=tuple(provisions)
            )  # type: ignore[arg-type]
        )
    return out


def _fields(prov: Provision) -> dict[str, object]:
    return {name: getattr(prov, name) for name in _LEVEL_FIELDS.values() if getattr(prov, name) is not None}


def corpus_from_store(store: Store) -> Corpus:
    """Items and citations of every list graph in ``store``, as the checks read them."""
    items = {_s(row, "item"): _item(row) for row in store.query(load_query("audit_items"))}
    cited = _citations(store.query(load_query("audit_citations")))
    corpus = Corpus()
    for iri, item in items.items():
        corpus.add(item, cited.get(iri, {}))
    return corpus


def _findings_rows(store: Store, name: str, graph: URIRef) -> list[Row]:
    return store.query(load_query(name), {"g": graph})


def _loc_index(iri: str) -> int:
    match = _INDEX.search(iri)
    return int(match[1]) if match else 0


def load_findings(store: Store, graph: URIRef = FINDINGS_GRAPH) -> list[Finding] | None:
    """The findings saved in ``graph``, or None when the store has no such graph.

    Items and instruments come back as ``links`` (IRI and label); the evidence as
    saved (files, lines, 序号, columns, raw text).
    """
    if graph not in store.graphs():
        return None
    locations: dict[str, dict[str, list[tuple[int, Location]]]] = defaultdict(lambda: defaultdict(list))
    for row in _findings_rows(store, "audit_finding_locations", graph):
        line = _s(row, "line")
        loc = Location(
            file=_s(row, "file"),
            line=int(line) if line.isdigit() else None,
            seq=_s(row, "seq") or None,
            column=_s(row, "column") or None,
            raw=_s(row, "text") or None,
        )
        role = "law" if "/law_" in _s(row, "loc") else "related" if _s(row, "related") == "true" else "at"
        locations[_s(row, "f")][role].append((_loc_index(_s(row, "loc")), loc))
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _findings_rows(store, "audit_finding_concerns", graph):
        target = _s(row, "target")
        links[_s(row, "f")].append((target, _s(row, "label") or target.rsplit("/", 1)[-1]))
    findings = []
    for row in _findings_rows(store, "audit_findings", graph):
        node = _s(row, "f")
        where = locations.get(node, {})
        findings.append(
            Finding(
                kind=_s(row, "kind"),
                severity=_s(row, "severity"),  # type: ignore[arg-type]
                message=_s(row, "message"),
                evidence=Evidence(
                    locations=tuple(loc for _, loc in sorted(where.get("at", []), key=lambda p: p[0])),
                    expected=_s(row, "expected") or None,
                    related=tuple(loc for _, loc in sorted(where.get("related", []), key=lambda p: p[0])),
                    law=tuple(loc for _, loc in sorted(where.get("law", []), key=lambda p: p[0])),
                ),
                suggestion=_s(row, "suggestion") or None,
                links=tuple(links.get(node, ())),
            )
        )
    return sorted(findings, key=Finding.sort_key)


def save_findings(store: Store, findings: Iterable[Finding], graph: URIRef = FINDINGS_GRAPH) -> int:
    """Replace the findings graph with ``findings``; return the number of quads."""
    return store.replace_graph(graph, finding_quads(findings))

"""The audit over a store: read items and their cell texts back from the graph, write findings.

``kg build`` keeps each item's record and cell texts (``kg:basisText`` …) in the
graph, so the audit re-runs the same extraction (:func:`kg.model.extract_item`)
over them as over list files: no citation is rebuilt from IRIs, no number or
short name parsed a second way, and findings from a store and from files are one
computation. What ingest repaired is not in the graph, so ``row_repair`` and
``junk_row`` need the files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import regex
from rdflib import URIRef

from extractors.protocols import Extractor, default_extractor
from kg.audit.corpus import Corpus
from kg.audit.model import Evidence, Finding, Location
from kg.audit.rdf import FINDINGS_GRAPH, finding_quads
from kg.audit.run import audit_corpus
from kg.audit.status import StatusTable
from kg.ingest.codes import decode_power_code
from kg.iri import item_key_of
from kg.laws.cite import LibraryLike
from kg.model import PowerItem, extract_item
from kg.queries import load_query
from kg.store.base import Row, Store

__all__ = ["NoItemsError", "audit_store", "corpus_from_store", "load_findings", "save_findings"]

_INDEX = regex.compile(r"_(\d+)$")


class NoItemsError(LookupError):
    """The store holds no power items (nothing was built into it)."""


def _s(row: Row, key: str) -> str:
    value = row.get(key)
    return str(value) if value is not None else ""


def _int(row: Row, key: str) -> int:
    text = _s(row, key)
    return int(text) if text.lstrip("-").isdigit() else 0


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


def corpus_from_store(
    store: Store,
    extract: Extractor | None = None,
    on_item: Callable[[PowerItem], None] | None = None,
) -> Corpus:
    """Items of every list graph in ``store`` with the citations ``extract`` finds in their cells.

    Args:
        store: a store ``kg build`` loaded.
        extract: the extractor (:func:`extractors.protocols.default_extractor` when None).
        on_item: called after each item is extracted (a progress bar).
    """
    extract = extract or default_extractor()
    corpus = Corpus()
    for row in store.query(load_query("audit_items")):
        item = _item(row)
        corpus.add(extract_item(item, extract))
        if on_item is not None:
            on_item(item)
    return corpus


def audit_store(
    store: Store,
    *,
    status: StatusTable | None = None,
    library: LibraryLike | None = None,
    kinds: Iterable[str] | None = None,
    extract: Extractor | None = None,
    on_item: Callable[[PowerItem], None] | None = None,
) -> list[Finding]:
    """Audit the lists ``kg build`` loaded into ``store`` (see :func:`kg.audit.run.audit_corpus`).

    Raises:
        NoItemsError: the store holds no power items.
        ValueError: for a kind name the audit does not know.
    """
    corpus = corpus_from_store(store, extract, on_item)
    if not corpus.items:
        raise NoItemsError("the store holds no power items; run kg build first")
    return audit_corpus(corpus, status=status, library=library, kinds=kinds)


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

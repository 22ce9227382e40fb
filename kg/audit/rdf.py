"""Findings as RDF, in their own named graph, so SPARQL can ask for them.

Each finding is a ``kg:Finding`` with its kind, severity, message, suggestion and
expected value; ``kg:concerns`` links it to the power items and instruments of
the list graphs; its evidence locations (file, line, 序号, column, raw text) are
``kg:EvidenceLocation`` nodes. IRIs derive from the finding's content, so the
same input gives the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import RDF, RDFS, Literal, URIRef

from kg import iri
from kg.audit.model import Finding, InstrumentRef, ItemRef, Location
from kg.namespace import KG
from kg.store.base import Quad

__all__ = ["FINDINGS_GRAPH", "finding_iri", "finding_quads", "instrument_node", "item_node"]

FINDINGS_GRAPH = iri.graph_iri("findings")
"""The named graph the audit writes; replaced whole on every ``kg audit --store``."""


def finding_iri(finding: Finding) -> URIRef:
    """``…/id/finding/<kind>/<id>``: readable kind, content-derived id."""
    return URIRef(f"{iri.BASE}finding/{iri.segment(finding.kind)}/{finding.id}")


def item_node(ref: ItemRef) -> URIRef:
    """The power item's node, minted as the graph mints it (valid code, else list + 序号)."""
    return iri.power_item_iri(code=ref.code, list_key=ref.list_key, seq=ref.key or ref.seq)


def instrument_node(ref: InstrumentRef) -> URIRef | None:
    """The instrument's node, or None when the reference has neither key nor title."""
    key = ref.iri_key
    return iri.instrument_iri(key) if key.strip() else None


def _location(node: URIRef, loc: Location) -> Iterator[tuple[URIRef, URIRef, Literal | URIRef]]:
    yield node, RDF.type, KG.EvidenceLocation
    yield node, KG.sourceFile, Literal(loc.file_name)
    if loc.line is not None:
        yield node, KG.sourceLine, Literal(loc.line)
    if loc.seq is not None:
        yield node, KG.atSeq, Literal(loc.seq)
    if loc.column:
        yield node, KG.atColumn, Literal(loc.column)
    if loc.raw:
        yield node, KG.evidenceText, Literal(loc.raw)


def _triples(finding: Finding) -> Iterator[tuple[URIRef, URIRef, Literal | URIRef]]:
    node = finding_iri(finding)
    yield node, RDF.type, KG.Finding
    yield node, KG.findingKind, Literal(finding.kind)
    yield node, KG.severity, Literal(finding.severity)
    yield node, KG.message, Literal(finding.message, lang="zh")
    yield node, RDFS.label, Literal(f"{finding.kind}: {finding.message[:60]}", lang="zh")
    if finding.suggestion:
        yield node, KG.suggestion, Literal(finding.suggestion, lang="zh")
    if finding.evidence.expected:
        yield node, KG.expected, Literal(finding.evidence.expected)
    for ref in finding.items:
        yield node, KG.concerns, item_node(ref)
    for inst in finding.instruments:
        target = instrument_node(inst)
        if target is not None:
            yield node, KG.concerns, target
    for iri_, _ in finding.links:
        yield node, KG.concerns, URIRef(iri_)
    for prop, locations, tag in (
        (KG.evidence, finding.evidence.locations, "loc"),
        (KG.relatedEvidence, finding.evidence.related, "rel"),
        (KG.relatedEvidence, finding.evidence.law, "law"),
    ):
        for n, loc in enumerate(locations):
            loc_node = URIRef(f"{node}/{tag}_{n}")
            yield node, prop, loc_node
            yield from _location(loc_node, loc)


def finding_quads(findings: Iterable[Finding], graph: URIRef = FINDINGS_GRAPH) -> Iterator[Quad]:
    """The quads of the findings graph."""
    for finding in findings:
        for s, p, o in _triples(finding):
            yield (s, p, o, graph)

"""SPARQL 1.1 results in the four standard formats, graphs in three, and choosing one per request.

Every SPARQL client asks differently: SPARQLWrapper sends ``format=json`` and an
``Accept`` list, YASGUI and curl send ``Accept`` only, a spreadsheet user wants
CSV. :func:`negotiate` reads a ``format``/``output``/``results`` parameter first
and the ``Accept`` header second; :func:`serialize` writes JSON, CSV, TSV or XML
exactly as the W3C result-format recommendations describe them. CONSTRUCT and
DESCRIBE answer a graph, not a table: :func:`negotiate_graph` picks Turtle,
N-Triples or JSON-LD the same way and :func:`serialize_graph` writes it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal as TypingLiteral
from xml.etree import ElementTree

import regex
from rdflib import Graph
from rdflib.term import BNode, Identifier, Literal, URIRef

from kg.prefixes import PREFIXES
from kg.results import csv_value, term_json
from kg.store.base import Row, Triple
from kg.store.sparql_syntax import term_to_sparql

__all__ = [
    "FORMATS",
    "GRAPH_FORMATS",
    "ResultFormat",
    "UnknownFormatError",
    "negotiate",
    "negotiate_graph",
    "serialize",
    "serialize_graph",
]

FormatName = TypingLiteral["json", "csv", "tsv", "xml", "turtle", "nt", "json-ld"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
# Characters XML 1.0 cannot hold even escaped (C0 controls but tab, CR, LF); a cell
# pasted from a spreadsheet may carry one, and one would make the whole document unreadable.
_XML_ILLEGAL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ASK_COLUMN = "_askResult"
"""Header of an ASK answer in CSV/TSV, which the W3C formats leave open (Jena's name)."""


@dataclass(frozen=True, slots=True)
class ResultFormat:
    """One results format: short name, the MIME type sent back, and the MIME types it answers."""

    name: FormatName
    content_type: str
    accepts: tuple[str, ...]


FORMATS: dict[str, ResultFormat] = {
    "json": ResultFormat(
        "json",
        "application/sparql-results+json; charset=utf-8",
        ("application/sparql-results+json", "application/json", "text/javascript", "application/javascript"),
    ),
    "xml": ResultFormat(
        "xml",
        "application/sparql-results+xml; charset=utf-8",
        ("application/sparql-results+xml", "application/xml", "text/xml"),
    ),
    "csv": ResultFormat("csv", "text/csv; charset=utf-8", ("text/csv",)),
    "tsv": ResultFormat("tsv", "text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",)),
}
"""Short name → format; JSON first because it is the default."""

GRAPH_FORMATS: dict[str, ResultFormat] = {
    "turtle": ResultFormat("turtle", "text/turtle; charset=utf-8", ("text/turtle", "application/x-turtle")),
    "nt": ResultFormat("nt", "application/n-triples; charset=utf-8", ("application/n-triples", "text/plain")),
    "json-ld": ResultFormat("json-ld", "application/ld+json; charset=utf-8", ("application/ld+json",)),
}
"""Formats of a CONSTRUCT/DESCRIBE answer; Turtle first because it is the default."""
GRAPH_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "jsonld": "json-ld", "json": "json-ld"}
"""Other names clients give the graph formats (``json`` asks a graph query for JSON-LD)."""


class UnknownFormatError(ValueError):
    """A ``format=`` parameter named no format this server writes."""


def negotiate(
    format_param: str | None, accept: str | None, formats: dict[str, ResultFormat] = FORMATS
) -> ResultFormat:
    """Pick the results format: an explicit parameter wins, then ``Accept`` by q-value.

    Unknown ``Accept`` types fall back to JSON (browsers send ``*/*``); an unknown
    explicit parameter is an error, because the client asked for it by name.

    Raises:
        UnknownFormatError: for a ``format=`` value that is neither a short name
            (json, xml, csv, tsv) nor one of their MIME types.

    Examples:
        >>> negotiate("csv", "application/json").name
        'csv'
        >>> negotiate(None, "text/csv;q=0.5, application/sparql-results+xml").name
        'xml'
        >>> negotiate(None, "text/html,*/*;q=0.8").name
        'json'
    """
    if format_param:
        wanted = format_param.strip().lower()
        found = formats.get(wanted) or _by_mime(wanted, formats)
        if found is None:
            names = ", ".join(formats)
            raise UnknownFormatError(f"unknown results format {format_param!r}; use {names}")
        return found
    ranked: list[tuple[float, int, ResultFormat]] = []
    for position, part in enumerate((accept or "").split(",")):
        mime, _, params = part.strip().partition(";")
        found = _by_mime(mime.strip().lower(), formats)
        if found is not None:
            ranked.append((-_quality(params), position, found))
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else next(iter(formats.values()))


def negotiate_graph(format_param: str | None, accept: str | None) -> ResultFormat:
    """Pick the format of a CONSTRUCT/DESCRIBE answer (Turtle unless asked otherwise).

    Raises:
        UnknownFormatError: for a ``format=`` value naming no graph format.

    Examples:
        >>> negotiate_graph(None, "application/ld+json").name
        'json-ld'
        >>> negotiate_graph("json", None).name
        'json-ld'
        >>> negotiate_graph(None, "application/sparql-results+json").name
        'turtle'
    """
    wanted = (format_param or "").strip().lower()
    return negotiate(GRAPH_ALIASES.get(wanted, wanted) or None, accept, GRAPH_FORMATS)


def _by_mime(mime: str, formats: dict[str, ResultFormat]) -> ResultFormat | None:
    return next((f for f in formats.values() if mime in f.accepts), None)


def _quality(params: str) -> float:
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def serialize(
    fmt: ResultFormat, variables: Sequence[str], rows: Sequence[Row], ask: bool | None = None
) -> bytes:
    """Write a SELECT result (``variables`` + ``rows``) or, with ``ask`` set, an ASK answer."""
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt.name]
    return writer(variables, rows, ask)


def serialize_graph(fmt: ResultFormat, triples: Sequence[Triple]) -> bytes:
    """Write a CONSTRUCT/DESCRIBE answer as Turtle, N-Triples or JSON-LD (prefixes bound)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format=fmt.name).encode("utf-8")


def _json(variables: Sequence[str], rows: Sequence[Row], ask: bool | None) -> bytes:
    if ask is not None:
        document: dict[str, object] = {"head": {}, "boolean": ask}
    else:
        bindings = [
            {name: term_json(row[name]) for name in variables if row.get(name) is not None} for row in rows
        ]
        document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _xml(variables: Sequence[str], rows: Sequence[Row], ask: bool | None) -> bytes:
    root = ElementTree.Element("sparql", xmlns=_RESULTS_NS)
    head = ElementTree.SubElement(root, "head")
    if ask is not None:
        ElementTree.SubElement(root, "boolean").text = "true" if ask else "false"
    else:
        for name in variables:
            ElementTree.SubElement(head, "variable", name=name)
        results = ElementTree.SubElement(root, "results")
        for row in rows:
            result = ElementTree.SubElement(results, "result")
            for name in variables:
                term = row.get(name)
                if term is not None:
                    _xml_term(ElementTree.SubElement(result, "binding", name=name), term)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _xml_term(binding: ElementTree.Element, term: Identifier) -> None:
    if isinstance(term, URIRef):
        ElementTree.SubElement(binding, "uri").text = str(term)
    elif isinstance(term, BNode):
        ElementTree.SubElement(binding, "bnode").text = str(term)
    else:
        assert isinstance(term, Literal)
        literal = ElementTree.SubElement(binding, "literal")
        literal.text = _XML_ILLEGAL.sub("\ufffd", str(term))
        if term.language:
            literal.set("xml:lang", term.language)
        elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
            literal.set("datatype", str(term.datatype))


def _csv(variables: Sequence[str], rows: Sequence[Row], ask: bool | None) -> bytes:
    """SPARQL 1.1 CSV: a header, then plain values (lexical forms, IRIs, ``_:`` labels)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if ask is not None:
        writer.writerows([[ASK_COLUMN], ["true" if ask else "false"]])
    else:
        writer.writerow(variables)
        for row in rows:
            writer.writerow([csv_value(row.get(name)) for name in variables])
    return buffer.getvalue().encode("utf-8")


def _tsv(variables: Sequence[str], rows: Sequence[Row], ask: bool | None) -> bytes:
    """SPARQL 1.1 TSV: ``?var`` headers, then terms in N-Triples syntax (tabs escaped)."""
    if ask is not None:
        return f"?{ASK_COLUMN}\n{'true' if ask else 'false'}\n".encode()
    lines = ["\t".join(f"?{name}" for name in variables)]
    for row in rows:
        lines.append("\t".join(_tsv_value(row.get(name)) for name in variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_value(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return term_to_sparql(term)

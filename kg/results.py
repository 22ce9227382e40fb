"""SPARQL result rows → the SPARQL 1.1 result formats (JSON, CSV) and a display form.

``kg query`` prints these; ``kg serve`` may reuse them.

Examples:
    >>> from rdflib import Literal, URIRef
    >>> rows = [{"s": URIRef("http://e.org/a"), "n": Literal(2)}]
    >>> to_csv(["s", "n"], rows)
    's,n\\r\\nhttp://e.org/a,2\\r\\n'
    >>> to_json(["s"], [{"s": None}])["results"]["bindings"]
    [{}]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.prefixes import PREFIXES
from kg.store.base import Row

__all__ = ["compact", "csv_value", "row_variables", "term_json", "to_csv", "to_json"]


def row_variables(rows: Sequence[Row]) -> list[str]:
    """The variables of a result, in first-seen order (rows keep the projection's order)."""
    seen: dict[str, None] = {}
    for row in rows:
        for name in row:
            seen.setdefault(name, None)
    return list(seen)


def term_json(term: Identifier) -> dict[str, Any]:
    """One RDF term in the SPARQL 1.1 JSON results form."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out: dict[str, Any] = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(variables: Sequence[str], rows: Sequence[Row]) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON (an ASK result is the row ``{"ask": …}``)."""
    if variables == ["ask"] and len(rows) == 1:
        return {"head": {}, "boolean": bool(rows[0]["ask"])}
    bindings = [{k: term_json(v) for k, v in row.items() if v is not None} for row in rows]
    return {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}


def csv_value(term: Identifier | None) -> str:
    """A term as SPARQL 1.1 CSV writes it: lexical form, IRI, or ``_:`` label."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(variables: Sequence[str], rows: Sequence[Row]) -> str:
    """SPARQL 1.1 Query Results CSV: header row, one row per solution, CRLF, RFC 4180 quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([csv_value(row.get(name)) for name in variables])
    return buffer.getvalue()


def compact(term: Identifier | None) -> str:
    """A short display form: ``kg:restsOn`` for known namespaces, the value for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return f"<{text}>"
    return str(term)

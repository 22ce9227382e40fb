"""The prefixes every query and export knows, so users never type them.

``kg query`` prepends :func:`prologue` to what the user writes, the canned
``.rq`` files rely on it, and Turtle/TriG exports use the same short names.

Examples:
    >>> prologue().splitlines()[0]
    'PREFIX dcterms: <http://purl.org/dc/terms/>'
"""

from __future__ import annotations

from kg.iri import BASE, ONTOLOGY

__all__ = ["PREFIXES", "prologue"]

PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "id": BASE,
    "kg": ONTOLOGY,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefix → namespace, sorted by prefix."""


def prologue() -> str:
    """``PREFIX`` lines for every entry of :data:`PREFIXES`, one per line."""
    return "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())

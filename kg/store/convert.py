"""rdflib terms ⇄ pyoxigraph terms, in one place (as oxrdflib's ``_converter``).

Query results leave the stores with ``xsd:string`` dropped (RDF 1.1 makes
``"x"`` and ``"x"^^xsd:string`` the same literal, rdflib does not), so every
backend returns rows that compare equal.

Examples:
    >>> from rdflib import Literal, URIRef
    >>> from_ox(to_ox(URIRef("https://w3id.org/qzqd-kg/id/x")))
    rdflib.term.URIRef('https://w3id.org/qzqd-kg/id/x')
    >>> from_ox(to_ox(Literal("第八条", lang="zh"))) == Literal("第八条", lang="zh")
    True
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import XSD
from rdflib.term import BNode, Identifier, Literal, URIRef

__all__ = ["from_ox", "normal", "to_ox", "to_ox_quad"]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def to_ox(term: Identifier) -> OxTerm:
    """Convert an rdflib term.

    Raises:
        TypeError: for terms RDF has no place for (variables, graphs as terms).
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} ({type(term).__name__}) in oxigraph")


def to_ox_quad(s: Identifier, p: Identifier, o: Identifier, g: Identifier) -> ox.Quad:
    """Convert one quad."""
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))  # type: ignore[arg-type]


def from_ox(term: OxTerm | None) -> Identifier | None:
    """Convert a pyoxigraph term (None stays None: an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected term from oxigraph: {term!r}")


def normal(term: Identifier | None) -> Identifier | None:
    """Drop an explicit ``xsd:string`` so rows compare equal across backends."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term

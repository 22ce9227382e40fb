"""The facts a provision's IRI alone decides, written once in the shared provision graph.

A provision's IRI is its instrument's IRI plus its path (``…/社会保险法/art_77__para_1``,
:func:`kg.iri.provision_iri`), so its type, label, level name, number, instrument and
structural parent (the path one level shorter, or the instrument) follow from the IRI:
they are the same in every list that cites it. They live in one named graph,
:data:`PROVISION_GRAPH`, not in each citing list's graph. What a list says beyond the
IRI — that its cell put 第二十七条 in 第五章, an ``eli:is_part_of`` from the article to a
division node — stays in the list's graph.

A node is *needed* while some list *names* it or a node below it: a citation's
``kg:citedResource``, or the division a list links an article to. :func:`needed`
closes a set of named IRIs under their parents, which is also how the build decides
what to prune (:mod:`kg.scale.provisions`).

Examples:
    >>> from kg import iri
    >>> law = iri.instrument_iri("中华人民共和国社会保险法")
    >>> sorted(str(n).rsplit("/", 1)[1] for n in needed([iri.provision_iri(law, (("art", 77), ("para", 1)))]))
    ['art_77', 'art_77__para_1']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.term import Identifier

from kg import iri
from kg.graph.labels import provision_label
from kg.namespace import ELI, KG

__all__ = ["PROVISION_GRAPH", "SharedNodes", "needed", "node_ntriples", "node_triples", "parent_of"]

PROVISION_GRAPH = iri.provision_graph_iri()
"""The one named graph of the facts provision IRIs decide."""

SharedNodes = tuple[tuple[str, bytes], ...]
"""The shared nodes one list needs, as a worker hands them over: (node IRI, its N-Triples lines)."""

Triple = tuple[Identifier, Identifier, Identifier]


def node_triples(instrument: URIRef, path: Sequence[tuple[str, int]]) -> list[Triple]:
    """The shared facts of the provision at ``path`` in ``instrument``: the same for every list."""
    path = tuple(path)
    node = iri.provision_iri(instrument, path)
    parent = iri.provision_iri(instrument, path[:-1]) if len(path) > 1 else instrument
    name, number = path[-1]
    return [
        (node, RDF.type, ELI.LegalResourceSubdivision),
        (node, ELI.is_part_of, parent),
        (node, KG.instrument, instrument),
        (node, RDFS.label, Literal(provision_label(path), lang="zh")),
        (node, KG.levelName, Literal(name)),
        (node, KG.number, Literal(number, datatype=XSD.integer)),
    ]


@functools.lru_cache(maxsize=1 << 16)
def node_ntriples(node: URIRef) -> bytes:
    """:func:`node_triples` of a provision IRI as N-Triples lines, as the build's workers write them.

    Raises:
        ValueError: ``node`` is no provision IRI (:func:`kg.iri.provision_of`).
    """
    from kg.store.sparql_syntax import ntriples_line

    parts = iri.provision_of(str(node))
    if parts is None:
        raise ValueError(f"{node} is not a provision IRI")
    return "".join(ntriples_line(*triple) for triple in node_triples(*parts)).encode("utf-8")


def parent_of(node: URIRef) -> URIRef | None:
    """The provision one level up (None at the top, whose parent is the instrument, or for a non-provision)."""
    parts = iri.provision_of(str(node))
    if parts is None or len(parts[1]) < 2:
        return None
    instrument, path = parts
    return iri.provision_iri(instrument, path[:-1])


def needed(named: Iterable[URIRef]) -> set[URIRef]:
    """The provision nodes a set of named IRIs needs: each provision among them and its ancestors.

    Instruments and other IRIs among ``named`` are left out (their facts are the lists').
    """
    out: set[URIRef] = set()
    for start in named:
        node: URIRef | None = start if iri.provision_of(str(start)) is not None else None
        while node is not None and node not in out:
            out.add(node)
            node = parent_of(node)
    return out

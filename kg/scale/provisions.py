"""The shared provision graph: written once for every list, pruned when no list needs a node.

The facts a provision's IRI decides (:mod:`kg.graph.provisions`) live in one named graph,
:data:`~kg.graph.provisions.PROVISION_GRAPH`. Each list's worker hands back the nodes
its list needs with their N-Triples (:attr:`kg.scale.worker.ListOutcome.shared`);
:class:`SharedProvisions` keeps the set of nodes the graph holds and writes only
the ones it lacks, so a node cited by a thousand lists is written once. A first
build adds the graph to its bulk load, after the lists.

A node is needed while some list names it or a node below it (a citation's
``kg:citedResource``, or the division a list links an article to). When a list's
graph is replaced or removed, the nodes it needed before and does not need now are
candidates; those that no other list names (nor any node below them) are pruned
with that change. Nodes are added before the list's graph changes and pruned right
after it, so readers never see a list naming a node the shared graph lacks.

Crash-safe as the summary graph (:mod:`kg.scale.summary`): before its first change a
command writes ``kg:provisionsStale`` into the shared graph and removes it once done.
A command killed in between leaves the marker, and the next build writes the shared
graph whole from what the lists name (each node's facts from its IRI), which is what
a build from scratch writes. A build that rebuilds every list (``full``, a new
pipeline version) writes it whole too, so facts written by older code cannot stay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from rdflib import Literal, URIRef

from kg.graph.provisions import PROVISION_GRAPH, SharedNodes, needed, node_ntriples
from kg.iri import provision_within
from kg.namespace import KG
from kg.prefixes import prologue
from kg.store.base import Store, parse_ntriples
from kg.store.sparql_syntax import term_to_sparql

__all__ = ["SharedNodes", "SharedProvisions", "named_nodes", "provision_graph_size"]

_PREFIXES = prologue()

_NAMED = (
    _PREFIXES
    + """SELECT DISTINCT ?x WHERE {
  GRAPH ?g { { ?c kg:citedResource ?x } UNION { ?a eli:is_part_of ?x } }
  FILTER (?g != %s)
}"""
)
"""What lists name: cited resources, and the divisions articles are linked to (bind ?g for one list)."""

_STILL_NAMED = (
    _PREFIXES
    + """SELECT ?x WHERE {
  VALUES ?x { %s }
  FILTER (EXISTS { GRAPH ?g { ?c kg:citedResource ?x } }
          || EXISTS { GRAPH ?h { ?a eli:is_part_of ?x } FILTER (?h != %s) })
}"""
)
"""Which of these nodes some list still names (EXISTS: a node cited 10,000 times is one row)."""

_HELD = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
"""The subjects of the shared graph (bind ?g): its nodes, and its own IRI while the marker stands."""

_STALE = _PREFIXES + "ASK { GRAPH ?g { ?g kg:provisionsStale true } }"
"""Whether a killed command left the marker in the shared graph (bind ?g)."""

VALUES_CHUNK = 500
"""Nodes per ``VALUES`` block (keeps each query text small for a server)."""

_GRAPH = term_to_sparql(PROVISION_GRAPH)


def named_nodes(store: Store, graph: URIRef | None = None) -> set[URIRef]:
    """The IRIs the lists name (``graph``'s list only, when given), instruments and provisions."""
    rows = store.query(_NAMED % _GRAPH, {"g": graph} if graph is not None else None)
    return {row["x"] for row in rows if isinstance(row["x"], URIRef)}


def _instrument(node: URIRef) -> URIRef:
    return URIRef(str(node).rpartition("/")[0])


class SharedProvisions:
    """One command's bookkeeping for the shared provision graph.

    Call :meth:`before_change` before a list's graph is replaced or removed, :meth:`add`
    with the nodes its new graph needs (before writing it), :meth:`after_change` once it
    was written or removed, and :meth:`finish` at the end. A first build passes its
    lists through :meth:`bulk` instead.

    Args:
        store: the store.
        whole: write the graph whole at :meth:`finish` (every list rebuilt), whatever changed.
    """

    def __init__(self, store: Store, *, whole: bool = False) -> None:
        self.store = store
        rows = store.query(_STALE, {"g": PROVISION_GRAPH})
        self.stale = bool(rows and rows[0].get("ask") is not None and rows[0]["ask"].toPython())  # type: ignore[union-attr]
        self.whole = whole or self.stale
        """Write the graph whole at the end: a killed command left the marker, or every list is rebuilt."""
        self._held: dict[URIRef, set[URIRef]] | None = None
        self._freed: set[URIRef] = set()
        self.added = 0
        self.pruned = 0

    @property
    def _by_instrument(self) -> dict[URIRef, set[URIRef]]:
        """The nodes the shared graph holds, by instrument (read from the store on first need)."""
        if self._held is None:
            self._held = defaultdict(set)
            for row in self.store.query(_HELD, {"g": PROVISION_GRAPH}):
                node = row["s"]
                if isinstance(node, URIRef) and node != PROVISION_GRAPH:
                    self._held[_instrument(node)].add(node)
        return self._held

    def holds(self, node: URIRef) -> bool:
        """Whether the shared graph holds ``node`` (as this command knows it)."""
        return node in self._by_instrument.get(_instrument(node), ())

    def _mark(self) -> None:
        if not self.stale:
            marker = (PROVISION_GRAPH, KG.provisionsStale, Literal(True), PROVISION_GRAPH)
            self.store.add([marker], PROVISION_GRAPH)
            self.stale = True

    def _new(self, nodes: SharedNodes) -> list[bytes]:
        """The N-Triples of the nodes not held yet, noted as held from now on."""
        fresh = []
        for node, data in nodes:
            ref = URIRef(node)
            if not self.holds(ref):
                self._by_instrument[_instrument(ref)].add(ref)
                fresh.append(data)
        self.added += len(fresh)
        return fresh

    def bulk(
        self, pairs: Iterable[tuple[URIRef, bytes]], nodes_of_last: Callable[[], SharedNodes]
    ) -> Iterator[tuple[URIRef, bytes]]:
        """A first build's ``(graph, N-Triples)`` pairs, then the shared graph with every node they need.

        ``nodes_of_last`` gives the nodes of the list whose pair was just taken (read before
        the next pair is asked for, so a list's nodes are held once, not until the end).
        """
        fresh: list[bytes] = []
        for pair in pairs:
            fresh += self._new(nodes_of_last())
            yield pair
        if fresh:
            yield PROVISION_GRAPH, b"".join(fresh)

    def before_change(self, graph: URIRef) -> None:
        """Mark the graph stale and note the nodes ``graph`` (about to be replaced or removed) needs."""
        self._mark()
        if not self.whole:
            self._freed |= needed(named_nodes(self.store, graph))

    def add(self, nodes: SharedNodes) -> None:
        """Write the nodes a list's new graph needs that the shared graph does not hold yet.

        Also when the graph is to be written whole at the end: readers meanwhile never
        find a list naming a node the shared graph lacks.
        """
        fresh = self._new(nodes)
        if fresh:
            self.store.add(parse_ntriples(PROVISION_GRAPH, b"".join(fresh)), PROVISION_GRAPH)

    def after_change(self, nodes: SharedNodes = ()) -> None:
        """Prune the nodes the changed list freed that no list needs now (``nodes``: what it needs now)."""
        if self.whole:
            return
        keep = {URIRef(node) for node, _ in nodes}
        candidates = sorted(self._freed - keep)
        self._freed.clear()
        if not candidates:
            return
        family = sorted(
            {
                node
                for candidate in candidates
                for node in self._by_instrument.get(_instrument(candidate), ())
                if provision_within(node, candidate)
            }
        )
        named: set[URIRef] = set()
        for start in range(0, len(family), VALUES_CHUNK):
            values = " ".join(term_to_sparql(node) for node in family[start : start + VALUES_CHUNK])
            rows = self.store.query(_STILL_NAMED % (values, _GRAPH))
            named |= {row["x"] for row in rows if isinstance(row["x"], URIRef)}
        gone = sorted(set(candidates) - needed(named))
        if gone:
            self.store.remove_subjects(PROVISION_GRAPH, gone)
            for node in gone:
                self._by_instrument[_instrument(node)].discard(node)
            self.pruned += len(gone)

    def finish(self) -> None:
        """Write the graph whole if asked or left stale by a killed command; else take the marker away."""
        if self.whole:
            self._write_whole()
        elif self.stale:
            self.store.remove_subjects(PROVISION_GRAPH, [PROVISION_GRAPH])
        self.stale = False

    def _write_whole(self) -> None:
        nodes = sorted(needed(named_nodes(self.store)))
        if not nodes:
            if PROVISION_GRAPH in self.store.graphs():
                self.store.remove(PROVISION_GRAPH)
        else:
            self.store.load_ntriples(PROVISION_GRAPH, b"".join(node_ntriples(node) for node in nodes))
        self._held = defaultdict(set)
        for node in nodes:
            self._held[_instrument(node)].add(node)


def provision_graph_size(store: Store) -> int:
    """Triples in the shared provision graph: what the lists' shared facts add to the store."""
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": PROVISION_GRAPH})
    value = rows[0]["n"] if rows else None
    return int(str(value)) if value is not None else 0

"""The precomputed aggregates: one summary graph the canned aggregate queries read.

Counting the items that rest on each provision (through its parts, ``eli:is_part_of*``)
or cite each instrument means joining every citation of every list: 37–72 s at 100,000
items. The build counts them instead, into the named graph
:func:`kg.iri.summary_graph_iri`, a few triples per node (vocabulary in
``ontology/kg.ttl``): ``kg:itemsRestingOn``/``kg:agenciesRestingOn`` on every node some
item rests on (directly or through a part), ``kg:itemsCiting``/``kg:itemsCitingWithAgency``/
``kg:agenciesCiting``/``kg:citesCount`` on every instrument a ``cites`` citation names.

Kept exact, not approximate: counts are distinct items and agencies over the whole store
(one power code can stand in two lists), so a changed list's effect is not a difference
to add. :class:`SummaryRefresh` notes the nodes a changed list touches, read before the
change (its old graph) and after it (its new graph), through its items over every graph;
at the end it counts those nodes again, restricted by ``VALUES``, and replaces just their
rows (rows whose count reached zero go). A first build counts everything.

Crash-safe: before the first change a build writes ``kg:summaryStale`` into the summary
graph; the refreshed summary replaces the graph atomically without it. A build killed in
between leaves the marker (or, for a first build, no summary beside loaded lists), and the
next build counts the summary whole. An unchanged rebuild writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rdflib import RDF, Literal, URIRef
from rdflib.term import Identifier

from kg.iri import summary_graph_iri
from kg.namespace import KG
from kg.store.base import Store
from kg.store.sparql_syntax import ntriples_line, term_to_sparql

__all__ = [
    "SUMMARY_GRAPH",
    "SummaryRefresh",
    "list_graphs",
    "rebuild_summary",
    "summary_rows",
    "summary_size",
]

SUMMARY_GRAPH = summary_graph_iri()
"""The named graph of the aggregates (its IRI is also its header node, typed ``kg:Summary``)."""

_PREFIXES = """PREFIX kg: <https://w3id.org/qzqd-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""

_RESTING = (
    _PREFIXES
    + """SELECT ?node (COUNT(DISTINCT ?item) AS ?items) (COUNT(DISTINCT ?agency) AS ?agencies)
WHERE {
  %s
  ?cited eli:is_part_of* ?node .
  ?item kg:restsOn ?cited .
  OPTIONAL { ?item kg:exercisedBy ?agency }
}
GROUP BY ?node"""
)
"""Items (and their agencies) resting on each node or on any part of it (most_cited_provisions' count)."""

_CITING = (
    _PREFIXES
    + """SELECT ?node (COUNT(DISTINCT ?item) AS ?items) (COUNT(DISTINCT ?withAgency) AS ?withAgencies)
       (COUNT(DISTINCT ?agency) AS ?agencies) (COUNT(DISTINCT ?citation) AS ?citations)
WHERE {
  %s
  ?citation kg:citedInstrument ?node ;
            kg:role "cites" ;
            kg:citingItem ?item .
  OPTIONAL { ?item kg:exercisedBy ?agency . BIND (?item AS ?withAgency) }
}
GROUP BY ?node"""
)
"""Items, items with an agency, agencies and citations per cited instrument (most_cited/shared_instruments)."""

_TOUCHED = (
    _PREFIXES
    + """SELECT DISTINCT ?g ?node
WHERE {
  GRAPH ?g { ?item a kg:PowerItem }
  { ?item kg:restsOn ?cited . ?cited eli:is_part_of* ?node }
  UNION
  { ?citation kg:citingItem ?item ; kg:citedInstrument ?node }
}"""
)
"""Every node whose counts a list's items take part in, over all graphs (bind ?g to the list's graph)."""

_STATE = """SELECT ?g ?p ?o WHERE { GRAPH ?g { ?g ?p ?o } }"""
"""The summary's header triples (bind ?g): absent, current, or marked stale."""

_ROWS = """SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"""

_HAS_LISTS = "PREFIX kg: <https://w3id.org/qzqd-kg/ontology#>\nASK { ?list a kg:PowerList }"

VALUES_CHUNK = 500
"""Nodes per restricted count query (keeps each query text small for a server)."""

_RESTING_TERMS = (KG.itemsRestingOn, KG.agenciesRestingOn)
_CITING_TERMS = (KG.itemsCiting, KG.itemsCitingWithAgency, KG.agenciesCiting, KG.citesCount)

Row = tuple[Identifier, Identifier, Identifier]


def _count(value: Identifier | None) -> Literal:
    return Literal(int(str(value or 0)))


def _counted(store: Store, nodes: Sequence[URIRef] | None) -> dict[URIRef, list[Row]]:
    """The summary rows of ``nodes`` (all nodes when None), counted on the store as it is now."""
    if nodes is None:
        chunks: list[str] = [""]
    else:
        ordered = sorted(nodes)
        chunks = [
            "VALUES ?node { " + " ".join(term_to_sparql(n) for n in ordered[i : i + VALUES_CHUNK]) + " }"
            for i in range(0, len(ordered), VALUES_CHUNK)
        ]
    rows: dict[URIRef, list[Row]] = {}
    for values in chunks:
        for found in store.query(_RESTING % values):
            node = found["node"]
            if isinstance(node, URIRef) and int(str(found["items"] or 0)) > 0:
                rows.setdefault(node, []).extend(
                    (node, term, _count(found[name]))
                    for term, name in zip(_RESTING_TERMS, ("items", "agencies"), strict=True)
                )
        for found in store.query(_CITING % values):
            node = found["node"]
            if isinstance(node, URIRef) and int(str(found["items"] or 0)) > 0:
                names = ("items", "withAgencies", "agencies", "citations")
                rows.setdefault(node, []).extend(
                    (node, term, _count(found[name])) for term, name in zip(_CITING_TERMS, names, strict=True)
                )
    return rows


def _current(store: Store) -> dict[URIRef, list[Row]]:
    """The summary graph's rows by node, header left out."""
    rows: dict[URIRef, list[Row]] = {}
    for found in store.query(_ROWS, {"g": SUMMARY_GRAPH}):
        s, p, o = found["s"], found["p"], found["o"]
        if isinstance(s, URIRef) and s != SUMMARY_GRAPH and p is not None and o is not None:
            rows.setdefault(s, []).append((s, p, o))
    return rows


def _write(store: Store, rows: dict[URIRef, list[Row]]) -> None:
    """Replace the summary graph with ``rows`` and its header, sorted (deterministic bytes).

    One atomic replacement (Oxigraph applies the difference, so only changed rows are
    written); a store that no longer holds any list loses the summary graph too, so it
    reads as empty again.
    """
    if not rows and not _has_lists(store):
        if SUMMARY_GRAPH in store.graphs():
            store.remove(SUMMARY_GRAPH)
        return
    lines = [ntriples_line(SUMMARY_GRAPH, RDF.type, KG.Summary)]
    lines += sorted(ntriples_line(*row) for node_rows in rows.values() for row in node_rows)
    store.load_ntriples(SUMMARY_GRAPH, "".join(lines).encode("utf-8"))


def _has_lists(store: Store) -> bool:
    rows = store.query(_HAS_LISTS)
    return bool(rows and rows[0].get("ask") is not None and rows[0]["ask"].toPython())  # type: ignore[union-attr]


def rebuild_summary(store: Store) -> int:
    """Count the whole summary anew and write it; return the number of nodes with a row.

    What a first build does, and what any build does after one that was killed
    before its summary was refreshed. Tests that load graphs by hand call it too.
    """
    rows = _counted(store, None)
    _write(store, rows)
    return len(rows)


class SummaryRefresh:
    """One build's (or ``kg remove``'s) bookkeeping for the summary graph.

    Call :meth:`before_change` with each list graph just before it is replaced or
    removed, :meth:`changed` after it was replaced, and :meth:`finish` once at the end.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        state = {(row["p"], row["o"]) for row in store.query(_STATE, {"g": SUMMARY_GRAPH})}
        present = (RDF.type, KG.Summary) in state
        self.stale = (KG.summaryStale, Literal(True)) in state
        self.whole = self.stale or (not present and not store.is_empty())
        """Count everything at the end: a killed build left the marker, or lists stand without a summary."""
        self.touched: set[URIRef] = set()
        self._changed: list[URIRef] = []

    def whole_count(self) -> None:
        """Count the summary whole at :meth:`finish` (a first build's bulk load)."""
        self.whole = True

    def before_change(self, graph: URIRef) -> None:
        """Note the nodes ``graph`` (about to be replaced or removed) counts in; mark the summary stale."""
        if not self.stale:
            self.store.add([(SUMMARY_GRAPH, KG.summaryStale, Literal(True), SUMMARY_GRAPH)], SUMMARY_GRAPH)
            self.stale = True
        if not self.whole:
            self.touched |= self._nodes_of(graph)

    def changed(self, graph: URIRef) -> None:
        """Note that ``graph`` now holds a list's new content (its nodes are read at :meth:`finish`)."""
        self._changed.append(graph)

    def _nodes_of(self, graph: URIRef) -> set[URIRef]:
        return {
            row["node"] for row in self.store.query(_TOUCHED, {"g": graph}) if isinstance(row["node"], URIRef)
        }

    def finish(self) -> int | None:
        """Refresh the summary; return the nodes recounted (None: counted whole; 0: nothing to do)."""
        if self.whole:
            rebuild_summary(self.store)
            return None
        if not self.stale:
            return 0
        for graph in self._changed:
            self.touched |= self._nodes_of(graph)
        rows = _current(self.store)
        for node in self.touched:
            rows.pop(node, None)
        rows.update(_counted(self.store, list(self.touched)))
        _write(self.store, rows)
        return len(self.touched)


def summary_rows(store: Store) -> Iterator[Row]:
    """Every row of the summary graph, sorted (for tests comparing a refreshed summary to a whole count)."""
    for node_rows in sorted(_current(store).items()):
        yield from sorted(node_rows[1])


def list_graphs(store: Store) -> list[URIRef]:
    """The store's named graphs without the summary graph, sorted."""
    return [graph for graph in store.graphs() if graph != SUMMARY_GRAPH]


def summary_size(store: Store) -> int:
    """Triples in the summary graph (header included): what the summary adds to the store."""
    return len(store.query(_ROWS, {"g": SUMMARY_GRAPH}))

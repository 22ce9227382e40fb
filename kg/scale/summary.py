"""The precomputed aggregates: one summary graph the canned aggregate queries read.

Counting the items that rest on each provision (through its parts, ``eli:is_part_of*``)
or cite each instrument means joining every citation of every list: 37–72 s at 100,000
items. The build counts them instead, into the named graph
:func:`kg.iri.summary_graph_iri`, a few triples per node (vocabulary in
``ontology/kg.ttl``): ``kg:itemsRestingOn``/``kg:agenciesRestingOn`` on every node some
item rests on (directly or through a part), and ``kg:itemsWithAgencyRestingOn``/``kg:citesCount``
on every instrument a ``cites`` citation names.

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

from kg.iri import is_list_graph, provision_of, summary_graph_iri
from kg.namespace import KG
from kg.prefixes import prologue
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

_PREFIXES = prologue()
"""The project's prefixes (``kg:``, ``eli:`` …), from their one owner."""

_RESTING = (
    _PREFIXES
    + """SELECT ?node (COUNT(DISTINCT ?item) AS ?items) (COUNT(DISTINCT ?agency) AS ?agencies)
       (COUNT(DISTINCT ?withAgency) AS ?withAgencies)
WHERE {
  %s
  OPTIONAL { ?item kg:exercisedBy ?agency . BIND (?item AS ?withAgency) }
}
GROUP BY ?node"""
)
"""Items, their agencies and the items with an agency resting on each node or on any part of it.

An instrument's counts are those of its ``cites`` citations too: the build writes
``kg:restsOn`` for each of them, to the instrument or to a provision whose
``eli:is_part_of`` chain ends at it (``tests/scale/test_summary.py`` holds the two equal).
"""

_RESTING_ALL = "?item kg:restsOn ?cited . ?cited eli:is_part_of* ?node ."
_RESTING_OF = "VALUES ?node { %s } ?cited eli:is_part_of* ?node . ?item kg:restsOn ?cited ."

_CITES = (
    _PREFIXES
    + """SELECT ?g ?node (COUNT(DISTINCT ?citation) AS ?citations)
WHERE { GRAPH ?g { ?reference kg:citedInstrument ?node ; kg:role "cites" . ?citation kg:reference ?reference } }
GROUP BY ?g ?node"""
)
"""Citations (role cites) per instrument in each graph (bind ?g for one list's). A citation's
IRI names its list, so a list's citations are its own and these add up across graphs. The
instrument is read from the citation's reference (``kg:citedInstrument``, inside the list's
graph), not from each cited provision's ``kg:instrument`` in the shared provision graph."""

_TOUCHED = (
    _PREFIXES
    + """SELECT DISTINCT ?g ?node
WHERE {
  GRAPH ?g { ?item a kg:PowerItem }
  ?item kg:restsOn ?cited .
  ?cited eli:is_part_of* ?node .
}"""
)
"""Every node whose counts a list's items take part in, over all graphs (bind ?g to the list's graph)."""

_ROWS = """SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"""
"""The summary graph's triples (bind ?g); the header's tell whether it is absent, current or stale."""

_HAS_LISTS = _PREFIXES + "ASK { ?list a kg:PowerList }"

RANKED = 1000
"""Provisions the summary ranks (``kg:citedRank`` 1 … RANKED): what ``most_cited_provisions`` reads.

A ranking of every provision is as long as the law the lists cite (159,261 rows at a
million items, 17.6 s to read and sort); the ranks of the top ones are one row each.
"""

VALUES_CHUNK = 500
"""Nodes per restricted count query (keeps each query text small for a server)."""

Row = tuple[Identifier, Identifier, Identifier]
Resting = tuple[int, int, int]
"""(items, agencies, items with an agency) resting on a node."""


def _int(value: Identifier | None) -> int:
    return int(str(value or 0))


class _Counts:
    """The summary's content: resting counts per node, citation counts per instrument."""

    def __init__(self) -> None:
        self.resting: dict[URIRef, Resting] = {}
        self.cites: dict[URIRef, int] = {}

    def count_resting(self, store: Store, nodes: Sequence[URIRef] | None) -> None:
        """Count ``nodes`` (every node when None) anew, dropping those no item rests on now."""
        if nodes is None:
            bodies = [_RESTING_ALL]
        else:
            ordered = sorted(nodes)
            for node in ordered:
                self.resting.pop(node, None)
            bodies = [
                _RESTING_OF % " ".join(term_to_sparql(n) for n in ordered[i : i + VALUES_CHUNK])
                for i in range(0, len(ordered), VALUES_CHUNK)
            ]
        for body in bodies:
            for row in store.query(_RESTING % body):
                node = row["node"]
                if isinstance(node, URIRef) and _int(row["items"]) > 0:
                    self.resting[node] = (
                        _int(row["items"]),
                        _int(row["agencies"]),
                        _int(row["withAgencies"]),
                    )

    def add_cites(self, change: dict[URIRef, int]) -> None:
        """Add ``change`` (citations per instrument, signed) to the citation counts; drop those at zero."""
        for node, added in change.items():
            total = self.cites.get(node, 0) + added
            if total > 0:
                self.cites[node] = total
            else:
                self.cites.pop(node, None)

    @classmethod
    def read(cls, store: Store) -> _Counts:
        """The counts the summary graph holds now."""
        counts = cls()
        resting: dict[URIRef, dict[Identifier, int]] = {}
        for row in store.query(_ROWS, {"g": SUMMARY_GRAPH}):
            s, p, o = row["s"], row["p"], row["o"]
            if not isinstance(s, URIRef) or s == SUMMARY_GRAPH or p is None:
                continue
            if p == KG.citesCount:
                counts.cites[s] = _int(o)
            elif p != KG.citedRank:  # ranks follow from the counts when written
                resting.setdefault(s, {})[p] = _int(o)
        for node, values in resting.items():
            counts.resting[node] = (
                values.get(KG.itemsRestingOn, 0),
                values.get(KG.agenciesRestingOn, 0),
                values.get(KG.itemsWithAgencyRestingOn, 0),
            )
        return counts

    def triples(self) -> Iterator[Row]:
        """The summary graph's rows: resting counts everywhere, citations and items with an agency on
        instruments, and the ranks of the :data:`RANKED` provisions the most items rest on."""
        for node, (items, agencies, with_agency) in self.resting.items():
            yield node, KG.itemsRestingOn, Literal(items)
            yield node, KG.agenciesRestingOn, Literal(agencies)
            if node in self.cites:
                yield node, KG.itemsWithAgencyRestingOn, Literal(with_agency)
        for node, citations in self.cites.items():
            yield node, KG.citesCount, Literal(citations)
        for rank, node in enumerate(self.most_cited_provisions(), start=1):
            yield node, KG.citedRank, Literal(rank)

    def most_cited_provisions(self) -> list[URIRef]:
        """The :data:`RANKED` provisions first in ``most_cited_provisions``' order: items, agencies, IRI.

        A provision is a node :func:`kg.iri.provision_of` reads a path from (an instrument is not).
        """
        provisions = [node for node in self.resting if provision_of(str(node)) is not None]
        provisions.sort(key=lambda node: (-self.resting[node][0], -self.resting[node][1], str(node)))
        return provisions[:RANKED]

    def write(self, store: Store) -> None:
        """Replace the summary graph with these counts and its header, sorted (deterministic bytes).

        One atomic replacement (Oxigraph applies the difference, so only changed rows
        are written); a store that no longer holds any list loses the summary graph
        too, so it reads as empty again.
        """
        if not self.resting and not self.cites and not _has_lists(store):
            if SUMMARY_GRAPH in store.graphs():
                store.remove(SUMMARY_GRAPH)
            return
        lines = [ntriples_line(SUMMARY_GRAPH, RDF.type, KG.Summary)]
        lines += sorted(ntriples_line(*row) for row in self.triples())
        store.load_ntriples(SUMMARY_GRAPH, "".join(lines).encode("utf-8"))


def _cites_of(store: Store, graph: URIRef | None, sign: int, into: dict[URIRef, int]) -> None:
    """Add ``sign`` × the citations per instrument of ``graph``'s list (every graph's when None) to ``into``."""
    rows = store.query(_CITES, {"g": graph}) if graph is not None else store.query(_CITES)
    for row in rows:
        node = row["node"]
        if isinstance(node, URIRef):
            into[node] = into.get(node, 0) + sign * _int(row["citations"])


def _has_lists(store: Store) -> bool:
    rows = store.query(_HAS_LISTS)
    return bool(rows and rows[0].get("ask") is not None and rows[0]["ask"].toPython())  # type: ignore[union-attr]


def rebuild_summary(store: Store) -> int:
    """Count the whole summary anew and write it; return the number of nodes with a row.

    What a first build does, and what any build does after one that was killed
    before its summary was refreshed. Tests that load graphs by hand call it too.
    """
    counts = _Counts()
    counts.count_resting(store, None)
    everything: dict[URIRef, int] = {}
    _cites_of(store, None, 1, everything)
    counts.add_cites(everything)
    counts.write(store)
    return len(counts.resting)


class SummaryRefresh:
    """One build's (or ``kg remove``'s) bookkeeping for the summary graph.

    Call :meth:`before_change` with each list graph just before it is replaced or
    removed, :meth:`changed` after it was replaced, and :meth:`finish` once at the end.
    Citation counts change by what the old graph held and the new one holds (a list's
    citations are its own); resting counts are distinct items over every graph (one
    power code can stand in two lists), so the nodes touched are counted again.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        header = {
            (row["p"], row["o"])
            for row in store.query(_ROWS, {"g": SUMMARY_GRAPH})
            if row["s"] == SUMMARY_GRAPH
        }
        present = (RDF.type, KG.Summary) in header
        self.stale = (KG.summaryStale, Literal(True)) in header
        self.whole = self.stale or (not present and not store.is_empty())
        """Count everything at the end: a killed build left the marker, or lists stand without a summary."""
        self.touched: set[URIRef] = set()
        self._cites: dict[URIRef, int] = {}
        """Citations per instrument the changed lists added (negative: took away)."""

    def whole_count(self) -> None:
        """Count the summary whole at :meth:`finish` (a first build's bulk load)."""
        self.whole = True

    def before_change(self, graph: URIRef) -> None:
        """Note what ``graph`` (about to be replaced or removed) counts for; mark the summary stale."""
        if not self.stale:
            self.store.add([(SUMMARY_GRAPH, KG.summaryStale, Literal(True), SUMMARY_GRAPH)], SUMMARY_GRAPH)
            self.stale = True
        if not self.whole:
            self.touched |= self._nodes_of(graph)
            _cites_of(self.store, graph, -1, self._cites)

    def changed(self, graph: URIRef) -> None:
        """Note what ``graph``, just replaced with a list's new content, counts for."""
        if not self.whole:
            self.touched |= self._nodes_of(graph)
            _cites_of(self.store, graph, 1, self._cites)

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
        counts = _Counts.read(self.store)
        counts.count_resting(self.store, list(self.touched))
        counts.add_cites(self._cites)
        counts.write(self.store)
        return len(self.touched)


def summary_rows(store: Store) -> Iterator[Row]:
    """Every row of the summary graph, sorted (for tests comparing a refreshed summary to a whole count)."""
    yield from sorted(_Counts.read(store).triples())


def list_graphs(store: Store) -> list[URIRef]:
    """The store's named graphs minted for lists (:func:`kg.iri.is_list_graph`), sorted."""
    return [graph for graph in store.graphs() if is_list_graph(graph)]


def summary_size(store: Store) -> int:
    """Triples in the summary graph (header included): what the summary adds to the store."""
    return len(store.query(_ROWS, {"g": SUMMARY_GRAPH}))

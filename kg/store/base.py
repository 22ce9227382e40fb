"""The one small interface every store backend implements.

Graph building never knows which store it feeds, and queries never know which
store answers them: ``oxigraph`` (embedded, on disk, the default), ``memory``
(rdflib) and ``sparql`` (any SPARQL 1.1 endpoint) all sit behind :class:`Store`.
One named graph per source list, so a list is rebuilt or removed alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rdflib.term import Identifier, URIRef

from kg.store.errors import StoreError

__all__ = ["Evaluation", "Quad", "Row", "Store", "StoreError", "Triple", "parse_ntriples"]

Quad = tuple[Identifier, Identifier, Identifier, URIRef]
"""(subject, predicate, object, named graph) as rdflib terms."""

Row = dict[str, Identifier | None]
"""One SPARQL solution: variable name (without ``?``) → rdflib term or None."""

Triple = tuple[Identifier, Identifier, Identifier]
"""(subject, predicate, object) of a CONSTRUCT or DESCRIBE answer."""


@dataclass
class Evaluation:
    """A query's answer as it comes from the store, read lazily where the store allows.

    Exactly one of ``rows`` (SELECT, with ``variables``), ``ask`` (ASK) and
    ``triples`` (CONSTRUCT, DESCRIBE) is set. Consume the iterator on the thread
    that called :meth:`Store.evaluate` (Oxigraph's results are bound to it).
    """

    variables: list[str]
    rows: Iterator[Row] | None = None
    ask: bool | None = None
    triples: Iterator[Triple] | None = None


_GRAPH_TRIPLES = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
"""The triples of the named graph bound to ``?g`` (in the projection, as every backend binds)."""


def parse_ntriples(graph: URIRef, data: bytes) -> Iterator[Quad]:
    """N-Triples bytes as quads of ``graph``, parsed by pyoxigraph (for backends that take terms)."""
    import pyoxigraph as ox

    from kg.store.convert import from_ox

    for t in ox.parse(data, ox.RdfFormat.N_TRIPLES):
        yield from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), graph  # type: ignore[misc]


class Store(ABC):
    """A quad store with named graphs, SPARQL and export.

    Everything a caller may use is declared here: replacing, adding and removing
    a graph, deleting some subjects' triples from one, loading N-Triples bytes (one graph, or many
    into an empty store), SELECT/ASK and streamed queries, iterating
    the quads, exporting, and where the store lives. Capabilities are class
    attributes (as rdflib's ``Store`` declares them), so a caller reads them
    rather than probing the instance; where a backend has a faster way, it
    overrides the base method, which always works.
    """

    name: ClassVar[str] = ""
    persistent: ClassVar[bool] = False
    """Whether the graphs outlive the process: on disk at :attr:`location`, or on a server."""
    default_db: ClassVar[Path | None] = None
    """Where an embedded store lives unless ``--db`` says otherwise; None for a server's store."""
    export_formats: ClassVar[tuple[str, ...]] = ()
    """The ``fmt`` names :meth:`export` accepts (``kg export --format`` takes its choices from here)."""
    native_ntriples: ClassVar[bool] = False
    """Whether :meth:`load_ntriples` parses the bytes in the backend (no Python object per triple)."""
    native_quads: ClassVar[bool] = False
    """Whether :meth:`iter_quads` streams from the backend's own index (else it queries graph by graph)."""

    @classmethod
    def from_options(
        cls, *, db: Path | None = None, endpoint: str | None = None, read_only: bool = False
    ) -> Store:
        """Open the store the shared ``--db``/``--endpoint`` options name.

        :func:`kg.store.registry.open_store` calls this, so every command opens
        every backend the same way. The default passes ``endpoint`` when given,
        else ``db``, to the constructor; backends with other needs override it.
        """
        return cls(endpoint) if endpoint is not None else cls(db)  # type: ignore[call-arg]

    @abstractmethod
    def replace_graph(self, graph: URIRef, quads: Iterable[Quad]) -> int:
        """Atomically replace the named graph ``graph`` with ``quads``; return the count.

        Readers see either the old graph or the new one, never half of it.
        """

    def load_ntriples(self, graph: URIRef, data: bytes) -> int:
        """Atomically replace ``graph`` with the N-Triples ``data``; return how many triples it holds.

        The build's write: workers hand over bytes, not terms. This default parses
        them (pyoxigraph's parser) and calls :meth:`replace_graph`; a backend that
        parses N-Triples itself overrides it and sets :attr:`native_ntriples`.
        """
        return self.replace_graph(graph, parse_ntriples(graph, data))

    def load_graphs(self, graphs: Iterable[tuple[URIRef, bytes]]) -> int:
        """Load many lists' graphs, each from its N-Triples bytes; return the triples loaded.

        The first build's write: into an empty store, a backend that can should take
        them all in one bulk load rather than one transaction per list. ``graphs`` is
        consumed lazily (the build hands each list over as its worker finishes it), so
        memory holds a few lists, not the corpus. Each graph ends up exactly as
        :meth:`load_ntriples` would leave it (a graph named twice: the last wins).

        A backend that bulk-loads must leave none of them behind when the load fails
        or is killed part-way (Oxigraph keeps a marker until the load is whole). This
        default loads them one by one with :meth:`load_ntriples`, so a failure keeps
        the graphs loaded before it, each whole; the build records none of them in its
        manifest, so the next build loads them again.
        """
        return sum(self.load_ntriples(graph, data) for graph, data in graphs)

    def is_empty(self) -> bool:
        """Whether the store holds nothing yet (then a build may load every list in one go)."""
        return not self.graphs()

    def add(self, quads: Iterable[Quad], graph: URIRef) -> int:
        """Add quads to a named graph (not atomic: use :meth:`replace_graph` for a whole list).

        Every bundled backend adds; a read-only stand-in (a test's store) need not.

        Raises:
            NotImplementedError: the backend cannot add to a graph.
        """
        raise NotImplementedError(f"{type(self).__name__} cannot add quads to a graph (Store.add)")

    def remove_subjects(self, graph: URIRef, subjects: Iterable[URIRef]) -> int:
        """Delete every triple of ``graph`` whose subject is one of ``subjects``; return how many went.

        How the shared provision graph loses the nodes no list needs any more, while the
        rest of it stays. Backends with transactions delete them in one write; this
        default reads the graph and replaces it with what stays (:meth:`replace_graph`,
        atomic), which every backend can do.
        """
        gone = set(subjects)
        kept: list[Quad] = []
        removed = 0
        for row in self.query(_GRAPH_TRIPLES, {"g": graph}):
            s, p, o = row["s"], row["p"], row["o"]
            if s is None or p is None or o is None:
                continue
            if s in gone:
                removed += 1
            else:
                kept.append((s, p, o, graph))
        if removed:
            self.replace_graph(graph, kept)
        return removed

    @abstractmethod
    def remove(self, graph: URIRef) -> bool:
        """Drop a named graph; return False when it was not there."""

    @abstractmethod
    def graphs(self) -> list[URIRef]:
        """The named graphs in the store, sorted."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        """Run a SELECT (or ASK, as one row ``{"ask": Literal(bool)}``) with bound values.

        ``bindings`` are rdflib terms substituted as values, never formatted into
        the query text.
        """

    def evaluate(self, sparql: str) -> Evaluation:
        """Run any read-only query form; the rows or triples are read as the caller iterates.

        A server caps what it sends while reading, so a query matching millions
        of rows never has them all in memory. This default answers SELECT and
        ASK through :meth:`query` (all rows at once); backends that can stream
        or answer CONSTRUCT override it.

        Raises:
            StoreError: on a syntax error, a failed query, or a form the backend
                does not answer.
        """
        rows = self.query(sparql)
        if len(rows) == 1 and set(rows[0]) == {"ask"}:
            value = rows[0]["ask"]
            return Evaluation([], ask=bool(value.toPython()) if value is not None else False)
        return Evaluation(list(rows[0]) if rows else [], rows=iter(rows))

    def iter_quads(self) -> Iterator[Quad]:
        """Every quad of every named graph, graph by graph (for shards and comparisons).

        This default asks for one graph at a time through :meth:`query`; a backend
        with an index to stream from overrides it and sets :attr:`native_quads`.
        """
        for graph in self.graphs():
            for row in self.query(_GRAPH_TRIPLES, {"g": graph}):
                s, p, o = row["s"], row["p"], row["o"]
                if s is not None and p is not None and o is not None:
                    yield s, p, o, graph

    @abstractmethod
    def export(self, fmt: str, path: Path) -> int:
        """Write the whole store to ``path`` in ``fmt`` (nq, trig, nt, ttl …); return triples."""

    @property
    def location(self) -> Path | None:
        """The folder or file on this machine that holds the store; None in memory or on a server.

        The build keeps its manifest beside it (:func:`kg.scale.manifest.manifest_path`).
        """
        return None

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads in all named graphs."""

    def close(self) -> None:  # noqa: B027 - optional hook, nothing to release by default
        """Release files and connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

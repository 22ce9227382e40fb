"""The ``memory`` backend: an rdflib ``Dataset``, optionally kept in a file.

Useful in notebooks and tests, and as the reference the embedded store is
measured against. With ``path`` set it reads the file (N-Quads) when opened and
writes it back (temp file, then rename) after every change, so the CLI can use
it across commands; without ``path`` it lives and dies with the process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from pyparsing import ParseException
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier, Literal, URIRef

from kg.atomic import atomic_write
from kg.prefixes import PREFIXES
from kg.store.base import Quad, Row, Store, StoreError, parse_ntriples
from kg.store.convert import normal

__all__ = ["EXPORT_FORMATS", "MemoryStore"]

EXPORT_FORMATS: dict[str, tuple[str, bool]] = {
    "nq": ("nquads", True),
    "nquads": ("nquads", True),
    "trig": ("trig", True),
    "jsonld": ("json-ld", True),
    "json-ld": ("json-ld", True),
    "nt": ("nt", False),
    "ttl": ("turtle", False),
    "turtle": ("turtle", False),
    "xml": ("xml", False),
}
"""Format name → (rdflib serializer, keeps named graphs)."""

_FILE_NAME = "graph.nq"


class MemoryStore(Store):
    """rdflib's in-memory quad store.

    Args:
        path: a directory (holding ``graph.nq``) or an ``.nq`` file to persist to; None keeps
            everything in memory.
        read_only: refuse writes.
    """

    name = "memory"
    export_formats = tuple(EXPORT_FORMATS)
    default_db = Path("kg-data.nq")
    persistent = True
    native_quads = True

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.file = _file_for(Path(path)) if path is not None else None
        self.read_only = read_only
        self._dataset = Dataset(default_union=True)
        if self.file is not None and self.file.exists():
            try:
                self._dataset.parse(self.file, format="nquads")
            except Exception as error:  # rdflib raises many types for a bad file
                raise StoreError(f"cannot read the memory store file {self.file}: {error}") from error
        elif self.file is not None and read_only:
            raise StoreError(f"no graph store at {self.file}: run `kg build --store memory` first")

    @classmethod
    def from_options(
        cls, *, db: Path | None = None, endpoint: str | None = None, read_only: bool = False
    ) -> MemoryStore:
        """Open the store ``--db`` names (a directory or an ``.nq`` file)."""
        return cls(db, read_only=read_only)

    def __repr__(self) -> str:
        return f"MemoryStore({str(self.file) if self.file else 'in memory'!r})"

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self!r} is open read-only")

    def _save(self) -> None:
        if self.file is None:
            return
        with atomic_write(self.file, "wb") as handle:
            self._dataset.serialize(handle, format="nquads", encoding="utf-8")

    def replace_graph(self, graph: URIRef, quads: Iterable[Quad]) -> int:
        """Build the new graph aside, then put it in place of the old one."""
        self._writable()
        count = self._replace(graph, quads)
        self._save()
        return count

    def load_graphs(self, graphs: Iterable[tuple[URIRef, bytes]]) -> int:
        """Replace each graph in memory, then write the file once (not once per list)."""
        self._writable()
        total = sum(self._replace(graph, parse_ntriples(graph, data)) for graph, data in graphs)
        self._save()
        return total

    def _replace(self, graph: URIRef, quads: Iterable[Quad]) -> int:
        fresh = Graph(store=self._dataset.store, identifier=URIRef(f"urn:kg:staging:{graph}"))
        try:
            fresh.addN((s, p, o, fresh) for s, p, o, _g in quads)
            target = self._dataset.graph(graph)
            self._dataset.remove_graph(target)
            target = self._dataset.graph(graph)
            target.addN((s, p, o, target) for s, p, o in fresh)
        finally:
            self._dataset.remove_graph(fresh)
        return len(self._dataset.graph(graph))

    def add(self, quads: Iterable[Quad], graph: URIRef) -> int:
        """Add quads to ``graph``."""
        self._writable()
        target = self._dataset.graph(graph)
        before = len(target)
        target.addN((s, p, o, target) for s, p, o, _g in quads)
        self._save()
        return len(target) - before

    def remove_subjects(self, graph: URIRef, subjects: Iterable[URIRef]) -> int:
        """Delete the subjects' triples from ``graph``, then write the file once."""
        self._writable()
        target = self._dataset.graph(graph)
        before = len(target)
        for subject in subjects:
            target.remove((subject, None, None))
        removed = before - len(target)
        if removed:
            self._save()
        return removed

    def remove(self, graph: URIRef) -> bool:
        """Drop a named graph; False when it was not there."""
        self._writable()
        if graph not in self.graphs():
            return False
        self._dataset.remove_graph(self._dataset.graph(graph))
        self._save()
        return True

    def graphs(self) -> list[URIRef]:
        """The non-empty named graphs, sorted."""
        return sorted(
            URIRef(str(g.identifier))
            for g in self._dataset.graphs()
            if isinstance(g.identifier, URIRef)
            and g.identifier != DATASET_DEFAULT_GRAPH_ID
            and not str(g.identifier).startswith("urn:kg:staging:")
            and len(g)
        )

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        """Run a SELECT or ASK over the union of the named graphs."""
        try:
            result = self._dataset.query(sparql, initBindings=dict(bindings or {}))
        except ParseException as error:
            raise StoreError(f"SPARQL syntax error: {error}") from error
        if result.type == "ASK":
            return [{"ask": Literal(bool(result.askAnswer))}]
        if result.type != "SELECT":
            raise StoreError("Store.query runs SELECT and ASK only, not CONSTRUCT or DESCRIBE")
        names = [str(v) for v in result.vars or []]
        return [{name: normal(row[name]) for name in names} for row in result]

    def export(self, fmt: str, path: Path) -> int:
        """Write the store to ``path`` (temp file, then rename); return quads or triples written."""
        if fmt.lower() not in EXPORT_FORMATS:
            raise StoreError(f"cannot export as {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        serializer, quads = EXPORT_FORMATS[fmt.lower()]
        if quads:
            data: Dataset | Graph = Dataset()
            for graph in self.graphs():
                data.graph(graph).addN((s, p, o, data.graph(graph)) for s, p, o in self._dataset.graph(graph))
        else:
            data = Graph()
            for graph in self.graphs():
                for triple in self._dataset.graph(graph):
                    data.add(triple)
        for prefix, namespace in PREFIXES.items():
            data.bind(prefix, namespace, override=True)
        count = len(data) if not quads else sum(len(data.graph(g)) for g in self.graphs())
        with atomic_write(path, "wb") as handle:
            data.serialize(handle, format=serializer, encoding="utf-8")
        return count

    def iter_quads(self) -> Iterator[Quad]:
        """Every quad of every named graph, graph by graph."""
        for graph in self.graphs():
            for s, p, o in self._dataset.graph(graph):
                yield s, p, o, graph

    @property
    def location(self) -> Path | None:
        """The ``.nq`` file the store is saved to; None for a store kept in memory only."""
        return self.file

    def __len__(self) -> int:
        return sum(len(self._dataset.graph(g)) for g in self.graphs())


def _file_for(path: Path) -> Path:
    return path if path.suffix == ".nq" else path / _FILE_NAME

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
from typing import Any

from rdflib.term import Identifier, URIRef

from kg.store.errors import StoreError

__all__ = ["Evaluation", "Quad", "Row", "Store", "StoreError", "Triple"]

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


class Store(ABC):
    """A quad store with named graphs, SPARQL and export.

    Capabilities are class attributes (as rdflib's ``Store`` declares them), so a
    caller can ask before trying.
    """

    name: str = ""
    persistent: bool = False
    supports_update: bool = True

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

    def add(self, quads: Iterable[Quad], graph: URIRef) -> int:
        """Add quads to a named graph (the DESIGN name for :meth:`replace_graph`'s sibling)."""
        raise NotImplementedError(f"{type(self).__name__}.add")

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

    @abstractmethod
    def export(self, fmt: str, path: Path) -> int:
        """Write the whole store to ``path`` in ``fmt`` (nq, trig, nt, ttl …); return triples."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads in all named graphs."""

    def close(self) -> None:  # noqa: B027 - optional hook, nothing to release by default
        """Release files and connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

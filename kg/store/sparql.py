"""The ``sparql`` backend: any SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB …) as a store.

When the national corpus outgrows a laptop, the same build and the same canned
queries run against a server. Loading uses the SPARQL 1.1 Graph Store HTTP
Protocol (``PUT``/``POST``/``DELETE`` on ``?graph=``) when a graph-store URL is
given, and SPARQL 1.1 Update (``INSERT DATA`` / ``DROP``) otherwise or when the
server turns the Graph Store protocol down. Data goes in batches, so memory does
not grow with a list's size.

A rebuilt list must never be seen half-loaded: a graph that fits in one batch is
replaced by one request; a larger one is loaded into a staging graph first and
then swapped in by one ``DROP`` + ``MOVE`` request (if loading fails, the staging
graph is dropped and the old graph stays as it was).

Queries see the union of the store's named graphs as their default graph, as in
the embedded store: each request names them (``default-graph-uri``), so a
server's own graphs never leak into answers.

A server that cuts results at a row limit (Virtuoso's ``ResultSetMaxRows``, 10,000
by default, flagged by its ``X-SPARQL-MaxRows`` header) is read page by page in a
stable order (:func:`kg.store.sparql_syntax.select_page`), so an answer is whole
whatever the server's limit.

Query values cannot travel as bindings to a remote server, so they are written
into a ``VALUES`` block as escaped terms (:func:`kg.store.sparql_syntax.bind_values`),
never as raw text.

Settings not given as arguments are read from the environment, so ``kg build
--store sparql --endpoint URL`` needs nothing else on the command line:
``KG_SPARQL_UPDATE_ENDPOINT``, ``KG_SPARQL_GRAPH_STORE``, ``KG_SPARQL_USER``,
``KG_SPARQL_PASSWORD`` (a password never belongs in shell history),
``KG_SPARQL_GRAPH_PREFIX`` and ``KG_SPARQL_SERVER_DATASET``. See ``docs/virtuoso.md``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import os
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.term import BNode, Identifier, Literal, URIRef

from kg.atomic import atomic_write
from kg.prefixes import PREFIXES
from kg.store.base import Quad, Row, Store, StoreError
from kg.store.sparql_http import RESULTS_JSON, Endpoint, parse_results
from kg.store.sparql_syntax import (
    SparqlSyntaxError,
    bind_values,
    ntriples_line,
    query_form,
    select_page,
    term_to_sparql,
)

__all__ = ["SparqlStore"]

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for one HTTP request; a big batch on a busy server can take a while."""
DEFAULT_BATCH = 5000
"""Triples per Graph Store request: about 1 MB of N-Triples, which every server accepts."""
UPDATE_BATCH = 1000
"""Triples per ``INSERT DATA``: servers parse update text slower and cap its length lower."""
MAX_ROWS_HEADER = "x-sparql-maxrows"
"""Virtuoso's sign that a result reached its ``ResultSetMaxRows`` cap and may be cut."""
STAGING = "urn:kg:staging:"
"""Prefix of the temporary graphs a large replacement loads into before ``MOVE``."""
EMPTY_DATASET = "urn:kg:no-graphs"
"""The one default graph named when the store has none, so a query sees nothing, not the server's own."""
NTRIPLES = "application/n-triples; charset=utf-8"
# Statuses meaning "this server does not speak the Graph Store protocol here".
GSP_UNSUPPORTED = frozenset({404, 405, 415, 501})

EXPORT_FORMATS: dict[str, tuple[str, bool]] = {
    "nq": ("nquads", True),
    "nquads": ("nquads", True),
    "trig": ("trig", True),
    "nt": ("nt", False),
    "ttl": ("turtle", False),
    "turtle": ("turtle", False),
    "jsonld": ("json-ld", True),
    "json-ld": ("json-ld", True),
    "xml": ("xml", False),
}
"""Format name → (rdflib serialiser, keeps named graphs); the same names as the embedded store."""
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@functools.cache
def system_graphs() -> tuple[str, ...]:
    """IRI prefixes of graphs servers keep for themselves (Virtuoso's schema graphs …).

    Read from ``kg/store/data/sparql_system_graphs.csv`` so a new server's
    internals are a line of data, not a code change.
    """
    text = (
        importlib.resources.files("kg.store")
        .joinpath("data/sparql_system_graphs.csv")
        .read_text(encoding="utf-8")
    )
    rows = [line.split(",", 1)[0].strip() for line in text.splitlines()[1:]]
    return tuple(row for row in rows if row)


class SparqlStore(Store):
    """A store on a remote SPARQL 1.1 endpoint.

    Args:
        endpoint: the query URL, e.g. ``http://127.0.0.1:8890/sparql``.
        update_endpoint: the SPARQL Update URL (Virtuoso: ``…/sparql-auth``);
            defaults to ``$KG_SPARQL_UPDATE_ENDPOINT``, else ``endpoint``.
        graph_store: the Graph Store protocol URL (Virtuoso:
            ``…/sparql-graph-crud-auth``, Fuseki: ``…/ds/data``); defaults to
            ``$KG_SPARQL_GRAPH_STORE``; without one, loading uses SPARQL Update.
        user: user for the write endpoints (digest or basic auth); ``$KG_SPARQL_USER``.
        password: its password; ``$KG_SPARQL_PASSWORD``.
        timeout: seconds per HTTP request.
        batch_size: triples per Graph Store request.
        graph_prefix: only graphs whose IRI starts with this count as the store's
            (for :meth:`graphs`, ``len`` and :meth:`export`) — useful on a shared server;
            ``$KG_SPARQL_GRAPH_PREFIX``.
        read_only: refuse every write (for ``kg serve``, ``kg query`` …).
        server_dataset: query the server's own default dataset instead of naming
            the store's graphs in each request; faster with thousands of lists, but
            servers differ (Virtuoso's includes its system graphs);
            ``$KG_SPARQL_SERVER_DATASET=1``.
    """

    name = "sparql"
    export_formats = tuple(EXPORT_FORMATS)
    persistent = True

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        batch_size: int = DEFAULT_BATCH,
        graph_prefix: str | None = None,
        read_only: bool = False,
        server_dataset: bool | None = None,
    ) -> None:
        if not endpoint:
            raise StoreError("the sparql store needs --endpoint URL (e.g. http://127.0.0.1:8890/sparql)")
        if batch_size < 1:
            raise StoreError(f"batch_size must be at least 1, got {batch_size}")
        env = os.environ.get
        user = user if user is not None else env("KG_SPARQL_USER")
        password = password if password is not None else env("KG_SPARQL_PASSWORD")
        update_url = update_endpoint or env("KG_SPARQL_UPDATE_ENDPOINT") or endpoint
        gsp_url = graph_store or env("KG_SPARQL_GRAPH_STORE")
        self.endpoint = endpoint
        self._query = Endpoint(endpoint, timeout)
        self._update = Endpoint(update_url, timeout, user, password)
        self._gsp = Endpoint(gsp_url, timeout, user, password) if gsp_url else None
        self.batch_size = batch_size
        self.graph_prefix = graph_prefix or env("KG_SPARQL_GRAPH_PREFIX")
        self.read_only = read_only
        if server_dataset is None:
            server_dataset = env("KG_SPARQL_SERVER_DATASET", "") not in ("", "0", "false", "no")
        self.server_dataset = server_dataset

    @classmethod
    def from_options(
        cls, *, db: Path | None = None, endpoint: str | None = None, read_only: bool = False
    ) -> SparqlStore:
        """Open the endpoint ``--endpoint`` names (``db`` is for the embedded backends)."""
        return cls(endpoint or "", read_only=read_only)

    def __repr__(self) -> str:
        return f"SparqlStore({self.endpoint!r})"

    # -- reading -----------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        """Run a SELECT or ASK over the store's graphs, ``bindings`` as escaped ``VALUES``.

        As in the embedded store, the default graph is the union of the store's
        named graphs (sent as ``default-graph-uri``/``named-graph-uri``), so a
        server's own graphs never show up in an answer.

        Raises:
            StoreError: for updates (this method never writes), CONSTRUCT/DESCRIBE
                (they give triples, not rows), bad bindings, or endpoint errors.
        """
        if self.server_dataset:
            return self._select(sparql, bindings)
        graphs = self.graphs() or [URIRef(EMPTY_DATASET)]
        dataset = [("default-graph-uri", str(g)) for g in graphs]
        dataset += [("named-graph-uri", str(g)) for g in graphs]
        return self._select(sparql, bindings, dataset)

    def _select(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        dataset: list[tuple[str, str]] | None = None,
    ) -> list[Row]:
        """One SELECT/ASK; without ``dataset`` it sees the server's whole store.

        When the server says it cut the answer at its row limit, the query is asked
        again page by page (each page at most that limit) until a page comes back short.
        """
        try:
            form = query_form(sparql)
            if form not in ("SELECT", "ASK"):
                raise StoreError(f"Store.query runs SELECT and ASK only, not {form}")
            text = bind_values(sparql, bindings)
        except SparqlSyntaxError as error:
            raise StoreError(f"query for {self.endpoint}: {error}") from error
        rows, cap = self._send(text, dataset)
        return rows if cap is None else self._paged(text, dataset, cap, list(rows[0]))

    def _paged(
        self, text: str, dataset: list[tuple[str, str]] | None, cap: int, variables: list[str]
    ) -> list[Row]:
        """The whole answer to a query the server cut at ``cap`` rows, page after page."""
        try:
            page_query = select_page(text, variables, cap, 0)
        except SparqlSyntaxError as error:
            raise StoreError(
                f"SPARQL endpoint {self.endpoint} cut the result at {cap} rows (its result limit, e.g. "
                f"Virtuoso's ResultSetMaxRows) and the query cannot be read page by page: {error}; raise "
                "that limit or narrow the query — a silently shortened answer would be wrong"
            ) from error
        whole: list[Row] = []
        previous: list[Row] = []
        while True:
            page, _ = self._send(page_query, dataset)
            if page and page == previous:
                raise StoreError(
                    f"SPARQL endpoint {self.endpoint} sent the same page twice (it ignores OFFSET)"
                )
            whole.extend(page)
            if len(page) < cap:
                return whole
            previous = page
            page_query = select_page(text, variables, cap, len(whole))

    def _send(self, text: str, dataset: list[tuple[str, str]] | None) -> tuple[list[Row], int | None]:
        """POST one query; its rows, and the server's row limit if it says it cut them there."""
        answer = self._query.request(
            "POST",
            body=_form([("query", text), *(dataset or [])]),
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": RESULTS_JSON,
            },
        )
        rows = [
            {name: _normal(term) for name, term in row.items()}
            for row in parse_results(answer.body, self.endpoint)
        ]
        if MAX_ROWS_HEADER not in answer.headers or not rows:
            return rows, None
        stated = answer.headers[MAX_ROWS_HEADER].strip()
        return rows, int(stated) if stated.isdigit() and int(stated) > 0 else len(rows)

    def graphs(self) -> list[URIRef]:
        """The store's non-empty named graphs (server-internal ones left out), sorted."""
        rows = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._filter()} }}")
        return sorted(URIRef(str(row["g"])) for row in rows if row.get("g") is not None)

    def __len__(self) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._filter()} }}")
        return int(rows[0]["n"].toPython()) if rows and rows[0].get("n") is not None else 0

    def _filter(self) -> str:
        """FILTERs that keep ``?g`` to this store's graphs."""
        parts = [f"!STRSTARTS(STR(?g), {term_to_sparql(Literal(p))})" for p in system_graphs()]
        parts.append(f"!STRSTARTS(STR(?g), {term_to_sparql(Literal(STAGING))})")
        if self.graph_prefix:
            parts.append(f"STRSTARTS(STR(?g), {term_to_sparql(Literal(self.graph_prefix))})")
        return f"FILTER({' && '.join(parts)})"

    def export(self, fmt: str, path: Path) -> int:
        """Write the store to ``path`` (temp file, then rename); return quads or triples written.

        Quad formats (nq, trig, jsonld) keep one graph per list; triple formats
        (nt, ttl, xml) write the union, each triple once — as the embedded store does.
        """
        if fmt.lower() not in EXPORT_FORMATS:
            raise StoreError(f"cannot export as {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        rdf_format, keeps_graphs = EXPORT_FORMATS[fmt.lower()]
        dataset = Dataset()
        union = Graph()
        quads = 0
        for graph in self.graphs():
            context = dataset.graph(graph) if keeps_graphs else union
            for triple in self._triples(graph):
                context.add(triple)
            quads += len(context)  # per graph: the same triple in two lists is two quads
        target = dataset if keeps_graphs else union
        for prefix, namespace in PREFIXES.items():
            target.bind(prefix, namespace)
        count = quads if keeps_graphs else len(union)
        data = target.serialize(format=rdf_format, encoding="utf-8")
        with atomic_write(path, "wb") as handle:
            handle.write(data)
        return count

    def _triples(self, graph: URIRef) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        """All triples of one graph (paged by :meth:`_select` past the server's row limit)."""
        for row in self._select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph}):
            yield row["s"], row["p"], row["o"]  # type: ignore[misc]

    # -- writing -----------------------------------------------------------------------

    def replace_graph(self, graph: URIRef, quads: Iterable[Quad]) -> int:
        """Replace ``graph`` with ``quads``: one request if they fit, else stage and ``MOVE``.

        Returns:
            The number of distinct triples the graph now holds.
        """
        self._writable()
        target = _iri(graph)  # refuse a malformed graph IRI before sending anything
        batches = self._batches(quads)
        first = next(batches, None)
        if first is None:
            self.remove(graph)
            return 0
        second = next(batches, None)
        if second is None:
            self._put(graph, *first)
            return self._count(graph)
        staging = URIRef(f"{STAGING}{uuid.uuid4().hex}")
        try:
            # POST even the first batch: the staging graph is new, and after a Graph Store
            # PUT Virtuoso 7.2 takes ten times longer over the MOVE below
            self._post(staging, first)
            self._post(staging, second)
            for batch in batches:
                self._post(staging, batch)
            # DROP first, in the same request (one transaction): Virtuoso 7.2 moves onto
            # a non-empty graph row by row and times out; onto an empty one it takes 1 s.
            self._update_text(
                f"DROP SILENT GRAPH {target} ;\nMOVE SILENT GRAPH {_iri(staging)} TO GRAPH {target}"
            )
        except BaseException:
            self._drop_quietly(staging)
            raise
        return self._count(graph)

    def _count(self, graph: URIRef) -> int:
        """Distinct triples now in ``graph`` (what the server kept, duplicates merged)."""
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        return int(rows[0]["n"].toPython()) if rows and rows[0].get("n") is not None else 0

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self!r} is open read-only")

    def add(self, quads: Iterable[Quad], graph: URIRef) -> int:
        """Add quads to ``graph`` batch by batch (not atomic; use :meth:`replace_graph`)."""
        self._writable()
        _iri(graph)
        return sum(self._post(graph, batch) for batch in self._batches(quads))

    def remove_subjects(self, graph: URIRef, subjects: Iterable[URIRef]) -> int:
        """Delete the subjects' triples from ``graph``: one ``DELETE … WHERE`` per batch of subjects.

        One request (one transaction on the server) for up to :data:`UPDATE_BATCH` subjects.
        """
        self._writable()
        target = _iri(graph)
        nodes = [_iri(subject) for subject in subjects]
        removed = 0
        for start in range(0, len(nodes), UPDATE_BATCH):
            values = " ".join(nodes[start : start + UPDATE_BATCH])
            where = f"VALUES ?s {{ {values} }} GRAPH {target} {{ ?s ?p ?o }}"
            rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
            count = int(rows[0]["n"].toPython()) if rows and rows[0].get("n") is not None else 0
            if count:
                self._update_text(f"DELETE {{ GRAPH {target} {{ ?s ?p ?o }} }} WHERE {{ {where} }}")
                removed += count
        return removed

    def remove(self, graph: URIRef) -> bool:
        """Drop ``graph``; False when the server had no such graph."""
        self._writable()
        existed = bool(self._select(f"ASK {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")[0]["ask"])
        if not existed:
            return False
        if self._gsp is None or not self._graph_store("DELETE", graph, None):
            self._update_text(f"DROP SILENT GRAPH {_iri(graph)}")
        return True

    def _batches(self, quads: Iterable[Quad]) -> Iterator[tuple[bytes, int]]:
        """N-Triples documents of at most ``batch_size`` triples, read in one pass.

        Triples with blank nodes are held back and sent together last, because a
        blank-node label only means the same node within one request.
        """
        size = self.batch_size if self._gsp is not None else min(self.batch_size, UPDATE_BATCH)
        lines: list[str] = []
        with_bnodes: list[str] = []
        for quad in quads:
            s, p, o = quad[0], quad[1], quad[2]
            try:
                line = ntriples_line(s, p, o)
            except SparqlSyntaxError as error:
                raise StoreError(f"cannot send {quad!r} to {self.endpoint}: {error}") from error
            if isinstance(s, BNode) or isinstance(o, BNode):
                with_bnodes.append(line)
                continue
            lines.append(line)
            if len(lines) >= size:
                yield "".join(lines).encode("utf-8"), len(lines)
                lines = []
        if lines:
            yield "".join(lines).encode("utf-8"), len(lines)
        if with_bnodes:
            yield "".join(with_bnodes).encode("utf-8"), len(with_bnodes)

    def _put(self, graph: URIRef, data: bytes, count: int) -> None:
        """Make ``graph`` hold exactly ``data`` in one request."""
        if self._gsp is not None and self._graph_store("PUT", graph, data):
            return
        self._update_text(
            f"DROP SILENT GRAPH {_iri(graph)} ;\n"
            f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{data.decode('utf-8')}}} }}"
        )

    def _post(self, graph: URIRef, batch: tuple[bytes, int]) -> int:
        """Append one batch to ``graph``; return its triple count."""
        data, count = batch
        if self._gsp is None or not self._graph_store("POST", graph, data):
            self._update_text(f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{data.decode('utf-8')}}} }}")
        return count

    def _graph_store(self, method: str, graph: URIRef, data: bytes | None) -> bool:
        """One Graph Store request; False (and Update from now on) if the server lacks it."""
        assert self._gsp is not None
        answer = self._gsp.request(
            method,
            params={"graph": str(graph)},
            body=data,
            headers={"Content-Type": NTRIPLES} if data is not None else {},
            accept_status=GSP_UNSUPPORTED,
        )
        if answer.status in GSP_UNSUPPORTED:
            self._gsp = None
            return False
        return True

    def _update_text(self, update: str) -> None:
        self._update.request(
            "POST",
            body=_form({"update": update}),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )

    def _drop_quietly(self, graph: URIRef) -> None:
        """Best-effort cleanup of a staging graph after a failed load."""
        # the original error matters more; a stray staging graph is filtered out anyway
        with contextlib.suppress(StoreError):
            self._update_text(f"DROP SILENT GRAPH {_iri(graph)}")


def _iri(term: URIRef) -> str:
    try:
        return term_to_sparql(URIRef(term))
    except SparqlSyntaxError as error:
        raise StoreError(str(error)) from error


def _form(fields: Mapping[str, str] | list[tuple[str, str]]) -> bytes:
    return urllib.parse.urlencode(fields).encode("ascii")


def _normal(term: Identifier | None) -> Identifier | None:
    """Drop an explicit ``xsd:string`` so literals compare equal to other stores' plain ones."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term

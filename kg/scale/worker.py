"""One list → its named graph as N-Triples bytes, in a worker process.

Two steps: reading the file (:func:`kg.ingest.read_list`) and :func:`build_list_graph`,
which a list already read (a test's, a notebook's) goes through alone.
:func:`process_list` is both, for a worker given a path.

Workers get a path and hand back bytes, not rdflib objects: pickling a few hundred
thousand terms back to the parent costs more than building them, whereas bytes
cross the process boundary in one copy and Oxigraph's Rust parser loads them
straight into the store. Each list is built alone, with the bundled resolver
tables and numbers learned from that list only, so the bytes are the same
whichever process, in whichever order, with however many ``--jobs``.

Beside the list's own graph a worker hands back the shared provision facts the
list needs (:mod:`kg.graph.provisions`), node by node, so the parent writes into
the shared graph only the nodes it does not hold yet.

Identical cell texts are extracted once per worker (an LRU keyed by
(column, text)): agencies copy 实施依据 boilerplate from each other, and the
extractor is a pure function of those two arguments.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractors.models import Citation
from extractors.protocols import Extractor
from kg.graph.build import ListGraph, list_key
from kg.graph.provisions import PROVISION_GRAPH, SharedNodes
from kg.iri import graph_iri
from kg.model import PowerItem, PowerList, extract_item
from kg.namespace import KG
from kg.resolve import Resolver
from kg.store.sparql_syntax import ntriples_term

__all__ = [
    "CACHE_SIZE",
    "ListGraphBytes",
    "ListOutcome",
    "build_list_graph",
    "build_outcome",
    "cache_stats",
    "extract_item",
    "process_list",
]

CACHE_SIZE = 200_000
"""Distinct (column, text) cells remembered per worker (~ a few hundred MB at most)."""


@dataclass
class ListOutcome:
    """What building one list produced, and what each stage cost (seconds of this worker)."""

    path: str
    content_hash: str = ""
    graph: str = ""
    title: str = ""
    items: int = 0
    citations: int = 0
    triples: int = 0
    data: bytes = b""
    shared: SharedNodes = ()
    """The shared provision nodes the list needs (:data:`SharedNodes`), for the shared graph."""
    error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    cache_misses: int = 0


@dataclass(frozen=True, slots=True)
class ListGraphBytes:
    """One list's named graph as N-Triples, with what it counted on the way."""

    graph: str
    data: bytes
    shared: SharedNodes
    """The shared provision graph's nodes this list needs, each with its N-Triples lines."""
    items: int
    citations: int
    triples: int
    seconds: dict[str, float]
    """Seconds spent extracting (``extract``) and writing triples (``triples``)."""


@functools.cache
def _resolver() -> Resolver:
    return Resolver()


@functools.cache
def _cached_run() -> Callable[[str | None, str], tuple[Citation, ...]]:
    from extractors import extract

    @functools.lru_cache(maxsize=CACHE_SIZE)
    def run(column: str | None, text: str) -> tuple[Citation, ...]:
        return tuple(extract(text, column=column))

    return run


def _cached_extract(text: str, *, column: str | None = None) -> tuple[Citation, ...]:
    """:func:`extractors.extract` through this process's cache (an :class:`Extractor`)."""
    return _cached_run()(column, text)


def cache_stats() -> tuple[int, int]:
    """(hits, misses) of this process's extraction cache so far."""
    info = _cached_run().cache_info()  # type: ignore[attr-defined]
    return info.hits, info.misses


def build_list_graph(
    power_list: PowerList,
    items: Sequence[PowerItem],
    *,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
) -> ListGraphBytes:
    """Extract every item of a list already read and write its named graph as N-Triples.

    Args:
        power_list: the list.
        items: its items, in order.
        extract: the citation extractor (the project's one, cached per process, when None).
        resolver: instrument identity (the bundled tables when None).
    """
    started = time.perf_counter()
    extract = extract or _cached_extract
    extracted = [extract_item(item, extract) for item in items]
    extracted_at = time.perf_counter()
    graph = ListGraph(power_list, extracted, resolver or _resolver())
    term = ntriples_term
    lines: dict[str, None] = {}
    shared: dict[str, list[str]] = {}
    citations = 0
    for s, p, o, g in graph.quads():
        line = f"{term(s)} {term(p)} {term(o)} .\n"
        if g == PROVISION_GRAPH:
            shared.setdefault(str(s), []).append(line)
            continue
        citations += p == KG.reference  # one per citation (citations are untyped)
        lines[line] = None
    return ListGraphBytes(
        graph=str(graph_iri(list_key(power_list))),
        data="".join(lines).encode("utf-8"),
        shared=tuple((node, "".join(shared[node]).encode("utf-8")) for node in sorted(shared)),
        items=len(extracted),
        citations=citations,
        triples=len(lines),
        seconds={"extract": extracted_at - started, "triples": time.perf_counter() - extracted_at},
    )


def build_outcome(
    path: str,
    power_list: PowerList,
    items: Sequence[PowerItem],
    *,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
) -> ListOutcome:
    """:func:`build_list_graph` as a :class:`ListOutcome`; a list that cannot be built is one ``error``."""
    hits, misses = cache_stats()
    outcome = ListOutcome(path=path, content_hash=power_list.content_hash or "", title=power_list.title)
    try:
        built = build_list_graph(power_list, items, extract=extract, resolver=resolver)
    except Exception as error:  # one list must not end the build: it is reported and skipped
        outcome.error = f"{path}: cannot be built ({type(error).__name__}: {str(error)[:200]})"
        return outcome
    new_hits, new_misses = cache_stats()
    outcome.graph, outcome.data, outcome.shared = built.graph, built.data, built.shared
    outcome.items, outcome.citations, outcome.triples = built.items, built.citations, built.triples
    outcome.seconds = dict(built.seconds)
    outcome.cache_hits, outcome.cache_misses = new_hits - hits, new_misses - misses
    return outcome


def process_list(
    path: str, *, extract: Extractor | None = None, resolver: Resolver | None = None
) -> ListOutcome:
    """Read, extract and build one list file; never raises for a bad file (``error`` says why)."""
    from kg.ingest import NotAPowerList, read_list

    started = time.perf_counter()
    try:
        result = read_list(Path(path))
    except (NotAPowerList, OSError, UnicodeError) as error:
        return ListOutcome(path=path, error=str(error))
    read_seconds = time.perf_counter() - started
    outcome = build_outcome(path, result.power_list, result.items, extract=extract, resolver=resolver)
    outcome.seconds = {"read": read_seconds, **outcome.seconds}
    return outcome

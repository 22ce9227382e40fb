"""One list file → its named graph as N-Triples bytes, in a worker process.

Workers get a path and hand back bytes, not rdflib objects: pickling a few hundred
thousand terms back to the parent costs more than building them, whereas bytes
cross the process boundary in one copy and Oxigraph's Rust parser loads them
straight into the store. Each list is built alone, with the bundled resolver
tables and numbers learned from that list only, so the bytes are the same
whichever process, in whichever order, with however many ``--jobs``.

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

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from extractors.models import Citation
from kg.graph.build import ListGraph, list_key
from kg.graph.records import CellCitations, ExtractedItem
from kg.ingest.rows import ReadResult
from kg.iri import graph_iri
from kg.model import TEXT_COLUMNS, PowerItem
from kg.pipeline import is_citation
from kg.resolve import Resolver

__all__ = ["CACHE_SIZE", "ListOutcome", "cache_stats", "process_list"]

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
    error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    cache_misses: int = 0


@functools.cache
def _resolver() -> Resolver:
    return Resolver()


@functools.cache
def _cached_extract() -> Callable[[str, str], tuple[Citation, ...]]:
    from extractors import extract

    @functools.lru_cache(maxsize=CACHE_SIZE)
    def run(column: str, text: str) -> tuple[Citation, ...]:
        return tuple(extract(text, column=column))

    return run


def cache_stats() -> tuple[int, int]:
    """(hits, misses) of this process's extraction cache so far."""
    info = _cached_extract().cache_info()  # type: ignore[attr-defined]
    return info.hits, info.misses


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@functools.lru_cache(maxsize=1 << 18)
def _ntriples_term(term: Identifier) -> str:
    """One term in N-Triples syntax (IRIs come from :mod:`kg.iri`, already valid and encoded)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"cannot write {term!r} as N-Triples")


def _extract_items(items: Sequence[PowerItem]) -> list[ExtractedItem]:
    run = _cached_extract()
    out = []
    for item in items:
        cells = []
        for name in TEXT_COLUMNS:
            text = getattr(item, name) or ""
            citations = run(name, text) if text.strip() else ()
            cells.append(CellCitations(field=name, text=text, citations=citations))
        out.append(ExtractedItem(item=item, cells=tuple(cells)))
    return out


def process_list(path: str) -> ListOutcome:
    """Read, extract and build one list file; never raises for a bad file (``error`` says why)."""
    from kg.ingest import NotAPowerList, read_list

    outcome = ListOutcome(path=path)
    hits, misses = cache_stats()
    started = time.perf_counter()
    try:
        result = read_list(Path(path))
    except (NotAPowerList, OSError, UnicodeError) as error:
        outcome.error = str(error)
        return outcome
    try:
        return _build(outcome, result, started, hits, misses)
    except Exception as error:  # one list must not end the build: it is reported and skipped
        outcome.error = f"{path}: cannot be built ({type(error).__name__}: {str(error)[:200]})"
        outcome.data = b""
        return outcome


def _build(outcome: ListOutcome, result: ReadResult, started: float, hits: int, misses: int) -> ListOutcome:
    read_done = time.perf_counter()
    extracted = _extract_items(result.items)
    extract_done = time.perf_counter()
    power_list = result.power_list
    graph = ListGraph(power_list, extracted, _resolver())
    term = _ntriples_term
    lines: dict[str, None] = {}
    citations = 0
    for quad in graph.quads():
        citations += is_citation(quad)
        s, p, o, _g = quad
        lines[f"{term(s)} {term(p)} {term(o)} .\n"] = None
    data = "".join(lines).encode("utf-8")
    built = time.perf_counter()
    new_hits, new_misses = cache_stats()
    outcome.content_hash = power_list.content_hash or ""
    outcome.graph = str(graph_iri(list_key(power_list)))
    outcome.title = power_list.title
    outcome.items = len(extracted)
    outcome.citations = citations
    outcome.triples = len(lines)
    outcome.data = data or b""
    outcome.seconds = {
        "read": read_done - started,
        "extract": extract_done - read_done,
        "triples": built - extract_done,
    }
    outcome.cache_hits, outcome.cache_misses = new_hits - hits, new_misses - misses
    return outcome

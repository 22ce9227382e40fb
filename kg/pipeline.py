"""``kg build``: lists → records → citations → quads → store, as small stream stages.

Each stage is a plain function over plain data, so a later streaming, parallel
or incremental build can rearrange them:

* :func:`read_stage` — input paths → :class:`ReadResult` per list (bad files reported, not fatal);
* :func:`extract_stage` — a list's items → :class:`ExtractedItem` (one at a time);
* :func:`quads_stage` — extracted items → quads of the list's named graph;
* :func:`load_stage` — quads → the store, replacing the list's graph atomically.

An interrupted build leaves the store as it was for every list not yet swapped
in: a list's graph is replaced in one step (see :meth:`Store.replace_graph`).

These functions build in one process and hold a list's quads as rdflib terms: right
for tests, notebooks and the two sample lists. ``kg build`` uses
:func:`kg.scale.stream_build` instead — the same graph builder, one list per worker
process, N-Triples bytes into the store, and a manifest so unchanged lists are skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Protocol

from rdflib import RDF, URIRef

from extractors.models import Citation
from kg.graph.build import ListGraph, list_key
from kg.graph.records import CellCitations, ExtractedItem
from kg.iri import graph_iri, list_key_of
from kg.model import TEXT_COLUMNS, PowerItem, PowerList
from kg.namespace import KG
from kg.resolve import Resolver
from kg.store.base import Quad, Store

__all__ = [
    "BuildSummary",
    "Extractor",
    "FileError",
    "ProgressHook",
    "build",
    "build_lists",
    "default_extractor",
    "extract_item",
    "extract_stage",
    "graph_for",
    "graphs_for",
    "is_citation",
    "load_stage",
    "quads_stage",
    "read_stage",
    "store_counts",
]


class Extractor(Protocol):
    """Text in, citations out: :func:`extractors.extract`, or a stand-in in tests.

    ``column`` is the record field the text comes from (``basis``, ``duties``,
    ``accountability``): in 责任事项 every reference is a mention, not a basis.
    """

    def __call__(self, text: str, *, column: str | None = None) -> Sequence[Citation]: ...


ProgressHook = Callable[[str, int, int], None]
"""Called as ``hook(list_title, items_done, items_total)`` while a list is extracted."""


@dataclass(frozen=True, slots=True)
class FileError:
    """An input that could not be read as a power list, and why."""

    path: str
    message: str


@dataclass
class BuildSummary:
    """What a build did, for the summary table and for tests."""

    lists: int = 0
    items: int = 0
    citations: int = 0
    instruments: int = 0
    provisions: int = 0
    triples: int = 0
    seconds: float = 0.0
    graphs: list[str] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


def default_extractor() -> Extractor:
    """The project's extractor (imported late: it compiles its patterns on import)."""
    from extractors import extract

    return extract


def read_stage(paths: Iterable[Path], errors: list[FileError]) -> Iterator[tuple[PowerList, list[PowerItem]]]:
    """Each readable list with its items; unreadable inputs go to ``errors``."""
    from kg.ingest import NotAPowerList, iter_input_files, read_list

    for path in iter_input_files(list(paths)):
        try:
            result = read_list(path)
        except (NotAPowerList, OSError, UnicodeError) as error:
            errors.append(FileError(str(path), str(error)))
            continue
        yield result.power_list, result.items


def extract_item(item: PowerItem, extract: Extractor) -> ExtractedItem:
    """Run the extractor over every text column of one item."""
    cells = []
    for name in TEXT_COLUMNS:
        text = getattr(item, name) or ""
        citations = tuple(extract(text, column=name)) if text.strip() else ()
        cells.append(CellCitations(field=name, text=text, citations=citations))
    return ExtractedItem(item=item, cells=tuple(cells))


def extract_stage(
    power_list: PowerList,
    items: Sequence[PowerItem],
    extract: Extractor,
    progress: ProgressHook | None = None,
) -> Iterator[ExtractedItem]:
    """Extract item after item, reporting progress."""
    for done, item in enumerate(items, start=1):
        yield extract_item(item, extract)
        if progress is not None:
            progress(power_list.title, done, len(items))


def quads_stage(power_list: PowerList, items: list[ExtractedItem], resolver: Resolver) -> Iterator[Quad]:
    """The quads of the list's named graph."""
    return ListGraph(power_list, items, resolver).quads()


def load_stage(store: Store, power_list: PowerList, quads: Iterable[Quad]) -> int:
    """Replace the list's named graph with ``quads``; return how many quads it now holds."""
    return store.replace_graph(graph_iri(list_key(power_list)), quads)


def store_counts(store: Store) -> tuple[int, int]:
    """(instruments, cited provisions) in the whole store, as :func:`kg.counts.graph_counts` counts them."""
    from kg.counts import graph_counts

    counts = graph_counts(store)
    return counts.instruments, counts.provisions


def is_citation(quad: Quad) -> bool:
    """Whether ``quad`` types a citation node: a build counts its citations by these."""
    return quad[1] == RDF.type and quad[2] == KG.Citation


def _counting(quads: Iterable[Quad], seen: list[int]) -> Iterator[Quad]:
    for quad in quads:
        if is_citation(quad):
            seen[0] += 1
        yield quad


def build_lists(
    lists: Iterable[tuple[PowerList, Sequence[PowerItem]]],
    store: Store,
    *,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
    progress: ProgressHook | None = None,
) -> BuildSummary:
    """Extract, build and load lists already read (one named graph each, replaced whole).

    Args:
        lists: (list, items) pairs, e.g. from :func:`read_stage`.
        store: where the graphs go.
        extract: the citation extractor (the project's one when None).
        resolver: instrument identity (the bundled tables when None).
        progress: called after each item.
    """
    started = time.perf_counter()
    extract = extract or default_extractor()
    resolver = resolver or Resolver()
    summary = BuildSummary()
    for power_list, items in lists:
        extracted = list(extract_stage(power_list, items, extract, progress))
        citations = [0]
        load_stage(store, power_list, _counting(quads_stage(power_list, extracted, resolver), citations))
        summary.lists += 1
        summary.items += len(extracted)
        summary.citations += citations[0]
        summary.graphs.append(str(graph_iri(list_key(power_list))))
    summary.instruments, summary.provisions = store_counts(store)
    summary.triples = len(store)
    summary.seconds = time.perf_counter() - started
    return summary


def build(
    paths: Iterable[Path],
    store: Store,
    *,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
    progress: ProgressHook | None = None,
) -> BuildSummary:
    """Read, extract, build and load every list under ``paths``.

    Inputs that are not power lists are skipped and named in ``summary.errors``;
    the lists before and after them are still built.
    """
    errors: list[FileError] = []
    summary = build_lists(
        read_stage(paths, errors), store, extract=extract, resolver=resolver, progress=progress
    )
    summary.errors = errors
    return summary


_LISTS = """
PREFIX kg: <https://w3id.org/qzqd-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?list ?file ?title WHERE {
  ?list a kg:PowerList .
  OPTIONAL { ?list kg:sourceFile ?file }
  OPTIONAL { ?list dcterms:title ?title }
}
"""


def graphs_for(store: Store, name: str) -> list[URIRef]:
    """The named graphs of the lists called ``name`` (title, file name or graph IRI), sorted.

    Two lists may share a title (they are told apart by their files), so a title
    can name several; the caller decides whether that is an error.
    """
    graphs = set(store.graphs())
    if URIRef(name) in graphs:
        return [URIRef(name)]
    wanted, file_name = name.strip(), PurePath(name.strip()).name
    found: set[URIRef] = set()
    for row in store.query(_LISTS):
        key = list_key_of(str(row["list"]))
        if key is None or not wanted:
            continue
        if str(row.get("title") or "") == wanted or str(row.get("file") or "") == file_name:
            graph = graph_iri(key)
            if graph in graphs:
                found.add(graph)
    return sorted(found)


def graph_for(store: Store, name: str) -> URIRef | None:
    """The one named graph of the list called ``name``; None when none or several match."""
    found = graphs_for(store, name)
    return found[0] if len(found) == 1 else None

"""The site reads the same data, and writes the same pages, whatever store holds the graph.

Oxigraph's union default graph repeats a triple once per named graph asserting it
(an instrument cited by four lists carries four copies of its labels), rdflib's
does not; Virtuoso has its own ordering of rows. The graph here is the one a user
builds from the two bundled samples plus ``tests/data/lists``: four lists, several
citing the same instruments, so every repeated triple is there to be miscounted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from kg.scale import build_in_process
from kg.site.build import build_site
from kg.site.data import SiteData, load_site_data
from kg.store.base import Store
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

LISTS = Path(__file__).parents[1] / "data" / "lists"

SHARED = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?instrument (COUNT(DISTINCT ?g) AS ?graphs)
WHERE { GRAPH ?g { ?instrument a eli:LegalResource } }
GROUP BY ?instrument
HAVING (COUNT(DISTINCT ?g) > 1)
"""
"""Instruments asserted in more than one list's graph."""


@pytest.fixture(scope="module")
def paths(sample_paths: list[Path]) -> list[Path]:
    return [*sample_paths, *sorted(LISTS.iterdir())]


@pytest.fixture(scope="module")
def stores(paths: list[Path]) -> dict[str, Store]:
    built: dict[str, Store] = {}
    for name, make in (("oxigraph", lambda: OxigraphStore(None)), ("memory", lambda: MemoryStore(None))):
        store = make()
        summary = build_in_process(paths, store)
        assert summary.lists == len(paths) and not summary.errors
        built[name] = store
    return built


def records(data: SiteData) -> dict[str, Any]:
    """Everything the pages are built from. Records keyed by IRI compare as dicts; the
    sequences (citations, parts, an item's citations, an agency's items, quotes) compare in
    order, since the site must put them in one order whatever order the engine returned."""
    return {
        "instruments": {k: asdict(v) for k, v in data.instruments.items()},
        "provisions": {k: asdict(v) for k, v in data.provisions.items()},
        "agencies": {k: asdict(v) for k, v in data.agencies.items()},
        "items": {k: asdict(v) for k, v in data.items.items()},
        "citations": [asdict(c) for c in data.citations],
        "rests_on": {k: sorted(v) for k, v in data.rests_on.items()},
        "children": dict(data.children),
        "by_item": {k: [c.iri for c in v] for k, v in data.by_item.items()},
        "by_agency": dict(data.by_agency),
        "quoted": data.quoted_texts(),
    }


def test_lists_share_instruments(stores: dict[str, Store]) -> None:
    """The graph really repeats instruments across graphs (else this module tests nothing)."""
    shared = stores["oxigraph"].query(SHARED)
    assert len(shared) >= 3
    assert all(int(row["graphs"]) >= 2 for row in shared)  # type: ignore[call-overload]


PARTS = ("instruments", "provisions", "agencies", "items", "citations", "rests_on")
INDEXES = ("children", "by_item", "by_agency", "quoted")


@pytest.mark.parametrize("part", [*PARTS, *INDEXES])
def test_oxigraph_and_memory_agree(stores: dict[str, Store], part: str) -> None:
    ox, mem = (records(load_site_data(stores[name]))[part] for name in ("oxigraph", "memory"))
    assert ox and ox == mem


@pytest.mark.parametrize(
    ("pattern", "count"),
    [
        ("?x a eli:LegalResource", lambda d: len(d.instruments)),
        ("?x a kg:PowerItem", lambda d: len(d.items)),
        ("?x kg:reference ?reference", lambda d: len(d.citations)),  # citations are untyped
        ("?x a kg:Agency", lambda d: len(d.agencies)),
    ],
    ids=["instruments", "items", "citations", "agencies"],
)
def test_no_record_is_counted_twice(
    stores: dict[str, Store], pattern: str, count: Callable[..., int]
) -> None:
    """The site holds each resource once, however many lists' graphs repeat it."""
    sparql = f"""
    PREFIX eli: <http://data.europa.eu/eli/ontology#>
    PREFIX kg: <https://w3id.org/qzqd-kg/ontology#>
    SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
      {pattern} . FILTER NOT EXISTS {{ ?x a eli:LegalResourceSubdivision }}
    }}"""
    for store in stores.values():
        expected = int(store.query(sparql)[0]["n"])  # type: ignore[call-overload]
        assert count(load_site_data(store)) == expected > 0


def test_pages_are_byte_identical(stores: dict[str, Store], tmp_path: Path) -> None:
    sites = {name: tmp_path / name for name in stores}
    for name, store in stores.items():
        build_site(store, sites[name], progress=False)
    files = {
        name: sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
        for name, root in sites.items()
    }
    assert files["oxigraph"] == files["memory"] and len(files["oxigraph"]) > 100
    differ = [
        str(rel)
        for rel in files["oxigraph"]
        if (sites["oxigraph"] / rel).read_bytes() != (sites["memory"] / rel).read_bytes()
    ]
    assert differ == []


@pytest.mark.virtuoso
def test_virtuoso_agrees(virtuoso: Any, stores: dict[str, Store], paths: list[Path]) -> None:
    from kg.store.sparql import SparqlStore

    sparql = SparqlStore(virtuoso.endpoint, **virtuoso.store_options())
    try:
        build_in_process(paths, sparql)
        assert records(load_site_data(sparql)) == records(load_site_data(stores["oxigraph"]))
    finally:
        for graph in sparql.graphs():
            sparql.remove(graph)

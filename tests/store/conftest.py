"""One contract suite for every store backend (as rdflib's ``make_graph`` fixture).

To run the suite against another backend, add a factory to :data:`BACKENDS`:
a function ``(request, tmp_path) -> Store`` that returns an empty store. The
``sparql`` entry asks for the session's Virtuoso (``tests/conftest.py``), so it
is skipped, with the reason printed, where Virtuoso cannot run; select or
deselect it with ``-m virtuoso`` / ``-m "not virtuoso"``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.store.base import Store

StoreFactory = Callable[[pytest.FixtureRequest, Path], Store]


def _oxigraph(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(tmp_path / "oxigraph")


def _memory(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    from kg.store.memory import MemoryStore

    return MemoryStore(tmp_path / "memory.nq")


def _sparql(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    from kg.store.sparql import SparqlStore

    server = request.getfixturevalue("virtuoso")
    store = SparqlStore(server.endpoint, **server.store_options())
    for graph in store.graphs():
        store.remove(graph)
    return store


BACKENDS: dict[str, tuple[StoreFactory, tuple[pytest.MarkDecorator, ...]]] = {
    "oxigraph": (_oxigraph, ()),
    "memory": (_memory, ()),
    "sparql": (_sparql, (pytest.mark.virtuoso,)),
}
"""Backend name → (factory of an empty store, marks)."""


@pytest.fixture(params=[pytest.param(name, marks=marks, id=name) for name, (_f, marks) in BACKENDS.items()])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each registered backend, closed (and emptied) afterwards."""
    factory, _marks = BACKENDS[request.param]
    store = factory(request, tmp_path)
    yield store
    if request.param == "sparql":
        for graph in store.graphs():
            store.remove(graph)
    store.close()

"""One contract suite for every registered store backend (as rdflib's ``make_graph`` fixture).

The backends are :func:`kg.store.registry.names`, so a newly registered backend is
in the suite without a line here. An embedded backend (one with a ``default_db``)
is opened empty in the test's folder; a server's store (no ``default_db``) is
opened on the session's Virtuoso (``tests/conftest.py``), so it is skipped, with the
reason printed, where Virtuoso cannot run; select or deselect it with
``-m virtuoso`` / ``-m "not virtuoso"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store.base import Store
from kg.store.registry import get, names


def _marks(name: str) -> tuple[pytest.MarkDecorator, ...]:
    return () if get(name).default_db is not None else (pytest.mark.virtuoso,)


def open_empty(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """An empty store of backend ``name``: in ``tmp_path`` if embedded, else on the session's Virtuoso."""
    backend = get(name)
    if backend.default_db is not None:
        return backend.from_options(db=tmp_path / f"{name}-store{backend.default_db.suffix}")
    server = request.getfixturevalue("virtuoso")
    store = backend(server.endpoint, **server.store_options())  # type: ignore[call-arg]
    for graph in store.graphs():
        store.remove(graph)
    return store


@pytest.fixture(params=[pytest.param(name, marks=_marks(name), id=name) for name in names()])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each registered backend, closed (and a server's emptied) afterwards."""
    store = open_empty(request.param, request, tmp_path)
    yield store
    if store.location is None:
        for graph in store.graphs():
            store.remove(graph)
    store.close()

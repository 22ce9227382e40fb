"""What only the local backends promise: persistence, read-only opening, the registry."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.store import DEFAULT_STORE, StoreError, get, names, open_store, register
from kg.store.memory import MemoryStore
from kg.store.oxigraph import STAGING, STAGING_OF, OxigraphStore

G = URIRef("https://w3id.org/qzqd-kg/id/graph/甲")
QUAD = (URIRef("https://w3id.org/qzqd-kg/id/x"), URIRef("https://w3id.org/qzqd-kg/id/p"), Literal("值"), G)


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_data_survives_reopening(tmp_path: Path, backend: str) -> None:
    db = tmp_path / ("db" if backend == "oxigraph" else "db.nq")
    with open_store(backend, db=db) as store:
        store.replace_graph(G, [QUAD])
    with open_store(backend, db=db, read_only=True) as store:
        assert store.graphs() == [G]
        assert len(store) == 1
        with pytest.raises(StoreError, match="read-only"):
            store.remove(G)


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_read_only_open_of_a_missing_store_says_to_build(tmp_path: Path, backend: str) -> None:
    with pytest.raises(StoreError, match="kg build"):
        open_store(backend, db=tmp_path / "nothing-here", read_only=True)


def test_staging_graphs_of_an_interrupted_build_are_invisible_and_dropped(tmp_path: Path) -> None:
    raw = ox.Store(str(tmp_path / "db"))
    raw.add(
        ox.Quad(
            ox.NamedNode("https://e.org/s"),
            ox.NamedNode("https://e.org/p"),
            ox.Literal("半"),
            ox.NamedNode(STAGING + "dead"),
        )
    )
    raw.flush()
    reader = OxigraphStore(store=raw, read_only=True)
    assert reader.graphs() == []
    assert reader.query("SELECT * WHERE { ?s ?p ?o }") == []
    del reader, raw
    writer = OxigraphStore(tmp_path / "db")
    assert len(list(writer._store.named_graphs())) == 0


def test_a_build_killed_after_staging_is_finished_by_the_next_writer(tmp_path: Path) -> None:
    """Killed mid-swap: the graph is half-copied, but the complete staging graph stands in."""
    target = ox.NamedNode(str(G))
    staging = ox.NamedNode(STAGING + "done")
    raw = ox.Store(str(tmp_path / "db"))
    p = ox.NamedNode("https://e.org/p")
    for n in range(3):
        raw.add(ox.Quad(ox.NamedNode(f"https://e.org/s{n}"), p, ox.Literal("新"), staging))
    raw.add(ox.Quad(staging, STAGING_OF, target, staging))
    raw.add(ox.Quad(ox.NamedNode("https://e.org/s0"), p, ox.Literal("新"), target))  # the half copy
    raw.flush()
    reader = OxigraphStore(store=raw, read_only=True)
    rows = reader.query("SELECT DISTINCT ?s WHERE { ?s <https://e.org/p> ?o }")
    assert len(rows) == 3
    del reader, raw
    writer = OxigraphStore(tmp_path / "db")
    assert writer.graphs() == [G]
    assert len(writer) == 3
    assert all(not g.value.startswith(STAGING) for g in writer._store.named_graphs())


def test_registry_names_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.store import registry

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    assert DEFAULT_STORE == "oxigraph"
    assert {"oxigraph", "memory", "sparql"} <= set(names())
    assert get("memory") is MemoryStore
    with pytest.raises(StoreError, match="unknown store 'nosuch'"):
        get("nosuch")
    register("broken", "kg.store.nosuchmodule:Nothing")
    with pytest.raises(StoreError, match="cannot be loaded"):
        get("broken")
    with pytest.raises(ValueError, match="module:Class"):
        register("bad", "no-colon")


def test_memory_store_file_is_written_atomically(tmp_path: Path) -> None:
    file = tmp_path / "g.nq"
    store = MemoryStore(file)
    store.replace_graph(G, [QUAD])
    assert len(file.read_text(encoding="utf-8").split()) == 5  # one quad: s p o g .
    assert [p.name for p in tmp_path.iterdir()] == ["g.nq"]


def test_store_exists_asks_the_backend_where_it_lives(tmp_path: Path) -> None:
    from kg.store.registry import store_exists

    assert not store_exists("oxigraph", tmp_path / "none-yet")
    assert not store_exists("memory", tmp_path / "none-yet.nq")
    (tmp_path / "there.nq").touch()
    assert store_exists("memory", tmp_path / "there.nq")
    assert store_exists("sparql")  # a server's store: nothing here to look for
    with pytest.raises(StoreError, match="unknown store"):
        store_exists("nosuch")

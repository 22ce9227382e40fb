"""Oxigraph's two fast writes: one bulk load into an empty store, a difference for a changed list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kg.store.base import StoreError
from kg.store.oxigraph import BULK, BULK_MARKER, OxigraphStore, as_nquads

G1, G2 = URIRef("urn:kg:test:g1"), URIRef("urn:kg:test:g2")


def _lines(count: int, tag: str, start: int = 0) -> bytes:
    return "".join(f'<urn:s{n}> <urn:p> "{tag}{n}" .\n' for n in range(start, start + count)).encode()


class _Spy:
    """Stands for the wrapped ``pyoxigraph.Store``, counting the writes the wrapper makes."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        if name in ("update", "bulk_load", "remove_graph", "add"):
            self.calls.append(name)
        return attribute

    def __iter__(self) -> Any:
        return iter(self.inner)


def _spied(store: OxigraphStore) -> _Spy:
    spy = _Spy(store._store)
    store._store = spy  # type: ignore[assignment]
    return spy


def _values(store: OxigraphStore, graph: URIRef) -> set[str]:
    return {str(o) for _s, _p, o, g in store.iter_quads() if g == graph}


def test_a_changed_graph_is_applied_as_one_update() -> None:
    store = OxigraphStore(None)
    store.load_ntriples(G1, _lines(100, "v"))
    spy = _spied(store)
    changed = _lines(99, "v") + b'<urn:s99> <urn:p> "edited" .\n'
    assert store.load_ntriples(G1, changed) == 100
    assert spy.calls == ["update"]
    assert _values(store, G1) == {f"v{n}" for n in range(99)} | {"edited"}


def test_an_unchanged_graph_is_not_written() -> None:
    store = OxigraphStore(None)
    store.load_ntriples(G1, _lines(10, "v"))
    spy = _spied(store)
    assert store.load_ntriples(G1, _lines(10, "v")) == 10
    assert spy.calls == []


@pytest.mark.parametrize(
    "new",
    [
        _lines(5, "v") + b'_:b1 <urn:p> "blank" .\n',
        _lines(10, "other"),
    ],
    ids=["blank-node", "over-the-limit"],
)
def test_blank_nodes_and_large_differences_are_swapped_in(
    new: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kg.store.oxigraph.DIFF_LIMIT", 15)
    store = OxigraphStore(None)
    store.load_ntriples(G1, _lines(10, "v"))
    spy = _spied(store)
    assert store.load_ntriples(G1, new) == new.count(b"\n")
    assert "update" not in spy.calls and "bulk_load" in spy.calls
    assert store.graphs() == [G1]


def test_a_first_load_into_an_empty_store_is_one_bulk_load() -> None:
    store = OxigraphStore(None)
    spy = _spied(store)
    assert store.load_graphs([(G1, _lines(3, "a")), (G2, _lines(2, "b"))]) == 5
    assert spy.calls.count("bulk_load") == 1
    assert not spy.inner.contains_named_graph(BULK)
    assert store.graphs() == [G1, G2]


def _half_bulk_loaded(db: Path) -> None:
    """What a build killed in the middle of its bulk load leaves: the marker and some of the graphs."""
    store = OxigraphStore(db)
    raw = store._store
    raw.add(BULK_MARKER)
    raw.bulk_load(as_nquads(str(G1), _lines(50, "half")), ox.RdfFormat.N_QUADS)
    raw.flush()
    store.close()


def test_a_killed_bulk_load_leaves_an_empty_store_for_the_next_writer(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _half_bulk_loaded(db)
    store = OxigraphStore(db)
    assert store.is_empty() and store.graphs() == []


def test_a_reader_never_sees_a_half_bulk_loaded_store(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _half_bulk_loaded(db)
    reader = OxigraphStore(db, read_only=True)
    assert reader.graphs() == [] and len(reader) == 0
    assert reader.query("SELECT ?s WHERE { ?s ?p ?o }") == []


def test_a_failed_bulk_load_empties_the_store_and_names_the_graph() -> None:
    store = OxigraphStore(None)
    with pytest.raises(StoreError, match="g2"):
        store.load_graphs([(G1, _lines(3, "a")), (G2, b"<urn:s> <urn:p> not-a-term .\n")])
    assert store.is_empty()


@pytest.mark.parametrize(
    "data",
    [
        _lines(3, "v"),
        b'<urn:s> <urn:p> "a . #b" .\n',
        b"<urn:s> <urn:p> <urn:o> . # a comment .\n",
        b"# only a comment\n<urn:s> <urn:p> <urn:o>.\r\n<urn:s> <urn:p> <urn:q> .",
        b"",
    ],
    ids=["canonical", "dot-hash-in-literal", "trailing-comment", "other-layout", "empty"],
)
def test_nquads_of_a_graph_hold_its_triples_in_that_graph(data: bytes) -> None:
    graph = ox.NamedNode(str(G1))
    expected = {
        ox.Quad(q.subject, q.predicate, q.object, graph) for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)
    }
    assert set(ox.parse(as_nquads(str(G1), data), ox.RdfFormat.N_QUADS)) == expected


def test_a_term_written_another_way_is_still_applied_exactly() -> None:
    """Lines are compared as text: the same literal escaped differently is deleted and inserted again."""
    store = OxigraphStore(None)
    store.load_ntriples(G1, b'<urn:s> <urn:p> "A\\tB" .\n<urn:s> <urn:p> "kept" .\n')
    spy = _spied(store)
    assert store.load_ntriples(G1, b'<urn:s> <urn:p> "\\u0041\\u0009B" .\n<urn:s> <urn:p> "kept" .\n') == 2
    assert spy.calls == ["update"]
    assert _values(store, G1) == {"A\tB", "kept"}

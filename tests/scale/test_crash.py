"""A new graph loaded in place stays invisible until its load finished; leftovers are dropped."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.store.oxigraph import LOADING_OF, STAGING, OxigraphStore

OLD = URIRef("urn:kg:test:old")
NEW = URIRef("urn:kg:test:new")


def _interrupted(db: Path) -> None:
    """A store with one finished graph and one new graph killed half-way through its load."""
    store = OxigraphStore(db)
    store.load_ntriples(OLD, b'<urn:a> <urn:p> "old" .\n')
    marker = ox.NamedNode(f"{STAGING}killed")
    raw = store._store  # write the leftovers a killed build would leave
    raw.add(ox.Quad(marker, LOADING_OF, ox.NamedNode(str(NEW)), marker))
    raw.add(ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.Literal("half"), ox.NamedNode(str(NEW))))
    raw.flush()
    assert store.graphs() == [OLD]  # readers leave the half-loaded graph out
    assert [str(r["o"]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")] == ["old"]
    store.close()


def test_half_loaded_new_graph_is_dropped_on_next_open(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _interrupted(db)
    store = OxigraphStore(db)
    assert store.graphs() == [OLD]
    assert len(store) == 1
    assert [g.value for g in store._store.named_graphs()] == [str(OLD)]


def test_new_graph_load_leaves_no_marker(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.load_ntriples(NEW, b'<urn:a> <urn:p> "1" .\n<urn:a> <urn:p> "2" .\n')
    store.load_ntriples(NEW, b'<urn:a> <urn:p> "3" .\n')  # existing: staged swap
    assert store.graphs() == [NEW]
    assert [str(r["o"]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")] == ["3"]
    assert [g.value for g in store._store.named_graphs()] == [str(NEW)]

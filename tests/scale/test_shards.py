"""N-Quads shards: every quad exactly once, whole files only, loadable as they are."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.scale import export_shards
from kg.store.base import StoreError
from kg.store.convert import from_ox
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("shards") / "db"
    assert runner.invoke(app, ["build", "--db", str(db), "--jobs", "1"]).exit_code == 0
    return db


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_shards_round_trip(built: Path, tmp_path: Path, compress: bool) -> None:
    store = OxigraphStore(built, read_only=True)
    original = set(store.iter_quads())
    files = export_shards(store, tmp_path / "out", 1000, compress=compress)
    assert len(files) == -(-len(original) // 1000)
    reloaded = ox.Store()
    counts = []
    for file in files:
        data = gzip.decompress(file.read_bytes()) if compress else file.read_bytes()
        counts.append(data.count(b"\n"))
        reloaded.load(data, ox.RdfFormat.N_QUADS)
    assert counts[:-1] == [1000] * (len(files) - 1)
    assert set(_terms(reloaded)) == original
    assert not list((tmp_path / "out").glob(".*"))


def _terms(quads: ox.Store) -> list[tuple[object, ...]]:
    return [
        (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)) for q in quads
    ]


def test_any_store_exports_shards(built: Path, tmp_path: Path) -> None:
    """Shards come through the store contract, so the memory store writes the same quads."""
    embedded = OxigraphStore(built, read_only=True)
    memory = MemoryStore(None)
    for graph in embedded.graphs():
        memory.replace_graph(graph, (q for q in embedded.iter_quads() if q[3] == graph))
    files = export_shards(memory, tmp_path / "out", 700)
    reloaded = ox.Store()
    for file in files:
        reloaded.load(file.read_bytes(), ox.RdfFormat.N_QUADS)
    assert set(_terms(reloaded)) == set(embedded.iter_quads())


def test_refuses_a_folder_with_shards(built: Path, tmp_path: Path) -> None:
    store = OxigraphStore(built, read_only=True)
    export_shards(store, tmp_path, 10**9)
    with pytest.raises(StoreError, match="already holds"):
        export_shards(store, tmp_path, 10**9)


def test_cli_export_shards(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "分片"
    args = ["export", "--format", "nq", "--shard-size", "5000", "--gzip", str(out), "--db", str(built)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir())[0] == "kg-00000.nq.gz"
    bad = runner.invoke(
        app, ["export", "--format", "ttl", "--shard-size", "5", str(tmp_path / "x"), "--db", str(built)]
    )
    assert bad.exit_code == 2 and "N-Quads" in bad.output

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
    original = {str(q) for q in store.iter_quads()}
    files = export_shards(store, tmp_path / "out", 1000, compress=compress)
    assert len(files) == -(-len(original) // 1000)
    reloaded = ox.Store()
    counts = []
    for file in files:
        data = gzip.decompress(file.read_bytes()) if compress else file.read_bytes()
        counts.append(data.count(b"\n"))
        reloaded.load(data, ox.RdfFormat.N_QUADS)
    assert counts[:-1] == [1000] * (len(files) - 1)
    assert {str(q) for q in reloaded} == original
    assert not list((tmp_path / "out").glob(".*tmp"))


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

"""``kg site OUT_DIR`` end to end, on both embedded backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from tests.site.site_graph import clean_list, hostile_list, load


@pytest.fixture(params=["memory", "oxigraph"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    if request.param == "memory":
        path = tmp_path / "graph.nq"
        store = MemoryStore(path)
    else:
        path = tmp_path / "db"
        store = OxigraphStore(path)
    with store:
        load(store, clean_list(), hostile_list())
    return request.param, path


def test_site_command_writes_index(db: tuple[str, Path], tmp_path: Path) -> None:
    backend, path = db
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", str(out), "--store", backend, "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    assert "index.html" in result.output and "4 powers" in result.output
    assert (out / "index.html").is_file() and len(list((out / "item").iterdir())) == 4


def test_site_command_refuses_foreign_folder(db: tuple[str, Path], tmp_path: Path) -> None:
    backend, path = db
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(app, ["site", str(out), "--store", backend, "--db", str(path), "-q"])
    assert result.exit_code == 2
    assert "not a site built by kg" in result.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_site_command_bad_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["site", str(tmp_path / "s"), "--store", "nosuch"])
    assert result.exit_code == 2 and not (tmp_path / "s").exists()

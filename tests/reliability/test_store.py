"""Readers and writers of one store: old, new or "being rebuilt", never a traceback or a half export."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.iri import library_graph_iri
from kg.store.base import StoreError
from kg.store.lock import StoreBusy, StoreLock, writer_pending
from kg.store.oxigraph import STAGING, STAGING_OF, OxigraphStore

from .hostile import list_text

pytestmark = pytest.mark.slow  # kills, races and memory caps: seconds each

runner = CliRunner()
KG = Path(sys.executable).with_name("kg")
TRACE = "中华人民共和国社会保险法第八十七条"


def _run(*args: str, wait: float = 0.5, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_LOCK_WAIT": str(wait), "COLUMNS": "200"}
    return subprocess.run(
        [str(KG), *args], capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


@pytest.fixture
def built(tmp_path: Path) -> Path:
    source = tmp_path / "甲.txt"
    source.write_text(list_text(), encoding="utf-8")
    db = tmp_path / "db"
    result = runner.invoke(app, ["build", str(source), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return db


def test_a_reader_beside_a_writer_gets_exit_3_after_a_bounded_wait(built: Path) -> None:
    writer = OxigraphStore(built)
    try:
        started = time.monotonic()
        done = _run("trace", TRACE, "--db", str(built), wait=0.5)
        assert done.returncode == 3, done.stderr
        assert "being rebuilt" in done.stderr and "Traceback" not in done.stderr
        assert time.monotonic() - started < 30
    finally:
        writer.close()
    after = _run("trace", TRACE, "--db", str(built))
    assert after.returncode == 0, after.stderr


def test_a_build_beside_a_reader_gets_exit_3_and_leaves_the_store(built: Path, tmp_path: Path) -> None:
    source = tmp_path / "乙.txt"
    source.write_text(list_text(title="乙市医疗保障局权责清单"), encoding="utf-8")
    reader = OxigraphStore(built, read_only=True)
    try:
        before = reader.graphs()
        done = _run("build", str(source), "--db", str(built), "--jobs", "1", wait=0.5)
        assert done.returncode == 3, done.stderr
        assert "in use" in done.stderr and "Traceback" not in done.stderr
        assert (
            reader.graphs() == before and len(before) == 4
        )  # the list's graph, the shared provision graph, the library's and the summary
    finally:
        reader.close()


def _hold_lock(folder: Path, *, exclusive: bool) -> subprocess.Popen[str]:
    """Another process holding the store lock of ``folder`` (it prints ``held`` once it has it)."""
    code = (
        "import pathlib, time; from kg.store.lock import StoreLock; "
        f"StoreLock(pathlib.Path({str(folder)!r}), exclusive={exclusive}, wait=30); "
        "print('held', flush=True); time.sleep(30)"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_shared_locks_share_and_exclusive_excludes_across_processes(tmp_path: Path) -> None:
    holder = _hold_lock(tmp_path, exclusive=False)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        StoreLock(tmp_path, exclusive=False, wait=0).release()
        with pytest.raises(StoreBusy):
            StoreLock(tmp_path, exclusive=True, wait=0.2)
    finally:
        holder.kill()
        holder.wait(timeout=10)
    StoreLock(tmp_path, exclusive=True, wait=5).release()


def test_readers_during_a_build_see_old_new_or_busy(tmp_path: Path) -> None:
    """Several `kg trace` runs while `kg build --full` rewrites the store: no traceback, no corruption."""
    folder = tmp_path / "lists"
    folder.mkdir()
    for n in range(4):
        (folder / f"清单{n}.txt").write_text(list_text(title=f"甲市第{n}局权责清单"), encoding="utf-8")
    db = tmp_path / "db"
    assert _run("build", str(folder), "--db", str(db), "--jobs", "1").returncode == 0
    build = subprocess.Popen(
        [str(KG), "build", str(folder), "--db", str(db), "--jobs", "1", "--full"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "KG_LOCK_WAIT": "30"},
    )
    codes = []
    try:
        for _ in range(4):
            done = _run("trace", TRACE, "--db", str(db), "--json", wait=0.2)
            assert "Traceback" not in done.stderr and "Corruption" not in done.stderr, done.stderr
            codes.append(done.returncode)
    finally:
        assert build.wait(timeout=120) == 0
    assert set(codes) <= {0, 3}


def _kill_mid_swap(db: Path) -> int:
    """What a build killed after marking a staging graph complete and dropping the old graph leaves."""
    store = ox.Store(str(db))
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    target = next(g for g in graphs if g.value != str(library_graph_iri()))  # a list's graph
    quads = list(store.quads_for_pattern(None, None, None, target))
    staging = ox.NamedNode(f"{STAGING}killed")
    store.extend([ox.Quad(q.subject, q.predicate, q.object, staging) for q in quads])
    store.add(ox.Quad(staging, STAGING_OF, target, staging))
    store.remove_graph(target)
    store.flush()
    del store
    return len(quads)


def test_export_after_a_killed_swap_finishes_it_first(built: Path, tmp_path: Path) -> None:
    whole = tmp_path / "before.nq"
    assert runner.invoke(app, ["export", str(whole), "--format", "nq", "--db", str(built)]).exit_code == 0
    expected = len(whole.read_text(encoding="utf-8").splitlines())
    assert 0 < _kill_mid_swap(built) < expected  # the list's graph, beside the library's
    out = tmp_path / "after.nq"
    done = _run("export", str(out), "--format", "nq", "--db", str(built))
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == expected
    assert not any(STAGING in line for line in lines)
    graphs = _run(
        "query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv", "--db", str(built)
    )
    assert STAGING not in graphs.stdout and graphs.returncode == 0


def test_an_empty_current_file_is_a_clear_error(built: Path) -> None:
    (built / "CURRENT").write_bytes(b"")
    done = _run("trace", TRACE, "--db", str(built))
    assert done.returncode == 2
    assert "CURRENT is empty" in done.stderr and "Traceback" not in done.stderr


def test_build_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "文档"
    folder.mkdir()
    (folder / "报告.docx").write_bytes(b"mine")
    source = tmp_path / "甲.txt"
    source.write_text(list_text(), encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--db", str(folder), "--jobs", "1"])
    assert result.exit_code == 2
    assert "not a graph store" in " ".join(result.output.split())
    assert sorted(p.name for p in folder.iterdir()) == ["报告.docx"]


def test_a_file_as_db_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "db"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file"):
        OxigraphStore(file)


def test_a_long_lived_reader_can_see_a_writer_waiting(tmp_path: Path) -> None:
    assert not writer_pending(tmp_path)
    writer = _hold_lock(tmp_path, exclusive=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "held"
        assert writer_pending(tmp_path)
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert not writer_pending(tmp_path)

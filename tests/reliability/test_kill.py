"""Builds that die cleanly: no worker outlives a killed build, finished lists are not redone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.scale.manifest import JOURNAL_SUFFIX, MANIFEST_NAME, Manifest

from .hostile import list_text

pytestmark = pytest.mark.slow  # kills, races and memory caps: seconds each

runner = CliRunner()
KG = Path(sys.executable).with_name("kg")
DEADLINE = 90.0
"""Seconds any wait in these tests may take before it fails (never reached when things work)."""


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Eight synthetic lists: enough work for a build to be killed in the middle."""
    folder = tmp_path / "lists"
    done = subprocess.run(
        [str(KG), "synth", str(folder), "--items", "1600", "--lists", "8", "--formats", "txt", "--seed", "3"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_a_killed_build_leaves_no_worker_and_keeps_finished_lists(corpus: Path, tmp_path: Path) -> None:
    """Into a store that holds a list already (so lists land one by one, each journalled)."""
    db = tmp_path / "db"
    seeded = runner.invoke(app, ["build", str(sorted(corpus.iterdir())[0]), "--db", str(db), "--jobs", "1"])
    assert seeded.exit_code == 0, seeded.output
    build = subprocess.Popen(
        [str(KG), "build", str(corpus), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(build.pid)
    journal = db / (MANIFEST_NAME + JOURNAL_SUFFIX)
    try:
        _wait_for(lambda: journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 1, "a list")
        workers = parent.children(recursive=True)
        assert workers, "the build has worker processes"
    finally:
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=DEADLINE)
    _gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    finished = Manifest.load(db / MANIFEST_NAME).entries
    assert len(finished) >= 2
    again = runner.invoke(app, ["build", str(corpus), "--db", str(db), "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert f"{len(finished)} lists unchanged" in again.output
    assert not journal.exists()
    saved = json.loads((db / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert len(saved["lists"]) == 8


def _sorted_export(db: Path, out: Path) -> bytes:
    done = runner.invoke(app, ["export", str(out), "--format", "nq", "--db", str(db)])
    assert done.exit_code == 0, done.output
    return b"".join(sorted(out.read_bytes().splitlines(keepends=True)))


def test_a_build_killed_during_its_bulk_load_is_redone_whole(corpus: Path, tmp_path: Path) -> None:
    """A first build loads everything at once: killed part-way, the next build starts from empty."""
    db = tmp_path / "db"
    build = subprocess.Popen(
        [str(KG), "build", str(corpus), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(build.pid)
    try:
        _wait_for(lambda: len(parent.children(recursive=True)) >= 2 and (db / "CURRENT").exists(), "workers")
        time.sleep(0.5)  # a list or two handed to the bulk load
    finally:
        finished_first = build.poll() is not None
        if not finished_first:
            os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=DEADLINE)
    if finished_first:
        pytest.skip("the build finished before it could be killed")
    assert not Manifest.load(db / MANIFEST_NAME).entries
    again = runner.invoke(app, ["build", str(corpus), "--db", str(db), "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert "lists unchanged" not in again.output
    clean = tmp_path / "clean"
    assert runner.invoke(app, ["build", str(corpus), "--db", str(clean), "--jobs", "1"]).exit_code == 0
    assert _sorted_export(db, tmp_path / "again.nq") == _sorted_export(clean, tmp_path / "clean.nq")


def test_a_same_size_edit_with_mtime_restored_is_rebuilt_with_verify(tmp_path: Path) -> None:
    source = tmp_path / "甲.txt"
    source.write_text(list_text(), encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9
    os.utime(source, ns=(old, old))
    db = tmp_path / "db"
    assert runner.invoke(app, ["build", str(source), "--db", str(db), "--jobs", "1"]).exit_code == 0
    edited = source.read_text(encoding="utf-8").replace("对骗取医保基金的处罚", "对骗取医保资金的处罚")
    assert len(edited.encode("utf-8")) == source.stat().st_size
    source.write_text(edited, encoding="utf-8")
    os.utime(source, ns=(old, old))
    trusting = runner.invoke(app, ["build", str(source), "--db", str(db), "--jobs", "1"])
    assert "1 lists unchanged" in trusting.output
    verified = runner.invoke(app, ["build", str(source), "--db", str(db), "--jobs", "1", "--verify"])
    assert verified.exit_code == 0 and "lists unchanged since" not in verified.output
    names = runner.invoke(
        app, ["query", "SELECT ?n WHERE { ?i kg:name ?n }", "--format", "csv", "--db", str(db)]
    )
    assert "对骗取医保资金的处罚" in names.stdout


def test_a_file_edited_just_before_it_was_recorded_is_hashed(tmp_path: Path) -> None:
    """Racy mtime: recorded within the timestamp granularity, a same-size edit is caught without --verify."""
    source = tmp_path / "甲.txt"
    source.write_text(list_text(), encoding="utf-8")
    db = tmp_path / "db"
    assert runner.invoke(app, ["build", str(source), "--db", str(db), "--jobs", "1"]).exit_code == 0
    stat = source.stat()
    source.write_text(
        source.read_text(encoding="utf-8").replace("医疗救助金给付", "医疗救助款给付"), encoding="utf-8"
    )
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = runner.invoke(app, ["build", str(source), "--db", str(db), "--jobs", "1"])
    assert again.exit_code == 0 and "lists unchanged since" not in again.output

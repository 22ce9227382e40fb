"""The summary graph: the canned aggregates read from it answer exactly as the full scans did.

The scans are the queries as they were before the summary (``tests/queries/scan_forms``,
kept here as the reference only); each step of a store's life — first build, one list
changed, one list removed, an identical rebuild, a build killed before its summary was
refreshed, ``kg remove`` — must leave a summary equal to one counted whole, and every
aggregate equal to its scan.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import bundled_samples, iter_input_files
from kg.queries import run_query
from kg.scale import stream_build
from kg.scale.summary import SUMMARY_GRAPH, SummaryRefresh, rebuild_summary, summary_rows
from kg.store import open_store
from kg.store.base import Row, Store
from kg.synth import synthesize

SCANS = Path(__file__).resolve().parent.parent / "queries" / "scan_forms"
AGGREGATES = sorted(path.stem for path in SCANS.glob("*.rq"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two small synthetic corpora (different seeds): lists to build, and content to change one into."""
    root = tmp_path_factory.mktemp("synth")
    synthesize(root / "a", 240, lists=3, seed=3, formats=("csv",))
    synthesize(root / "b", 240, lists=3, seed=4, formats=("csv",))
    return root / "a", root / "b"


@pytest.fixture(params=["oxigraph", "memory"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Store]:
    path = tmp_path / ("db" if request.param == "oxigraph" else "db.nq")
    return lambda: open_store(request.param, db=path)


def _corpus(synthetic: tuple[Path, Path], tmp_path: Path) -> Path:
    folder = tmp_path / "lists"
    shutil.copytree(synthetic[0], folder)
    for sample in bundled_samples():
        shutil.copy(sample, folder / sample.name)
    (folder / "synth-manifest.json").unlink(missing_ok=True)
    return folder


def _build(folder: Path, opener: Callable[[], Store], **options: bool) -> Store:
    summary, store = stream_build(iter_input_files([folder]), opener(), jobs=1, counts=False, **options)
    assert store is not None and not summary.errors
    return store


def _scan(store: Store, name: str) -> list[Row]:
    return store.query((SCANS / f"{name}.rq").read_text(encoding="utf-8"))


def _assert_agrees(store: Store) -> None:
    """Every aggregate equals its scan, and the summary equals one counted whole now."""
    for name in AGGREGATES:
        assert run_query(store, name) == _scan(store, name), name
    kept = list(summary_rows(store))
    rebuild_summary(store)
    assert list(summary_rows(store)) == kept


def test_a_store_s_life_keeps_the_aggregates_equal_to_the_scans(
    synthetic: tuple[Path, Path], opener: Callable[[], Store], tmp_path: Path
) -> None:
    folder = _corpus(synthetic, tmp_path)
    store = _build(folder, opener)
    assert run_query(store, "most_cited_provisions") and run_query(store, "shared_instruments")
    _assert_agrees(store)
    store.close()

    # one list changed: another list's content under its name (same graph, other items and citations)
    victim = sorted(folder.glob("*.csv"))[1]
    victim.write_bytes(sorted(synthetic[1].glob("*.csv"))[0].read_bytes())
    store = _build(folder, opener)
    _assert_agrees(store)
    store.close()

    # one list removed
    sorted(folder.glob("*.csv"))[0].unlink()
    store = _build(folder, opener, prune=True)
    _assert_agrees(store)
    before = sorted(store.iter_quads())
    store.close()

    # rebuilt identically: nothing is written
    store = _build(folder, opener, full=True)
    assert sorted(store.iter_quads()) == before
    store.close()


def test_a_build_killed_before_its_summary_is_counted_whole_next_time(
    synthetic: tuple[Path, Path], opener: Callable[[], Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(synthetic, tmp_path)
    _build(folder, opener).close()
    victim = sorted(folder.glob("*.csv"))[1]
    victim.write_bytes(sorted(synthetic[1].glob("*.csv"))[0].read_bytes())

    def killed(self: SummaryRefresh) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(SummaryRefresh, "finish", killed)
        with pytest.raises(KeyboardInterrupt):
            _build(folder, opener)
    store = opener()
    assert SummaryRefresh(store).whole  # the marker stood: the list is recorded, its summary is not
    store.close()
    store = _build(folder, opener)  # nothing left to build, but the summary is counted again
    assert not SummaryRefresh(store).whole
    _assert_agrees(store)
    store.close()


def test_a_first_build_killed_before_its_summary_is_counted_whole_next_time(
    synthetic: tuple[Path, Path], opener: Callable[[], Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(synthetic, tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(SummaryRefresh, "finish", lambda self: None)
        _build(folder, opener).close()
    store = opener()
    assert SUMMARY_GRAPH not in store.graphs() and SummaryRefresh(store).whole
    store.close()
    store = _build(folder, opener)
    _assert_agrees(store)
    store.close()


def test_kg_remove_refreshes_the_summary(synthetic: tuple[Path, Path], tmp_path: Path) -> None:
    folder = _corpus(synthetic, tmp_path)
    db = tmp_path / "db"
    _build(folder, lambda: open_store("oxigraph", db=db)).close()
    removed = CliRunner().invoke(app, ["remove", "天水市医保局权责清单", "--db", str(db)])
    assert removed.exit_code == 0, removed.output
    store = open_store("oxigraph", db=db)
    _assert_agrees(store)
    store.close()


def test_removing_every_list_leaves_an_empty_store(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = _build_samples(db)
    for graph in [g for g in store.graphs() if g != SUMMARY_GRAPH]:
        refresh = SummaryRefresh(store)
        refresh.before_change(graph)
        store.remove(graph)
        refresh.finish()
    assert store.is_empty()
    store.close()


def _build_samples(db: Path) -> Store:
    summary, store = stream_build(bundled_samples(), open_store("oxigraph", db=db), jobs=1, counts=False)
    assert store is not None and summary.lists == 2
    return store


def test_most_cited_provisions_reads_the_ranked_head_of_the_scan(
    synthetic: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranks cut the ranking at RANKED provisions; the rows above the cut are the scan's, in its order."""
    from kg.scale import summary

    store = _build(_corpus(synthetic, tmp_path), lambda: open_store("oxigraph", db=tmp_path / "db"))
    scan = _scan(store, "most_cited_provisions")
    assert len(scan) > 12, "the corpus must cite more provisions than the cut below"
    assert run_query(store, "most_cited_provisions") == scan
    monkeypatch.setattr(summary, "RANKED", 12)
    rebuild_summary(store)
    assert run_query(store, "most_cited_provisions") == scan[:12]
    ranks = [row for row in summary_rows(store) if str(row[1]).endswith("citedRank")]
    assert sorted(int(row[2]) for row in ranks) == list(range(1, 13))

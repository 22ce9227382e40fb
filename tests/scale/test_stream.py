"""The streaming build: incremental by content, pruning, same quads for any --jobs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.ingest import iter_input_files
from kg.scale import Manifest, StreamSummary, manifest_path, stream_build
from kg.scale import worker as worker_module
from kg.scale.provisions import provision_graph_size
from kg.scale.summary import list_graphs, summary_size
from kg.store.oxigraph import OxigraphStore


def _build(corpus: Path, db: Path, **options: object) -> tuple[StreamSummary, OxigraphStore]:
    files = iter_input_files([corpus])
    target = OxigraphStore(db) if db.exists() else (lambda: OxigraphStore(db))
    summary, store = stream_build(files, target, counts=False, **options)  # type: ignore[arg-type]
    assert isinstance(store, OxigraphStore)
    return summary, store


def _dump(store: OxigraphStore) -> list[str]:
    return sorted(str(q) for q in store.iter_quads())


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of the lists actually read and extracted (jobs=1 runs in this process)."""
    seen: list[str] = []
    original = worker_module.process_list

    def spy(path: str) -> worker_module.ListOutcome:
        seen.append(Path(path).name)
        return original(path)

    monkeypatch.setattr("kg.scale.stream.process_list", spy)
    return seen


def test_unchanged_corpus_extracts_nothing(corpus: Path, tmp_path: Path, extracted: list[str]) -> None:
    db = tmp_path / "db"
    first, store = _build(corpus, db, jobs=1)
    before = _dump(store)
    store.close()
    del store
    assert first.lists == 2 and len(extracted) == 2
    extracted.clear()
    second, store = _build(corpus, db, jobs=1)
    assert extracted == []
    assert (second.lists, second.unchanged) == (0, 2)
    assert _dump(store) == before
    assert second.triples == first.triples == len(store) - summary_size(store)
    assert 0 < second.shared_triples == provision_graph_size(store)


def test_touched_but_same_content_is_not_rebuilt(corpus: Path, tmp_path: Path, extracted: list[str]) -> None:
    db = tmp_path / "db"
    _build(corpus, db, jobs=1)[1].close()
    extracted.clear()
    victim = sorted(corpus.iterdir())[0]
    os.utime(victim, ns=(1, 1))
    summary, store = _build(corpus, db, jobs=1)
    assert extracted == [] and summary.unchanged == 2
    assert Manifest.load(manifest_path(store)).entries[str(victim.resolve())].mtime_ns == 1


def test_one_changed_list_is_the_only_one_rebuilt(corpus: Path, tmp_path: Path, extracted: list[str]) -> None:
    db = tmp_path / "db"
    _, store = _build(corpus, db, jobs=1)
    before = _dump(store)
    store.close()
    del store
    extracted.clear()
    victim = sorted(corpus.iterdir())[1]
    victim.write_bytes(victim.read_bytes() + b"\n")
    summary, store = _build(corpus, db, jobs=1)
    assert extracted == [victim.name]
    assert (summary.lists, summary.unchanged) == (1, 1)
    after = _dump(store)
    changed = {line for line in set(after) ^ set(before)}
    assert changed and all("contentHash" in line for line in changed)  # only the new hash differs


def test_removed_file_is_pruned_only_when_asked(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    _, store = _build(corpus, db, jobs=1)
    graphs = list_graphs(store)
    store.close()
    del store
    assert len(graphs) == 2
    gone = sorted(corpus.iterdir())[0]
    gone.unlink()
    kept, store = _build(corpus, db, jobs=1)
    assert (kept.stale, kept.pruned, len(list_graphs(store))) == (1, 0, 2)
    store.close()
    del store
    pruned, store = _build(corpus, db, jobs=1, prune=True)
    assert (pruned.pruned, pruned.lists) == (1, 0)
    assert len(list_graphs(store)) == 1
    assert str(gone.resolve()) not in Manifest.load(manifest_path(store)).entries


def test_full_rebuilds_everything(corpus: Path, tmp_path: Path, extracted: list[str]) -> None:
    db = tmp_path / "db"
    _, store = _build(corpus, db, jobs=1)
    before = _dump(store)
    store.close()
    del store
    extracted.clear()
    summary, store = _build(corpus, db, jobs=1, full=True)
    assert summary.lists == 2 and len(extracted) == 2
    assert _dump(store) == before


def test_jobs_do_not_change_the_quads(corpus: Path, tmp_path: Path) -> None:
    dumps = []
    for jobs in (1, 2):
        summary, store = _build(corpus, tmp_path / f"db{jobs}", jobs=jobs)
        dumps.append(_dump(store))
        assert summary.lists == 2
    assert dumps[0] == dumps[1]
    assert len(dumps[0]) > 1000


def test_unreadable_file_is_skipped_and_named(corpus: Path, tmp_path: Path) -> None:
    bad = corpus / "notes.txt"
    bad.write_text("这不是权责清单\n只是一段文字\n", encoding="utf-8")
    summary, store = _build(corpus, tmp_path / "db", jobs=1)
    assert [Path(e.path).name for e in summary.errors] == ["notes.txt"]
    assert summary.lists == 2
    assert str(bad.resolve()) not in Manifest.load(manifest_path(store)).entries


def test_a_new_pipeline_version_rebuilds(
    corpus: Path, tmp_path: Path, extracted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db"
    _build(corpus, db, jobs=1)[1].close()
    extracted.clear()
    monkeypatch.setattr("kg.scale.stream.pipeline_version", lambda: "another")
    summary, _ = _build(corpus, db, jobs=1)
    assert summary.lists == 2 and len(extracted) == 2


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The store writes a build makes: ``load_graphs`` (bulk) or ``load_ntriples`` (one list)."""
    seen: list[str] = []
    for name in ("load_graphs", "load_ntriples"):
        original = getattr(OxigraphStore, name)

        def spy(self: OxigraphStore, *args: object, _name: str = name, _original: object = original) -> int:
            seen.append(_name)
            return _original(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(OxigraphStore, name, spy)
    return seen


def test_a_first_build_is_one_bulk_load_recorded_after_it(
    corpus: Path, tmp_path: Path, writes: list[str]
) -> None:
    summary, store = _build(corpus, tmp_path / "db", jobs=1)
    assert writes == ["load_graphs", "load_ntriples"]  # the lists, then the summary counted whole
    assert summary.lists == 2 and len(Manifest.load(manifest_path(store)).entries) == 2
    assert len(store) - summary_size(store) == summary.triples


def test_bulk_and_list_by_list_builds_hold_the_same_quads(
    corpus: Path, tmp_path: Path, writes: list[str]
) -> None:
    _, bulk = _build(corpus, tmp_path / "bulk", jobs=1)
    one = tmp_path / "one"
    first = sorted(corpus.iterdir())[0]
    seeded, store = stream_build([first], lambda: OxigraphStore(one), jobs=1, counts=False)
    assert seeded.lists == 1 and store is not None
    store.close()
    del store
    writes.clear()
    summary, by_list = _build(corpus, one, jobs=1)
    assert writes == ["load_ntriples", "load_ntriples"] and summary.lists == 1  # the list, the summary
    assert _dump(by_list) == _dump(bulk)


def test_an_emptied_store_is_built_again_whatever_its_manifest_says(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    _, store = _build(corpus, db, jobs=1)
    for graph in store.graphs():
        store.remove(graph)
    store.close()
    del store
    summary, store = _build(corpus, db, jobs=1)
    assert (summary.lists, summary.unchanged) == (2, 0)
    assert len(list_graphs(store)) == 2

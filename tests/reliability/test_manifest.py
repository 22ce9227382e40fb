"""The manifest journal: each finished list recorded as it lands, a torn last line ignored."""

from __future__ import annotations

from pathlib import Path

from kg.scale.manifest import JOURNAL_SUFFIX, Manifest, ManifestEntry


def _entry(graph: str) -> ManifestEntry:
    return ManifestEntry(hash="h", graph=graph, size=1, mtime_ns=1, recorded_ns=5)


def test_journal_is_replayed_and_a_torn_line_skipped(tmp_path: Path) -> None:
    path = tmp_path / "kg-manifest.json"
    manifest = Manifest(version="v1")
    manifest.record(path, "/a.txt", _entry("g:a"))
    manifest.record(path, "/b.txt", _entry("g:b"))
    manifest.record(path, "/a.txt", None)
    with path.with_name(path.name + JOURNAL_SUFFIX).open("a", encoding="utf-8") as handle:
        handle.write('{"version": "v1", "path": "/c.txt", "entry": {"hash"')
    loaded = Manifest.load(path)
    assert loaded.version == "v1"
    assert sorted(loaded.entries) == ["/b.txt"]


def test_save_folds_the_journal_in(tmp_path: Path) -> None:
    path = tmp_path / "kg-manifest.json"
    manifest = Manifest(version="v1")
    manifest.record(path, "/a.txt", _entry("g:a"))
    manifest.save(path)
    assert not path.with_name(path.name + JOURNAL_SUFFIX).exists()
    assert sorted(Manifest.load(path).entries) == ["/a.txt"]


def test_journal_of_a_new_pipeline_version_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "kg-manifest.json"
    old = Manifest(version="v1")
    old.entries["/old.txt"] = _entry("g:old")
    old.save(path)
    new = Manifest(version="v2")
    new.record(path, "/new.txt", _entry("g:new"))
    loaded = Manifest.load(path)
    assert (loaded.version, sorted(loaded.entries)) == ("v2", ["/new.txt"])

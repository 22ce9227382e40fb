"""Whole runs: determinism, counts per list, the manifest, replacing a previous run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.synth import MANIFEST, synthesize

ITEMS = 900
LISTS = 9


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    synthesize(out, ITEMS, lists=LISTS, seed=4)
    return out


def test_same_seed_gives_identical_bytes(corpus: Path, tmp_path: Path) -> None:
    synthesize(tmp_path, ITEMS, lists=LISTS, seed=4)
    assert _files(tmp_path) == _files(corpus)


def test_worker_processes_give_identical_bytes(corpus: Path, tmp_path: Path) -> None:
    synthesize(tmp_path, ITEMS, lists=LISTS, seed=4, jobs=2)
    assert _files(tmp_path) == _files(corpus)


def test_other_seed_gives_other_lists(corpus: Path, tmp_path: Path) -> None:
    synthesize(tmp_path, ITEMS, lists=LISTS, seed=5)
    assert set(_files(tmp_path).values()).isdisjoint(_files(corpus).values())


def test_manifest_counts_every_list(corpus: Path) -> None:
    manifest = json.loads((corpus / MANIFEST).read_text("utf-8"))
    entries = manifest["files"]
    assert (manifest["seed"], manifest["items"], manifest["lists"]) == (4, ITEMS, LISTS)
    assert len(entries) == LISTS
    assert sum(e["items"] for e in entries) == ITEMS
    assert {e["format"] for e in entries} == {"txt", "csv", "xlsx"}
    for e in entries:
        assert (corpus / e["file"]).stat().st_size == e["bytes"] > 0
        assert e["seq_last"] - e["seq_first"] + 1 == e["items"]
    assert sorted(p.name for p in corpus.iterdir()) == sorted([MANIFEST] + [e["file"] for e in entries])


def test_a_new_run_replaces_the_previous_one(tmp_path: Path) -> None:
    synthesize(tmp_path, 300, lists=6, seed=1, formats=("txt",))
    synthesize(tmp_path, 100, lists=2, seed=1, formats=("csv",))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 3 and names[-1] == MANIFEST
    assert all(n.endswith(".csv") for n in names[:-1])


def test_leftovers_of_an_interrupted_run_are_replaced(tmp_path: Path) -> None:
    (tmp_path / "000003_0123456789abcdef.txt").write_text("partial", encoding="utf-8")
    synthesize(tmp_path, 20, lists=1, seed=1, formats=("txt",))
    assert not (tmp_path / "000003_0123456789abcdef.txt").exists()


def test_a_folder_of_other_files_is_refused_untouched(tmp_path: Path) -> None:
    mine = tmp_path / "清单.xlsx"
    mine.write_bytes(b"not ours")
    with pytest.raises(FileExistsError, match="did not write"):
        synthesize(tmp_path, 20, lists=1, seed=1)
    assert [p.name for p in tmp_path.iterdir()] == ["清单.xlsx"]


@pytest.mark.parametrize(("items", "lists"), [(0, None), (3, 5)], ids=["no-items", "more-lists-than-items"])
def test_bad_counts_write_nothing(tmp_path: Path, items: int, lists: int | None) -> None:
    out = tmp_path / "out"
    with pytest.raises(ValueError, match="item"):
        synthesize(out, items, lists=lists)
    assert not out.exists()


def test_power_codes_are_unique_even_in_a_huge_list() -> None:
    from kg.synth.plan import plan_lists
    from kg.synth.rows import iter_rows

    spec = next(s for s in plan_lists(5000, 1, seed=2, formats=("txt",)) if s.items == 5000)
    codes = [row["code"] for row in iter_rows(spec, seed=2)]
    assert len(codes) == 5000
    valid = [c for c in codes if len(c) == 31]
    assert len(set(valid)) == len(valid)

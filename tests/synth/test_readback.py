"""Generated lists read back through kg.ingest with the right items and no junk rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import read_list
from kg.synth import MANIFEST, synthesize
from kg.synth.tables import layouts, power_types

LAYOUTS = sorted(layouts())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("readback")
    # enough lists that every format meets every layout and encoding at least once
    synthesize(out, 3000, lists=60, seed=8)
    return out, json.loads((out / MANIFEST).read_text("utf-8"))["files"]


def test_corpus_covers_formats_and_layouts(corpus: tuple[Path, list[dict]]) -> None:
    _, entries = corpus
    assert {(e["format"], e["layout"]) for e in entries} == {
        (f, lay) for f in ("txt", "csv", "xlsx") for lay in LAYOUTS
    }
    assert {"utf-8", "gb18030", "utf-8-sig"} <= {e["encoding"] for e in entries}


@pytest.mark.parametrize("fmt", ["txt", "csv", "xlsx"])
def test_lists_read_back_with_their_items(corpus: tuple[Path, list[dict]], fmt: str) -> None:
    out, entries = corpus
    types = set(power_types())
    for e in (e for e in entries if e["format"] == fmt):
        result = read_list(out / e["file"])
        where = f"{e['file']} ({e['layout']}, {e['encoding']})"
        if e["title_row"]:
            assert result.power_list.title == e["title"], where
        seqs = [item.seq for item in result.items]
        assert seqs == [str(s) for s in range(e["seq_first"], e["seq_last"] + 1)], where
        for item in result.items:
            assert item.name and item.type in types, (where, item.seq)
            assert item.basis.strip() and item.duties.strip(), (where, item.seq)
            assert not item.extra or e["layout"] != "tianshui", (where, item.extra)


def test_power_codes_are_valid_but_for_the_planted_errors(corpus: tuple[Path, list[dict]]) -> None:
    out, entries = corpus
    infos = [
        item.code_info
        for e in entries
        if e["layout"] != "guazhou"
        for item in read_list(out / e["file"]).items
        if item.code_info is not None
    ]
    valid = sum(info.valid for info in infos)
    assert len(infos) > 1000
    assert 0.98 < valid / len(infos) < 1.0


def test_text_files_carry_the_sample_quirks(corpus: tuple[Path, list[dict]]) -> None:
    out, entries = corpus
    repairs: set[str] = set()
    repeated_headers = 0
    for e in entries:
        if e["format"] == "txt":
            result = read_list(out / e["file"])
            repairs |= {r.kind for r in result.repairs}
            repeated_headers += result.header_rows > 1
    assert repeated_headers > 0  # 天水: header again after blank lines
    assert {"split_agency_basis", "pad_missing_fields", "skip_rule_row"} <= repairs  # 瓜州

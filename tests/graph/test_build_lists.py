"""The build run in process on lists already read, with a stand-in extractor: counts, bad inputs,
failed lists, finding a list by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.iri import graph_iri
from kg.queries.lists import graph_for
from kg.scale import build_in_process
from kg.scale.summary import list_graphs, summary_size
from kg.scale.worker import extract_item
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from tests.factories import JIA_KEY, FakeExtractor, cite, item, power_list, prov

BASIS = "《社会保险法》第八条"
EXTRACT = FakeExtractor({BASIS: [cite("社会保险法", prov(8), span=(0, 10))]})


def test_extract_item_runs_every_text_column() -> None:
    extracted = extract_item(item("1", BASIS, accountability=BASIS), EXTRACT)
    assert [cell.field for cell in extracted.cells] == ["basis", "duties", "accountability"]
    assert [len(cell.citations) for cell in extracted.cells] == [1, 0, 1]


def test_build_lists_counts_and_names_graphs() -> None:
    store = MemoryStore()
    summary = build_in_process([(power_list(), [item("1", BASIS), item("2", "无")])], store, extract=EXTRACT)
    assert (summary.lists, summary.items, summary.citations) == (1, 2, 1)
    assert (summary.instruments, summary.provisions) == (1, 1)
    assert summary.triples == len(store) - summary_size(store) > 0
    assert summary.graphs == [str(graph_iri(JIA_KEY))]


class BoomError(RuntimeError):
    """Raised by the extractor to simulate a list that cannot be built."""


def test_a_failed_rebuild_keeps_the_previous_graph(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    build_in_process([(power_list(), [item("1", BASIS)])], store, extract=EXTRACT)
    before = len(store)

    def explode(text: str, *, column: str | None = None) -> list:
        raise BoomError("killed")

    summary = build_in_process([(power_list(), [item("1", BASIS), item("2", BASIS)])], store, extract=explode)
    assert summary.lists == 0
    assert "BoomError: killed" in summary.errors[0].message
    assert len(store) == before
    assert list_graphs(store) == [graph_iri(JIA_KEY)]


def test_read_lists_keep_no_manifest(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    build_in_process([(power_list(), [item("1", BASIS)])], store, extract=EXTRACT)
    assert not any(path.name.startswith("kg-manifest") for path in (tmp_path / "db").iterdir())


def test_paths_and_read_lists_do_not_mix(sample_paths: list[Path]) -> None:
    with pytest.raises(TypeError, match="not a mix"):
        build_in_process([sample_paths[0], (power_list(), [])], MemoryStore())  # type: ignore[list-item]


def test_build_from_paths_reports_files_that_are_not_lists(tmp_path: Path, sample_paths: list[Path]) -> None:
    bad = tmp_path / "readme.txt"
    bad.write_text("随便写点什么\n", encoding="utf-8")
    summary = build_in_process([sample_paths[0], bad], MemoryStore(), extract=FakeExtractor({}))
    assert summary.lists == 1
    assert [Path(e.path).name for e in summary.errors] == ["readme.txt"]
    assert "readme.txt" in summary.errors[0].message


@pytest.mark.parametrize(
    "name",
    ["甲市医保局权责清单", "jia.txt", str(graph_iri(JIA_KEY))],
    ids=["title", "file", "iri"],
)
def test_graph_for_finds_a_list_by_any_name(name: str) -> None:
    store = MemoryStore()
    build_in_process([(power_list(), [item("1", BASIS)])], store, extract=EXTRACT)
    assert graph_for(store, name) == graph_iri(JIA_KEY)
    assert graph_for(store, "乙清单") is None

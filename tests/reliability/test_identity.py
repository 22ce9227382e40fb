"""Identity that never merges: repeated or blank 序号, and two files with one list title."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from typer.testing import CliRunner

from extractors import extract
from kg import iri
from kg.audit import audit
from kg.cli import app
from kg.graph.build import list_key
from kg.ingest import read_list
from kg.queries.lists import graphs_for
from kg.scale import build_in_process
from kg.store.memory import MemoryStore
from tests.factories import FakeExtractor

from .hostile import ROWS, TITLE, list_text

runner = CliRunner()

ITEMS = "SELECT ?item ?name WHERE { ?item a kg:PowerItem ; kg:name ?name }"


def _rows_with_seqs(*seqs: str) -> list[list[str]]:
    return [
        [seq, f"事项{n}", "行政处罚", "甲市医疗保障局", f"《中华人民共和国社会保险法》第{80 + n}条", ""]
        for n, seq in enumerate(seqs)
    ]


def _names_by_item(store: MemoryStore) -> dict[str, set[str]]:
    from kg.prefixes import prologue

    found: dict[str, set[str]] = {}
    for row in store.query(prologue() + ITEMS):
        found.setdefault(str(row["item"]), set()).add(str(row["name"]))
    return found


def test_repeated_and_blank_seqs_stay_distinct_items(tmp_path: Path) -> None:
    path = tmp_path / "甲.txt"
    path.write_text(list_text(_rows_with_seqs("1", "2", "2", "", "")), encoding="utf-8")
    result = read_list(path)
    assert [item.key for item in result.items] == ["1", "2", "2~2", "~1", "~2"]
    store = MemoryStore()
    build_in_process([path], store, extract=FakeExtractor({}))
    names = _names_by_item(store)
    assert len(names) == 5 and all(len(n) == 1 for n in names.values())


def test_a_list_with_unique_seqs_keeps_the_iris_its_seqs_give(tmp_path: Path) -> None:
    path = tmp_path / "甲.txt"
    path.write_text(list_text(), encoding="utf-8")
    result = read_list(path)
    key = list_key(result.power_list)
    expected = {str(iri.power_item_iri(code=None, list_key=key, seq=row[0])) for row in ROWS}
    store = MemoryStore()
    build_in_process([path], store, extract=FakeExtractor({}))
    assert set(_names_by_item(store)) == expected
    again = MemoryStore()
    build_in_process([path], again, extract=FakeExtractor({}))
    assert _names_by_item(again) == _names_by_item(store)


def test_two_files_with_one_title_coexist_and_prune_keeps_the_other(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "甲.txt").write_text(list_text(_rows_with_seqs("1", "2")), encoding="utf-8")
    (folder / "甲2024.txt").write_text(list_text(_rows_with_seqs("1", "2", "3")), encoding="utf-8")
    db = tmp_path / "db"
    built = runner.invoke(app, ["build", str(folder), "--db", str(db), "--jobs", "1"])
    assert built.exit_code == 0, built.output
    count = runner.invoke(app, ["query", ITEMS, "--format", "csv", "--db", str(db)])
    assert len(count.stdout.strip().splitlines()) - 1 == 5
    (folder / "甲.txt").unlink()
    pruned = runner.invoke(app, ["build", str(folder), "--db", str(db), "--jobs", "1", "--prune"])
    assert pruned.exit_code == 0, pruned.output
    files = runner.invoke(
        app,
        [
            "query",
            "SELECT DISTINCT ?f WHERE { ?i a kg:PowerItem ; kg:inList/kg:sourceFile ?f }",
            "--format",
            "csv",
            "--db",
            str(db),
        ],
    )
    assert files.stdout.split()[1:] == ["甲2024.txt"]
    count = runner.invoke(app, ["query", ITEMS, "--format", "csv", "--db", str(db)])
    assert len(count.stdout.strip().splitlines()) - 1 == 3


def test_same_title_and_file_name_in_two_folders_is_refused_not_merged(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "清单.txt").write_text(list_text(_rows_with_seqs("1")), encoding="utf-8")
    db = tmp_path / "db"
    result = runner.invoke(
        app, ["build", str(tmp_path / "a"), str(tmp_path / "b"), "--db", str(db), "--jobs", "1"]
    )
    assert result.exit_code == 2
    assert "rename one of the files" in " ".join(result.output.split())


def test_a_title_shared_by_two_lists_is_ambiguous_for_remove(tmp_path: Path) -> None:
    paths = []
    for name in ("甲.txt", "甲2024.txt"):
        path = tmp_path / name
        path.write_text(list_text(), encoding="utf-8")
        paths.append(path)
    store = MemoryStore()
    build_in_process(paths, store, extract=FakeExtractor({}))
    assert len(graphs_for(store, TITLE)) == 2
    assert graphs_for(store, "甲2024.txt") == [iri.graph_iri(iri.list_key(TITLE, "甲2024.txt"))]
    assert isinstance(graphs_for(store, "甲.txt")[0], URIRef)


def test_audit_reports_duplicate_seqs_and_same_title_lists(tmp_path: Path) -> None:
    first, second = tmp_path / "甲.txt", tmp_path / "甲2024.txt"
    first.write_text(list_text(_rows_with_seqs("1", "1", "")), encoding="utf-8")
    second.write_text(list_text(_rows_with_seqs("1")), encoding="utf-8")
    findings = audit(
        [read_list(first), read_list(second)], extract, kinds=["duplicate_seq", "same_title_list"]
    )
    duplicate = [f for f in findings if f.kind == "duplicate_seq"]
    assert len(duplicate) == 2
    repeated = next(f for f in duplicate if "序号1出现2次" in f.message)
    assert [ref.key for ref in repeated.items] == ["1", "1~2"]
    same = [f for f in findings if f.kind == "same_title_list"]
    assert len(same) == 1 and set(same[0].evidence.files) == {"甲.txt", "甲2024.txt"}

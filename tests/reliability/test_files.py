"""Hostile files: each read in bounded work, or refused with exit 2 naming it and nothing written."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import NotAPowerList, read_list
from kg.ingest.rows import MAX_CELL_CHARS

from .hostile import HEADER, HOSTILE, ROWS, list_text, write_all

runner = CliRunner()

KG = Path(sys.executable).with_name("kg")
"""The console script of this environment."""

MEMORY_CAP = 1 << 30
"""Address space the subprocess gets: a bomb that once took 2–6 GB fails under it (and so the test)."""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_ingest_exit_code_names_the_file_and_writes_nothing_when_refused(
    name: str, hostile: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["ingest", str(hostile[name]), "--out", str(out)])
    expected = HOSTILE[name][1]
    assert result.exit_code == expected, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if expected == 2:
        assert name in result.output
        assert not out.exists()
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) >= 1


def test_bombs_read_only_what_the_files_hold(hostile: dict[str, Path]) -> None:
    far = read_list(hostile["far_cell.xlsx"])
    assert [item.name for item in far.items] == [row[1] for row in ROWS]
    assert any(r.kind == "bounded_read" and "1048576" in r.detail for r in far.repairs)
    merged = read_list(hostile["merged_range.xlsx"])
    assert len(merged.items) == 2
    assert any("merged range" in r.detail for r in merged.repairs)
    wide = read_list(hostile["colspan.html"])
    assert max(len(item.extra) for item in wide.items) < 70


@pytest.mark.slow
def test_bombs_finish_under_a_memory_cap(hostile: dict[str, Path]) -> None:
    """The workbooks and pages that once took gigabytes, read by ``kg ingest`` in a capped subprocess."""
    names = ["far_cell.xlsx", "merged_range.xlsx", "colspan.html", "rowspan.html", "long_cell.csv"]

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    done = subprocess.run(
        [str(KG), "ingest", *(str(hostile[n]) for n in names), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    files = {json.loads(line)["file"] for line in done.stdout.splitlines()}
    assert files == set(names)


def test_over_long_cell_is_a_row_error_and_the_other_rows_are_read(hostile: dict[str, Path]) -> None:
    result = read_list(hostile["long_cell.csv"])
    assert [item.seq for item in result.items] == ["2"]
    skipped = [r for r in result.repairs if r.kind == "skip_overlong_cell"]
    assert len(skipped) == 1 and f"{MAX_CELL_CHARS:,}" in skipped[0].detail


def test_cell_over_the_csv_modules_default_limit_is_read(hostile: dict[str, Path]) -> None:
    result = read_list(hostile["csv_limit.csv"])
    assert len(result.items) == 2 and len(result.items[0].basis) > 131_072


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bom_bad.csv", "byte-order mark"),
        ("corrupt.xlsx", "XLSX"),
        ("xxe.xlsx", "XLSX"),
        ("billion_laughs.xlsx", "XLSX"),
    ],
)
def test_refusals_say_why(name: str, words: str, hostile: dict[str, Path]) -> None:
    with pytest.raises(NotAPowerList) as caught:
        read_list(hostile[name])
    assert name in str(caught.value) and words in str(caught.value)
    assert "root:" not in str(caught.value)


def test_ingest_out_folder_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "甲.txt"
    good.write_text(list_text(), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(good), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder" in " ".join(result.output.split())
    assert not any(tmp_path.glob("*.part"))


def test_folder_build_skips_the_bad_file_builds_the_rest_and_exits_2(
    hostile: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "甲.txt").write_text(list_text(), encoding="utf-8")
    (folder / "乙.txt").write_text(list_text(title="乙市医疗保障局权责清单"), encoding="utf-8")
    (folder / "corrupt.xlsx").write_bytes(hostile["corrupt.xlsx"].read_bytes())
    (folder / "bom_bad.csv").write_bytes(hostile["bom_bad.csv"].read_bytes())
    db = tmp_path / "db"
    result = runner.invoke(app, ["build", str(folder), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 2
    assert "corrupt.xlsx" in result.output and "bom_bad.csv" in result.output
    assert "Traceback" not in result.output
    listed = runner.invoke(
        app,
        [
            "query",
            "SELECT ?f WHERE { ?l a kg:PowerList ; kg:sourceFile ?f }",
            "--format",
            "csv",
            "--db",
            str(db),
        ],
    )
    assert sorted(listed.stdout.split()[1:]) == ["乙.txt", "甲.txt"]
    manifest = json.loads((db / "kg-manifest.json").read_text(encoding="utf-8"))
    assert sorted(Path(name).name for name in manifest["lists"]) == ["乙.txt", "甲.txt"]


def test_a_workbook_that_unpacks_to_more_than_the_cap_is_refused(
    hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.ingest import readers

    monkeypatch.setattr(readers, "MAX_XLSX_UNPACKED", 1000)
    with pytest.raises(NotAPowerList, match="unpacks to") as caught:
        read_list(hostile["far_cell.xlsx"])
    assert "far_cell.xlsx" in str(caught.value)


def test_a_pages_spans_share_one_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.ingest import readers

    monkeypatch.setattr(readers, "MAX_SPAN_FILL", 50)
    path = tmp_path / "spans.html"
    head = "<table><tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    rows = "".join(f'<tr><td>{n}</td><td colspan="40">宽</td></tr>' for n in range(1, 4))
    path.write_text(head + rows + "</table>", encoding="utf-8")
    result = read_list(path)
    assert [len(item.extra) for item in result.items] == [41 - len(HEADER), 0, 0]  # 序号 + 40 copies
    assert any(r.kind == "bounded_read" and "copied cells" in r.detail for r in result.repairs)

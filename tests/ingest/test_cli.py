"""``kg ingest`` through the command line, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()

REQUIRED_KEYS = {
    "list", "file", "line", "seq", "name", "sub_name", "type", "agency", "agency_raw",
    "org_units", "code", "basis", "duties", "accountability", "repairs", "extra",
}  # fmt: skip


def test_json_lines_of_samples() -> None:
    result = runner.invoke(app, ["ingest", "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(records) == 31
    assert all(record.keys() >= REQUIRED_KEYS for record in records)
    tianshui = [r for r in records if r["list"] == "天水市医保局权责清单"]
    assert [r["seq"] for r in tianshui] == [str(n) for n in range(4160, 4176)]
    assert {r["agency"] for r in tianshui} == {"天水市医疗保障局"}
    assert {r["agency_raw"] for r in tianshui} == {"市医保局"}
    guazhou = {r["seq"]: r for r in records if r["list"] == "瓜州县医疗保障局权责清单"}
    assert guazhou["4"]["basis"].startswith("1. 《中华人民共和国社会保险法》第八条")
    assert [rep["kind"] for rep in guazhou["4"]["repairs"]] == ["split_agency_basis", "pad_missing_fields"]


def test_summary_table() -> None:
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 0
    assert "skip_rule_row" in result.stdout and "split_agency_basis" in result.stdout


def test_strict_fails_on_repairs() -> None:
    result = runner.invoke(app, ["ingest", "--strict"])
    assert result.exit_code == 1


def test_bad_file_exit_2_and_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("会议纪要\n没有表格", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["ingest", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    assert "notes.txt" in result.output and "no header row" in result.output
    assert not out.exists()


def test_out_file_written(tmp_path: Path, sample_paths: list[Path]) -> None:
    out = tmp_path / "items.jsonl"
    result = runner.invoke(app, ["ingest", str(sample_paths[0]), "--out", str(out)])
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 16


def test_folder_input(tmp_path: Path, sample_paths: list[Path]) -> None:
    for path in sample_paths:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    result = runner.invoke(app, ["ingest", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 31

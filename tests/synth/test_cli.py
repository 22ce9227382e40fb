"""``kg synth`` on the command line: success, progress summary, exit code 2 on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.synth import MANIFEST

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_synth_writes_lists_and_a_manifest(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    result = runner.invoke(
        app, ["synth", str(out), "--items", "200", "--lists", "4", "--seed", "3", "--formats", "txt,csv"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert MANIFEST in names
    assert [n.rsplit(".", 1)[1] for n in names if n != MANIFEST] == ["txt", "csv", "txt", "csv"]
    assert "200 items" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--items", "5", "--formats", "txt,doc"], "doc"),
        (["--items", "5", "--lists", "6"], "more than --items"),
        (["--items", "0"], "--items"),
        (["--items", "5", "--formats", ""], "nothing"),
    ],
    ids=["unknown-format", "more-lists-than-items", "zero-items", "empty-formats"],
)
def test_bad_arguments_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "synth"
    result = runner.invoke(app, ["synth", str(out), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_foreign_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["synth", str(tmp_path), "--items", "5"])
    assert result.exit_code == 2
    assert "did not write" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]

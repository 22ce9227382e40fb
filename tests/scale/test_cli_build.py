"""``kg build`` flags of the streaming build: --jobs, --full, --prune, and bad files in a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kg.cli import app

runner = CliRunner()


def _build(corpus: Path, db: Path, *flags: str) -> Result:
    return runner.invoke(app, ["build", str(corpus), "--db", str(db), "--jobs", "1", *flags])


def _row(output: str, label: str, *, store: bool = False) -> str:
    """A row of the summary: built now (default) or in the whole store."""
    line = next(line for line in output.splitlines() if label in line)
    return line.split("│")[-2 if store else -3].strip()


def _note(output: str, words: str) -> str:
    """The number in front of the caption line that has ``words``, else "0"."""
    line = next((line for line in output.splitlines() if words in line), "")
    return line.split()[0] if line else "0"


@pytest.mark.slow
def test_rebuild_full_and_prune_from_the_command_line(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = _build(corpus, db)
    assert first.exit_code == 0, first.output
    assert _row(first.stdout, "清单 lists") == "2"
    again = _build(corpus, db)
    assert (_row(again.stdout, "清单 lists"), _note(again.stdout, "unchanged")) == ("0", "2")
    for label in ("清单 lists", "事项 powers", "引用 citations", "三元组 triples"):
        assert _row(again.stdout, label, store=True) == _row(first.stdout, label, store=True)
    full = _build(corpus, db, "--full")
    assert _row(full.stdout, "清单 lists") == "2"
    sorted(corpus.iterdir())[0].unlink()
    stale = _build(corpus, db)
    assert "stale" in stale.stdout
    pruned = _build(corpus, db, "--prune")
    assert _note(pruned.stdout, "pruned") == "1"
    assert int(_row(pruned.stdout, "三元组 triples", store=True)) < int(
        _row(first.stdout, "三元组 triples", store=True)
    )


def test_bad_file_among_good_ones_exits_2_after_building_the_rest(corpus: Path, tmp_path: Path) -> None:
    (corpus / "zz-notes.txt").write_text("这不是权责清单\n只是一段文字\n", encoding="utf-8")
    result = _build(corpus, tmp_path / "db")
    assert result.exit_code == 2
    assert "zz-notes.txt" in result.output
    assert _row(result.stdout, "清单 lists") == "2"


def test_progress_shows_lists_rows_per_second_and_time_left_unless_quiet(
    corpus: Path, tmp_path: Path
) -> None:
    shown = _build(corpus, tmp_path / "shown")
    assert shown.exit_code == 0, shown.output
    assert "2/2 lists" in shown.stderr and "rows/s" in shown.stderr and "left" in shown.stderr
    quiet = _build(corpus, tmp_path / "quiet", "--quiet")
    assert quiet.exit_code == 0, quiet.output
    assert "rows/s" not in quiet.stderr
    assert _row(quiet.stdout, "清单 lists") == "2"

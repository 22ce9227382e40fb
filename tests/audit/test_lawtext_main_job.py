"""The main job, grounded: ``kg audit`` on one list finds 4160's misplaced quote from the law itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import bundled_samples, read_list

runner = CliRunner()


def _tianshui(tmp_path: Path) -> Path:
    """The 天水 sample alone: no second list quotes the same words under another number."""
    source = next(p for p in bundled_samples() if "天水" in read_list(p).power_list.title)
    return Path(shutil.copy(source, tmp_path / source.name))


def test_one_list_audit_names_the_article_whose_text_4160_quotes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", str(_tianshui(tmp_path)), "--json", "-q"])
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert not [f for f in findings if f["kind"] == "quoted_text_conflict"]  # no cross-list help
    mismatches = [f for f in findings if f["kind"] == "quote_mismatch"]
    assert [f["evidence"]["seqs"] for f in mismatches] == [["4160"]]
    finding = mismatches[0]
    assert finding["evidence"]["expected"] == "第八十七条" and "第七十七条" in finding["message"]
    assert any("以欺诈、伪造证明材料" in (law["raw"] or "") for law in finding["evidence"]["law"])


def test_samples_raise_no_law_text_finding_but_4160(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "--json", "-q", "--kind", "article_not_found", "--kind", "quote_mismatch",
                                 "--kind", "renumbered"])  # fmt: skip
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["kind"], f["evidence"]["seqs"]) for f in findings] == [("quote_mismatch", ["4160"])]

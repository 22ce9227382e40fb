"""``kg audit`` end to end on the bundled samples and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_json_lines_have_the_contract_fields() -> None:
    result = runner.invoke(app, ["audit", "--json", "-q"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all({"kind", "severity", "message", "evidence", "suggestion"} <= set(d) for d in lines)
    assert all({"files", "lines", "seqs", "raw"} <= set(d["evidence"]) for d in lines)
    malformed = [d for d in lines if d["kind"] == "malformed_doc_number"]
    assert {d["evidence"]["expected"] for d in malformed} >= {"民发〔2007〕101号", "国务院令第649号"}


def test_table_and_kind_filter() -> None:
    result = runner.invoke(app, ["audit", "-q", "--kind", "malformed_power_code"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "malformed_power_code" in result.stdout and "doc_number_conflict" not in result.stdout


def test_strict_exits_1_on_errors() -> None:
    assert runner.invoke(app, ["audit", "-q", "--strict", "--kind", "malformed_doc_number"]).exit_code == 1
    assert runner.invoke(app, ["audit", "-q", "--strict", "--kind", "alias"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "typo"], "unknown --kind typo"),
        (["no-such-list.txt"], "no-such-list.txt"),
    ],
    ids=["kind", "missing-file"],
)
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["audit", "-q", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_bad_status_table_exits_2_naming_the_line(tmp_path: Path) -> None:
    table = tmp_path / "status.csv"
    table.write_text("key,status,date\n社会保险法,作废,2020-01-01\n", "utf-8")
    result = runner.invoke(app, ["audit", "-q", "--status", str(table)])
    assert result.exit_code == 2
    assert "status.csv:2" in result.output


def test_user_status_table_replaces_the_bundled_one(tmp_path: Path) -> None:
    table = tmp_path / "status.csv"
    # 优抚对象医疗保障办法 is not in the law library, so the user's table speaks for it
    table.write_text(
        "key,status,date,replaced_by\n优抚对象医疗保障办法,已废止,2030-01-01,某新办法\n", "utf-8"
    )
    result = runner.invoke(app, ["audit", "-q", "--json", "--kind", "not_in_force", "--status", str(table)])
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    [finding] = [f for f in findings if "优抚对象医疗保障办法" in f["message"]]
    assert finding["severity"] == "error" and "某新办法" in finding["suggestion"]
    assert set(finding["evidence"]["seqs"]) == {"4169", "15"}


def test_status_table_does_not_overrule_the_library(tmp_path: Path) -> None:
    table = tmp_path / "status.csv"
    table.write_text("key,status,date,replaced_by\n社会救助暂行办法,已修改,2030-01-01,\n", "utf-8")
    result = runner.invoke(app, ["audit", "-q", "--json", "--kind", "not_in_force", "--status", str(table)])
    assert not [line for line in result.stdout.splitlines() if "社会救助暂行办法" in line]


def test_html_and_store_then_audit_from_store(tmp_path: Path) -> None:
    db = tmp_path / "kg.nq"
    site = tmp_path / "site"
    result = runner.invoke(app, ["audit", "-q", "--html", str(site), "--store", "memory", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "quoted_text_conflict" in (site / "findings.html").read_text("utf-8")
    assert "graph/findings" in db.read_text("utf-8")
    assert runner.invoke(app, ["build", "--store", "memory", "--db", str(db)]).exit_code == 0
    again = runner.invoke(
        app, ["audit", "-q", "--json", "--from-store", "--store", "memory", "--db", str(db)]
    )
    assert again.exit_code == 0, again.output
    kinds = {json.loads(line)["kind"] for line in again.stdout.splitlines()}
    assert {"malformed_doc_number", "quoted_text_conflict", "basis_divergence"} <= kinds


def test_from_store_without_items_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["audit", "-q", "--from-store", "--store", "memory", "--db", str(tmp_path / "x.nq")]
    )
    assert result.exit_code == 2
    assert "kg build" in result.output

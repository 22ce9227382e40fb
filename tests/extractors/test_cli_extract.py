"""``kg extract`` and ``kg eval`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_extract_text_prints_contract_json() -> None:
    result = runner.invoke(app, ["extract", "《中华人民共和国社会保险法》第八十七条"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    citation = data["citations"][0]
    assert citation["role"] == "cites"
    assert citation["span"] == [0, 19]
    assert citation["instrument"]["title"] == "中华人民共和国社会保险法"
    assert citation["provisions"][0]["article"] == 87


def test_extract_jsonl_file_to_output(tmp_path: Path) -> None:
    source = tmp_path / "cells.jsonl"
    lines = [{"id": "a", "text": "《劳动法》第七十条"}, {"id": "b", "text": "没有引用"}]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", "--jsonl", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    assert [len(r["citations"]) for r in records] == [1, 0]


def test_extract_jsonl_from_stdin() -> None:
    result = runner.invoke(
        app, ["extract", "--jsonl", "-"], input='{"id": 1, "text": "《劳动法》第七十条"}\n'
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == 1


def test_bad_jsonl_line_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "cells.jsonl"
    source.write_text('{"id": "a", "text": "《劳动法》"}\n{"id": "b"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", "--jsonl", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert "cells.jsonl:2" in result.output
    assert not out.exists()


def test_text_and_jsonl_together_is_bad_input() -> None:
    result = runner.invoke(app, ["extract", "x", "--jsonl", "-"])
    assert result.exit_code == 2


def test_annotate_html_escapes() -> None:
    result = runner.invoke(app, ["extract", "--annotate", "--html", "<b>依据《劳动法》第七十条"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("&lt;b&gt;依据<a ")


def test_eval_text_gold(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "t1",
        "column": "实施依据",
        "text": "《社会保险法》第八条",
        "cites": [{"title": "中华人民共和国社会保险法", "doc_number": None, "provisions": [{"article": 9}]}],
        "mentions": [],
    }
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scores"]["strict/instrument"]["f1"] == 1.0
    assert data["scores"]["strict/provision"]["f1"] == 0.0
    assert {m["kind"] for m in data["misses"] if m["mode"] == "strict"} == {"missed", "spurious"}


def test_eval_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "none.jsonl" in result.output

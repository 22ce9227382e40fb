"""``kg audit`` and ``kg trace`` read cleanly at 80 columns: no line too long, no word cut.

The commands run as a user would run them (through the command line, ``COLUMNS=80``,
output to a pipe), on the bundled samples built in a temp folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from rich.cells import cell_len
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.wrap import CLOSING, OPENING, wrap
from kg.trace import PAGE

WIDTH = 80
LATIN_WORD = regex.compile(r"[A-Za-z_]{3,}")
COLOUR = regex.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[0-9;]+)m")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("layout") / "kg-data"
    assert CliRunner().invoke(app, ["build", "--db", str(db), "--jobs", "1"]).exit_code == 0
    return db


def _run(args: list[str], **env: str) -> str:
    result = CliRunner(env={"COLUMNS": str(WIDTH), **env}).invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_reads_at_80(text: str, words: set[str]) -> None:
    """Every line fits, no line starts with closing punctuation, every word in ``words`` is whole.

    A word split over two lines would read ``near-iden tical`` once the lines are joined
    with spaces, so it would be missing from the joined text.
    """
    lines = text.splitlines()
    assert lines
    for line in lines:
        assert cell_len(line.rstrip()) <= WIDTH, line
    for after in lines[1:]:
        right = after.lstrip()
        assert not right or right[0] not in CLOSING or right[0] == "…", (
            f"line starts with closing punctuation: {after}"
        )
    joined = " ".join(line.strip() for line in lines)
    missing = {w for w in words if w not in joined}
    assert not missing, f"words not shown whole: {sorted(missing)[:10]}"


def test_audit_reads_at_80_columns(db: Path) -> None:
    del db  # the audit reads the bundled lists themselves
    text = _run(["audit", "--quiet"])
    findings = [json.loads(line) for line in _run(["audit", "--quiet", "--json"]).splitlines()]
    assert len(findings) >= 10
    words = {w for f in findings for w in LATIN_WORD.findall(f["message"] + " " + (f["suggestion"] or ""))}
    words |= {f["kind"] for f in findings}
    assert_reads_at_80(text, words)
    written = sum((f["message"] + (f["suggestion"] or "")).count("…") for f in findings)
    assert text.count("…") == written, "the layout cut something"
    assert len(text.splitlines()) < 12 * len(findings)
    for finding in findings:
        for loc in finding["evidence"]["locations"]:
            assert f"序号{loc['seq']}" in text if loc["seq"] else True
    assert ".txt" not in text, "sources are shown as list title, 序号 and line, not file names"
    assert ".txt" in _run(["audit", "--quiet", "--files"])


@pytest.mark.parametrize("reference", ["社会保险法", "国务院令第649号", "社会保险法第七十七条"])
def test_trace_reads_at_80_columns(db: Path, reference: str) -> None:
    text = _run(["trace", reference, "--db", str(db), "--all"])
    payload = json.loads(_run(["trace", reference, "--db", str(db), "--json"]))
    assert payload["complete"] and "showing" not in text
    words = {w for p in payload["powers"] for w in LATIN_WORD.findall(p["name"])}
    assert_reads_at_80(text, words)
    assert "…" not in text
    assert f"{payload['counts']['powers']} 项权力" in text
    for power in payload["powers"]:
        assert f"{power['list']} 序号{power['seq']}" in text
    assert ".txt" not in text and ".txt" in _run(["trace", reference, "--db", str(db), "--files"])


@pytest.mark.parametrize("command", [["audit", "--quiet"], ["trace", "社会保险法第五十八条"]])
def test_no_colour_in_pipes_nor_with_no_color(db: Path, command: list[str]) -> None:
    args = [*command, "--db", str(db)] if command[0] == "trace" else command
    assert "\x1b[" not in _run(args)
    forced = _run(args, FORCE_COLOR="1")
    assert COLOUR.search(forced), "a terminal gets colour"
    assert not COLOUR.search(_run(args, FORCE_COLOR="1", NO_COLOR="1"))


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("同一文件被引用为不同文号 one title", 12, ["同一文件被引", "用为不同文号", "one title"]),
        ("引用为不同文号。", 14, ["引用为不同文", "号。"]),
        ("见 doc_number_conflict 一节", 10, ["见", "doc_number", "_conflict", "一节"]),
        ("第一行\n第二行", 40, ["第一行", "第二行"]),
    ],
    ids=["cjk-then-latin", "no-closing-first", "too-long-word-folds", "newlines"],
)
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    assert wrap(text, width) == expected


def test_wrap_never_starts_with_closing_nor_ends_with_opening() -> None:
    text = "依据《中华人民共和国社会保险法》第八十七条：“社会保险经办机构以及医疗机构、药品经营单位等社会保险服务机构以欺诈、伪造证明材料或者其他手段骗取社会保险基金支出的。”"
    for width in range(8, 60):
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        assert all(line[0] not in CLOSING for line in lines[1:])
        assert all(line[-1] not in OPENING for line in lines[:-1])


def test_trace_shows_one_page_and_says_so(db: Path) -> None:
    """On screen, a node more powers rest on than a page shows the page; the counts and --json are of all."""
    payload = json.loads(_run(["trace", "社会保险法", "--db", str(db), "--json"]))
    total = payload["counts"]["powers"]
    assert payload["complete"] and len(payload["powers"]) == total > 5, (
        "the samples must rest more than a page on it"
    )
    assert total <= PAGE, "the default page shows the samples whole"
    assert "showing" not in _run(["trace", "社会保险法", "--db", str(db)])
    text = _run(["trace", "社会保险法", "--db", str(db), "--limit", "5"])
    assert f"{total} 项权力" in text
    assert f"showing 5 of {total} powers" in " ".join(text.split())
    assert len([p for p in payload["powers"] if f"{p['list']} 序号{p['seq']} " in text]) == 5
    paged = json.loads(_run(["trace", "社会保险法", "--db", str(db), "--json", "--limit", "3"]))
    assert paged["counts"] == payload["counts"] and not paged["complete"] and len(paged["powers"]) == 3
    assert all(p in payload["powers"] for p in paged["powers"])
    result = CliRunner().invoke(app, ["trace", "社会保险法", "--db", str(db), "--all", "--limit", "3"])
    assert result.exit_code == 2 and "not both" in result.output

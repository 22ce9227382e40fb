"""Every example in every command's ``--help`` runs as written.

The examples are read from the help texts themselves, then run in a temp folder
where the samples are built (``./kg-data``) and the inputs they name exist as a user
would have them: folders of lists (清单/, 全省清单/), a cells file, a status table, a
query file, and ``tests/gold`` as in a checkout. ``kg serve`` runs until stopped, so its
examples are parsed (every option must exist) but not run; ``curl`` is not ours.
"""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import bundled_samples

REPO = Path(__file__).resolve().parents[2]
LONG_RUNNING = {"serve"}
"""Commands that serve until stopped: their examples are parsed, not run."""


def _command() -> Any:
    """The click group behind the typer app (typer vendors click, so no import of it here)."""
    group = typer.main.get_command(app)
    assert hasattr(group, "commands")
    return group


def _example_lines(help_text: str) -> Iterator[str]:
    """Lines of the text after 例如 that hold a ``kg`` command (comments in parentheses dropped)."""
    started = False
    for raw in help_text.splitlines():
        line = raw.strip()
        if "例如" in line:
            started = True
            line = line.split(":", 1)[-1].strip()
        if not started or "kg " not in line:
            continue
        line = line.replace("`", "")
        line = line.split("   (", 1)[0].split("  (", 1)[0].strip()
        if line.startswith("kg "):
            yield line


def _commands(line: str) -> list[list[str]]:
    """The commands of a shell line: words split as a shell would, on ``;`` and ``&&``."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&>")
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    for token in lexer:
        if token in (";", "&&"):
            commands.append([])
        else:
            commands[-1].append(token)
    return [words for words in commands if words]


def examples() -> list[tuple[str, str]]:
    """(command name, example) for the main help and every command's."""
    group = _command()
    found = [("kg", line) for line in _example_lines(group.help or "")]
    context = group.make_context("kg", ["--help"], resilient_parsing=True)
    for name in group.list_commands(context):  # the group loads its commands on first use
        found += [(name, line) for line in _example_lines(group.get_command(context, name).help or "")]
    return found


EXAMPLES = examples()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("help-examples")
    for folder in ("清单", "全省清单"):
        (root / folder).mkdir()
        for sample in bundled_samples():
            shutil.copy(sample, root / folder / sample.name)
    (root / "cells.jsonl").write_text(
        '{"id": "1", "text": "《中华人民共和国社会保险法》第八十七条"}\n', encoding="utf-8"
    )
    shutil.copy(REPO / "kg" / "audit" / "data" / "status.csv", root / "法规状态.csv")
    (root / "查询.rq").write_text(
        (REPO / "kg" / "queries" / "most_cited_provisions.rq").read_text("utf-8"), "utf-8"
    )
    # laws the shipped library lacks, so importing them changes no other example's answer
    law = root / "Laws" / "DLC" / "某省地方法规" / "地方性法规" / "某省文明行为促进条例(2020-05-01).md"
    law.parent.mkdir(parents=True)
    law.write_text(
        "# 某省文明行为促进条例\n\n2020年3月1日 某省第十三届人民代表大会常务委员会第十六次会议通过\n\n"
        "<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了培育和践行社会主义核心价值观，制定本条例。\n",
        encoding="utf-8",
    )
    (root / "某市养犬管理条例.txt").write_text(
        "某市养犬管理条例\n第一条 为了规范养犬行为，制定本条例。\n第二条 本条例适用于本市行政区域。\n",
        encoding="utf-8",
    )
    (root / "tests").mkdir()
    (root / "tests" / "gold").symlink_to(REPO / "tests" / "gold")
    result = CliRunner().invoke(app, ["build", "--db", str(root / "kg-data"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return root


def test_every_command_with_examples_is_found() -> None:
    named = {name for name, _ in EXAMPLES}
    assert {"kg", "build", "trace", "audit", "site", "extract", "query", "export", "synth", "remove"} <= named
    assert len(EXAMPLES) >= 25


def _run(words: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = shlex.join(words)
    assert words[0] == "kg", f"not a kg command: {line}"
    words = words[1:]
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, words)
    assert result.exit_code == 0, f"{line!r} exited {result.exit_code}:\n{result.output}"
    if target is not None:
        (cwd / target).write_bytes(result.stdout_bytes)


@pytest.mark.parametrize(("name", "line"), EXAMPLES, ids=[line for _, line in EXAMPLES])
def test_example_runs_as_written(
    name: str, line: str, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for words in _commands(line):
        if words[1] in LONG_RUNNING:
            group = _command()
            command = group.get_command(
                group.make_context("kg", ["--help"], resilient_parsing=True), words[1]
            )
            command.make_context(words[1], words[2:])  # raises on an unknown option
            continue
        cwd = workdir
        if words[1] == "remove":  # on a copy, so the other examples still find the list
            cwd = workdir.with_name(workdir.name + "-remove")
            if not cwd.exists():
                shutil.copytree(workdir, cwd, symlinks=True)
        _run(words, cwd, monkeypatch)

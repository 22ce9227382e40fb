"""One console module: every command prints through ``kg.cli.console`` and exits with ``kg.exits``' codes."""

from __future__ import annotations

import ast
from pathlib import Path

from typer.testing import CliRunner

from kg import exits
from kg.cli import app, console

ROOT = Path(__file__).resolve().parents[2]


def _sources() -> list[Path]:
    return sorted((ROOT / "kg").rglob("*.py"))


def test_only_the_console_module_makes_consoles() -> None:
    makers = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "kg" / "cli").glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Console"
    }
    assert makers == {"kg/cli/console.py"}


def test_exit_codes_are_defined_once() -> None:
    defined = {
        (str(path.relative_to(ROOT)), target.id)
        for path in _sources()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.startswith("EXIT_")
    }
    assert {where for where, _ in defined} == {"kg/exits.py"}
    assert console.EXIT_BAD_INPUT is exits.EXIT_BAD_INPUT == 2


def test_messages_go_to_stderr_unbroken_and_answers_to_stdout() -> None:
    assert console.err().stderr and console.err().soft_wrap
    assert not console.out().stderr and not console.out().soft_wrap


def test_a_long_error_path_stays_on_one_line() -> None:
    """The reason for soft wrap: a path in a message can be copied whole, under any runner."""
    runner = CliRunner()
    missing = "/" + "很长的文件夹名/" * 12 + "清单.txt"
    result = runner.invoke(app, ["ingest", missing], terminal_width=60)
    assert result.exit_code == exits.EXIT_BAD_INPUT
    assert any(missing in line for line in result.output.splitlines())

"""Plain parameter values coerced without pydantic give what typer's own adapters give."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
from typer.main import get_command

from kg.cli import app, coercion
from tests.cli.fresh import last_stderr_line


def _parameters() -> Iterator[tuple[Any, Any]]:
    """(command, parameter) for every parameter of every ``kg`` command and sub-command."""
    group = get_command(app)
    context = typer.Context(group)
    pending = [group.get_command(context, name) for name in group.list_commands(context)]
    while pending:
        command = pending.pop()
        yield from ((command, p) for p in command.params if hasattr(p, "type_descriptor"))
        if hasattr(command, "commands"):
            pending += [command.get_command(context, name) for name in command.list_commands(context)]


def _outcome(call: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    try:
        return "value", call(*args, **kwargs)
    except Exception as error:  # the comparison is of whatever typer raises
        return type(error).__name__, str(error)


def test_typer_is_patched_where_its_internals_are_the_expected_ones() -> None:
    assert coercion.install()
    assert getattr(typer.core.build_runtime_param, "plain_first", False)


def test_plain_values_coerce_as_typer_s_adapters_do(tmp_path: Path) -> None:
    original = typer.core.build_runtime_param.original  # type: ignore[attr-defined]
    a_file = tmp_path / "清单.txt"
    a_file.write_text("x", encoding="utf-8")
    values: list[Any] = [
        "社会保险法第五十八条",
        "",
        " spaced ",
        "-",
        "a/b.nq",
        str(a_file),
        str(tmp_path),
        str(tmp_path / "missing" / "db"),
        True,
        False,
        3,
    ]
    compared = plain = 0
    for command, parameter in _parameters():
        descriptor = parameter.type_descriptor
        if descriptor.file_annotation is not None:
            continue
        context = typer.Context(command)
        full = original(descriptor)
        for value in values:
            got = _outcome(coercion.plain_value, descriptor, value, parameter, context)
            if got[1] is coercion._NOT_PLAIN:
                continue
            plain += 1
            expected = _outcome(full._coerce_value, value, param=parameter, ctx=context)
            assert got == expected, (command.name, parameter.name, value)
            assert type(got[1]) is type(expected[1])
        compared += 1
    assert compared > 50 and plain > 100  # every command's str, bool and Path parameters were tried


def test_other_values_still_go_through_typer(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["synth", str(tmp_path / "out"), "--items", "many"])
    assert result.exit_code == 2
    assert "--items" in result.output and "valid integer" in result.output  # pydantic's words, through typer


def test_trace_imports_no_pydantic(tmp_path: Path) -> None:
    empty = tmp_path / "empty.nq"
    empty.touch()
    code = (
        "import sys\nfrom kg.cli import app\n"
        "try:\n"
        f"    app(['trace', '社会保险法第五十八条', '--store', 'memory', '--db', {str(empty)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')), file=sys.__stderr__)\n"
    )
    assert last_stderr_line(code) == "[]"


@pytest.mark.parametrize("args", [["--help"], ["trace", "--help"]])
def test_help_imports_no_pydantic(args: list[str]) -> None:
    code = (
        "import sys\nfrom kg.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')), file=sys.__stderr__)\n"
    )
    assert last_stderr_line(code) == "[]"

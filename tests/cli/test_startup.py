"""``kg`` starts without loading what the command does not run (``kg.cli`` loads commands lazily).

Each check runs in a fresh interpreter, because this test process has long imported
everything; the child reports which modules it ended up with.
"""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from kg.cli import COMMANDS, app
from tests.cli.fresh import last_stderr_line

runner = CliRunner()

HEAVY = ("rdflib", "pyoxigraph", "openpyxl", "lxml", "networkx", "pyshacl", "pyvis", "extractors")
"""Libraries (and our extractor) that take tens of milliseconds each to import."""

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(code: str) -> set[str]:
    """Top-level and ``kg.cli.*`` modules loaded by a fresh interpreter running ``code``."""
    report = "import sys, json; print(json.dumps(sorted(sys.modules)), file=sys.__stderr__)"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _run_kg(args: list[str], exit_code: int = 0) -> str:
    """Code that runs ``kg ARGS`` and checks its exit code."""
    return (
        "from kg.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit as stop:\n"
        f"    assert (stop.code or 0) == {exit_code}, stop.code\n"
    )


def test_import_kg_cli_loads_no_command_and_no_library() -> None:
    loaded = _modules_after("import kg.cli")
    assert not loaded & set(HEAVY)
    assert {m for m in loaded if m.startswith("kg.cli.")} == {"kg.cli.coercion"}  # typer's, not a command


def test_help_loads_every_command_module_but_no_library() -> None:
    loaded = _modules_after(_run_kg(["--help"]))
    assert not loaded & set(HEAVY)
    assert {f"kg.cli.{target.partition(':')[0]}" for target in COMMANDS.values()} <= loaded


def test_trace_loads_only_the_graph_commands_and_what_a_trace_needs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.nq"  # an empty graph: the whole trace runs, and finds nothing (exit 1)
    empty.touch()
    args = ["trace", "社会保险法第五十八条", "--store", "memory", "--db", str(empty)]
    loaded = _modules_after(_run_kg(args, exit_code=1))
    assert {"kg.cli.graph", "kg.trace", "kg.store.memory", "extractors", "rdflib"} <= loaded  # it did run
    commands = {m for m in loaded if m.startswith("kg.cli.")} - {
        "kg.cli.coercion",
        "kg.cli.console",
        "kg.cli.options",
        "kg.cli.trace_view",
        "kg.cli.wrap",
    }
    assert commands == {"kg.cli.graph"}
    assert not loaded & {"openpyxl", "lxml", "networkx", "pyshacl", "pyvis", "kg.scale", "kg.synth"}


def test_every_command_is_a_module_level_entry_of_the_one_table() -> None:
    """Each entry names a function (a command) or a Typer app (a command with sub-commands)."""
    for name, target in COMMANDS.items():
        module, _, attribute = target.partition(":")
        found = getattr(importlib.import_module(f"kg.cli.{module}"), attribute)
        assert isinstance(found, typer.Typer) or callable(found), name
    run = {name for name in COMMANDS if runner.invoke(app, [name, "--help"]).exit_code == 0}
    assert run == set(COMMANDS)


def test_no_command_module_adds_commands_itself() -> None:
    """One registration style: the table; no ``@app.command`` or ``register`` left in the modules."""
    modules = {target.partition(":")[0] for target in COMMANDS.values()}
    for module in sorted(modules):
        source = inspect.getsource(importlib.import_module(f"kg.cli.{module}"))
        assert "def register(" not in source and "@app.command" not in source, module


def test_help_lists_the_commands_in_module_order() -> None:
    result = runner.invoke(app, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = [
        line.split()[1] for line in result.output.splitlines() if line.startswith("│ ") and "  " in line
    ]
    assert [name for name in listed if name in COMMANDS] == list(COMMANDS)


def test_a_misspelt_command_is_refused_with_the_close_names() -> None:
    result = runner.invoke(app, ["trce", "x"])
    assert result.exit_code == 2
    assert "Did you mean 'trace'?" in result.output


def _gc_enabled_after_main(args: list[str]) -> bool:
    """Whether the cyclic collector is on when ``kg ARGS`` (the console entry point) has run."""
    code = (
        "import gc, sys\nfrom kg.cli import main\n"
        f"sys.argv = ['kg', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.isenabled(), file=sys.__stderr__)\n"
    )
    return last_stderr_line(code) == "True"


def test_every_command_but_trace_runs_with_the_garbage_collector(tmp_path: Path) -> None:
    empty = tmp_path / "empty.nq"
    empty.touch()
    assert not _gc_enabled_after_main(
        ["trace", "社会保险法第五十八条", "--store", "memory", "--db", str(empty)]
    )
    assert _gc_enabled_after_main(["extract", "社会保险法第五十八条"])
    assert _gc_enabled_after_main(["validate", "--store", "memory", "--db", str(empty)])

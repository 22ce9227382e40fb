"""The ``kg`` command: it only wires the parts together, the logic lives in them.

Every command is a module-level function (or, for one with sub-commands, a module-level
Typer app) in a sub-module of this package, and :data:`COMMANDS` is the one table that
registers them: name → ``module:attribute``. Where each command prints and the codes it
exits with are :mod:`kg.cli.console`; the options the graph commands share are
:mod:`kg.cli.options`.

Commands load on first use: ``import kg.cli`` imports no command module, ``kg
trace`` imports the graph commands alone (its :data:`COMMANDS` entry names them),
and ``kg --help`` imports every command module but none of the libraries their
commands run (each command imports its implementation in its body). A legal
officer's ``kg trace`` should not wait for spreadsheet readers, SHACL or networkx.
"""

from __future__ import annotations

import gc
import importlib

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info, get_group_from_info

from kg.cli import coercion

coercion.install()  # plain values without pydantic (~0.15 s of CPU per command)

__all__ = ["COMMANDS", "app", "main"]

COMMANDS: dict[str, str] = {
    "ingest": "ingest:ingest_command",
    "extract": "extract:extract_command",
    "eval": "extract:eval_command",
    "build": "graph:build_command",
    "trace": "graph:trace_command",
    "query": "graph:query_command",
    "remove": "graph:remove_command",
    "validate": "graph:validate_command",
    "export": "graph:export_command",
    "analyze": "graph:analyze_command",
    "site": "site:site_command",
    "serve": "serve:serve_command",
    "audit": "audit:audit_command",
    "laws": "laws:laws_app",
    "impact": "impact:impact_command",
    "synth": "synth:synth_command",
}
"""Every command → ``module:attribute`` in ``kg.cli``, in the order ``kg --help`` lists them.

The attribute is the command's function, or the Typer app of a command with sub-commands
(``kg laws show``).
"""

QUICK_COMMANDS = frozenset({"trace"})
"""Commands that run without the cyclic garbage collector (see :func:`main`): one look-up, then exit."""


class LazyGroup(TyperGroup):
    """The ``kg`` group: builds a command only when it is run or its help is shown."""

    def _load(self, name: str) -> None:
        """Build the command ``name`` from its :data:`COMMANDS` entry (once)."""
        module, _, attribute = COMMANDS[name].partition(":")
        found = getattr(importlib.import_module(f"kg.cli.{module}"), attribute)
        commands = typer.Typer()
        if isinstance(found, typer.Typer):
            commands.add_typer(found, name=name)
        else:
            commands.command(name)(found)
        built = [
            get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
            for info in commands.registered_commands
        ] + [
            get_group_from_info(  # a command with sub-commands (kg laws show, kg laws import)
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                suggest_commands=True,
                rich_markup_mode=app.rich_markup_mode,
            )
            for info in commands.registered_groups
        ]
        for command in built:
            assert command.name is not None  # typer names every command (from its function if not given)
            self.commands.setdefault(command.name, command)

    def list_commands(self, ctx: typer.Context) -> list[str]:
        """Every command, in table order (for ``kg --help``)."""
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> typer.core.TyperCommand | None:
        """The command ``cmd_name``, importing its module first; None (all built, for the hint) if no entry names it."""
        if cmd_name not in QUICK_COMMANDS and not gc.isenabled():
            gc.freeze()  # what start-up made lives until exit: later collections need not walk it
            gc.enable()
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(cmd_name)
        if cmd_name not in COMMANDS:  # a typo: typer offers close names from the commands built
            for name in COMMANDS:
                self.get_command(ctx, name)
        return self.commands.get(cmd_name)  # type: ignore[return-value]


app = typer.Typer(
    name="kg",
    help=(
        "权责清单法律依据知识图谱 — read Chinese administrative power lists (权责清单), "
        "pull out every law, article and document they cite, and link them in a graph "
        "that answers: which powers, in which agencies, rest on this article?\n\n"
        "例如 / for example:\n\n"
        "  kg ingest 天水市医保局权责清单.txt\n\n"
        '  kg extract "《中华人民共和国社会保险法》第八十七条"\n\n'
        '  kg trace "社会保险法第五十八条"'
    ),
    cls=LazyGroup,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Keep ``kg`` a group of commands even while only one is registered."""


def main() -> None:
    """Entry point of the ``kg`` console script.

    Start-up imports build objects that live until the process ends; the cyclic collector
    walking them again and again found nothing and cost ``kg trace`` 20-40 ms. So it is off
    until a command is chosen, and stays off for :data:`QUICK_COMMANDS` and ``--help``
    (short-lived; reference counting still frees nearly everything).
    """
    gc.disable()
    app()

"""The ``kg`` command: it only wires the parts together, the logic lives in them.

Each sub-module of this package adds its commands to a Typer app through a
``register(app)`` function, so the parts of the CLI stay as small as the parts
of the pipeline they call.

Commands load on first use: ``import kg.cli`` imports no command module, ``kg
trace`` imports the graph commands alone (found through :data:`COMMAND_HOMES`),
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

__all__ = ["COMMAND_HOMES", "COMMAND_MODULES", "app", "main"]

COMMAND_MODULES: tuple[str, ...] = (
    "ingest",
    "extract",
    "graph",
    "site",
    "serve",
    "audit",
    "laws",
    "impact",
    "synth",
)
"""Sub-modules of ``kg.cli`` that add commands, in the order ``kg --help`` lists them."""

COMMAND_HOMES: dict[str, str] = {
    "ingest": "ingest",
    "extract": "extract",
    "eval": "extract",
    **dict.fromkeys(("build", "trace", "query", "remove", "validate", "export", "analyze"), "graph"),
    "site": "site",
    "serve": "serve",
    "audit": "audit",
    "laws": "laws",
    "impact": "impact",
    "synth": "synth",
}
"""Command → the module of :data:`COMMAND_MODULES` that adds it, so running one imports one module.

Only a shortcut: a command missing here still runs (every module is loaded to find it).
"""

QUICK_COMMANDS = frozenset({"trace"})
"""Commands that run without the cyclic garbage collector (see :func:`main`): one look-up, then exit."""


class LazyGroup(TyperGroup):
    """The ``kg`` group: builds a command only when it is run or its help is shown."""

    def _load(self, module: str) -> list[str]:
        """Add the commands of ``kg.cli.<module>`` (once); return their names in order."""
        commands = typer.Typer()
        importlib.import_module(f"kg.cli.{module}").register(commands)
        names = []
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
            names.append(command.name)
        return names

    def list_commands(self, ctx: typer.Context) -> list[str]:
        """Every command, module by module (for ``kg --help``)."""
        return [name for module in COMMAND_MODULES for name in self._load(module)]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> typer.core.TyperCommand | None:
        """The command ``cmd_name``, importing its module first; None if no module adds it."""
        if cmd_name not in QUICK_COMMANDS and not gc.isenabled():
            gc.freeze()  # what start-up made lives until exit: later collections need not walk it
            gc.enable()
        if cmd_name not in self.commands and cmd_name in COMMAND_HOMES:
            self._load(COMMAND_HOMES[cmd_name])
        if cmd_name not in self.commands:
            self.list_commands(ctx)  # unknown here: look everywhere (and offer close names)
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

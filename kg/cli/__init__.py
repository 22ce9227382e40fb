"""The ``kg`` command: it only wires the parts together, the logic lives in them.

Each sub-module of this package adds its commands to :data:`app` through a
``register(app)`` function, so the parts of the CLI stay as small as the parts
of the pipeline they call.
"""

from __future__ import annotations

import importlib

import typer

__all__ = ["app", "main"]

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
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Keep ``kg`` a group of commands even while only one is registered."""


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

for _module in COMMAND_MODULES:
    importlib.import_module(f"kg.cli.{_module}").register(app)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()

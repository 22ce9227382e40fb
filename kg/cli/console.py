"""Where every ``kg`` command prints, and the codes it exits with: one module for all of them.

``out()`` is standard output (tables, answers: what a pipe or a file receives);
``err()`` is standard error (messages, progress bars), soft-wrapped so a message is
one line however long and a file path or URL in it is never broken by an inserted
newline (the terminal folds it, and it can be copied whole). Each call makes a new
console bound to the streams of that moment, so a test runner that swaps them per
test (typer's ``CliRunner``, also under ``pytest -n``) captures what it should.
"""

from __future__ import annotations

from rich.console import Console

from kg.exits import EXIT_BAD_INPUT, EXIT_BUSY, EXIT_FAILED_CHECK, EXIT_NOT_FOUND, EXIT_OK

__all__ = ["EXIT_BAD_INPUT", "EXIT_BUSY", "EXIT_FAILED_CHECK", "EXIT_NOT_FOUND", "EXIT_OK", "err", "out"]


def out() -> Console:
    """The console of standard output, for what the command answers."""
    return Console()


def err() -> Console:
    """The console of standard error, for messages and progress (soft-wrapped)."""
    return Console(stderr=True, soft_wrap=True)

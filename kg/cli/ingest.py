"""``kg ingest``: read power lists and show what was read (placeholder until ingest lands)."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``kg ingest`` to the app."""

    @app.command("ingest")
    def ingest_command() -> None:
        """Read power lists (being written)."""
        raise typer.Exit(1)

"""The options every graph command shares: ``--store``, ``--db``, ``--endpoint``.

``build``, ``trace``, ``query``, ``validate``, ``export``, ``remove``, ``serve``
(and later ``site`` and ``audit``) declare them with these types and open the
store with :func:`open_store`, so every command finds the graph ``kg build``
made, with the same defaults (the embedded store in ``./kg-data``) and the same
error messages. Each option can also come from the environment
(``KG_STORE``, ``KG_DB``, ``KG_ENDPOINT``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT, EXIT_BUSY
from kg.store import DEFAULT_STORE, StoreError, names
from kg.store import open_store as _open_store
from kg.store.lock import StoreBusy

if TYPE_CHECKING:
    from rich.console import Console

    from kg.store import Store

__all__ = ["DEFAULT_STORE", "DbOption", "EndpointOption", "StoreOption", "open_store"]

StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        envvar="KG_STORE",
        help=f"Where the graph lives: {', '.join(names())}. oxigraph (default) keeps it on disk, "
        "memory in an N-Quads file, sparql on a SPARQL server.",
        show_default=True,
    ),
]
DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="KG_DB",
        help="Folder (oxigraph, default ./kg-data) or file (memory, default ./kg-data.nq) of the graph.",
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="KG_ENDPOINT",
        help="SPARQL endpoint URL for --store sparql, e.g. http://127.0.0.1:8890/sparql",
    ),
]


def open_store(
    store: str = DEFAULT_STORE,
    db: Path | None = None,
    endpoint: str | None = None,
    *,
    read_only: bool = False,
    console: Console | None = None,
) -> Store:
    """Open the store the options name; on failure print why and exit 2 (3 while another command writes it).

    Args:
        store: backend name (``--store``).
        db: ``--db``.
        endpoint: ``--endpoint``.
        read_only: open for reading (every command but build and remove).
        console: where to print the error (stderr when None).
    """
    try:
        return _open_store(store, db=db, endpoint=endpoint, read_only=read_only)
    except StoreBusy as error:
        (console or consoles.err()).print(f"[yellow]busy:[/yellow] {error}")
        raise typer.Exit(EXIT_BUSY) from error
    except StoreError as error:
        (console or consoles.err()).print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error

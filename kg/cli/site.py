"""``kg site OUT_DIR``: write the browsable offline site for the graph in the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT
from kg.cli.options import DbOption, EndpointOption, StoreOption, open_store
from kg.store import DEFAULT_STORE, StoreError

__all__ = ["site_command"]


def site_command(
    out_dir: Annotated[
        Path,
        typer.Argument(
            help="Folder to write the site into, e.g. site/ (created; an older site there is replaced).",
            file_okay=False,
        ),
    ],
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """生成网页 / write web pages anyone can open in a browser, offline.

    One page per law, cited article, agency and power, a search box
    (type 社会保险法, 第五十八条, 人社部〔2016〕120号 or a 序号 such as 4165),
    and interactive networks: which powers, in which agencies, rest on an article.

    例如 / for example:

      kg build && kg audit --store oxigraph && kg site site/   (then open site/index.html)

    Findings that `kg audit --store …` saved in the store get their own page, linked from the index.
    """
    from kg.site import build_site
    from kg.site.build import SiteError
    from kg.site.findings import findings_hook_from_store

    err = consoles.err()
    with open_store(store, db, endpoint, read_only=True, console=err) as graph:
        try:
            report = build_site(
                graph, out_dir, findings_hook=findings_hook_from_store(graph), progress=not quiet
            )
        except (SiteError, StoreError) as error:
            err.print(f"[red]error:[/red] {error}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    counts = report.counts
    if not counts.get("items"):
        err.print(
            "[yellow]note:[/yellow] the graph holds no power items yet; "
            "run [bold]kg build[/bold] first (the pages are written but empty)."
        )
    consoles.out().print(
        f"{report.pages} pages: {counts.get('instruments', 0)} instruments, "
        f"{counts.get('items', 0)} powers, {counts.get('agencies', 0)} agencies.\n"
        f"Open {report.index.resolve()}",
        soft_wrap=True,  # the path on one line, whole, to copy
        highlight=False,
    )

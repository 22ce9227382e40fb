"""``kg impact``: wiring and terminal layout; the diff and the powers come from :mod:`kg.impact`."""

from __future__ import annotations

import json
import sys
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.cells import cell_len
from rich.console import Group
from rich.markup import escape
from rich.text import Text

from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT
from kg.cli.options import DEFAULT_STORE, DbOption, EndpointOption, StoreOption, open_store

if TYPE_CHECKING:  # the command imports what it runs, so `kg --help` loads none of it
    from kg.impact import ImpactReport

__all__ = ["impact_command", "impact_view"]

TEXT_CELLS = 64
"""Terminal cells of an old or new article text shown per power, so a line stays within 80
columns (a Chinese character takes two); the whole text is in --json and the HTML page."""


def _clip(text: str | None) -> str:
    text = (text or "（无 none）").replace("\n", " ")
    if cell_len(text) <= TEXT_CELLS:
        return text
    while cell_len(text) > TEXT_CELLS - 1:
        text = text[:-1]
    return text + "…"


def impact_view(report: ImpactReport) -> Group:
    """The answer as grouped blocks that read at 80 columns."""
    from kg.laws.diff import article_label

    counts = report.counts()
    lines: list[Text] = [
        Text.from_markup(
            f"[bold]《{escape(report.law.title)}》[/bold] {report.old.date} → {report.new.date}"
        ),
        Text("条文 articles: " + ", ".join(f"{n} {kind}" for kind, n in counts.items())),
    ]
    moved = [c for c in report.articles if c.change != "unchanged"]
    for change in moved:
        lines.append(
            Text(
                f"  {change.change:10} {article_label(change.old)} → {article_label(change.new)}"
                + (
                    f"  ({change.similarity:.0%})"
                    if change.old is not None and change.new is not None
                    else ""
                )
            )
        )
    agencies = {p.power.agency or "" for p in report.powers}
    lines.append(
        Text(f"\n受影响的权力事项 powers affected: {len(report.powers)}, {len(agencies)} 个实施主体 agencies")
    )
    if not report.powers:
        lines.append(
            Text(
                report.note or "没有事项依据改动的条文 / no power rests on a changed article", style="yellow"
            )
        )
    for agency, group in groupby(report.powers, key=lambda p: p.power.agency or ""):
        lines.append(Text.from_markup(f"\n[green]{escape(agency or '（未写实施主体）')}[/green]"))
        for impacted in group:
            power, change = impacted.power, impacted.change
            lines.append(Text.from_markup(f"  [bold]{escape(power.seq)}[/bold]  {escape(power.name)}"))
            lines.append(
                Text(
                    f"      {impacted.citation.cited_as or ''}: {change.change} "
                    f"{article_label(change.old)} → {article_label(change.new)}  "
                    f"{power.list} 序号{power.seq} 第{impacted.citation.line}行",
                    style="cyan",
                )
            )
            lines.append(Text(f"      旧 old: {_clip(change.old.text if change.old else None)}", style="dim"))
            lines.append(Text(f"      新 new: {_clip(change.new.text if change.new else None)}"))
    return Group(*lines)


def impact_command(
    target: Annotated[
        str,
        typer.Argument(
            help="An instrument (社会保险法, 上海市社会救助条例) or a text file of its new version."
        ),
    ],
    date_from: Annotated[
        str | None, typer.Option("--from", help="Date of the old version (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Date of the new version (YYYY-MM-DD).")] = None,
    library_dir: Annotated[
        Path | None,
        typer.Option("--library", help="Read the law library from this folder (LawRefBook layout) instead."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object for programs.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the page into this site folder (kg site).")
    ] = None,
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """修改影响 / a law was amended: which powers, in which agencies, rest on articles that changed?

    例如 / for example:

      kg impact 监察法 --from 2018-03-20 --to 2024-12-25

      kg impact 监察法 --json

    A text file of a new version (a title line, then 第N条 lines; a draft amendment) in
    place of the instrument is compared with the library's current text of the same
    instrument; --library DIR reads a folder in the LawRefBook layout (local regulations
    in a LawRefBook checkout, under DLC/, have two dated versions) instead of the shipped library.

    Exit code 2: bad input (named).
    """
    from kg.impact import ImpactError, impact, impact_of_file, library_for, pick_versions

    err = consoles.err()
    try:
        library = library_for(library_dir)
        path = Path(target)
        with open_store(store, db, endpoint, read_only=True, console=err) as opened:
            if path.is_file():
                report = impact_of_file(opened, library, path)
            else:
                law = library.get(target)
                if law is None or not law.versions:
                    raise ImpactError(f"{target!r}: no such instrument in the law library, and no such file")
                old, new = pick_versions(law, date_from, date_to)
                report = impact(opened, law, old, new, library)
    except ImpactError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    if html is not None:
        from kg.site.impact_page import write_impact_page

        err.print(f"page: {write_impact_page(report, html)}")
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        consoles.out().print(impact_view(report))

"""``kg laws``: what the law library holds, ``kg laws show`` an article, ``kg laws import`` a folder."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT

if TYPE_CHECKING:  # each command imports the library when it runs, so `kg --help` loads none of it
    from kg.laws.library import LawLibrary
    from kg.laws.lookup import ArticleLookup
    from kg.laws.summary import LibrarySummary

__all__ = ["import_command", "laws_app", "laws_command", "show_command"]

LibraryOption = Annotated[
    Path | None,
    typer.Option(
        "--library",
        envvar="KG_LAWS",
        help="The user library file kg laws import writes and every command reads (default ./kg-laws/library.jsonl.gz).",
    ),
]


def _use_library(path: Path | None) -> None:
    """Point the library at ``path`` (the ``--library`` option) for this process."""
    from kg.laws.library import USER_LIBRARY_ENV, default_library

    if path is not None:
        os.environ[USER_LIBRARY_ENV] = str(path)
        default_library.cache_clear()


def _load(console: Console) -> LawLibrary:
    from kg.laws.library import default_library
    from kg.laws.source import LawSourceError

    try:
        return default_library()
    except LawSourceError as error:
        console.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from error


def _summary_table(summary: LibrarySummary) -> Table:
    table = Table(title="法律文本库 / law library", show_header=True, header_style="bold")
    table.add_column("kind / source")
    table.add_column("instruments", justify="right")
    for kind, count in summary.by_kind.items():
        table.add_row(kind, f"{count:,}")
    table.add_section()
    for source, count in summary.by_source.items():
        table.add_row(f"from {source}", f"{count:,}")
    table.add_section()
    for status, count in summary.by_status.items():
        table.add_row(f"status {status}", f"{count:,}")
    table.add_section()
    table.add_row(
        "all", f"{summary.instruments:,} ({summary.versions:,} versions, {summary.articles:,} articles)"
    )
    return table


def _show(found: ArticleLookup) -> None:
    from kg.laws.lookup import article_label
    from kg.laws.status import source_name

    out = consoles.out()
    law = found.instrument
    label = article_label(found.number, found.suffix)
    out.print(f"[bold]{law.title}{label}[/bold]", highlight=False)
    out.print(
        f"[dim]{law.kind} · {law.status}: {law.status_source} · {found.instrument.current.date or 'undated'} version "
        f"({found.instrument.current.source})[/dim]",
        highlight=False,
    )
    for index, paragraph in enumerate(found.article.paragraphs, start=1):
        marker = "→ " if found.paragraph == index else "  "
        out.print(f"{marker}{paragraph}", highlight=False)
    out.print("versions / 版本:", highlight=False)
    current = found.article.text
    for entry in found.versions:
        if entry.article is None:
            state = "no such article"
        elif entry.article.text == current:
            state = "same text"
        else:
            state = "different text: " + entry.article.text.replace("\n", " / ")[:120]
        out.print(
            f"  {entry.version.date or 'undated'}  {source_name(entry.version.source)}  {state}",
            highlight=False,
        )


def laws_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object for programs.")] = False,
    library: LibraryOption = None,
) -> None:
    """法律文本库 / what the law library holds: counts by kind and source, the snapshot it ships.

    例如 / for example:

      kg laws

      kg laws show 社会保险法第五十八条

      kg laws import Laws/   (a checkout of LawRefBook/Laws, or any folder in its layout)
    """
    if ctx.invoked_subcommand is not None:
        _use_library(library)
        return
    from kg.laws.library import shipped_header, user_library_path
    from kg.laws.summary import summarise

    _use_library(library)
    console = consoles.err()
    summary = summarise(_load(console), shipped_header())
    if as_json:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    out = consoles.out()
    out.print(_summary_table(summary))
    snapshot = summary.snapshot
    if snapshot:
        out.print(
            f"shipped: LawRefBook snapshot, commit {snapshot.get('snapshot_commit')}, "
            f"newest version {snapshot.get('snapshot_date')}",
            highlight=False,
        )
    user = user_library_path()
    out.print(
        f"user library: {user}" + ("" if user.is_file() else " (none yet: kg laws import DIR)"),
        highlight=False,
    )


def show_command(
    reference: Annotated[
        str, typer.Argument(help="An article: 社会保险法第五十八条, 国务院令第649号第十条.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object for programs.")] = False,
) -> None:
    """条文 / print an article's text in the version in force, and how each version has it.

    例如 / for example:

      kg laws show 社会保险法第五十八条

      kg laws show "《社会救助暂行办法》第十条" --json

    Exit code 1: the library lacks the law or the article (it says how many articles the
    law has); 2: the words name no article.
    """
    from kg.laws.lookup import LawLookupError, find_article

    console = consoles.err()
    try:
        found = find_article(reference, _load(console))
    except LawLookupError as error:
        console.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(error.exit_code) from error
    if as_json:
        payload = found.to_dict()
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    _show(found)


def import_command(
    source: Annotated[
        Path,
        typer.Argument(help="A folder in the LawRefBook layout (TITLE(YYYY-MM-DD).md), or one text file."),
    ],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Kind of a single text file's instrument (法律, 行政法规 …)."),
    ] = None,
) -> None:
    """导入 / read a folder of law texts (or one text file) into the user library.

    The folder may be a LawRefBook checkout or any folder in its layout; a text file
    holds one instrument (title line, then 第N条 lines). Files that cannot be read are
    named and skipped; the library file is replaced atomically.

    例如 / for example:

      kg laws import Laws/   (a checkout of LawRefBook/Laws, or any folder in its layout)

      kg laws import 某市养犬管理条例.txt --kind 地方性法规   (one instrument the library lacks)
    """
    from kg.laws.imports import import_laws
    from kg.laws.library import default_library, user_library_path
    from kg.laws.source import LawSourceError

    console = consoles.err()
    started = time.perf_counter()
    try:
        result = import_laws(source, user_library_path(), kind=kind)
    except LawSourceError as error:
        console.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from error
    default_library.cache_clear()
    for path, reason in result.skipped:
        console.print(f"[yellow]skipped[/yellow] {path}: {reason}", highlight=False)
    consoles.out().print(
        f"imported {result.read:,} instruments ({result.versions:,} versions) from {source} "
        f"into {result.target}: {result.total:,} instruments, {result.bytes / 1e6:,.1f} MB, "
        f"{time.perf_counter() - started:,.1f} s",
        highlight=False,
    )


laws_app = typer.Typer(name="laws", invoke_without_command=True, no_args_is_help=False)
"""``kg laws``: the summary (its callback), ``kg laws show`` and ``kg laws import``."""
laws_app.callback()(laws_command)
laws_app.command("show")(show_command)
laws_app.command("import")(import_command)

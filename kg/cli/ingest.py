"""``kg ingest``: read power lists and say what was read, repaired and skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.atomic import atomic_write
from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT, EXIT_FAILED_CHECK

if TYPE_CHECKING:  # the readers (openpyxl, lxml) load when a list is read, not for `kg --help`
    from kg.ingest import ReadResult

__all__ = ["ingest_command", "read_inputs"]


def read_inputs(inputs: list[Path] | None, console: Console) -> list[ReadResult]:
    """Read every input (default: the bundled samples); exit 2 naming each bad file.

    Shared by every command that takes list files, so all of them fail the same way.
    """
    from kg.ingest import NotAPowerList, bundled_samples, iter_input_files, read_list

    try:
        files = iter_input_files(inputs) if inputs else bundled_samples()
    except NotAPowerList as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    results: list[ReadResult] = []
    failed = False
    for path in files:
        try:
            results.append(read_list(path))
        except NotAPowerList as exc:
            failed = True
            console.print(f"[red]error:[/red] {exc}")
    if failed:
        console.print("[red]nothing was written: fix or leave out the files above.[/red]")
        raise typer.Exit(EXIT_BAD_INPUT)
    return results


def _summary_table(results: list[ReadResult]) -> Table:
    table = Table(title="读取结果 / what was read")
    for column in ("清单 list", "文件 file", "编码 encoding", "事项 items", "修复 repairs", "跳过 skipped"):
        table.add_column(column)
    for result in results:
        skipped = result.skipped_rows()
        table.add_row(
            result.power_list.title,
            result.power_list.source_file,
            result.encoding or "xlsx/html",
            str(len(result.items)),
            str(len(result.repairs) - skipped),
            str(skipped),
        )
    return table


REPAIRS_SHOWN = 200
"""Repairs listed in the terminal table; the rest are counted (``--json`` has every one)."""


def _repairs_table(results: list[ReadResult]) -> Table:
    repairs = [repair for result in results for repair in result.repairs]
    caption = (
        f"{len(repairs) - REPAIRS_SHOWN} more not shown (see --json)"
        if len(repairs) > REPAIRS_SHOWN
        else None
    )
    table = Table(title="修复与跳过 / repairs and skipped rows", caption=caption)
    for column in ("文件 file", "行 line", "序号", "kind", "detail"):
        table.add_column(column, overflow="fold")
    for repair in repairs[:REPAIRS_SHOWN]:
        table.add_row(repair.file, str(repair.line), repair.seq or "", repair.kind, repair.detail)
    return table


def ingest_command(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="List files or folders (txt, csv, xlsx, html). Default: the two bundled sample lists."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per power item.")] = False,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the JSON lines to this file instead.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) if any row needed repair or was skipped.")
    ] = False,
) -> None:
    """读取权责清单 — read power lists and show what was read, repaired and skipped.

    Reads tab-separated exports, CSV, Excel (xlsx) and saved HTML pages, in UTF-8 or
    GB18030, and repairs broken rows (joined fields, missing 备注, table rules),
    saying what it repaired.

    例如: `kg ingest 天水市医保局权责清单.txt --json`

    Exit codes: 0 read; 1 --strict and something was repaired; 2 a file is not a power list.
    """
    console = consoles.err()
    if out is not None and out.is_dir():
        console.print(f"[red]error:[/red] --out {out} is a folder; give the file to write the JSON lines to")
        raise typer.Exit(EXIT_BAD_INPUT)
    results = read_inputs(inputs, console)
    if as_json or out:
        lines = [
            json.dumps(item.to_dict(), ensure_ascii=False) for result in results for item in result.items
        ]
        if out:
            try:
                with atomic_write(out) as handle:
                    handle.write("\n".join(lines) + "\n")
            except OSError as exc:
                console.print(f"[red]error:[/red] cannot write {out}: {exc.strerror or exc}")
                raise typer.Exit(EXIT_BAD_INPUT) from exc
            console.print(f"wrote {len(lines)} items to {out}")
        else:
            typer.echo("\n".join(lines))
    else:
        stdout = consoles.out()
        stdout.print(_summary_table(results))
        if any(r.repairs for r in results):
            stdout.print(_repairs_table(results))
    if strict and any(r.repairs for r in results):
        count = sum(len(r.repairs) for r in results)
        console.print(
            f"[red]--strict: {count} repairs or skipped rows (listed above with file and line)[/red]"
        )
        raise typer.Exit(EXIT_FAILED_CHECK)

"""``kg synth``: write realistic synthetic 权责清单 to measure the pipeline at scale."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT
from kg.synth import FORMATS, ITEMS_PER_LIST, ListSpec, parse_formats

__all__ = ["RateColumn", "synth_command"]


class RateColumn(ProgressColumn):
    """Rows per second so far (rich's speed column only speaks bytes)."""

    def render(self, task: Task) -> Text:
        """Show ``task.speed`` as rows/s, or nothing before the first update."""
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "", style="progress.data.speed")


def synth_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the lists into (created if missing).")],
    items: Annotated[int, typer.Option("--items", "-n", min=1, help="Power items (rows) in total.")],
    lists: Annotated[
        int | None,
        typer.Option(
            "--lists",
            "-m",
            min=1,
            help=f"Number of lists (default: one per {ITEMS_PER_LIST} items).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Same seed and options → identical files.")] = 0,
    formats: Annotated[
        str,
        typer.Option(
            "--formats",
            help="Formats the lists take in turn, each with an optional weight: txt,csv,xlsx "
            "or txt:6,csv:3,xlsx:1 (XLSX is the slowest to write).",
        ),
    ] = ",".join(FORMATS),
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes (output is the same).")
    ] = 1,
) -> None:
    """合成清单 / write synthetic power lists to measure speed — not real data.

    The lists look like published ones: agencies of real provinces, cities and
    counties (天水市医疗保障局, 瓜州县市场监督管理局 …), the column layouts and quirks of
    the sample files, and 实施依据 cells citing real laws and regulations the way
    authors do — 《社会保险法》第八十七条, （国务院令第649号）, 甘政发〔2012〕64号,
    with the occasional typo. Use them for benchmarks only: they are made up.

    例如 / for example:

      kg synth 合成/ --items 2000 --lists 20 --seed 1

      kg synth 合成-txt/ --items 2000 --formats txt,csv --jobs 2

      kg synth 合成-混合/ --items 2000 --formats txt:6,csv:3,xlsx:1

    The benchmarks use --items 100000 to 1000000 (benchmarks/README.md).
    """
    from kg.synth import synthesize  # the generator and the readers it shares, only when it runs

    console = consoles.err()
    try:
        chosen = parse_formats(formats)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    if lists is not None and lists > items:
        console.print(
            f"[red]error:[/red] --lists {lists} is more than --items {items}; "
            "every list needs at least one item."
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    progress = Progress(
        TextColumn("[bold]synth[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("items"),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
    )
    started = time.perf_counter()
    with progress:
        task = progress.add_task("synth", total=items)

        def advance(spec: ListSpec) -> None:
            progress.advance(task, spec.items)

        try:
            result = synthesize(
                out_dir,
                items,
                lists=lists,
                seed=seed,
                formats=chosen,
                jobs=jobs,
                on_list=advance,
            )
        except (ValueError, FileExistsError, NotADirectoryError) as exc:
            progress.stop()
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(EXIT_BAD_INPUT) from exc
    seconds = time.perf_counter() - started
    console.print(
        f"wrote {result.lists:,} lists, {result.items:,} items, "
        f"{result.bytes / 1e6:,.1f} MB into {result.out_dir} in {seconds:,.1f} s "
        f"({result.items / seconds:,.0f} items/s); manifest: {result.manifest.name}"
    )

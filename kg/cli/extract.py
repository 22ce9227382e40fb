"""``kg extract`` and ``kg eval``: citations out of text, and how well that is done.

The CLI only wires: extraction is :func:`extractors.extract`, marking is
:func:`extractors.annotate` (each piece named by :class:`kg.graph.pieces.PieceNames`),
scoring is :func:`kg.evaluate.evaluate`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from kg.atomic import atomic_write
from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT

if TYPE_CHECKING:  # the extractor and the scorer are imported by the commands that run them
    from kg.evaluate import EvalReport, GoldCell

__all__ = ["eval_command", "extract_command"]

PROGRESS_THRESHOLD = 200
"""Show a progress bar from this many cells on (fewer finish before it would draw)."""


def _read_jsonl_inputs(source: str) -> list[dict[str, Any]]:
    """Read ``{"id": …, "text": …}`` lines from a file or ``-``; exit 2 naming a bad line."""
    name = "stdin" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(f"{name}: cannot be read as UTF-8 text ({exc})") from exc
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _bad(f'{name}:{number}: not JSON ({exc.msg}); expected {{"id": …, "text": …}}') from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise _bad(f'{name}:{number}: expected an object with a string "text" (and an "id")')
        records.append(record)
    return records


def _bad(message: str) -> typer.Exit:
    consoles.err().print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


def _result(record_id: Any, text: str, column: str | None) -> dict[str, Any]:
    from extractors import extract

    return {"id": record_id, "citations": [c.to_dict() for c in extract(text, column=column)]}


def _emit(lines: list[str], output: Path | None) -> None:
    if output is None:
        sys.stdout.write("".join(line + "\n" for line in lines))
        return
    with atomic_write(output) as handle:
        handle.writelines(line + "\n" for line in lines)


def extract_command(
    text: Annotated[
        str | None, typer.Argument(help='一段文字 / the text of one cell, e.g. "《社会保险法》第八十七条".')
    ] = None,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            help='读取 JSON Lines 文件（每行 {"id":…,"text":…}），- 表示标准输入 / read many cells.',
        ),
    ] = None,
    column: Annotated[
        str | None,
        typer.Option(
            "--column", help="单元格所在列，如 实施依据、责任事项 (in 责任事项 every citation is a mention)."
        ),
    ] = None,
    do_annotate: Annotated[
        bool,
        typer.Option(
            "--annotate",
            help="在原文中标出引用（终端彩色，文件、管道或 NO_COLOR 用 ⟦ ⟧）/ mark citations in the text.",
        ),
    ] = False,
    html: Annotated[
        bool,
        typer.Option(
            "--html",
            help="与 --annotate 同用：输出转义 HTML，每处引用为 `<a href=图谱 IRI title=条款名称>` / "
            "escaped HTML, each citation a link to its graph IRI titled 第八条第一款…",
        ),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件而不是屏幕 / write to a file.")
    ] = None,
) -> None:
    """找出文字中引用的法律、条款和文号 / find every law, article and document number cited.

    例如 / for example:

      kg extract "《中华人民共和国社会保险法》第八十七条：“社会保险经办机构…”"

      kg extract --jsonl cells.jsonl -o citations.jsonl

      kg extract --annotate "依据《社会救助暂行办法》（国务院令第649号）第二十七条"
    """
    from extractors import annotate, extract
    from kg.graph.pieces import PieceNames

    if (text is None) == (jsonl is None):
        raise _bad("give either TEXT or --jsonl FILE (use - for standard input), not both or neither")
    if html and not do_annotate:
        raise _bad("--html only works together with --annotate")
    records = _read_jsonl_inputs(jsonl) if jsonl is not None else [{"id": None, "text": text}]
    screen = consoles.out()
    colour = output is None and screen.is_terminal and not screen.no_color
    naming = PieceNames()
    lines: list[str] = []
    with Progress(console=consoles.err(), transient=True, disable=len(records) < PROGRESS_THRESHOLD) as bar:
        task = bar.add_task("提取 extracting", total=len(records))
        for record in records:
            cell_column = record.get("column", column)
            if do_annotate:
                citations = extract(record["text"], column=cell_column)
                lines.append(
                    annotate(
                        record["text"],
                        citations,
                        html=html,
                        colour=colour,
                        label=naming.title,
                        href=naming.iri,
                    )
                )
            else:
                result = _result(record.get("id"), record["text"], cell_column)
                lines.append(json.dumps(result, ensure_ascii=False))
            bar.advance(task)
    _emit(lines, output)


def _score_table(report: EvalReport, title: str) -> Table:
    table = Table(title=title)
    for name in ("mode", "level", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(name, justify="right" if len(name) <= 2 else "left")
    for (mode, level), score in sorted(
        report.scores.items(), key=lambda kv: (kv[0][0] != "strict", kv[0][1])
    ):
        table.add_row(
            mode,
            level,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            str(score.tp),
            str(score.fp),
            str(score.fn),
        )
    return table


def eval_command(
    gold: Annotated[
        Path, typer.Argument(help='标注文件 / gold JSON Lines (seeds.citations.jsonl or cells with "text").')
    ],
    samples: Annotated[
        list[Path] | None,
        typer.Option("--samples", help="样例清单所在目录 / folder of the sample lists the gold names."),
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="all, dev or test: the gold's own split field (by source) if it has one, else a fixed quarter by id.",
        ),
    ] = "all",
    show_misses: Annotated[
        bool, typer.Option("--misses/--no-misses", help="列出每一处错漏 / list each miss.")
    ] = True,
    mode: Annotated[str, typer.Option("--mode", help="misses to list: strict, lenient or all.")] = "strict",
    as_json: Annotated[bool, typer.Option("--json", help="机器可读输出 / print the scores as JSON.")] = False,
) -> None:
    """用标注数据评测引用抽取 / score the extractor against gold: P, R, F1, strict and lenient.

    例如 / for example:

      kg eval tests/gold/seeds.citations.jsonl          (in a checkout of the project)

      kg eval tests/gold/fields.citations.jsonl --split test --no-misses

      kg eval tests/gold/real.citations.jsonl --split dev
    """
    from kg.evaluate import GoldError, evaluate, load_gold

    if split not in ("all", "dev", "test"):
        raise _bad(f"--split must be all, dev or test, not {split!r}")
    if mode not in ("strict", "lenient", "all"):
        raise _bad(f"--mode must be strict, lenient or all, not {mode!r}")
    try:
        cells: list[GoldCell] = load_gold(gold, samples=samples or ())
    except GoldError as exc:
        raise _bad(str(exc)) from exc
    if split != "all":
        cells = [c for c in cells if c.part == split]
    report = evaluate(cells)
    console = consoles.out()
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    console.print(_score_table(report, f"{gold.name} ({split}, {report.cells} cells)"))
    if show_misses:
        for miss in report.misses:
            if mode in ("all", miss.mode):
                console.print(
                    f"[yellow]{miss.kind}[/yellow] {miss.mode}/{miss.level} {miss.role} "
                    f"[dim]{miss.cell}[/dim] {miss.what}",
                    highlight=False,
                    markup=True,
                )

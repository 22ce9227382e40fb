"""``kg build``, ``trace``, ``query``, ``remove``, ``validate``, ``export``: the graph commands.

Only wiring: the work is done by :mod:`kg.scale`, :mod:`kg.trace`,
:mod:`kg.queries`, :mod:`kg.validate` and :mod:`kg.analysis`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT, EXIT_BUSY, EXIT_FAILED_CHECK, EXIT_NOT_FOUND
from kg.cli.options import DbOption, EndpointOption, StoreOption, open_store
from kg.store import DEFAULT_STORE, StoreError

if TYPE_CHECKING:  # each command imports what it runs, so `kg --help` loads none of it
    from kg.scale import ListOutcome, StreamSummary
    from kg.scale.stream import Plan
    from kg.store import Store
    from kg.trace import TraceError

if TYPE_CHECKING:
    from kg.laws.graph import LibraryGraphSummary

__all__ = [
    "analyze_command",
    "build_command",
    "export_command",
    "query_command",
    "remove_command",
    "trace_command",
    "validate_command",
]


def build_command(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="List files or folders of them (default: the two bundled sample lists)."),
    ] = None,
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Processes extracting in parallel (default: every core)."),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Rebuild every list, even those unchanged since the last build.")
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="Drop the lists built before from files that are no longer among the inputs."
        ),
    ] = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Hash every file to tell whether it changed, rather than trusting size and modification time.",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No progress bar (errors and the summary are still printed)."),
    ] = False,
) -> None:
    """构建图谱 / build the graph: read lists, find every cited law and article, load them into the store.

    Each list becomes its own named graph: building a list again replaces it, and
    an interrupted build leaves the previous graph usable. Only lists whose file
    changed since the last build are read again (the store keeps a manifest);
    --full rebuilds all, --prune drops lists whose files are gone, --verify
    hashes every file (an edit that kept size and mtime is caught).

    A first build into an empty store extracts on every core and loads all lists
    in one bulk load; a rebuilt list is applied as the difference from its old
    graph. The progress bar (stderr; --quiet hides it) shows lists done, rows per
    second and the time that remains.

    Exit codes: 0 built; 2 a file could not be read (each is named and skipped,
    the other lists were built and recorded) or the store cannot be used;
    3 another kg command is using the store (try again).

    例如 / for example:

      kg build                              (the bundled samples)

      kg build 清单/ --db ./kg-data

      kg build 全省清单/ --jobs 2 --prune   (only changed lists; removed files dropped)
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Column

    from kg.ingest import NotAPowerList, bundled_samples, iter_input_files
    from kg.scale import stream_build
    from kg.store.lock import StoreBusy
    from kg.store.registry import store_exists

    console = consoles.err()
    try:
        files = iter_input_files(inputs) if inputs else bundled_samples()
    except NotAPowerList as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    target: Store | Callable[[], Store]
    try:
        exists = store_exists(store, db)
    except StoreError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    if exists:
        target = open_store(store, db, endpoint, console=console)
    else:
        target = partial(open_store, store, db, endpoint, console=console)
    progress = Progress(
        TextColumn(
            "[bold]{task.description}", table_column=Column(max_width=16, no_wrap=True, overflow="ellipsis")
        ),
        BarColumn(bar_width=16),
        TextColumn(
            "{task.fields[lists]} lists · {task.fields[rows]:,} rows · {task.fields[rate]} rows/s · left"
        ),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=quiet,
    )
    with progress:
        task = progress.add_task("抽取 extracting", total=None, lists="0", rows=0, rate="-")
        started = time.perf_counter()
        rows = done = 0
        todo = 0

        def planned(plan: Plan) -> None:
            nonlocal todo
            todo = len(plan.todo)
            progress.update(task, total=plan.bytes_todo, lists=f"0/{todo}")
            if plan.unchanged:
                progress.console.print(f"{len(plan.unchanged)} lists unchanged since the last build: skipped")

        def advance(outcome: ListOutcome, size: int) -> None:
            nonlocal rows, done
            rows += outcome.items
            done += 1
            rate = rows / max(time.perf_counter() - started, 1e-9)
            # the last list handed over, the store still writes what it was given
            described = "载入 loading" if done == todo else outcome.title or ""
            progress.update(
                task,
                advance=size,
                lists=f"{done}/{todo}",
                rows=rows,
                rate=f"{rate:,.0f}",
                description=described,
            )

        try:
            summary, opened = stream_build(
                files,
                target,
                jobs=jobs,
                full=full,
                prune=prune,
                verify=verify,
                progress=advance,
                on_plan=planned,
            )
        except StoreBusy as error:
            console.print(f"[yellow]busy:[/yellow] {error}")
            raise typer.Exit(EXIT_BUSY) from error
        except StoreError as error:
            console.print(f"[red]error:[/red] {error}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    library = None
    if opened is not None:
        library = _load_library(opened, console)
        opened.close()
    consoles.out().print(_summary_table(summary))
    if library is not None:
        consoles.out().print(
            f"法律文本 law library: {library.linked} of {library.instruments} cited instruments, "
            f"{library.texts} of {library.provisions} cited articles/paragraphs with the law's text "
            f"({library.seconds:.1f} s)",
            highlight=False,
        )
    if summary.errors:
        for failed in summary.errors:
            console.print(f"[red]error:[/red] {failed.message}", highlight=False)
        console.print("[red]the files above were not built; the other lists were.[/red]")
        raise typer.Exit(EXIT_BAD_INPUT)


def _load_library(opened: Store, console: Console) -> LibraryGraphSummary | None:
    """Write the law library's graph for what the lists now cite (a damaged user library: say so, go on)."""
    from kg.laws.graph import load_library_graph
    from kg.laws.source import LawSourceError

    try:
        return load_library_graph(opened)
    except LawSourceError as error:
        console.print(f"[yellow]law library not loaded:[/yellow] {error}", highlight=False)
        return None


def _summary_table(summary: StreamSummary) -> Table:
    """What this build did, then what the whole store now holds (the site and SPARQL count the same)."""
    table = Table(title="图谱构建 / build summary", show_header=True)
    table.add_column("")
    table.add_column("本次重建 built now", justify="right")
    table.add_column("图谱合计 in the store", justify="right")
    held = summary.store
    rows: list[tuple[str, object, object]] = [
        ("清单 lists", summary.lists, held.lists if held else "-"),
        ("事项 powers", summary.items, held.powers if held else "-"),
        ("实施主体 agencies", "", held.agencies if held else "-"),
        ("法律文件 instruments", "", held.instruments if held else "-"),
        ("被引条款 cited provisions", "", held.provisions if held else "-"),
        ("引用 citations", summary.citations, held.citations if held else "-"),
        ("三元组 triples", "", summary.triples),
    ]
    for label, now, total in rows:
        table.add_row(label, str(now), str(total))
    notes = (
        [f"{summary.unchanged} 份清单未变、未重读 unchanged lists not read again"]
        if summary.unchanged
        else []
    )
    if summary.pruned:
        notes.append(f"{summary.pruned} 份清单已删除 pruned lists")
    if summary.stale:
        notes.append(f"{summary.stale} 份旧清单的文件已不在（--prune 删除）stale lists, files gone")
    notes.append(f"缓存命中 cache hits {summary.cache_hit_rate:.0%} · 用时 time {summary.seconds:.2f} s")
    table.caption = "\n".join(notes)
    return table


def trace_command(
    reference: Annotated[
        str, typer.Argument(help="A law, article or document number, as a list would write it.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object for programs.")] = False,
    files: Annotated[
        bool, typer.Option("--files", help="Name each row's source file beside list title, 序号 and line.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            help="Show this many powers (the counts are still of all). Default: 20 on screen, all with --json.",
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show every power, however many.")] = False,
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """追溯依据 / which powers, in which agencies, rest on this article (or any part of it)?

    例如 / for example:

      kg trace "社会保险法第五十八条"

      kg trace "《中华人民共和国社会保险法》第77条" --json

      kg trace "国务院令第649号" --all

    On screen the first 20 powers are shown (by agency), the counts are of all of them;
    --all shows every one, --json prints every one unless --limit is given.

    Exit code 1: the graph does not know it (the closest known ones are listed);
    2: the words name no provision, or several.
    """
    from kg.cli.trace_view import trace_view
    from kg.trace import PAGE, TraceError, trace

    if show_all and limit is not None:
        raise typer.BadParameter("give --limit or --all, not both", param_hint="--limit")
    shown = None if show_all else limit if limit is not None else None if as_json else PAGE
    console = consoles.err()
    with open_store(store, db, endpoint, read_only=True, console=console) as opened:
        try:
            result = trace(reference, opened, limit=shown)
        except TraceError as error:
            _print_trace_error(console, error, as_json)
            raise typer.Exit(error.exit_code) from error
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        consoles.out().print(trace_view(result, show_files=files))


def _print_trace_error(console: Console, error: TraceError, as_json: bool) -> None:
    if as_json:
        payload = {
            "error": str(error),
            "candidates": [{"iri": iri, "label": label} for iri, label in error.candidates],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"[red]error:[/red] {error}")
    if error.candidates:
        console.print("closest known / 最接近的已知条目:")
        for iri, label in error.candidates:
            console.print(f"  {label}  [dim]{iri}[/dim]", markup=True, highlight=False)


def remove_command(
    name: Annotated[
        str, typer.Argument(help="The list: its title (天水市医保局权责清单), file name or graph IRI.")
    ],
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """删除清单 / remove one list's graph from the store (the other lists stay).

    例如 / for example:  kg remove 天水市医保局权责清单
    """
    from kg.queries.lists import graphs_for
    from kg.scale import remove_list

    console = consoles.err()
    with open_store(store, db, endpoint, console=console) as opened:
        found = graphs_for(opened, name)
        if len(found) > 1:
            console.print(
                f"[red]error:[/red] {len(found)} lists are called {name!r}; name one by file or graph:"
            )
            for known in found:
                console.print(f"  {known}", highlight=False)
            raise typer.Exit(EXIT_BAD_INPUT)
        if not found:
            console.print(f"[red]error:[/red] no list {name!r} in the store; it holds:")
            for known in opened.graphs():
                console.print(f"  {known}", highlight=False)
            raise typer.Exit(EXIT_NOT_FOUND)
        graph = found[0]
        remove_list(opened, graph)
    consoles.out().print(f"removed {graph}", highlight=False)


QUERY_FORMATS = ("table", "json", "csv")


def query_command(
    sparql: Annotated[
        str | None, typer.Argument(help="The SPARQL query (prefixes kg:, eli:, rdfs: … predeclared).")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="table, json (SPARQL 1.1 JSON results) or csv (SPARQL 1.1 CSV).")
    ] = "table",
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """SPARQL 查询 / run a SPARQL SELECT or ASK query on the graph.

    例如 / for example:

      kg query "SELECT ?item ?name WHERE { ?item kg:restsOn ?p ; kg:name ?name } LIMIT 5"

      kg query --file 查询.rq --format csv > 结果.csv   (the canned queries in kg/queries/ are examples)
    """
    from kg.prefixes import prologue
    from kg.results import compact, row_variables, to_csv, to_json
    from kg.serve.answer import client_message
    from kg.serve.guard import QueryGuardError, check_query, run_on_deep_stack
    from kg.store.sparql_syntax import projection

    console = consoles.err()
    if fmt not in QUERY_FORMATS:
        console.print(f"[red]error:[/red] --format must be one of {', '.join(QUERY_FORMATS)}, not {fmt!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    if (sparql is None) == (file is None):
        console.print(
            "[red]error:[/red] give the query either as an argument or with --file, not both or neither"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeError) as error:
            console.print(f"[red]error:[/red] cannot read the query file {file}: {error}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    prefixes = prologue().replace("\n", " ")  # one line: error positions stay the user's own
    text = prefixes + (sparql or "")
    try:  # before any parser: a deeply nested query would overflow its stack
        check_query(text, allow_service=None)
    except QueryGuardError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    with open_store(store, db, endpoint, read_only=True, console=console) as opened:
        try:
            rows = run_on_deep_stack(lambda: opened.query(text))
        except StoreError as error:
            console.print(f"[red]error:[/red] {client_message(str(error), prefixes, sparql or '')}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    variables = row_variables(rows) or projection(text) or []
    if fmt == "json":
        sys.stdout.write(json.dumps(to_json(variables, rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":  # bytes, so the CRLF the CSV results format requires survives
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(variables, rows).encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        table = Table(caption=f"{len(rows)} rows")
        for name in variables:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*(compact(row.get(name)) for name in variables))
        consoles.out().print(table)


def validate_command(
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """校验图谱 / check the graph against the SHACL shapes of the ontology (ontology/shapes.ttl).

    Exit code 1 when it does not conform, listing each violation.
    """
    from kg.validate import validate_store

    console = consoles.err()
    with open_store(store, db, endpoint, read_only=True, console=console) as opened:
        report = validate_store(opened)
    out = consoles.out()
    if report.conforms:
        out.print(f"conforms / 符合约束: {report.triples} triples checked")
        return
    table = Table(title=f"{len(report.violations)} violations / 不符合约束")
    for column in ("focus node", "path", "message"):
        table.add_column(column, overflow="fold")
    for row in report.violations:
        table.add_row(*row)
    out.print(table)
    raise typer.Exit(EXIT_FAILED_CHECK)


def export_command(
    out: Annotated[
        Path,
        typer.Argument(
            help="The file to write (temp file, then renamed); with --shard-size, the folder for the shards."
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="ttl, nt, trig, nq, jsonld (RDF) or graphml, gexf (networkx, for Gephi)."
        ),
    ] = "trig",
    shard_size: Annotated[
        int | None,
        typer.Option(
            "--shard-size",
            min=1,
            help="With --format nq: write OUT as a folder of N-Quads files of this many quads each "
            "(kg-00000.nq …), for a server's bulk loader (Virtuoso ld_dir, tdb2.xloader, QLever).",
        ),
    ] = None,
    gzip: Annotated[bool, typer.Option("--gzip", help="Compress the shards (kg-00000.nq.gz …).")] = False,
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """导出图谱 / export the whole graph to a file, or to N-Quads shards for a SPARQL server.

    例如 / for example:  kg export --format ttl 图谱.ttl ;  kg export --format gexf 图谱.gexf

      kg export --format nq --shard-size 5000000 --gzip 分片/   (then load 分片/ into Virtuoso, see docs/scale.md)
    """
    if shard_size is not None or gzip:
        _export_shards(out, fmt, shard_size, gzip, store, db, endpoint)
        return
    from kg.analysis import GRAPH_FORMATS, export_network
    from kg.store.registry import get

    console = consoles.err()
    try:
        formats = (*get(store).export_formats, *GRAPH_FORMATS)
    except StoreError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    if fmt not in formats:
        console.print(f"[red]error:[/red] --format must be one of {', '.join(formats)}, not {fmt!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    with open_store(store, db, endpoint, read_only=True, console=console) as opened:
        try:
            count = export_network(opened, fmt, out) if fmt in GRAPH_FORMATS else opened.export(fmt, out)
        except (StoreError, OSError) as error:
            console.print(f"[red]error:[/red] cannot export to {out}: {error}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    consoles.out().print(
        f"wrote {out} ({count} {'nodes' if fmt in GRAPH_FORMATS else 'triples'})", highlight=False
    )


def _export_shards(
    out: Path,
    fmt: str,
    shard_size: int | None,
    compress: bool,
    store: str,
    db: Path | None,
    endpoint: str | None,
) -> None:
    from kg.scale.shards import SHARD_FORMATS, export_shards

    console = consoles.err()
    if fmt not in SHARD_FORMATS or shard_size is None:
        console.print("[red]error:[/red] shards are N-Quads: use --format nq --shard-size N [--gzip]")
        raise typer.Exit(EXIT_BAD_INPUT)
    with open_store(store, db, endpoint, read_only=True, console=console) as opened:
        try:
            files = export_shards(opened, out, shard_size, compress=compress)
        except (StoreError, OSError) as error:
            console.print(f"[red]error:[/red] cannot export to {out}: {error}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    consoles.out().print(f"wrote {len(files)} shards to {out}", highlight=False)


def analyze_command(
    top: Annotated[int, typer.Option("--top", min=1, help="How many provisions to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object for programs.")] = False,
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """网络分析 / network measures: the most central provisions and the agencies that share legal bases.

    例如 / for example:  kg analyze --top 5
    """
    from kg.analysis import agencies_sharing_bases, central_provisions, citation_network

    with open_store(store, db, endpoint, read_only=True, console=consoles.err()) as opened:
        network = citation_network(opened)
    central = central_provisions(network, top)
    shared = agencies_sharing_bases(network)
    if as_json:
        payload = {
            "central_provisions": [c.to_dict() for c in central],
            "agencies_sharing_bases": [p.to_dict() for p in shared],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    first = Table(title="最常依据的条款 / most central provisions")
    for column in ("条款 provision", "事项 items", "占比 share"):
        first.add_column(column, overflow="fold")
    for c in central:
        first.add_row(c.label, str(c.items), f"{c.score:.1%}")
    second = Table(title="共享法律依据的机关 / agencies sharing legal bases")
    for column in ("机关 agency", "机关 agency", "共同依据 shared instruments"):
        second.add_column(column, overflow="fold")
    for pair in shared:
        second.add_row(pair.first, pair.second, f"{len(pair.shared)}: " + "；".join(pair.shared))
    out = consoles.out()
    out.print(first)
    out.print(second)

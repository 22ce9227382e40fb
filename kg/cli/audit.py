"""``kg audit``: check the lists' citations and report what is wrong, with evidence."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli.console import EXIT_BAD_INPUT
from kg.cli.console import err as err_console
from kg.cli.console import out as out_console
from kg.cli.options import DbOption, EndpointOption
from kg.store import DEFAULT_STORE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from kg.audit import Finding, StatusTable
    from kg.model import PowerItem

__all__ = ["audit_command"]


@contextmanager
def _progress(console: Console, quiet: bool, total: int | None) -> Iterator[Callable[[PowerItem], None]]:
    """A progress bar over extracted items; yields the callback that advances it."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("抽取引用 extracting", total=total)
        yield lambda _: progress.advance(task)


def audit_command(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="List files or folders of them (default: the two bundled sample lists)."),
    ] = None,
    status: Annotated[
        Path | None,
        typer.Option(
            "--status",
            help="CSV of instrument status (key,status,date,replaced_by,note; status 现行有效/已修改/已废止). "
            "Default: the small bundled table of well-known facts. See docs/audit.md.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="One finding per line as JSON (kind, severity, message, evidence, suggestion)."
        ),
    ] = False,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Site folder to write findings.html into (links to the item and law pages a "
            "site built there by kg site has).",
            file_okay=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="Only these kinds (repeatable), e.g. --kind malformed_doc_number."),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Also write the findings into this store's findings graph "
            "(oxigraph, memory or sparql; with --db / --endpoint as for kg build).",
        ),
    ] = None,
    db: DbOption = None,
    endpoint: EndpointOption = None,
    from_store: Annotated[
        bool,
        typer.Option(
            "--from-store",
            help="Audit the graph kg build loaded into --store (default oxigraph, ./kg-data) instead "
            "of list files, and write the findings back into it. Rows ingest repaired are not in "
            "the graph: row_repair and junk_row need the files.",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any finding is an error (for scripts and CI).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    files: Annotated[
        bool, typer.Option("--files", help="Name the source file beside list title, 序号 and line.")
    ] = False,
) -> None:
    """审查清单 / check the lists: wrong document numbers, conflicting titles, bad power codes,
    quotes that do not fit their article, items on different articles, laws amended since.

    Each finding names the files, 序号 and raw text, and a correction where there is one.

    例如 / for example:

      kg audit                               (the bundled samples)

      kg audit 清单/ --json > findings.jsonl

      kg audit 清单/ --status 法规状态.csv --html site/

      kg audit --store oxigraph --db ./kg-data   (SPARQL: ?f a kg:Finding)

      kg build && kg audit --from-store
    """
    from kg.audit import KINDS, StatusTableError, audit, load_status
    from kg.cli.ingest import read_inputs

    err = err_console()
    unknown = sorted(set(kind or ()) - set(KINDS))
    if unknown:
        err.print(f"[red]error:[/red] unknown --kind {', '.join(unknown)}; known: {', '.join(KINDS)}")
        raise typer.Exit(EXIT_BAD_INPUT)
    if from_store and inputs:
        err.print("[red]error:[/red] give list files or --from-store, not both")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        table = load_status(status) if status else None
    except StatusTableError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    if from_store:
        findings = _audit_store(store or DEFAULT_STORE, db, endpoint, table, kind, err, quiet)
    else:
        from extractors.protocols import default_extractor

        results = read_inputs(inputs, err)
        with _progress(err, quiet, sum(len(r.items) for r in results)) as advance:
            findings = audit(results, default_extractor(), status=table, kinds=kind or None, on_item=advance)
        if store:
            _save(findings, store, db, endpoint, err)
    if html:
        _write_html(findings, html, err)
    if as_json:
        for finding in findings:
            sys.stdout.write(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n")
    else:
        from kg.cli.audit_view import audit_view

        out_console().print(audit_view(findings, show_files=files))
    if strict and any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


def _audit_store(
    store: str,
    db: Path | None,
    endpoint: str | None,
    table: StatusTable | None,
    kinds: list[str] | None,
    err: Console,
    quiet: bool,
) -> list[Finding]:
    """Audit the lists in a store and write the findings back into its findings graph."""
    from kg.audit.store import NoItemsError, audit_store, save_findings
    from kg.cli.options import open_store
    from kg.store import StoreError

    items = 0
    with open_store(store, db, endpoint, console=err) as opened, _progress(err, quiet, None) as advance:

        def on_item(item: PowerItem) -> None:
            nonlocal items
            items += 1
            advance(item)

        try:
            findings = audit_store(opened, status=table, kinds=kinds or None, on_item=on_item)
            count = save_findings(opened, findings)
        except (StoreError, NoItemsError) as error:
            err.print(f"[red]error:[/red] {error}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    err.print(f"{items} items read from the store; {count} triples → findings graph")
    return findings


def _save(findings: list[Finding], store: str, db: Path | None, endpoint: str | None, err: Console) -> None:
    from kg.audit.rdf import FINDINGS_GRAPH
    from kg.audit.store import save_findings
    from kg.cli.options import open_store
    from kg.store import StoreError

    with open_store(store, db, endpoint, console=err) as opened:
        try:
            count = save_findings(opened, findings)
        except StoreError as error:
            err.print(f"[red]error:[/red] {error}")
            raise typer.Exit(EXIT_BAD_INPUT) from error
    err.print(f"{count} triples → <{FINDINGS_GRAPH}>")


def _write_html(findings: list[Finding], site: Path, err: Console) -> None:
    from kg.site.findings import write_findings_page

    try:
        page = write_findings_page(findings, site)
    except OSError as error:
        err.print(f"[red]error:[/red] cannot write {site}/findings.html: {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    err.print(f"wrote {page}")
    if not (site / "index.html").is_file():
        err.print(
            f"[yellow]note:[/yellow] {site} holds no site built by kg site, so the page links to no "
            "item or law pages; run kg build and kg site there first to get the links."
        )

"""``kg serve``: open the graph read-only and answer SPARQL over HTTP, next to the site."""

from __future__ import annotations

import functools
import signal
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from kg.cli import console as consoles
from kg.cli.console import EXIT_BAD_INPUT
from kg.cli.options import DbOption, EndpointOption, StoreOption, open_store
from kg.serve.limits import DEFAULT_LIMIT, DEFAULT_QUEUE_WAIT, DEFAULT_TIMEOUT, DEFAULT_WORKERS
from kg.store import DEFAULT_STORE

__all__ = ["serve_command"]


def serve_command(
    store: StoreOption = DEFAULT_STORE,
    db: DbOption = None,
    endpoint: EndpointOption = None,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. The default 127.0.0.1 keeps the server on this machine; "
            "give 0.0.0.0 only on a network you trust.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0 picks a free one).")] = 8000,
    site: Annotated[
        Path,
        typer.Option(help="Folder of the static site (from `kg site`) to serve at /."),
    ] = Path("site"),
    timeout: Annotated[
        float, typer.Option(help="Seconds one query may run before it is stopped (HTTP 503).")
    ] = DEFAULT_TIMEOUT,
    limit: Annotated[
        int, typer.Option(help="Rows sent back at most; longer results are cut and flagged.")
    ] = DEFAULT_LIMIT,
    cors: Annotated[
        bool,
        typer.Option(help="Let browser tools on other sites (YASGUI) query this endpoint."),
    ] = True,
    workers: Annotated[
        int, typer.Option(help="Queries run at once, each in its own process (killed at the timeout).")
    ] = DEFAULT_WORKERS,
    queue_wait: Annotated[
        float, typer.Option(help="Seconds a query waits for a free worker before the client hears 'busy'.")
    ] = DEFAULT_QUEUE_WAIT,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-service",
            help="An endpoint URL that SERVICE clauses may call (repeat for more); by default SERVICE is refused.",
        ),
    ] = None,
) -> None:
    """发布服务 / serve the graph as a read-only SPARQL endpoint, a query page and the static site.

    Opens http://127.0.0.1:8000/ with the site, /query with a query page (常用前缀已填好),
    and /sparql for SPARQL clients (SPARQLWrapper, YASGUI, curl). Updates and SERVICE are
    refused; each query runs in a worker process that is stopped at --timeout, and the
    server picks up a store rebuilt by `kg build` once the build has finished.

    例如 / for example:

      kg serve

      kg serve --site 网站 --port 8080

      curl 'http://127.0.0.1:8000/sparql?format=csv' --data-urlencode 'query=SELECT * { ?s kg:restsOn ?p } LIMIT 5'
    """
    from kg.serve import QueryRunner, make_server
    from kg.store import registry

    console = consoles.err()
    if timeout <= 0 or limit <= 0 or workers <= 0 or queue_wait < 0:
        console.print(
            "[red]error:[/red] --timeout, --limit and --workers must be greater than 0, --queue-wait not negative"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    with open_store(store, db, endpoint, read_only=True, console=console) as graph:
        described = repr(graph)  # opened once to fail early; the workers open their own
    opener = functools.partial(registry.open_store, store, db=db, endpoint=endpoint, read_only=True)
    runner = QueryRunner(
        opener=opener,
        timeout=timeout,
        limit=limit,
        workers=workers,
        queue_wait=queue_wait,
        allow_service=allow_service or (),
    )
    try:
        server = make_server(runner, host=host, port=port, site=site, cors=cors)
    except OSError as error:
        console.print(f"[red]error:[/red] cannot listen on {host}:{port}: {error.strerror or error}")
        runner.close()
        raise typer.Exit(EXIT_BAD_INPUT) from error
    site_note = f"site {site}/" if site.is_dir() else f"no site at {site}/ (run `kg site {site}`)"
    console.print(
        f"serving {described} read-only at [bold]{server.url}/[/bold] — "
        f"query page {server.url}/query, SPARQL {server.url}/sparql, {site_note}. Ctrl+C stops.",
        soft_wrap=True,  # never break a URL across lines
    )
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops the server the way Ctrl+C does."""
    raise KeyboardInterrupt

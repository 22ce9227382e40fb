"""``kg serve``: open the graph read-only and answer SPARQL over HTTP, next to the site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.cli.options import EXIT_BAD_INPUT, DbOption, EndpointOption, StoreOption, open_store
from kg.serve.limits import DEFAULT_LIMIT, DEFAULT_TIMEOUT
from kg.store import DEFAULT_STORE

__all__ = ["register"]


def serve(
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
        float, typer.Option(help="Seconds one query may run before it is abandoned (HTTP 503).")
    ] = DEFAULT_TIMEOUT,
    limit: Annotated[
        int, typer.Option(help="Rows sent back at most; longer results are cut and flagged.")
    ] = DEFAULT_LIMIT,
    cors: Annotated[
        bool,
        typer.Option(help="Let browser tools on other sites (YASGUI) query this endpoint."),
    ] = True,
) -> None:
    """发布服务 / serve the graph as a read-only SPARQL endpoint, a query page and the static site.

    Opens http://127.0.0.1:8000/ with the site, /query with a query page (常用前缀已填好),
    and /sparql for SPARQL clients (SPARQLWrapper, YASGUI, curl). Updates are refused.

    例如 / for example:

      kg serve

      kg serve --site 网站 --port 8080

      curl 'http://127.0.0.1:8000/sparql?format=csv' --data-urlencode 'query=SELECT * { ?s kg:restsOn ?p } LIMIT 5'
    """
    from kg.serve import QueryRunner, make_server

    console = Console(stderr=True)
    if timeout <= 0 or limit <= 0:
        console.print("[red]error:[/red] --timeout and --limit must be greater than 0")
        raise typer.Exit(EXIT_BAD_INPUT)
    graph = open_store(store, db, endpoint, read_only=True, console=console)
    runner = QueryRunner(graph, timeout=timeout, limit=limit)
    try:
        server = make_server(runner, host=host, port=port, site=site, cors=cors)
    except OSError as error:
        console.print(f"[red]error:[/red] cannot listen on {host}:{port}: {error.strerror or error}")
        runner.close()
        graph.close()
        raise typer.Exit(EXIT_BAD_INPUT) from error
    site_note = f"site {site}/" if site.is_dir() else f"no site at {site}/ (run `kg site {site}`)"
    console.print(
        f"serving {graph!r} read-only at [bold]{server.url}/[/bold] — "
        f"query page {server.url}/query, SPARQL {server.url}/sparql, {site_note}. Ctrl+C stops.",
        soft_wrap=True,  # never break a URL across lines
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        server.server_close()
        graph.close()


def register(app: typer.Typer) -> None:
    """Add ``kg serve`` to the ``kg`` command."""
    app.command("serve")(serve)

"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, the query page, and the static site.

Routes:
    ``/sparql``  the SPARQL 1.1 Protocol: GET ``?query=``, POST as a form
                 (``query=``) or as ``application/sparql-query``; results as
                 JSON, XML, CSV or TSV, graphs (CONSTRUCT, DESCRIBE) as Turtle,
                 N-Triples or JSON-LD, by ``Accept`` or ``format=``; updates get 403.
    ``/query``   the query page (:mod:`kg.serve.page`).
    ``/_kg/…``   the query page's stylesheet and script.
    anything else: a file of the static site folder (``kg site`` output), if any.

Standard library only (``http.server``), one thread per request; the store is
only ever asked to evaluate queries, so nothing a client sends can change the
graph. Every failure is an HTTP error with a message: a request that stalls
mid-body meets the socket timeout, a body shorter than its ``Content-Length``
gets 400, an unexpected exception 500 — never a dropped connection.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import logging
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.serve.answer import Answer, QueryBusyError, QueryError
from kg.serve.engine import QueryRunner
from kg.serve.page import render_page
from kg.serve.results import (
    UnknownFormatError,
    negotiate,
    negotiate_graph,
    serialize,
    serialize_graph,
)
from kg.serve.static import content_type, resolve
from kg.store.sparql_syntax import SparqlSyntaxError, query_form

__all__ = ["KgServer", "make_server"]

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20
"""Largest POST body taken (1 MiB): far above any hand-written query, far below harm."""
SOCKET_TIMEOUT = 20.0
"""Seconds a connection may sit idle or mid-request before it is dropped (frees its thread)."""
LISTEN_BACKLOG = 128
"""Connections the kernel queues before ``accept``; 5 (the default) drops SYNs under load."""
RETRY_AFTER = "2"
"""Seconds a busy client is told to wait before it tries again."""
FORMAT_PARAMS = ("format", "output", "results")
"""Parameter names clients use to ask for a results format (Virtuoso, Joseki, Rasqal)."""
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
PAGE_POLICY = "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
"""The query page loads nothing but this server's own stylesheet and script."""
ASSETS = {"/_kg/query.css": "text/css; charset=utf-8", "/_kg/query.js": "text/javascript; charset=utf-8"}

_LANDING = """\
<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>kg serve</title>
<link rel="stylesheet" href="/_kg/query.css"></head>
<body><h1>权责清单知识图谱 <small>kg serve</small></h1>
<ul><li><a href="/query">SPARQL 查询页 / query page</a></li>
<li><a href="/sparql">SPARQL endpoint</a> (<code>/sparql</code>)</li></ul>
<p>没有找到静态站点 / no static site in <code>{site}</code> — run <code>kg site {site}</code>.</p>
</body></html>
"""


class RequestError(Exception):
    """A malformed request; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class KgServer(ThreadingHTTPServer):
    """The HTTP server, holding what every request needs."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        runner: QueryRunner,
        site: Path | None,
        cors: bool,
        socket_timeout: float = SOCKET_TIMEOUT,
    ) -> None:
        self.runner = runner  # set first: a failed bind calls server_close()
        self.site = site
        self.cors = cors
        self.socket_timeout = socket_timeout
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.runner.close()


def make_server(
    runner: QueryRunner,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    site: Path | None = None,
    cors: bool = True,
    socket_timeout: float = SOCKET_TIMEOUT,
) -> KgServer:
    """Bind the server (port 0 picks a free one); call ``serve_forever()`` to run it."""
    return KgServer((host, port), runner, site, cors, socket_timeout)


@functools.cache
def _asset(path: str) -> bytes:
    name = path.rsplit("/", 1)[1]
    return importlib.resources.files("kg.serve").joinpath("assets", name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    """One request: route it, answer it, never write to the store."""

    server: KgServer
    server_version = "kg-serve"
    timeout = SOCKET_TIMEOUT

    def setup(self) -> None:
        self.timeout = self.server.socket_timeout
        super().setup()

    def handle_one_request(self) -> None:
        """One request; whatever goes wrong, the client gets an HTTP error, not a dropped connection."""
        try:
            super().handle_one_request()
        except (TimeoutError, ConnectionError):
            self.close_connection = True
        except Exception as error:  # the last line of defence: log it, answer 500
            log.exception("request %r failed", getattr(self, "requestline", ""))
            self.close_connection = True
            try:
                message = f"internal error: {type(error).__name__}\n".encode()
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, message, "text/plain; charset=utf-8")
            except OSError:
                pass

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path != "/sparql":
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"POST goes to /sparql\n", "text/plain")
            return
        try:
            params = self._post_params()
        except RequestError as error:
            self._sparql_error(error.status, str(error))
            return
        self._sparql(params)

    def do_OPTIONS(self) -> None:
        """CORS preflight, so browser clients such as YASGUI can POST queries."""
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", {"Allow": "GET, HEAD, POST, OPTIONS"})

    def _dispatch(self, *, head: bool) -> None:
        parts = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if parts.path == "/sparql":
            self._sparql(params, head=head)
        elif parts.path == "/query":
            self._page(params, head=head)
        elif parts.path in ASSETS:
            self._send(HTTPStatus.OK, _asset(parts.path), ASSETS[parts.path], head=head)
        else:
            self._static(parts.path, head=head)

    # -- the SPARQL protocol -------------------------------------------------------------

    def _post_params(self) -> dict[str, list[str]]:
        query_params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            raise RequestError(HTTPStatus.LENGTH_REQUIRED, "POST needs a Content-Length")
        try:
            length = int(length_header)
        except ValueError as error:
            raise RequestError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from error
        if length < 0:
            raise RequestError(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > MAX_BODY:
            raise RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body exceeds {MAX_BODY} bytes")
        self.close_connection = True  # after a body error the stream cannot be trusted
        try:
            data = self.rfile.read(length)
        except TimeoutError as error:
            raise RequestError(
                HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length"
            ) from error
        if len(data) < length:
            raise RequestError(HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length")
        self.close_connection = False
        body = data.decode("utf-8", errors="replace")
        mime = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if mime == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            return {**query_params, **form}
        if mime == "application/sparql-query":
            return {**query_params, "query": [body]}
        if mime == "application/sparql-update":
            return {**query_params, "update": [body]}
        raise RequestError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "send the query as application/x-www-form-urlencoded (query=…) or as application/sparql-query",
        )

    def _sparql(self, params: dict[str, list[str]], *, head: bool = False) -> None:
        try:
            query = _one_query(params)
            choose = negotiate_graph if query is not None and _answers_graph(query) else negotiate
            fmt = choose(_first(params, FORMAT_PARAMS), self.headers.get("Accept"))
        except RequestError as error:
            self._sparql_error(error.status, str(error), head=head)
            return
        except UnknownFormatError as error:
            self._sparql_error(HTTPStatus.NOT_ACCEPTABLE, str(error), head=head)
            return
        if query is None:
            self._send(HTTPStatus.OK, _ENDPOINT_HELP, "text/plain; charset=utf-8", head=head)
            return
        try:
            answer = self.server.runner.run(query)
        except QueryError as error:
            self._sparql_error(
                HTTPStatus(error.status), str(error), head=head, busy=isinstance(error, QueryBusyError)
            )
            return
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers["X-SPARQL-MaxRows"] = str(self.server.runner.limit)
        if answer.triples is not None:
            body = serialize_graph(fmt, answer.triples)
        else:
            body = serialize(fmt, answer.variables, answer.rows, answer.ask)
        self._send(HTTPStatus.OK, body, fmt.content_type, headers, head=head)

    def _sparql_error(
        self, status: HTTPStatus, message: str, *, head: bool = False, busy: bool = False
    ) -> None:
        headers = {"Retry-After": RETRY_AFTER} if busy else None
        self._send(status, f"{message}\n".encode(), "text/plain; charset=utf-8", headers, head=head)

    # -- pages ---------------------------------------------------------------------------

    def _page(self, params: dict[str, list[str]], *, head: bool) -> None:
        answer: Answer | None = None
        error: str | None = None
        status = HTTPStatus.OK
        query = None
        try:
            query = _one_query(params)
            if query is not None and query.strip():
                answer = self.server.runner.run(query)
        except RequestError as failure:
            error, status = str(failure), failure.status
        except QueryError as failure:
            error, status = str(failure), HTTPStatus(failure.status)
        page = render_page(query, answer, error).encode("utf-8")
        headers = {"Content-Security-Policy": PAGE_POLICY}
        self._send(status, page, "text/html; charset=utf-8", headers, head=head)

    def _static(self, path: str, *, head: bool) -> None:
        site = self.server.site
        if site is None or not site.is_dir():
            if path == "/":
                landing = _LANDING.format(site=html.escape(str(site or "site")))
                self._send(HTTPStatus.OK, landing.encode(), "text/html; charset=utf-8", head=head)
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head=head)
            return
        file = resolve(site, path)
        if file is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head=head)
            return
        self._send(HTTPStatus.OK, file.read_bytes(), content_type(file), head=head)

    # -- plumbing ------------------------------------------------------------------------

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        mime: str,
        headers: dict[str, str] | None = None,
        *,
        head: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)


_ENDPOINT_HELP = (
    "This is a read-only SPARQL 1.1 endpoint.\n"
    "GET /sparql?query=SELECT…  or POST query=… (form) or an application/sparql-query body.\n"
    "Results: JSON (default), XML, CSV, TSV — by Accept header or format=json|xml|csv|tsv.\n"
    "A query page is at /query.\n"
).encode()


def _first(params: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    for name in names:
        if params.get(name):
            return params[name][0]
    return None


def _answers_graph(query: str) -> bool:
    """Whether ``query`` is a CONSTRUCT or DESCRIBE (its answer is a graph, not a table)."""
    try:
        return query_form(query) in ("CONSTRUCT", "DESCRIBE")
    except SparqlSyntaxError:
        return False  # the runner reports the error


def _one_query(params: dict[str, list[str]]) -> str | None:
    """The request's one ``query``; updates and dataset parameters are refused."""
    if "update" in params:
        raise RequestError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused")
    given = [name for name in DATASET_PARAMS if name in params]
    if given:
        raise RequestError(
            HTTPStatus.BAD_REQUEST,
            f"{', '.join(given)} is not supported: every query runs over all lists' graphs",
        )
    queries = params.get("query", [])
    if len(queries) > 1:
        raise RequestError(HTTPStatus.BAD_REQUEST, "send exactly one query parameter")
    return queries[0] if queries else None

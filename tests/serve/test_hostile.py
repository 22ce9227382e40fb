"""Requests meant to bring ``kg serve`` down, and what the server answers instead."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.term import Identifier
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import KgServer
from kg.store.base import Evaluation, Row
from tests.serve.conftest import GRAPH, ITEMS, KG, sample_db
from tests.serve.test_app import SlowStore, _get, _open, _sparql_url
from tests.serve.test_guard import DEEP_BRACES, DEEP_PARENS

Serve = Callable[..., KgServer]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?item kg:name ?name }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
"""A five-way cross product: 150⁵ rows to count on a 150-triple store, far past any timeout."""

MANY_ITEMS = {str(n): f"事项{n}" for n in range(50)}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return sample_db(tmp_path / "kg-data", MANY_ITEMS)


def _count(server: KgServer) -> int:
    status, _, body = _get(_sparql_url(server, query=COUNT))
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def _worker_pids(server: KgServer) -> set[int]:
    return {w.process.pid for w in server.runner._pool._all}  # type: ignore[union-attr]


# -- nesting -------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [DEEP_BRACES, DEEP_PARENS], ids=["braces-3000", "parens-5000"])
def test_deep_queries_are_refused_and_the_server_lives(serve: Serve, db: Path, query: str) -> None:
    server = serve(db=db, workers=1)
    for method in ("GET", "POST"):
        if method == "GET":
            status, _, body = _get(_sparql_url(server, query=query))
        else:
            request = urllib.request.Request(
                server.url + "/sparql",
                data=query.encode(),
                headers={"Content-Type": "application/sparql-query"},
            )
            status, _, body = _open(request)
        assert status == 400, body
        assert b"deep" in body
    assert _count(server) == len(MANY_ITEMS)


@pytest.mark.parametrize("query", [DEEP_BRACES, DEEP_PARENS], ids=["braces-3000", "parens-5000"])
def test_kg_query_refuses_deep_queries(db: Path, query: str) -> None:
    result = CliRunner().invoke(app, ["query", query, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "deep" in result.output


# -- SERVICE -------------------------------------------------------------------------------


@pytest.fixture
def target() -> Iterator[tuple[str, list[str]]]:
    """A loopback 'SPARQL endpoint' that records every request and answers one row."""
    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            hits.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = json.dumps(
                {
                    "head": {"vars": ["x"]},
                    "results": {"bindings": [{"x": {"type": "literal", "value": "from-target"}}]},
                }
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            self._answer()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/private/sparql", hits
    server.shutdown()
    server.server_close()


def test_service_is_refused_and_nothing_is_sent(
    serve: Serve, db: Path, target: tuple[str, list[str]]
) -> None:
    url, hits = target
    server = serve(db=db, workers=1)
    status, _, body = _get(_sparql_url(server, query=f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"))
    assert status == 400
    assert b"SERVICE is refused" in body
    assert hits == []


def test_allowed_service_is_called_and_a_failing_one_is_an_error(
    serve: Serve, db: Path, target: tuple[str, list[str]]
) -> None:
    url, hits = target
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{unused.getsockname()[1]}/sparql"
    server = serve(db=db, workers=1, timeout=10, allow_service=[url, closed])
    status, _, body = _get(_sparql_url(server, query=f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"))
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"] == [{"x": {"type": "literal", "value": "from-target"}}]
    assert len(hits) == 1
    status, _, body = _get(
        _sparql_url(server, query=f"SELECT ?x WHERE {{ SERVICE <{closed}> {{ ?x ?p ?o }} }}")
    )
    assert status >= 400 and body.strip()  # an error with a message, not a dropped connection


# -- timeouts, crashes, queueing ------------------------------------------------------------


def test_a_timed_out_query_is_stopped_and_its_worker_replaced(serve: Serve, db: Path) -> None:
    server = serve(db=db, workers=1, timeout=1.0)
    before = _worker_pids(server)
    started = time.monotonic()
    status, _, body = _get(_sparql_url(server, query=HEAVY))
    assert status == 503 and b"stopped" in body
    assert time.monotonic() - started < 5
    (killed,) = before
    assert not _alive(killed)  # the query is not running on in the background
    assert _worker_pids(server) != before
    assert _count(server) == len(MANY_ITEMS)


def test_a_worker_that_dies_gives_an_error_and_is_replaced(serve: Serve, db: Path) -> None:
    server = serve(db=db, workers=1, timeout=20)
    (pid,) = _worker_pids(server)
    threading.Timer(0.5, os.kill, (pid, 9)).start()
    status, _, body = _get(_sparql_url(server, query=HEAVY))
    assert status == 500 and b"restarted" in body
    assert _count(server) == len(MANY_ITEMS)


def test_clients_wait_for_a_worker_instead_of_being_refused(serve: Serve, db: Path) -> None:
    server = serve(db=db, workers=1, timeout=1.0, queue_wait=10)
    results: list[int] = []
    heavy = threading.Thread(target=lambda: results.append(_get(_sparql_url(server, query=HEAVY))[0]))
    heavy.start()
    time.sleep(0.3)
    assert _count(server) == len(MANY_ITEMS)  # queued behind the heavy one, answered after it
    heavy.join()
    assert results == [503]


def test_busy_after_the_queue_wait(serve: Serve, db: Path) -> None:
    server = serve(db=db, workers=1, timeout=3.0, queue_wait=0.2)
    heavy = threading.Thread(target=lambda: _get(_sparql_url(server, query=HEAVY)))
    heavy.start()
    time.sleep(0.5)
    status, headers, body = _get(_sparql_url(server, query=COUNT))
    assert status == 503 and b"busy" in body
    assert headers["Retry-After"]
    heavy.join()


class EndlessStore(SlowStore):
    """A SELECT whose rows never end: only a reader that stops at the cap can answer it."""

    pulled = 0

    def evaluate(self, sparql: str) -> Evaluation:
        def rows() -> Iterator[Row]:
            n = 0
            while True:
                EndlessStore.pulled += 1
                n += 1
                yield {"n": Literal(n)}

        return Evaluation(["n"], rows=rows())

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        raise AssertionError("the server must stream, not ask for every row")


def test_the_row_cap_is_applied_while_reading(serve: Serve) -> None:
    server = serve(EndlessStore(0, 0), limit=25, timeout=5)
    status, headers, body = _get(_sparql_url(server, query="SELECT ?n {}"))
    assert status == 200
    assert headers["X-SPARQL-MaxRows"] == "25"
    assert len(json.loads(body)["results"]["bindings"]) == 25
    assert EndlessStore.pulled == 26


# -- HTTP plumbing ---------------------------------------------------------------------------


def _raw(server: KgServer, data: bytes, wait: float = 5.0) -> bytes:
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as connection:
        connection.sendall(data)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_body_shorter_than_its_length_gets_400_not_a_hang(serve: Serve) -> None:
    server = serve(socket_timeout=0.5)
    started = time.monotonic()
    reply = _raw(
        server,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 500\r\n\r\nSELECT * {}",
    )
    assert reply.startswith(b"HTTP/1.0 400") or reply.startswith(b"HTTP/1.1 400"), reply
    assert b"shorter than its Content-Length" in reply
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("length", [b"-5", b"abc"])
def test_a_bad_content_length_gets_400(serve: Serve, length: bytes) -> None:
    reply = _raw(
        serve(socket_timeout=0.5),
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: "
        + length
        + b"\r\n\r\nSELECT * {}",
    )
    assert b" 400 " in reply.split(b"\r\n", 1)[0]


def test_an_idle_half_request_is_dropped_at_the_socket_timeout(serve: Serve) -> None:
    server = serve(socket_timeout=0.5)
    started = time.monotonic()
    assert _raw(server, b"GET /sparql?query=SEL") == b""  # closed by the server, thread freed
    assert time.monotonic() - started < 3
    assert _get(server.url + "/query")[0] == 200


def test_a_normal_listen_backlog(serve: Serve) -> None:
    assert serve().request_queue_size >= 128


def test_an_unexpected_failure_is_a_500_with_a_message(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    server = serve()

    def broken(*args: object, **kwargs: object) -> bytes:
        raise KeyError("boom")

    monkeypatch.setattr("kg.serve.app.serialize", broken)
    status, _, body = _get(_sparql_url(server, query="SELECT * { ?s ?p ?o } LIMIT 1"))
    assert status == 500 and b"internal error" in body


# -- reopen after a rebuild -------------------------------------------------------------------


def test_a_rebuilt_store_is_served_after_the_writer_finished(serve: Serve, db: Path) -> None:
    from kg.store.oxigraph import OxigraphStore

    server = serve(db=db, workers=1)
    assert _count(server) == len(MANY_ITEMS)
    writer = OxigraphStore(db)
    try:
        extra = URIRef("https://w3id.org/qzqd-kg/id/list/天水/item/new")
        writer.add([(extra, URIRef(KG + "name"), Literal("新事项", lang="zh"), GRAPH)], GRAPH)
        status, _, body = _get(_sparql_url(server, query=COUNT))  # the build is still open
        assert status == 503 and b"being rebuilt" in body
    finally:
        writer.close()
    assert _count(server) == len(MANY_ITEMS) + 1


def test_a_store_rebuilt_while_idle_is_reopened(serve: Serve, db: Path) -> None:
    server = serve(db=db, workers=1)
    assert _count(server) == len(MANY_ITEMS)
    sample_db(db, ITEMS | {"x1": "另一个", "x2": "再一个"})
    assert _count(server) == len(ITEMS) + 2  # the graph was replaced by a smaller one


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:  # a zombie is not running
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_a_worker_killed_while_idle_does_not_fail_the_next_query(serve: Serve, db: Path) -> None:
    server = serve(db=db, workers=1)
    (pid,) = _worker_pids(server)
    with contextlib.suppress(ProcessLookupError):  # it may have been replaced already on a loaded machine
        os.kill(pid, 9)
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _count(server) == len(MANY_ITEMS)


def test_a_build_gets_the_store_from_a_server_under_constant_load(serve: Serve, db: Path) -> None:
    from kg.store.oxigraph import OxigraphStore

    server = serve(db=db, workers=1)
    stop = threading.Event()
    answers: list[int] = []

    def hammer() -> None:  # queries back to back: the worker never idles long enough to close
        while not stop.is_set():
            answers.append(_get(_sparql_url(server, query=COUNT))[0])

    load = threading.Thread(target=hammer, daemon=True)
    load.start()
    try:
        time.sleep(0.5)
        started = time.monotonic()
        writer = OxigraphStore(db)  # waits for the readers' shared lock, at most KG_LOCK_WAIT
        waited = time.monotonic() - started
        writer.close()
    finally:
        stop.set()
        load.join(timeout=30)
    assert waited < 5, f"the build waited {waited:.1f} s for a server under load"
    assert 200 in answers and set(answers) <= {200, 503}

"""The ``sparql`` store's HTTP errors, with no server or a silent one: each names the endpoint."""

from __future__ import annotations

import socket
import threading

import pytest
from rdflib import URIRef

from kg.store.base import StoreError
from kg.store.sparql import SparqlStore
from kg.store.sparql_http import parse_results


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_endpoint_is_named() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    with pytest.raises(StoreError, match=f"cannot reach SPARQL endpoint {url}"):
        SparqlStore(url).query("ASK {}")


def test_silent_endpoint_times_out() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    try:
        with pytest.raises(StoreError, match=rf"{url} did not answer within 0\.5 s"):
            SparqlStore(url, timeout=0.5).query("ASK {}")
    finally:
        for connection in accepted:
            connection.close()
        listener.close()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"endpoint": ""}, "needs --endpoint", id="empty"),
        pytest.param({"endpoint": "ftp://x/sparql"}, "not an http", id="scheme"),
        pytest.param({"endpoint": "http://x/sparql", "batch_size": 0}, "batch_size", id="batch"),
    ],
)
def test_bad_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        SparqlStore(**kwargs)  # type: ignore[arg-type]


def test_bad_graph_iri_refused_before_loading() -> None:
    sparql = SparqlStore(f"http://127.0.0.1:{_closed_port()}/sparql")
    with pytest.raises(StoreError, match="not a bindable IRI"):
        sparql.replace_graph(URIRef("urn:x> DROP ALL"), [])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(b'{"head": {}, "boolean": true}', [{"ask": True}], id="ask"),
        pytest.param(
            b'{"head": {"vars": ["n", "x"]}, "results": {"bindings": [{"n": {"type": "typed-literal",'
            b' "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "3"}}]}}',
            [{"n": 3, "x": None}],
            id="virtuoso-typed-literal-and-unbound",
        ),
    ],
)
def test_parse_results(body: bytes, expected: list[dict[str, object]]) -> None:
    rows = parse_results(body, "http://e.org/sparql")
    assert [{k: (v.toPython() if v is not None else None) for k, v in r.items()} for r in rows] == expected


def test_html_instead_of_json_is_named() -> None:
    with pytest.raises(StoreError, match=r"http://e\.org/sparql did not send JSON results"):
        parse_results(b"<html>login</html>", "http://e.org/sparql")

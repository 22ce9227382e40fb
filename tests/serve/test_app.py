"""``kg serve`` as SPARQL clients see it: SPARQLWrapper, curl-style requests, browsers."""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib.term import Identifier, Literal
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.serve import KgServer, make_server
from kg.serve.engine import QueryRunner
from kg.store.base import Row, Store
from tests.serve.conftest import HOSTILE, ITEMS

Serve = Callable[..., KgServer]
NAMES_QUERY = "SELECT ?seq ?name WHERE { ?item kg:seq ?seq ; kg:name ?name } ORDER BY ?seq"


def _get(url: str, headers: Mapping[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return _open(urllib.request.Request(url, headers=dict(headers or {})))


def _open(request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _sparql_url(server: KgServer, **params: str) -> str:
    return f"{server.url}/sparql?{urllib.parse.urlencode(params)}"


# -- SPARQLWrapper -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "request_method"),
    [
        pytest.param("GET", None, id="get"),
        pytest.param(POST, None, id="post-form"),
        pytest.param(POST, POSTDIRECTLY, id="post-sparql-query"),
    ],
)
def test_sparqlwrapper_json(serve: Serve, method: str, request_method: str | None) -> None:
    client = SPARQLWrapper(serve().url + "/sparql")
    client.setQuery(NAMES_QUERY)
    client.setReturnFormat(JSON)
    client.setMethod(method)
    if request_method:
        client.setRequestMethod(request_method)
    result = client.queryAndConvert()
    assert result["head"]["vars"] == ["seq", "name"]
    got = {
        b["seq"]["value"]: (b["name"]["value"], b["name"]["xml:lang"]) for b in result["results"]["bindings"]
    }
    assert got == {seq: (name, "zh") for seq, name in ITEMS.items()}


@pytest.mark.parametrize(
    ("fmt", "column"),
    [pytest.param(CSV, "name", id="csv"), pytest.param(TSV, "?name", id="tsv")],
)
def test_sparqlwrapper_tables(serve: Serve, fmt: str, column: str) -> None:
    client = SPARQLWrapper(serve().url + "/sparql")
    client.setQuery(NAMES_QUERY)
    client.setReturnFormat(fmt)
    text = client.queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == CSV else "\t"))
    assert rows[0] == ["seq" if fmt == CSV else "?seq", column]
    assert len(rows) == 1 + len(ITEMS)


def test_sparqlwrapper_xml_and_ask(serve: Serve) -> None:
    client = SPARQLWrapper(serve().url + "/sparql")
    client.setQuery(NAMES_QUERY)
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    names = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert HOSTILE in names
    client.setQuery("ASK { ?item kg:seq '4165' }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True


def test_sparqlwrapper_update_is_refused(serve: Serve) -> None:
    server = serve()
    client = SPARQLWrapper(server.url + "/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    assert len(server.runner.store) == 3 * len(ITEMS)


def test_sparqlwrapper_syntax_error(serve: Serve) -> None:
    client = SPARQLWrapper(serve().url + "/sparql")
    client.setQuery("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed):
        client.query()


# -- the protocol, request by request ---------------------------------------------------------


@pytest.mark.parametrize(
    ("request_args", "status"),
    [
        pytest.param({"params": {"update": "DROP ALL"}}, 403, id="get-update-param"),
        pytest.param({"params": {"query": "DROP ALL"}}, 403, id="update-as-query"),
        pytest.param(
            {"params": {"query": "# hi\nINSERT DATA { <a:b> <a:c> 'd' }"}}, 403, id="insert-as-query"
        ),
        pytest.param(
            {"body": b"DROP ALL", "type": "application/sparql-update"}, 403, id="post-sparql-update"
        ),
        pytest.param(
            {"body": b"update=CLEAR+ALL", "type": "application/x-www-form-urlencoded"},
            403,
            id="post-form-update",
        ),
        pytest.param({"params": {"query": "SELEKT *"}}, 400, id="not-a-query"),
        pytest.param(
            {"params": {"query": "SELECT * { ?s ?p ?o }", "default-graph-uri": "urn:g"}}, 400, id="dataset"
        ),
        pytest.param(
            {"params": {"query": "SELECT * { ?s ?p ?o }", "format": "docx"}}, 406, id="unknown-format"
        ),
        pytest.param({"body": b"SELECT * {}", "type": "text/plain"}, 415, id="wrong-content-type"),
    ],
)
def test_refusals(serve: Serve, request_args: dict[str, object], status: int) -> None:
    server = serve()
    params = request_args.get("params", {})
    url = f"{server.url}/sparql?{urllib.parse.urlencode(params)}"  # type: ignore[arg-type]
    body = request_args.get("body")
    headers = {"Content-Type": str(request_args["type"])} if body is not None else {}
    code, _, text = _open(urllib.request.Request(url, data=body, headers=headers))  # type: ignore[arg-type]
    assert code == status, text
    assert text.strip()  # every refusal says why
    assert len(server.runner.store) == 3 * len(ITEMS)


@pytest.mark.parametrize(
    ("accept", "param", "content_type"),
    [
        pytest.param("application/sparql-results+json", None, "application/sparql-results+json", id="json"),
        pytest.param("application/sparql-results+xml", None, "application/sparql-results+xml", id="xml"),
        pytest.param("text/csv", None, "text/csv", id="csv"),
        pytest.param("text/tab-separated-values", None, "text/tab-separated-values", id="tsv"),
        pytest.param("text/html,*/*;q=0.8", None, "application/sparql-results+json", id="browser"),
        pytest.param(
            "text/csv;q=0.1, application/xml;q=0.9", None, "application/sparql-results+xml", id="q-values"
        ),
        pytest.param("application/json", "tsv", "text/tab-separated-values", id="param-wins"),
    ],
)
def test_content_negotiation(serve: Serve, accept: str, param: str | None, content_type: str) -> None:
    params = {"query": NAMES_QUERY} | ({"format": param} if param else {})
    status, headers, _ = _get(_sparql_url(serve(), **params), {"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == content_type


def test_csv_is_the_w3c_format(serve: Serve) -> None:
    _, _, body = _get(_sparql_url(serve(), query=NAMES_QUERY, format="csv"))
    lines = body.decode("utf-8").split("\r\n")
    assert lines[0] == "seq,name"
    assert lines[1] == f"4165,{ITEMS['4165']}"
    assert next(csv.reader([lines[3]])) == ["9999", HOSTILE]


def test_empty_result_keeps_its_header(serve: Serve) -> None:
    query = "SELECT ?item ?name WHERE { ?item kg:seq 'no-such' ; kg:name ?name }"
    _, _, body = _get(_sparql_url(serve(), query=query))
    assert json.loads(body) == {"head": {"vars": ["item", "name"]}, "results": {"bindings": []}}


def test_xml_results_parse(serve: Serve) -> None:
    _, _, body = _get(_sparql_url(serve(), query=NAMES_QUERY, format="xml"))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ElementTree.fromstring(body)
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["seq", "name"]
    assert len(root.findall("r:results/r:result", ns)) == len(ITEMS)


def test_cors_and_nosniff(serve: Serve) -> None:
    _, headers, _ = _get(_sparql_url(serve(), query="ASK {}"))
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["X-Content-Type-Options"] == "nosniff"


# -- limits ------------------------------------------------------------------------------------


class SlowStore(Store):
    """Answers every query after ``delay`` seconds with ``rows`` numbered rows."""

    def __init__(self, delay: float, rows: int) -> None:
        self.delay, self.rows = delay, rows

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        time.sleep(self.delay)
        return [{"n": Literal(n)} for n in range(self.rows)]

    def replace_graph(self, graph, quads):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def remove(self, graph):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def graphs(self):  # type: ignore[no-untyped-def]
        return []

    def export(self, fmt, path):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def __len__(self) -> int:
        return 0


def test_timeout_answers_503_promptly(serve: Serve) -> None:
    server = serve(SlowStore(delay=3.0, rows=1), timeout=0.3, workers=1, queue_wait=0.2)
    started = time.monotonic()
    status, _, body = _get(_sparql_url(server, query="SELECT ?n {}"))
    assert status == 503
    assert b"longer than 0.3 s" in body
    assert time.monotonic() - started < 2.0
    status, headers, body = _get(_sparql_url(server, query="SELECT ?n {}"))  # the worker is still busy
    assert (status, b"busy" in body) == (503, True)
    assert headers["Retry-After"]


def test_limit_cuts_and_says_so(serve: Serve) -> None:
    server = serve(SlowStore(delay=0, rows=25), limit=10)
    status, headers, body = _get(_sparql_url(server, query="SELECT ?n {}"))
    assert status == 200
    assert headers["X-SPARQL-MaxRows"] == "10"
    assert len(json.loads(body)["results"]["bindings"]) == 10
    _, headers, _ = _get(_sparql_url(serve(SlowStore(delay=0, rows=5), limit=10), query="SELECT ?n {}"))
    assert "X-SPARQL-MaxRows" not in headers


def test_loopback_by_default() -> None:
    server = make_server(QueryRunner(SlowStore(0, 0)), port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


# -- the static site -------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "instrument").mkdir(parents=True)
    (root / "index.html").write_text("<h1>首页</h1>", encoding="utf-8")
    (root / "instrument" / "社会保险法.html").write_text("<h1>社会保险法</h1>", encoding="utf-8")
    (root / "app.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not serve", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("path", "status", "needle"),
    [
        pytest.param("/", 200, "首页", id="index"),
        pytest.param(
            "/instrument/" + urllib.parse.quote("社会保险法.html"), 200, "社会保险法", id="chinese-path"
        ),
        pytest.param("/app.js", 200, "console", id="script"),
        pytest.param("/../secret.txt", 404, "not found", id="dotdot"),
        pytest.param("/%2e%2e/secret.txt", 404, "not found", id="encoded-dotdot"),
        pytest.param("/instrument/%2e%2e/%2e%2e/secret.txt", 404, "not found", id="nested-dotdot"),
        pytest.param("/missing.html", 404, "not found", id="missing"),
    ],
)
def test_static_site(serve: Serve, site: Path, path: str, status: int, needle: str) -> None:
    server = serve(site=site)
    # http.client would normalise nothing, so the raw path reaches the server as written
    code, _, body = _get(server.url + path)
    assert code == status
    assert needle in body.decode("utf-8")


def test_static_types(serve: Serve, site: Path) -> None:
    server = serve(site=site)
    assert _get(server.url + "/app.js")[1]["Content-Type"].startswith("text/javascript")
    assert _get(server.url + "/")[1]["Content-Type"] == "text/html; charset=utf-8"


def test_without_site_a_landing_page(serve: Serve, tmp_path: Path) -> None:
    status, _, body = _get(serve(site=tmp_path / "nope").url + "/")
    assert status == 200
    assert b'href="/query"' in body


def test_syntax_errors_keep_the_client_s_line_numbers(serve: Serve) -> None:
    status, _, body = _get(_sparql_url(serve(), query="SELECT ?s\nWHERE { ?s ?p }"))
    assert status == 400
    assert b"at 2:" in body  # the error is on the query's second line, not behind the prefixes

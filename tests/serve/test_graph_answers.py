"""CONSTRUCT and DESCRIBE answered as graphs, and syntax errors placed in the client's own text."""

from __future__ import annotations

import html
import json
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import KgServer
from tests.serve.conftest import ID, ITEMS, KG, sample_db
from tests.serve.test_app import _get, _sparql_url

Serve = Callable[..., KgServer]
NAMES = "CONSTRUCT { ?item kg:name ?name } WHERE { ?item kg:name ?name }"


@pytest.mark.parametrize(
    ("accept", "param", "content_type", "rdf_format"),
    [
        pytest.param(None, None, "text/turtle", "turtle", id="turtle-by-default"),
        pytest.param("application/n-triples", None, "application/n-triples", "nt", id="ntriples-by-accept"),
        pytest.param(None, "json-ld", "application/ld+json", "json-ld", id="jsonld-by-param"),
        pytest.param("application/sparql-results+json", "nt", "application/n-triples", "nt", id="param-wins"),
    ],
)
def test_construct_is_answered_as_a_graph(
    serve: Serve, accept: str | None, param: str | None, content_type: str, rdf_format: str
) -> None:
    params = {"query": NAMES} | ({"format": param} if param else {})
    status, headers, body = _get(_sparql_url(serve(), **params), {"Accept": accept} if accept else None)
    assert status == 200, body
    assert headers["Content-Type"].startswith(content_type)
    graph = Graph().parse(data=body.decode("utf-8"), format=rdf_format)
    names = {str(o) for o in graph.objects(None, URIRef(KG + "name"))}
    assert names == set(ITEMS.values())  # the hostile name comes back as data, intact


def test_describe_is_answered(serve: Serve) -> None:
    item = f"{ID}list/天水/item/4165"
    status, _, body = _get(_sparql_url(serve(), query=f"DESCRIBE <{item}>", format="nt"))
    assert status == 200, body
    graph = Graph().parse(data=body.decode("utf-8"), format="nt")
    assert {str(p) for p in graph.predicates(URIRef(item), None)} == {KG + "restsOn", KG + "name", KG + "seq"}


def test_construct_has_the_row_limit(serve: Serve) -> None:
    status, headers, body = _get(_sparql_url(serve(limit=2), query=NAMES, format="nt"))
    assert status == 200
    assert headers["X-SPARQL-MaxRows"] == "2"
    assert len(Graph().parse(data=body.decode("utf-8"), format="nt")) == 2


def test_a_graph_format_for_a_select_is_not_acceptable(serve: Serve) -> None:
    status, _, body = _get(_sparql_url(serve(), query="SELECT * { ?s ?p ?o }", format="turtle"))
    assert status == 406 and b"json" in body


def test_the_page_shows_a_construct_as_triples(serve: Serve) -> None:
    status, _, body = _get(f"{serve().url}/query?query=" + NAMES.replace(" ", "+"))
    page = body.decode("utf-8")
    assert status == 200
    assert f"{len(ITEMS)} 三元组" in page and "<th>?predicate</th>" in page
    assert "<script>alert" not in page  # cells escaped, as for SELECT
    assert "format=turtle" in page


@pytest.mark.parametrize(
    ("query", "position"),
    [
        pytest.param("SELECT ?s WHERE { ?s ?p }", "at 1:26", id="first-line"),
        pytest.param("SELECT ?s\nWHERE { ?s ?p }", "at 2:16", id="second-line"),
        pytest.param(
            "SELECT ?名 WHERE { ?名 ?p ?o ?x }", "at 1:28 (near '?x", id="chinese-counts-characters"
        ),
    ],
)
def test_syntax_errors_are_positioned_in_the_client_s_text(serve: Serve, query: str, position: str) -> None:
    server = serve()
    status, _, body = _get(_sparql_url(server, query=query))
    message = body.decode("utf-8")
    assert status == 400
    assert position in message, message
    assert len(message) < 200  # a short message, not the grammar
    status, _, page = _get(f"{server.url}/query?" + urllib.parse.urlencode({"query": query}))
    assert status == 400 and html.escape(position) in page.decode("utf-8")


def test_a_long_list_of_expected_tokens_is_cut(serve: Serve) -> None:
    status, _, body = _get(_sparql_url(serve(), query="SELECT * WHERE { ?s ?p ?o } ORDER"))
    message = body.decode("utf-8")
    assert status == 400
    assert message.count(",") <= 6
    assert json.dumps(message)  # plain text, one line of it


def test_kg_query_positions_errors_in_the_user_s_text(tmp_path: Path) -> None:
    db = sample_db(tmp_path / "kg-data")
    result = CliRunner().invoke(app, ["query", "SELECT ?s\nWHERE { ?s ?p }", "--db", str(db)])
    assert result.exit_code == 2
    assert "syntax error at 2:16" in " ".join(result.output.split())

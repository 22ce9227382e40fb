"""The four SPARQL results formats, written exactly, and choosing one per request."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from rdflib import BNode, Literal, URIRef

from kg.serve.results import FORMATS, UnknownFormatError, negotiate, serialize
from kg.store.base import Row

IRI = URIRef("https://w3id.org/qzqd-kg/id/instrument/中华人民共和国社会保险法/art_58")
ROWS: list[Row] = [
    {"p": IRI, "text": Literal('第五十八条\t"用人单位"\n应当', lang="zh"), "n": Literal(3)},
    {"p": BNode("b0"), "text": Literal("a,b"), "n": None},
]
VARS = ["p", "text", "n"]


@pytest.mark.parametrize(
    ("param", "accept", "name"),
    [
        pytest.param(None, None, "json", id="nothing-means-json"),
        pytest.param("XML", None, "xml", id="param-case-insensitive"),
        pytest.param("text/csv", None, "csv", id="param-as-mime"),
        pytest.param(None, "application/sparql-results+json, text/csv;q=0.9", "json", id="q-order"),
        pytest.param(None, "text/tab-separated-values;q=0.2, text/csv;q=0.3", "csv", id="q-wins"),
        pytest.param(None, "text/turtle", "json", id="unsupported-falls-back"),
        pytest.param(None, "text/csv;q=abc", "csv", id="bad-q"),
    ],
)
def test_negotiate(param: str | None, accept: str | None, name: str) -> None:
    assert negotiate(param, accept).name == name


def test_unknown_format_parameter_is_an_error() -> None:
    with pytest.raises(UnknownFormatError, match="'ttl'"):
        negotiate("ttl", None)


def test_json() -> None:
    document = json.loads(serialize(FORMATS["json"], VARS, ROWS))
    first, second = document["results"]["bindings"]
    assert document["head"]["vars"] == VARS
    assert first["p"] == {"type": "uri", "value": str(IRI)}
    assert first["text"]["xml:lang"] == "zh"
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert second["p"] == {"type": "bnode", "value": "b0"}
    assert "n" not in second  # unbound: absent, not null
    assert "datatype" not in second["text"]  # plain strings carry no xsd:string


def test_csv_round_trips_through_a_csv_reader() -> None:
    text = serialize(FORMATS["csv"], VARS, ROWS).decode("utf-8")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [VARS, [str(IRI), '第五十八条\t"用人单位"\n应当', "3"], ["_:b0", "a,b", ""]]


def test_tsv_keeps_one_line_per_row() -> None:
    lines = serialize(FORMATS["tsv"], VARS, ROWS).decode("utf-8").splitlines()
    assert lines[0] == "?p\t?text\t?n"
    assert len(lines) == 3
    assert lines[1].split("\t") == [
        f"<{IRI}>",
        '"第五十八条\\t\\"用人单位\\"\\n应当"@zh',
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ]
    assert lines[2].split("\t") == ["_:b0", '"a,b"', ""]


def test_xml_parses_and_survives_control_characters() -> None:
    rows: list[Row] = [*ROWS, {"p": IRI, "text": Literal("bell\x07<tag>&"), "n": None}]
    root = ElementTree.fromstring(serialize(FORMATS["xml"], VARS, rows))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    literals = [e.text for e in root.iterfind(".//r:literal", ns)]
    assert "bell\ufffd<tag>&" in literals
    lang = root.find(".//r:binding[@name='text']/r:literal", ns)
    assert lang is not None and lang.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask(fmt: str) -> None:
    body = serialize(FORMATS[fmt], [], [], ask=True).decode("utf-8")
    assert "true" in body
    assert "false" in serialize(FORMATS[fmt], [], [], ask=False).decode("utf-8")

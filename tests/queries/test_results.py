"""SPARQL 1.1 result formats."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import XSD, BNode, Literal, URIRef

from kg.results import compact, to_csv, to_json

ROWS = [
    {"s": URIRef("https://w3id.org/qzqd-kg/id/x"), "o": Literal("第八条", lang="zh")},
    {"s": BNode("b0"), "o": Literal('引号"与,逗号\n换行')},
    {"s": URIRef("https://w3id.org/qzqd-kg/id/y"), "o": None},
]


def test_csv_is_sparql_csv() -> None:
    text = to_csv(["s", "o"], ROWS)
    assert text.startswith("s,o\r\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["s", "o"],
        ["https://w3id.org/qzqd-kg/id/x", "第八条"],
        ["_:b0", '引号"与,逗号\n换行'],
        ["https://w3id.org/qzqd-kg/id/y", ""],
    ]


def test_json_is_sparql_json() -> None:
    payload = to_json(["s", "o"], ROWS)
    assert payload["head"] == {"vars": ["s", "o"]}
    first, second, third = payload["results"]["bindings"]
    assert first["o"] == {"type": "literal", "value": "第八条", "xml:lang": "zh"}
    assert second["s"] == {"type": "bnode", "value": "b0"}
    assert "o" not in third
    assert to_json(["n"], [{"n": Literal(3)}])["results"]["bindings"][0]["n"]["datatype"] == str(XSD.integer)


def test_ask_json() -> None:
    assert to_json(["ask"], [{"ask": Literal(True)}]) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("term", "text"),
    [
        (URIRef("https://w3id.org/qzqd-kg/ontology#restsOn"), "kg:restsOn"),
        (URIRef("https://example.org/x"), "<https://example.org/x>"),
        (Literal("值"), "值"),
        (None, ""),
    ],
    ids=["prefixed", "unknown-namespace", "literal", "unbound"],
)
def test_compact(term, text: str) -> None:  # type: ignore[no-untyped-def]
    assert compact(term) == text

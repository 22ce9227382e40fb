"""Binding values into SPARQL text safely, and telling queries from updates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from kg.store.sparql_syntax import (
    SparqlSyntaxError,
    bind_values,
    ntriples_line,
    projection,
    query_form,
    term_to_sparql,
)

HOSTILE_TEXTS = [
    pytest.param('" } ; DROP ALL ; SELECT * { "', id="quote-brace-drop"),
    pytest.param('\\" } INSERT DATA { <a:b> <a:c> <a:d> } #', id="backslash-quote"),
    pytest.param("line\nbreak\r\ttab", id="control-whitespace"),
    pytest.param("\\u0022 } DROP ALL", id="codepoint-escape-text"),
    pytest.param("\\U0000007d\\u00221234 \x071234abcd", id="codepoint-escapes-then-hex"),
    pytest.param("'''\"\"\"", id="long-quotes"),
    pytest.param("社会保险法第五十八条\x00\x1f", id="nul-and-unit-separator"),
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_bound_literal_stays_one_term(text: str) -> None:
    from rdflib import Graph

    name = URIRef("http://e.org/name")
    graph = Graph()
    graph.add((URIRef("http://e.org/hit"), name, Literal(text)))
    graph.add((URIRef("http://e.org/miss"), name, Literal("other")))
    query = bind_values("SELECT ?x WHERE { ?x <http://e.org/name> ?name }", {"name": Literal(text)})
    assert query.count("VALUES") == 1
    rows = list(graph.query(query))  # a broken string or a second statement fails to parse
    assert [row[0] for row in rows] == [URIRef("http://e.org/hit")]


@pytest.mark.parametrize(
    "iri",
    [
        pytest.param("http://e.org/a> } DROP ALL #", id="angle-close"),
        pytest.param("http://e.org/a b", id="space"),
        pytest.param('http://e.org/"x"', id="quote"),
        pytest.param("http://e.org/\\u003E", id="backslash"),
        pytest.param("http://e.org/{x}", id="braces"),
    ],
)
def test_unsafe_iri_refused(iri: str) -> None:
    with pytest.raises(SparqlSyntaxError, match="not a bindable IRI"):
        term_to_sparql(URIRef(iri))


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        pytest.param(
            URIRef("https://w3id.org/qzqd-kg/id/法/art_58"),
            "<https://w3id.org/qzqd-kg/id/法/art_58>",
            id="iri-chinese",
        ),
        pytest.param(Literal("第五十八条", lang="zh"), '"第五十八条"@zh', id="lang"),
        pytest.param(Literal(12), '"12"^^<http://www.w3.org/2001/XMLSchema#integer>', id="integer"),
        pytest.param(Literal('a"b\\c'), '"a\\"b\\\\c"', id="escapes"),
        pytest.param(Literal("\x07"), '"\\U00000007"', id="bell"),
    ],
)
def test_term_serialisation(term: Literal | URIRef, expected: str) -> None:
    assert term_to_sparql(term) == expected


@pytest.mark.parametrize(
    ("term", "message"),
    [
        pytest.param(BNode(), "blank node", id="bnode"),
        pytest.param(Literal("x", datatype=URIRef("http://e.org/t> . <x")), "IRI", id="bad-datatype"),
    ],
)
def test_unbindable_terms(term: BNode | Literal, message: str) -> None:
    with pytest.raises(SparqlSyntaxError, match=message):
        term_to_sparql(term)


@pytest.mark.parametrize(
    "name",
    [pytest.param("x }", id="space-brace"), pytest.param("", id="empty"), pytest.param("a-b", id="dash")],
)
def test_bad_variable_names_refused(name: str) -> None:
    with pytest.raises(SparqlSyntaxError, match="variable name"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {name: Literal(1)})


@pytest.mark.parametrize(
    ("query", "expected_prefix"),
    [
        pytest.param(
            'PREFIX kg: <http://e.org/x#> SELECT * WHERE { ?s ?p "}{" }',
            "PREFIX kg: <http://e.org/x#> SELECT * WHERE { VALUES",
            id="hash-in-iri-braces-in-string",
        ),
        pytest.param(
            "# a { comment\nSELECT * FROM <http://e.org/g> { ?s ?p '{' }",
            "# a { comment\nSELECT * FROM <http://e.org/g> { VALUES",
            id="no-where-keyword",
        ),
        pytest.param(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "CONSTRUCT { ?s ?p ?o } WHERE { VALUES",
            id="construct-template-skipped",
        ),
        pytest.param(
            "SELECT (COUNT(?i) AS ?n) WHERE { ?i ?p ?s FILTER(?s < 5) } GROUP BY ?p",
            "SELECT (COUNT(?i) AS ?n) WHERE { VALUES",
            id="aggregate",
        ),
    ],
)
def test_values_open_the_outer_where_group(query: str, expected_prefix: str) -> None:
    bound = bind_values(query, {"s": URIRef("http://e.org/s")})
    assert bound.startswith(expected_prefix)
    parseQuery(bound)


def test_bound_value_is_seen_by_aggregates() -> None:
    from rdflib import Graph

    graph = Graph()
    for n in range(3):
        graph.add((URIRef(f"http://e.org/i{n}"), URIRef("http://e.org/rests"), URIRef("http://e.org/a")))
    graph.add((URIRef("http://e.org/j"), URIRef("http://e.org/rests"), URIRef("http://e.org/b")))
    query = "SELECT (COUNT(?i) AS ?n) WHERE { ?i <http://e.org/rests> ?p }"
    rows = list(graph.query(bind_values(query, {"p": URIRef("http://e.org/a")})))
    assert int(rows[0][0]) == 3


@pytest.mark.parametrize(
    ("query", "form"),
    [
        pytest.param("select * { ?s ?p ?o }", "SELECT", id="select-lower"),
        pytest.param("BASE <http://e.org/> PREFIX : <x#> ASK { ?s ?p ?o }", "ASK", id="ask-prologue"),
        pytest.param("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", id="construct"),
        pytest.param("DESCRIBE <http://e.org/a>", "DESCRIBE", id="describe"),
        pytest.param("INSERT DATA { <a:b> <a:c> <a:d> }", "UPDATE", id="insert"),
        pytest.param("# SELECT\nDROP ALL", "UPDATE", id="drop-after-comment"),
        pytest.param("WITH <g:x> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE", id="with"),
        pytest.param("PREFIX select: <http://e.org/> CLEAR ALL", "UPDATE", id="prefix-named-select"),
    ],
)
def test_query_form(query: str, form: str) -> None:
    assert query_form(query) == form


@pytest.mark.parametrize(
    "query", [pytest.param("", id="empty"), pytest.param("DEFINE x 1 SELECT *", id="define")]
)
def test_unknown_query_form_raises(query: str) -> None:
    with pytest.raises(SparqlSyntaxError, match="expected a SPARQL query"):
        query_form(query)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        pytest.param("SELECT ?a ?b WHERE { ?a ?p ?b }", ["a", "b"], id="plain"),
        pytest.param("SELECT REDUCED ?a (STR(?b) AS ?s) { ?a ?p ?b }", ["a", "s"], id="expression"),
        pytest.param("SELECT * WHERE { ?a ?p ?b }", None, id="star"),
        pytest.param("ASK { ?a ?p ?b }", None, id="ask"),
    ],
)
def test_projection(query: str, names: list[str] | None) -> None:
    assert projection(query) == names


def test_ntriples_line_round_trips_through_rdflib() -> None:
    from rdflib import Graph

    triple = (URIRef("http://e.org/法"), URIRef("http://e.org/p"), Literal('引"号\n', lang="zh"))
    graph = Graph().parse(data=ntriples_line(*triple), format="nt")
    assert set(graph) == {triple}


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_binds_as_exactly_itself(text: str) -> None:
    """Whatever a list cell holds, the bound query matches that literal and nothing else."""
    from rdflib import Graph

    graph = Graph()
    graph.add((URIRef("http://e.org/hit"), URIRef("http://e.org/name"), Literal(text)))
    graph.add((URIRef("http://e.org/miss"), URIRef("http://e.org/name"), Literal(text + "x")))
    query = bind_values("SELECT ?x WHERE { ?x <http://e.org/name> ?name }", {"name": Literal(text)})
    assert [row[0] for row in graph.query(query)] == [URIRef("http://e.org/hit")]

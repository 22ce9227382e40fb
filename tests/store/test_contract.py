"""The Store contract, run against every backend of ``conftest.BACKENDS``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import XSD, Dataset, Graph, Literal, URIRef

from kg.store.base import Quad, Store, StoreError

EX = "https://w3id.org/qzqd-kg/id/"
NAME = URIRef("https://w3id.org/qzqd-kg/ontology#name")
G1, G2 = URIRef(EX + "graph/甲清单"), URIRef(EX + "graph/乙清单")


def _quads(graph: URIRef, count: int, tag: str = "v") -> list[Quad]:
    return [(URIRef(f"{EX}power/{n}"), NAME, Literal(f"{tag}{n}", lang="zh"), graph) for n in range(count)]


def _names(store: Store) -> set[str]:
    rows = store.query(f"SELECT ?o WHERE {{ ?s <{NAME}> ?o }}")
    return {str(r["o"]) for r in rows}


def test_replace_graph_loads_and_counts(any_store: Store) -> None:
    assert any_store.replace_graph(G1, _quads(G1, 5)) == 5
    assert any_store.graphs() == [G1]
    assert len(any_store) == 5
    assert _names(any_store) == {f"v{n}" for n in range(5)}


def test_replace_graph_replaces_instead_of_merging(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 5, "old"))
    any_store.replace_graph(G2, _quads(G2, 2, "other"))
    any_store.replace_graph(G1, _quads(G1, 3, "new"))
    assert _names(any_store) == {"new0", "new1", "new2", "other0", "other1"}
    assert len(any_store) == 5


def test_replace_with_nothing_empties_the_graph(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 3))
    assert any_store.replace_graph(G1, []) == 0
    assert any_store.graphs() == []


def test_remove_drops_one_graph_only(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 3))
    any_store.replace_graph(G2, _quads(G2, 2, "w"))
    assert any_store.remove(G1) is True
    assert any_store.remove(G1) is False
    assert any_store.graphs() == [G2]
    assert _names(any_store) == {"w0", "w1"}


def _failing(quads: list[Quad]) -> Iterator[Quad]:
    yield from quads
    raise RuntimeError("interrupted")


def test_failed_replace_leaves_the_previous_graph(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 3, "old"))
    with pytest.raises(RuntimeError, match="interrupted"):
        any_store.replace_graph(G1, _failing(_quads(G1, 20_000, "new")))
    assert any_store.graphs() == [G1]
    assert _names(any_store) == {"old0", "old1", "old2"}


HOSTILE = ['他说"好" } ; DROP ALL ; #', "换行\n回车\r", "<script>alert(1)</script>", "\\u0022"]


@pytest.mark.parametrize("text", HOSTILE, ids=["braces", "newlines", "markup", "escape"])
def test_bound_values_are_values_not_query_text(any_store: Store, text: str) -> None:
    subject = URIRef(EX + "power/x")
    any_store.replace_graph(G1, [(subject, NAME, Literal(text), G1), *_quads(G1, 2)])
    rows = any_store.query(f"SELECT ?s ?o WHERE {{ ?s <{NAME}> ?o }}", {"o": Literal(text)})
    assert [r["s"] for r in rows] == [subject]
    assert len(any_store) == 3


def test_bound_iri(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 3))
    rows = any_store.query(f"SELECT ?s ?o WHERE {{ ?s <{NAME}> ?o }}", {"s": URIRef(EX + "power/1")})
    assert [str(r["o"]) for r in rows] == ["v1"]


def test_ask(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 1))
    assert any_store.query("ASK { ?s ?p ?o }") == [{"ask": Literal(True)}]
    assert any_store.query(f"ASK {{ ?s <{NAME}> 'nothing' }}") == [{"ask": Literal(False)}]


def test_syntax_error_is_a_store_error(any_store: Store) -> None:
    with pytest.raises(StoreError):
        any_store.query("SELEKT nothing")


@pytest.mark.parametrize(
    "term",
    [
        Literal("第八条", lang="zh"),
        Literal(42),
        Literal("2014-02-21", datatype=XSD.date),
        Literal(True),
        Literal("plain"),
    ],
    ids=["lang", "integer", "date", "boolean", "plain"],
)
def test_literals_round_trip(any_store: Store, term: Literal) -> None:
    subject = URIRef(EX + "x")
    any_store.replace_graph(G1, [(subject, NAME, term, G1)])
    (row,) = any_store.query(f"SELECT ?o WHERE {{ <{subject}> <{NAME}> ?o }}")
    assert row["o"] == term


def test_explicit_xsd_string_comes_back_plain(any_store: Store) -> None:
    any_store.replace_graph(G1, [(URIRef(EX + "x"), NAME, Literal("cites", datatype=XSD.string), G1)])
    (row,) = any_store.query(f"SELECT ?o WHERE {{ ?s <{NAME}> ?o }}")
    assert row["o"] == Literal("cites")


def test_unbound_optional_is_none(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 1))
    (row,) = any_store.query(
        f"SELECT ?s ?missing WHERE {{ ?s <{NAME}> ?o OPTIONAL {{ ?s <{EX}nope> ?missing }} }}"
    )
    assert row["missing"] is None


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nq", "nquads"), ("trig", "trig")], ids=["nq", "trig"])
def test_export_quads_round_trip(any_store: Store, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    quads = _quads(G1, 3) + _quads(G2, 2, "w")
    any_store.replace_graph(G1, quads[:3])
    any_store.replace_graph(G2, quads[3:])
    out = tmp_path / f"export.{fmt}"
    assert any_store.export(fmt, out) == 5
    back = Dataset()
    back.parse(out, format=rdflib_format)
    assert {(s, p, o, g) for s, p, o, g in back.quads((None, None, None, None)) if g in (G1, G2)} == set(
        quads
    )


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nt", "nt"), ("ttl", "turtle")], ids=["nt", "ttl"])
def test_export_triples_is_the_union(any_store: Store, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    shared = (URIRef(EX + "instrument/甲法"), NAME, Literal("甲法", lang="zh"))
    any_store.replace_graph(G1, [(*shared, G1), *_quads(G1, 2)])
    any_store.replace_graph(G2, [(*shared, G2)])
    out = tmp_path / f"export.{fmt}"
    any_store.export(fmt, out)
    back = Graph().parse(out, format=rdflib_format)
    assert len(back) == 3
    assert shared in back


def test_export_refuses_unknown_format(any_store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        any_store.export("docx", tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()

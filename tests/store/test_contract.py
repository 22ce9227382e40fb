"""The Store contract, run against every backend :func:`kg.store.registry.names` lists."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

import pytest
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.store.base import Quad, Row, Store, StoreError

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


def test_the_declared_export_formats_are_the_ones_export_takes(any_store: Store, tmp_path: Path) -> None:
    """``kg export --format`` offers ``export_formats``: each must work, for every backend."""
    assert {"nq", "trig", "nt", "ttl", "jsonld"} <= set(any_store.export_formats)
    any_store.replace_graph(G1, _quads(G1, 2))
    for fmt in any_store.export_formats:
        assert any_store.export(fmt, tmp_path / f"export.{fmt}") == 2, fmt


def test_export_refuses_unknown_format(any_store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        any_store.export("docx", tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


NTRIPLES = (
    f'<{EX}power/1> <{NAME}> "他说\\"罚款\\"\\n第二行"@zh .\n'
    f'<{EX}power/2> <{NAME}> "58"^^<{XSD.integer}> .\n'
    f'<{EX}power/3> <{NAME}> "三" .\n'
).encode()


def test_load_ntriples_replaces_the_graph_and_counts(any_store: Store) -> None:
    any_store.replace_graph(G1, _quads(G1, 5))
    any_store.replace_graph(G2, _quads(G2, 1, "w"))
    assert any_store.load_ntriples(G1, NTRIPLES) == 3
    assert _names(any_store) == {'他说"罚款"\n第二行', "58", "三", "w0"}
    assert len(any_store) == 4
    assert any_store.load_ntriples(G1, b"") == 0
    assert any_store.graphs() == [G2]


def test_iter_quads_gives_every_quad_once_with_its_graph(any_store: Store) -> None:
    quads = _quads(G1, 3) + _quads(G2, 2, "w")
    any_store.replace_graph(G1, quads[:3])
    any_store.replace_graph(G2, quads[3:])
    got = list(any_store.iter_quads())
    assert len(got) == 5 and set(got) == set(quads)


def test_location_is_where_the_store_and_its_manifest_live(any_store: Store) -> None:
    from kg.scale.manifest import manifest_path

    any_store.replace_graph(G1, _quads(G1, 1))
    location = any_store.location
    if type(any_store).default_db is None:
        assert location is None and manifest_path(any_store) is None
        return
    assert location is not None and location.exists()
    assert manifest_path(any_store) in (location / "kg-manifest.json", Path(f"{location}.manifest.json"))
    assert type(any_store).persistent


class _Minimal(Store):
    """Only the abstract methods (over a memory store): what the base class adds must work on it."""

    name = "minimal"

    def __init__(self) -> None:
        from kg.store.memory import MemoryStore

        self.inner = MemoryStore(None)

    def replace_graph(self, graph: URIRef, quads: Iterable[Quad]) -> int:
        return self.inner.replace_graph(graph, quads)

    def add(self, quads: Iterable[Quad], graph: URIRef) -> int:
        return self.inner.add(quads, graph)

    def remove(self, graph: URIRef) -> bool:
        return self.inner.remove(graph)

    def graphs(self) -> list[URIRef]:
        return self.inner.graphs()

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        return self.inner.query(sparql, bindings)

    def export(self, fmt: str, path: Path) -> int:
        return self.inner.export(fmt, path)

    def __len__(self) -> int:
        return len(self.inner)


def test_the_base_class_loads_ntriples_and_iterates_quads() -> None:
    store = _Minimal()
    assert not (store.native_ntriples or store.native_quads or store.persistent)
    assert store.load_ntriples(G1, NTRIPLES) == 3
    assert {str(o) for _s, _p, o, g in store.iter_quads() if g == G1} == {'他说"罚款"\n第二行', "58", "三"}
    assert store.location is None


def _ntriples(count: int, tag: str) -> bytes:
    return "".join(f'<{EX}power/{n}> <{NAME}> "{tag}{n}"@zh .\n' for n in range(count)).encode()


def _graph_names(store: Store, graph: URIRef) -> set[str]:
    return {str(o) for _s, _p, o, g in store.iter_quads() if g == graph}


def test_a_new_store_is_empty_until_it_holds_a_graph(any_store: Store) -> None:
    assert any_store.is_empty()
    any_store.load_ntriples(G1, _ntriples(2, "v"))
    assert not any_store.is_empty()
    any_store.remove(G1)
    assert any_store.is_empty()


def test_load_graphs_leaves_each_graph_as_load_ntriples_would(any_store: Store) -> None:
    loaded = any_store.load_graphs(iter([(G1, NTRIPLES), (G2, _ntriples(4, "w"))]))
    assert loaded == 7
    assert any_store.graphs() == sorted([G1, G2])
    assert _graph_names(any_store, G1) == {'他说"罚款"\n第二行', "58", "三"}
    assert _graph_names(any_store, G2) == {f"w{n}" for n in range(4)}
    assert len(any_store) == 7


def test_load_graphs_a_graph_named_twice_keeps_the_last(any_store: Store) -> None:
    any_store.load_graphs([(G1, _ntriples(3, "old")), (G2, _ntriples(1, "w")), (G1, _ntriples(2, "new"))])
    assert _graph_names(any_store, G1) == {"new0", "new1"}
    assert len(any_store) == 3


def test_load_graphs_into_a_store_that_holds_graphs_replaces_them(any_store: Store) -> None:
    any_store.load_ntriples(G1, _ntriples(5, "old"))
    any_store.load_graphs([(G1, _ntriples(2, "new")), (G2, _ntriples(1, "w"))])
    assert _graph_names(any_store, G1) == {"new0", "new1"}
    assert _graph_names(any_store, G2) == {"w0"}


def _interrupted(pairs: list[tuple[URIRef, bytes]]) -> Iterator[tuple[URIRef, bytes]]:
    yield from pairs
    raise RuntimeError("interrupted")


def test_a_failed_load_graphs_leaves_no_half_graph(any_store: Store) -> None:
    with pytest.raises(RuntimeError, match="interrupted"):
        any_store.load_graphs(_interrupted([(G1, _ntriples(3, "v"))]))
    # a bulk load leaves nothing; one graph at a time leaves the graphs it finished, whole
    assert any_store.graphs() in ([], [G1])
    if any_store.graphs():
        assert _graph_names(any_store, G1) == {"v0", "v1", "v2"}


EDGY = ["\\u0022 backslash-u", "tab\there", "bell\x07", '他说"好" } ; DROP ALL ; #', "end\\", "换行\n回车\r"]


def test_reloading_a_changed_graph_keeps_every_character(any_store: Store) -> None:
    """A changed list may be applied as a difference (an update's text): its terms must survive it."""
    from kg.store.sparql_syntax import ntriples_line

    def data(texts: list[str]) -> bytes:
        return "".join(
            ntriples_line(URIRef(f"{EX}power/{n}"), NAME, Literal(text)) for n, text in enumerate(texts)
        ).encode()

    any_store.load_ntriples(G1, data([*EDGY, "kept", "gone"]))
    assert any_store.load_ntriples(G1, data([*EDGY, "kept", "new"])) == len(EDGY) + 2
    assert _graph_names(any_store, G1) == {*EDGY, "kept", "new"}
    rows = any_store.query(f"SELECT ?s WHERE {{ ?s <{NAME}> ?o }}", {"o": Literal(EDGY[0])})
    assert [r["s"] for r in rows] == [URIRef(f"{EX}power/0")]


@pytest.mark.parametrize("implementation", ["backend", "base"])
def test_remove_subjects_deletes_their_triples_from_one_graph_only(
    any_store: Store, implementation: str
) -> None:
    """The backend's own deletion, and the base class's (read and replace) that any backend inherits."""
    remove = (
        any_store.remove_subjects
        if implementation == "backend"
        else partial(Store.remove_subjects, any_store)
    )
    kept, gone = URIRef(EX + "power/1"), [URIRef(EX + "power/0"), URIRef(EX + "power/2")]
    any_store.replace_graph(G1, [*_quads(G1, 3), (gone[0], NAME, Literal("again"), G1)])
    any_store.replace_graph(G2, _quads(G2, 3, "w"))
    assert remove(G1, [*gone, URIRef(EX + "power/none")]) == 3
    rows = any_store.query(f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{NAME}> ?o }} }}", {"g": G1})
    assert [(r["s"], str(r["o"])) for r in rows] == [(kept, "v1")]
    assert _names(any_store) == {"v1", "w0", "w1", "w2"}  # the other graph keeps the same subjects
    assert remove(G1, gone) == 0

"""The canned queries, on a small hand-built graph, with the same answers on every local backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg import iri
from kg.graph.build import list_quads
from kg.iri import graph_iri
from kg.model import CellCitations, ExtractedItem
from kg.queries import names, parameters, run_query
from kg.scale.summary import rebuild_summary
from kg.store import open_store
from kg.store.base import Store
from kg.store.memory import MemoryStore
from tests.factories import CODE_PREFIX, cite, item, power_list, prov

LAW = iri.instrument_iri("中华人民共和国社会保险法")
ART77 = URIRef(f"{LAW}/art_77")
ART8 = URIRef(f"{LAW}/art_8")


def _cells(basis=(), accountability=()):  # type: ignore[no-untyped-def]
    return (
        CellCitations("basis", "x" * 50, tuple(basis)),
        CellCitations("duties", "", ()),
        CellCitations("accountability", "x" * 50, tuple(accountability)),
    )


def _load(store: Store) -> None:
    jia = [
        ExtractedItem(item("1", code=CODE_PREFIX + "01"), _cells([cite("社会保险法", prov(77), prov(8))])),
        ExtractedItem(
            item("2", code=CODE_PREFIX + "02"), _cells([cite("社会保险法", prov(8), role="mentions")])
        ),
        ExtractedItem(item("3"), _cells(accountability=[cite("社会保险法", prov(93))])),
    ]
    yi_list = power_list("乙县医保局权责清单", "yi.txt")
    yi = [
        ExtractedItem(
            item("8", list_title=yi_list.title, agency="乙县医疗保障局"),
            _cells([cite("中华人民共和国社会保险法", prov(77, paragraph=1))]),
        ),
        ExtractedItem(item("9", list_title=yi_list.title, agency="乙县医疗保障局"), _cells()),
    ]
    for pl, items in ((power_list(), jia), (yi_list, yi)):
        store.replace_graph(graph_iri(pl.title), list_quads(pl, items))
    rebuild_summary(store)


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    opened = open_store(request.param, db=tmp_path / ("db" if request.param == "oxigraph" else "db.nq"))
    _load(opened)
    return opened


def _seqs(rows: list) -> list[str]:
    return [str(r["seq"]) for r in rows]


def test_powers_on_an_article_include_its_paragraphs_and_skip_mentions(store: Store) -> None:
    rows = run_query(store, "powers_on_provision", target=ART77)
    assert [(str(r["listTitle"]), str(r["seq"]), str(r["citedAs"])) for r in rows] == [
        ("乙县医保局权责清单", "8", "第七十七条第一款"),
        ("甲市医保局权责清单", "1", "第七十七条"),
    ]
    assert _seqs(run_query(store, "powers_on_provision", target=ART8)) == ["1"]


def test_cited_as_names_the_chapter_where_the_cell_did_else_the_provisions_label() -> None:
    store = MemoryStore()
    law = iri.instrument_iri("国务院令第649号")
    items = [
        ExtractedItem(
            item("1"), _cells([cite("社会救助暂行办法", prov(27, chapter=5), doc="国务院令第649号")])
        ),
        ExtractedItem(item("2"), _cells([cite("社会救助暂行办法", prov(27), doc="国务院令第649号")])),
    ]
    store.replace_graph(graph_iri(power_list().title), list_quads(power_list(), items))
    rows = run_query(store, "powers_on_provision", target=law)
    assert sorted((str(r["seq"]), str(r["citedAs"])) for r in rows) == [
        ("1", "第五章第二十七条"),
        ("2", "第二十七条"),
    ]
    # kg trace's two steps: citations_of names only what the cell wrote beyond the label,
    # and cited_label gives the label once for the rest
    article = URIRef(f"{law}/art_27")
    rows = run_query(store, "citations_of", cited=article)
    assert sorted((str(r["seq"]), str(r.get("citedAs"))) for r in rows) == [
        ("1", "第五章第二十七条"),
        ("2", "None"),
    ]
    assert [str(r["label"]) for r in run_query(store, "cited_label", cited=article)] == ["第二十七条"]
    assert run_query(store, "cited_label", cited=law) == []


def test_powers_on_an_instrument(store: Store) -> None:
    rows = run_query(store, "powers_on_instrument", instrument=LAW)
    assert [(str(r["seq"]), int(r["citations"])) for r in rows] == [("8", 1), ("1", 2), ("3", 1)]
    assert _seqs(run_query(store, "powers_on_provision", target=LAW)) == ["8", "1", "1", "3"]


def test_agency_provisions(store: Store) -> None:
    agency = iri.agency_iri(credit_code=None, name="乙县医疗保障局")
    rows = run_query(store, "agency_provisions", agency=agency)
    assert [(str(r["target"]).rsplit("/", 1)[1], int(r["items"])) for r in rows] == [("art_77__para_1", 1)]


def test_most_cited_provisions_count_parts(store: Store) -> None:
    rows = run_query(store, "most_cited_provisions")
    top = rows[0]
    assert top["provision"] == ART77
    assert (int(top["items"]), int(top["agencies"])) == (2, 2)


def test_shared_and_most_cited_instruments(store: Store) -> None:
    (shared,) = run_query(store, "shared_instruments")
    assert shared["instrument"] == LAW
    assert int(shared["agencies"]) == 2
    (cited,) = run_query(store, "most_cited_instruments")
    assert (int(cited["items"]), int(cited["citations"])) == (3, 4)


def test_items_without_basis(store: Store) -> None:
    rows = run_query(store, "items_without_basis")
    assert [(str(r["listTitle"])[:1], str(r["seq"])) for r in rows] == [("乙", "9"), ("甲", "2"), ("甲", "3")]


def test_an_item_two_lists_share_is_listed_for_the_row_that_gives_no_basis(tmp_path: Path) -> None:
    """One power code in two lists: the row without a basis is listed, with its own 序号 and line."""
    shared = CODE_PREFIX + "05"
    store = open_store("memory", db=tmp_path / "db.nq")
    bing = power_list("丙市医保局权责清单", "bing.txt")
    ding = power_list("丁市医保局权责清单", "ding.txt")
    store.replace_graph(
        graph_iri(bing.title),
        list_quads(bing, [ExtractedItem(item("1", code=shared, list_title=bing.title, line=7), _cells())]),
    )
    cited = _cells([cite("社会保险法", prov(8))])
    store.replace_graph(
        graph_iri(ding.title),
        list_quads(ding, [ExtractedItem(item("2", code=shared, list_title=ding.title, line=9), cited)]),
    )
    rows = run_query(store, "items_without_basis")
    assert [(str(r["listTitle"]), str(r["seq"]), int(r["line"])) for r in rows] == [
        ("丙市医保局权责清单", "1", 7)
    ]


def test_backends_agree_on_every_canned_query(tmp_path: Path) -> None:
    stores = [open_store("oxigraph", db=tmp_path / "ox"), MemoryStore()]
    for opened in stores:
        _load(opened)
    bindings = {
        "target": ART77,
        "instrument": LAW,
        "resource": LAW,
        "agency": iri.agency_iri(credit_code=None, name="乙县医疗保障局"),
    }
    for name in OWN_QUERIES:
        bound = {k: bindings[k] for k in parameters(name)}
        answers = [run_query(s, name, **bound) for s in stores]
        assert answers[0] == answers[1], name


OWN_QUERIES = (
    "agency_provisions",
    "analysis_edges",
    "analysis_nodes",
    "instrument_labels",
    "instrument_provisions",
    "items_without_basis",
    "most_cited_instruments",
    "most_cited_provisions",
    "powers_on_instrument",
    "powers_on_provision",
    "resource_label",
    "shared_instruments",
)
"""The queries of this area (the site's own are tested with the site)."""


def test_own_queries_exist() -> None:
    assert set(OWN_QUERIES) <= set(names())


def test_run_query_refuses_plain_strings(store: Store) -> None:
    with pytest.raises(TypeError, match="rdflib term"):
        run_query(store, "powers_on_provision", target="https://example.org/x")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="no canned query"):
        run_query(store, "drop_everything")
    with pytest.raises(KeyError, match="takes"):
        run_query(store, "most_cited_provisions", target=LAW)


def test_a_hostile_literal_binding_stays_a_value(store: Store) -> None:
    rows = run_query(store, "powers_on_provision", target=Literal('x" } ; DROP ALL ; #'))
    assert rows == []
    assert len(store.graphs()) == 3  # two lists and the summary

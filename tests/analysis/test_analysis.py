"""networkx projections: the network, central provisions, shared bases, GraphML/GEXF."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg import iri
from kg.analysis import agencies_sharing_bases, central_provisions, citation_network, export_network
from kg.graph.build import list_quads
from kg.model import CellCitations, ExtractedItem
from kg.store.memory import MemoryStore
from tests.factories import cite, item, power_list, prov

LAW = str(iri.instrument_iri("中华人民共和国社会保险法"))


def _cells(*citations):  # type: ignore[no-untyped-def]
    return (CellCitations("basis", "x" * 40, tuple(citations)),)


@pytest.fixture
def store() -> MemoryStore:
    opened = MemoryStore()
    jia = [
        ExtractedItem(item("1"), _cells(cite("社会保险法", prov(77, paragraph=1)))),
        ExtractedItem(item("2"), _cells(cite("社会保险法", prov(77)), cite("劳动法", prov(3)))),
    ]
    yi = power_list("乙清单", "yi.txt")
    yi_items = [
        ExtractedItem(item("5", list_title="乙清单", agency="乙局"), _cells(cite("社会保险法", prov(8))))
    ]
    for pl, items in ((power_list(), jia), (yi, yi_items)):
        opened.replace_graph(iri.graph_iri(pl.title), list_quads(pl, items))
    return opened


def test_network_has_kinds_and_relations(store: MemoryStore) -> None:
    graph = citation_network(store)
    kinds = nx.get_node_attributes(graph, "kind")
    assert kinds[LAW] == "instrument"
    assert kinds[f"{LAW}/art_77__para_1"] == "provision"
    assert graph.edges[f"{LAW}/art_77__para_1", f"{LAW}/art_77"]["relation"] == "partOf"
    assert sum(1 for k in kinds.values() if k == "agency") == 2


def test_central_provisions_count_items_through_parts(store: MemoryStore) -> None:
    top = central_provisions(citation_network(store), top=2)
    assert [(c.iri.rsplit("/", 1)[1], c.items) for c in top] == [("art_77", 2), ("art_3", 1)]
    assert top[0].label == "中华人民共和国社会保险法第七十七条"
    assert top[0].score == pytest.approx(2 / 3, abs=1e-6)


def test_agencies_sharing_bases(store: MemoryStore) -> None:
    (pair,) = agencies_sharing_bases(citation_network(store))
    assert {pair.first, pair.second} == {"甲市医疗保障局", "乙局"}
    assert pair.shared == ("中华人民共和国社会保险法",)


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_network(store: MemoryStore, tmp_path: Path, fmt: str, reader) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"graph.{fmt}"
    count = export_network(store, fmt, out)
    back = reader(out)
    assert back.number_of_nodes() == count > 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    with pytest.raises(ValueError, match="graphml"):
        export_network(store, "png", tmp_path / "x.png")

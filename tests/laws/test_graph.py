"""The library's own named graph: status, dates, versions and cited article texts, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg import iri
from kg.laws.graph import library_quads, load_library_graph
from kg.laws.lawrefbook import LawRefBookFolder
from kg.laws.library import Library, library_from_instruments, shipped_library
from kg.laws.model import LawArticle, LawInstrument, LawVersion
from kg.scale import build_in_process
from kg.store import open_store
from kg.store.base import Store
from kg.validate import validate_store
from tests.laws.factories import make_lawrefbook_folder, write_law

PREFIXES = """
PREFIX kg: <https://w3id.org/qzqd-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""
SOCIAL = iri.instrument_iri("中华人民共和国社会保险法")


def _list(folder: Path, basis: str) -> Path:
    path = folder / "测试局权责清单.txt"
    header = "序号\t权力类型\t事项名称\t实施主体\t实施依据\n"
    path.write_text(
        f"测试局权责清单\n{header}1\t行政处罚\t未办理社会保险登记\t测试局\t{basis}\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(LawRefBookFolder(make_lawrefbook_folder(tmp_path / "laws")).instruments())


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store("memory", db=tmp_path / "kg.nq")
    basis = "《中华人民共和国社会保险法》第三条之一、第三条第一款、第四条；《社会救助暂行办法》第二条；《某某不存在法》第一条"
    build_in_process([_list(tmp_path, basis)], opened)
    return opened


def _values(store: Store, query: str) -> list[str]:
    return sorted(str(next(iter(row.values()))) for row in store.query(PREFIXES + query))


def test_library_facts_live_in_their_own_graph(store: Store, library: Library) -> None:
    summary = load_library_graph(store, library)
    assert (summary.instruments, summary.linked) == (3, 2)
    assert iri.library_graph_iri() in store.graphs()
    status = _values(
        store, f"SELECT ?s WHERE {{ GRAPH <{iri.library_graph_iri()}> {{ <{SOCIAL}> eli:in_force ?s }} }}"
    )
    assert status == [str(iri.law_status_iri("in_force"))]
    versions = _values(
        store, f"SELECT ?d WHERE {{ <{SOCIAL}> eli:is_realized_by ?v . ?v eli:version_date ?d }}"
    )
    assert versions == ["2010-10-28", "2018-12-29"]
    current = _values(store, f"SELECT ?v WHERE {{ <{SOCIAL}> kg:currentVersion ?v }}")
    assert current == [str(iri.law_version_iri(SOCIAL, "2018-12-29"))]
    amended = _values(store, f"SELECT ?t WHERE {{ <{SOCIAL}> eli:amended_by ?a . ?a eli:title ?t }}")
    assert amended == ["关于修改〈中华人民共和国社会保险法〉的决定"]
    passed = _values(store, f"SELECT ?d WHERE {{ <{SOCIAL}> eli:date_document ?d }}")
    assert "2010-10-28" in passed


def test_cited_provisions_link_to_the_text_of_the_version_in_force(store: Store, library: Library) -> None:
    summary = load_library_graph(store, library)
    assert (summary.provisions, summary.texts) == (5, 5)
    paragraph = URIRef(f"{SOCIAL}/art_3__para_1")
    texts = _values(store, f"SELECT ?t WHERE {{ <{paragraph}> eli:is_realized_by ?e . ?e kg:lawText ?t }}")
    assert texts == ["职工应当参加职工基本医疗保险。"]
    items = URIRef(f"{SOCIAL}/art_4")
    (listed,) = _values(store, f"SELECT ?t WHERE {{ <{items}> eli:is_realized_by ?e . ?e kg:lawText ?t }}")
    assert listed.endswith("：\n（一）参保；\n（二）缴费。")
    article = URIRef(f"{SOCIAL}/art_3__artsfx_1")
    (text,) = _values(store, f"SELECT ?t WHERE {{ <{article}> eli:is_realized_by ?e . ?e kg:lawText ?t }}")
    assert text.startswith("用人单位应当自用工之日起三十日内")  # the 2018 text, not the 2010 one
    version = _values(store, f"SELECT ?v WHERE {{ <{article}> eli:is_realized_by ?e . ?e kg:inVersion ?v }}")
    assert version == [str(iri.law_version_iri(SOCIAL, "2018-12-29"))]


def test_loading_twice_replaces_and_is_deterministic(store: Store, library: Library) -> None:
    first, _ = library_quads(store, library)
    load_library_graph(store, library)
    second, _ = library_quads(store, library)
    assert sorted(first) == sorted(second)
    before = len(store)
    load_library_graph(store, library)
    assert len(store) == before


def test_instruments_the_library_lacks_get_no_library_facts(store: Store) -> None:
    summary = load_library_graph(store, library_from_instruments([]))
    assert (summary.linked, summary.quads) == (0, 0)


def test_a_repealed_instrument_names_its_repealing_act(tmp_path: Path) -> None:
    old = LawInstrument(
        title="中华人民共和国示例暂行条例",
        versions=(LawVersion(date="2011-01-08", source="LawRefBook:a.md", source_status="in_force"),),
    )
    closing = LawArticle(number=9, paragraphs=("《中华人民共和国示例暂行条例》同时废止。",))
    new = LawInstrument(
        title="中华人民共和国示例法",
        versions=(
            LawVersion(
                date="2021-06-10", articles=(closing,), source="LawRefBook:b.md", source_status="in_force"
            ),
        ),
        dates={"in_force": "2022-07-01"},
    )
    opened = open_store("memory", db=tmp_path / "kg.nq")
    build_in_process([_list(tmp_path, "《中华人民共和国示例暂行条例》第一条")], opened)
    load_library_graph(opened, library_from_instruments([old, new]))
    node = iri.instrument_iri("中华人民共和国示例暂行条例")
    assert _values(opened, f"SELECT ?s WHERE {{ <{node}> eli:in_force ?s }}") == [
        str(iri.law_status_iri("repealed"))
    ]
    assert _values(opened, f"SELECT ?d WHERE {{ <{node}> eli:date_no_longer_in_force ?d }}") == ["2022-07-01"]
    assert _values(opened, f"SELECT ?t WHERE {{ <{node}> eli:repealed_by ?a . ?a eli:title ?t }}") == [
        "中华人民共和国示例法"
    ]
    cited = _values(opened, "SELECT ?i WHERE { ?i a eli:LegalResource }")
    assert cited == [str(node)]  # the repealing act is named, not counted as a cited instrument


def test_samples_with_the_library_graph_conform_to_the_shapes(
    sample_paths: list[Path], tmp_path: Path
) -> None:
    opened = open_store("memory", db=tmp_path / "kg.nq")
    build_in_process(sample_paths, opened)
    summary = load_library_graph(opened, shipped_library())
    assert summary.linked >= 6 and summary.texts == summary.provisions
    report = validate_store(opened)
    assert report.conforms, report.text[:2000]


def test_a_local_law_file_feeds_the_graph_too(tmp_path: Path) -> None:
    write_law(
        tmp_path / "laws",
        "DLC/甘肃/甘肃省示例条例(2020-05-01).md",
        "# 甘肃省示例条例\n\n<!-- INFO END -->\n\n第一条 甲。\n",
    )
    library = Library(LawRefBookFolder(tmp_path / "laws").instruments())
    opened = open_store("memory", db=tmp_path / "kg.nq")
    build_in_process([_list(tmp_path, "《甘肃省示例条例》第一条")], opened)
    assert load_library_graph(opened, library).texts == 1


def test_law_status_concepts_are_in_the_scheme_file() -> None:
    from rdflib import RDF, SKOS, Graph

    from kg.laws.model import STATUSES
    from kg.validate import ontology_path

    schemes = Graph().parse(ontology_path("schemes.ttl"), format="turtle")
    concepts = set(schemes.subjects(SKOS.inScheme, iri.scheme_iri("law-status")))
    assert concepts == {iri.law_status_iri(status) for status in STATUSES}
    assert all((concept, RDF.type, SKOS.Concept) in schemes for concept in concepts)

"""Resolving the user's words to a node, with a stand-in extractor and a memory store."""

from __future__ import annotations

import pytest

from kg import iri
from kg.scale import build_in_process
from kg.store.memory import MemoryStore
from kg.trace import TraceError, resolve_reference, trace
from tests.factories import FakeExtractor, cite, item, power_list, prov

TEXTS = {
    "《社会保险法》第七十七条第一款": [cite("社会保险法", prov(77, paragraph=1, quote="甲"), span=(0, 15))],
    "《社会保险法》第八条": [cite("社会保险法", prov(8), span=(0, 10))],
    "《办法》（甲发〔2019〕3号）": [cite("甲办法", doc="甲发〔2019〕3号", span=(0, 14))],
    # what the user types
    "社会保险法第七十七条": [cite("社会保险法", prov(77))],
    "社会保险法第七十八条": [cite("社会保险法", prov(78))],
    "社会保险法": [cite("社会保险法")],
    "甲办法": [cite("甲办法")],
    "第八条和第九条": [cite("社会保险法", prov(8), prov(9))],
    "两部法": [cite("社会保险法", span=(0, 1)), cite("劳动法", span=(1, 2))],
    "劳动法第一条": [cite("劳动法", prov(1))],
}
EXTRACT = FakeExtractor(TEXTS)
LAW = iri.instrument_iri("中华人民共和国社会保险法")


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    opened = MemoryStore()
    items = [
        item("1", "《社会保险法》第七十七条第一款"),
        item("2", "《社会保险法》第八条"),
        item("3", "《办法》（甲发〔2019〕3号）"),
    ]
    build_in_process([(power_list(), items)], opened, extract=EXTRACT)
    return opened


def test_article_includes_its_paragraph(store: MemoryStore) -> None:
    result = trace("社会保险法第七十七条", store, extract=EXTRACT)
    assert result.iri == f"{LAW}/art_77"
    assert result.label == "中华人民共和国社会保险法第七十七条"
    assert [(p.seq, [(c.cited_as, c.quote) for c in p.citations]) for p in result.powers] == [
        ("1", [("第七十七条第一款", "甲")])
    ]
    assert result.powers[0].file == "jia.txt"


def test_instrument_gathers_every_provision(store: MemoryStore) -> None:
    result = trace("社会保险法", store, extract=EXTRACT)
    assert result.iri == str(LAW)
    assert sorted(p.seq for p in result.powers) == ["1", "2"]


def test_title_known_in_the_graph_only_by_its_number(store: MemoryStore) -> None:
    node, label = resolve_reference("甲办法", store, extract=EXTRACT)
    assert node == iri.instrument_iri("甲发〔2019〕3号")
    assert label == "甲办法（甲发〔2019〕3号）"


@pytest.mark.parametrize(
    ("words", "code", "message"),
    [
        ("社会保险法第七十八条", 1, "no power in the graph cites"),
        ("劳动法第一条", 1, "no instrument"),
        ("第八条和第九条", 2, "several provisions"),
        ("两部法", 2, "more than one reference"),
        ("什么也没有", 2, "no law, article or document number"),
    ],
    ids=["unknown-article", "unknown-instrument", "two-provisions", "two-instruments", "nothing"],
)
def test_errors(store: MemoryStore, words: str, code: int, message: str) -> None:
    with pytest.raises(TraceError, match=message) as caught:
        trace(words, store, extract=EXTRACT)
    assert caught.value.exit_code == code


def test_unknown_article_offers_the_nearest_known_ones(store: MemoryStore) -> None:
    with pytest.raises(TraceError) as caught:
        trace("社会保险法第七十八条", store, extract=EXTRACT)
    labels = [label for _iri, label in caught.value.candidates]
    assert labels[0] == "中华人民共和国社会保险法第七十七条"


def test_json_form(store: MemoryStore) -> None:
    payload = trace("社会保险法第七十七条", store, extract=EXTRACT).to_dict()
    assert set(payload) == {"provision", "counts", "complete", "powers", "law"}
    assert payload["complete"] is True
    assert payload["provision"]["label"] == "中华人民共和国社会保险法第七十七条"
    assert payload["counts"] == {"powers": 1, "provisions": 1, "citations": 1, "agencies": 1}
    source = payload["powers"][0]["source"]
    assert source == {"list": source["list"], "seq": "1", "file": "jia.txt", "line": 5}

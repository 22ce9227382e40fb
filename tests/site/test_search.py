"""The site's search understands what ``kg trace`` understands: keys computed with its parser."""

from __future__ import annotations

import pytest

from kg.ingest import bundled_samples
from kg.scale import build_in_process
from kg.site.data import SiteData, load_site_data
from kg.site.search import reference_keys, reference_texts, search_key
from kg.store.oxigraph import OxigraphStore
from kg.trace import TraceError, resolve_reference

TYPED = {
    "社保法": "中华人民共和国社会保险法",
    "社保法第五十八条": "中华人民共和国社会保险法第五十八条",
    "社会保险法第58条": "中华人民共和国社会保险法第五十八条",
    "《中华人民共和国社会保险法》第58条": "中华人民共和国社会保险法第五十八条",
    "国务院令649号": "社会救助暂行办法（国务院令第649号）",
    "国务院令第649号": "社会救助暂行办法（国务院令第649号）",
    "社会保险法第七十七条第一款": "中华人民共和国社会保险法第七十七条第一款",
    "社会保险法第77条第1款": "中华人民共和国社会保险法第七十七条第一款",
}
"""What people type → the label ``kg trace`` gives the node."""


@pytest.fixture(scope="module")
def samples() -> tuple[OxigraphStore, SiteData]:
    store = OxigraphStore(None)
    build_in_process(bundled_samples(), store)
    return store, load_site_data(store)


@pytest.mark.parametrize("typed", sorted(TYPED))
def test_what_trace_understands_the_search_finds(samples: tuple[OxigraphStore, SiteData], typed: str) -> None:
    store, data = samples
    node, label = resolve_reference(typed, store)
    assert label == TYPED[typed]
    assert reference_keys(data)[search_key(typed)] == [str(node)]


def test_every_key_is_a_reference_trace_resolves_to_that_node(
    samples: tuple[OxigraphStore, SiteData],
) -> None:
    store, data = samples
    texts = list(reference_texts(data))
    assert len(texts) > 200
    for text, iri in texts:
        node, _label = resolve_reference(text, store)
        assert str(node) == iri, text


def test_words_trace_rejects_are_not_keys(samples: tuple[OxigraphStore, SiteData]) -> None:
    store, data = samples
    keys = reference_keys(data)
    for words in ("什么也没有", "第五十八条"):
        with pytest.raises(TraceError):
            resolve_reference(words, store)
        assert search_key(words) not in keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("人社部[2016]120号", "人社部〔2016〕120号"),
        ("社会保险法 第５８条", "《社会保险法》第58条"),
        ("ＡＢＣ", "abc"),
    ],
)
def test_search_key_ignores_brackets_width_and_case(a: str, b: str) -> None:
    assert search_key(a) == search_key(b)

"""A trace that shows one page of its powers: the same powers and citations as the whole answer, every count of all.

Built from the bundled samples with the real extractor, into both local backends; each
node is traced whole and then in pages, through both ways a page is read (the whole
answer cut, and only the page's powers asked, :data:`kg.trace.READ_WHOLE_BELOW`).
"""

from __future__ import annotations

import pytest

from kg import trace as tracing
from kg.ingest import bundled_samples
from kg.scale import build_in_process
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.trace import TracedPower, trace

NODES = ["社会保险法", "社会保险法第八条", "国务院令第649号", "社会保险法第五十八条", "人社部〔2016〕120号"]


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest) -> OxigraphStore | MemoryStore:
    opened = OxigraphStore() if request.param == "oxigraph" else MemoryStore()
    build_in_process(bundled_samples(), opened)
    return opened


def _key(power: TracedPower) -> tuple[str, str]:
    return power.list, power.seq


@pytest.mark.parametrize("read_whole_below", [tracing.READ_WHOLE_BELOW, 0])
@pytest.mark.parametrize("node", NODES)
def test_every_page_is_part_of_the_whole_answer(
    store: OxigraphStore | MemoryStore, node: str, read_whole_below: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracing, "READ_WHOLE_BELOW", read_whole_below)
    whole = trace(node, store)
    assert whole.complete and whole.powers
    by_key = {_key(p): p for p in whole.powers}
    seen: list[tuple[str, str]] = []
    for limit in (1, 2, 3, len(whole.powers), len(whole.powers) + 5):
        page = trace(node, store, limit=limit)
        assert page.counts == whole.counts, (node, limit)
        assert len(page.powers) == min(limit, len(whole.powers))
        assert page.complete == (limit >= len(whole.powers))
        for power in page.powers:
            assert power == by_key[_key(power)], "a paged power has every citation the whole answer gives it"
        keys = sorted(_key(p) for p in page.powers)
        assert set(seen) <= set(keys), "a longer page begins with the shorter one"
        seen = keys
    assert sorted(seen) == sorted(by_key)


def test_a_page_is_chosen_by_agency_then_item(store: OxigraphStore | MemoryStore) -> None:
    whole = trace("社会保险法", store)
    page = trace("社会保险法", store, limit=4)
    assert len(page.powers) == 4 < len(whole.powers)
    agencies = sorted({p.agency or "" for p in whole.powers})
    assert {p.agency for p in page.powers} <= set(agencies)
    assert page.to_dict()["complete"] is False and page.to_dict()["counts"] == whole.counts.to_dict()

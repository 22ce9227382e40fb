"""What each page's network draws."""

from __future__ import annotations

from typing import Any

import pytest

from kg.site.data import SiteData, load_site_data
from kg.site.links import Linker
from kg.site.networks import (
    agency_network,
    instrument_network,
    item_network,
    overview_network,
    provision_network,
)
from tests.site.site_graph import ART58, ART86, LAW, PARA1


@pytest.fixture
def data(store: Any, runner: Any) -> SiteData:
    return load_site_data(store, runner)


def kinds(spec: Any) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for node in spec.nodes.values():
        out.setdefault(node["kind"], set()).add(node.get("seq") or node["id"])
    return out


def test_provision_ego_network(data: SiteData) -> None:
    spec = provision_network(data, Linker(data), ART58)
    got = kinds(spec)
    assert spec.focus == ART58
    assert got["item"] == {"1", "2", "7"}
    assert len(got["agency"]) == 2
    assert {ART58, PARA1, ART86} <= got["provision"]
    assert got["instrument"] == {LAW}
    item2 = next(i for i, n in spec.nodes.items() if n.get("seq") == "2")
    assert (item2, ART86) in spec.edges and (item2, PARA1) in spec.edges
    assert all(n["url"] for n in spec.nodes.values())


def test_instrument_network_only_draws_own_provisions(data: SiteData) -> None:
    spec = instrument_network(data, Linker(data), LAW)
    assert kinds(spec)["item"] == {"1", "2", "3", "7"}
    assert kinds(spec)["provision"] == {ART58, PARA1, ART86}


def test_agency_and_item_networks(data: SiteData) -> None:
    agency = next(a for a in data.agencies.values() if a.name == "甲市医疗保障局").iri
    assert kinds(agency_network(data, Linker(data), agency))["item"] == {"1", "2", "3"}
    item = next(i for i in data.items.values() if i.seq == "2").iri
    spec = item_network(data, Linker(data), item)
    assert kinds(spec)["provision"] == {ART58, PARA1, ART86} and len(kinds(spec)["agency"]) == 1


def test_overview_weights(data: SiteData) -> None:
    spec = overview_network(data, Linker(data))
    values = sorted(edge["value"] for edge in spec.edges.values())
    assert values == [1, 3]
    assert set(kinds(spec)) == {"agency", "instrument"}


def test_tooltips_are_plain_text_lists(data: SiteData) -> None:
    spec = provision_network(data, Linker(data), ART58)
    for node in spec.to_json()["nodes"]:
        assert "title" not in node
        assert isinstance(node["tip"], list) and all(isinstance(t, str) for t in node["tip"])

"""Reading the site data from a store through the site queries."""

from __future__ import annotations

from typing import Any

import pytest

from kg.site.data import SiteData, load_site_data
from tests.site.site_graph import ART58, ART86, LAW, PARA1, SHEBAO, XSS


@pytest.fixture
def data(store: Any, runner: Any) -> SiteData:
    return load_site_data(store, runner)


def seqs(data: SiteData, iris: set[str]) -> list[str]:
    return sorted(data.items[i].seq for i in iris)


def test_records(data: SiteData) -> None:
    inst = data.instruments[LAW]
    assert (inst.title, inst.short_title, inst.kind) == (SHEBAO, "社会保险法", "法律")
    assert set(data.provisions) == {ART58, PARA1, ART86}
    assert data.provisions[PARA1].parent == ART58 and data.provisions[ART58].parent is None
    assert data.provisions[ART58].label == "第五十八条"
    assert len(data.items) == 4 and len(data.agencies) == 2
    assert any(a.name == f"乙县医保局{XSS}" for a in data.agencies.values())


@pytest.mark.parametrize(
    ("target", "direct", "deep"),
    [
        (ART58, ["1", "7"], ["1", "2", "7"]),
        (PARA1, ["2"], ["2"]),
        (ART86, ["2", "3"], ["2", "3"]),
        (LAW, [], ["1", "2", "3", "7"]),
    ],
    ids=["article", "paragraph", "other-article", "instrument"],
)
def test_items_on(data: SiteData, target: str, direct: list[str], deep: list[str]) -> None:
    assert seqs(data, data.resting.get(target, set())) == direct
    assert seqs(data, data.items_on(target)) == deep


def test_citations_carry_spans_and_quotes(data: SiteData) -> None:
    clean = next(i for i in data.items.values() if i.seq == "1" and "甲市" in i.list_title)
    (cit,) = data.citations_of(clean.iri)
    assert cit.targets == (ART58,) and cit.column == "basis"
    assert clean.basis[cit.start : cit.end] == cit.text == "《中华人民共和国社会保险法》第五十八条"
    assert data.quote_of(ART58).startswith(("〔清单引文 quoted〕用人单位", "〔清单引文 quoted〕<script>"))
    assert {t for t, _ in data.quoted_texts()[ART58]} == {
        "用人单位应当自用工之日起三十日内为其职工申请办理社会保险登记。",
        XSS,
    }


def test_cited_provisions_in_article_order(data: SiteData) -> None:
    assert data.cited_provisions(LAW) == [ART58, PARA1, ART86]


def test_provision_title(data: SiteData) -> None:
    assert data.provision_title(PARA1) == f"{SHEBAO} 第五十八条第一款"

"""Entity pages: records, tables and marked cells."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from kg.site.data import CitationRecord, SiteData, load_site_data
from kg.site.links import Linker
from kg.site.pages import _merge_same_span, agency_page, instrument_page, item_page, provision_page
from tests.site.site_graph import ART58, ART86, LAW, PARA1


@pytest.fixture
def data(store: Any, runner: Any) -> SiteData:
    return load_site_data(store, runner)


def test_same_span_citations_become_one_mark() -> None:
    a = CitationRecord("c1", "i", ("p77",), start=0, end=9, text="x")
    b = CitationRecord("c2", "i", ("p88",), start=0, end=9, text="x")
    c = CitationRecord("c3", "i", ("p1",), start=12, end=15, text="y")
    merged = _merge_same_span([a, b, c])
    assert [m.targets for m in merged] == [("p77", "p88"), ("p1",)]


def test_provision_page_lists_powers_and_co_cited(data: SiteData) -> None:
    html = provision_page(data, Linker(data), ART58)
    assert "<h1>中华人民共和国社会保险法 第五十八条</h1>" in html
    doc = lxml.html.fromstring(html)
    groups = {
        section.findtext("h3/a")[:5]: sorted(
            tr.findtext("td") for tr in section.iter("tr") if tr.find("td") is not None
        )
        for section in doc.find_class("agency-group")
    }
    assert groups == {"甲市医疗保": ["1", "2"], "乙县医保局": ["7"]}
    tips = [span.get("title") for span in doc.find_class("has-quote")]
    assert any("第五十八条" in tip and "“" in tip for tip in tips)
    co_cited = html.split("also cited by these powers</h2>", 1)[1]
    assert "社会保险法第八十六条" in co_cited and "第五十八条第一款" not in co_cited


def test_instrument_page_lists_cited_provisions_in_order(data: SiteData) -> None:
    html = instrument_page(data, Linker(data), LAW)
    section = html.split("cited provisions</h2>", 1)[1].split("</table>", 1)[0]
    labels = ["第五十八条</a>", "第五十八条第一款</a>", "第八十六条</a>"]
    positions = [section.index(label) for label in labels]
    assert positions == sorted(positions)


def test_item_page_marks_citations_and_links_them(data: SiteData) -> None:
    links = Linker(data)
    item = next(i for i in data.items.values() if i.seq == "2")
    html = item_page(data, links, item.iri)
    assert html.count('<mark class="cite cites"') == 2
    assert f'href="../{links.url(PARA1)}"' in html and f'href="../{links.url(ART86)}"' in html


def test_agency_page_lists_its_powers(data: SiteData) -> None:
    agency = next(a for a in data.agencies.values() if a.name == "甲市医疗保障局")
    html = agency_page(data, Linker(data), agency.iri)
    assert "3 项权责事项" in html


def test_item_page_names_its_source_by_list_title_with_the_file_on_hover(data: SiteData) -> None:
    item = next(i for i in data.items.values() if i.seq == "2")
    doc = lxml.html.fromstring(item_page(data, Linker(data), item.iri))
    (source,) = doc.find_class("source")
    assert source.text_content() == f"{item.list_title} 序号2 第{item.line}行"
    assert source.get("title") == item.source_file


def test_hovering_a_power_in_the_provision_network_shows_its_quote(data: SiteData) -> None:
    from kg.site.networks import provision_network

    spec = provision_network(data, Linker(data), ART58)
    tips = {n["seq"]: n["tip"] for n in spec.nodes.values() if n["kind"] == "item"}
    assert any(line.startswith("引文 quoted：“") for line in tips["1"])


def test_an_instrument_only_mentioned_says_why_it_has_no_powers() -> None:
    from kg.site.data import Instrument
    from kg.site.pages import why_no_powers

    data = SiteData()
    data.instruments["law"] = Instrument("law", "某法")
    data.citations.append(CitationRecord("c", "item", ("law",), role="mentions", column="duties"))
    data.finish()
    assert "仅在责任事项中被提及" in why_no_powers(data, "law")
    assert "仅在责任事项中被提及" in instrument_page(data, Linker(data), "law")

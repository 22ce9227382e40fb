"""Index, overview and the offline search index."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from kg.site.data import SiteData, load_site_data
from kg.site.home import index_page, overview_page, search_index, search_index_js
from kg.site.links import Linker
from tests.site.site_graph import SHEBAO, XSS


@pytest.fixture
def data(store: Any, runner: Any) -> SiteData:
    return load_site_data(store, runner)


def find(entries: list[dict[str, Any]], query: str) -> list[tuple[str, str]]:
    """What the page script finds: substring of label + keys + secondary line."""
    q = query.lower()
    return [(e["t"], e["l"]) for e in entries if q in f"{e['k']} {e['l']} {e['s']}".lower()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("社会保险法", ("instrument", SHEBAO)),
        ("社会保险法第五十八条", ("provision", f"{SHEBAO} 第五十八条")),
        ("第五十八条第一款", ("provision", f"{SHEBAO} 第五十八条第一款")),
        ("甲市医疗保障局", ("agency", "甲市医疗保障局")),
        ("事项3", ("item", "3 事项3")),
        ("甲市医保局权责清单", ("item", "1 事项1")),
    ],
    ids=["title", "short+article", "paragraph", "agency", "name", "list"],
)
def test_search_finds(data: SiteData, query: str, expected: tuple[str, str]) -> None:
    assert expected in find(search_index(data, Linker(data)), query)


def test_search_entries_link_to_pages(data: SiteData) -> None:
    entries = search_index(data, Linker(data))
    assert all(e["u"].endswith(".html") and "/" in e["u"] for e in entries)
    assert len(entries) == 1 + 3 + 2 + 4


def test_search_index_js_is_inert(data: SiteData) -> None:
    js = search_index_js(search_index(data, Linker(data)), {XSS: ["item/x.html"]})
    assert js.startswith("window.KG_SEARCH_INDEX = ") and "<" not in js
    first, second = js.splitlines()
    entries = json.loads(first.removeprefix("window.KG_SEARCH_INDEX = ").rstrip(";"))
    assert any(XSS in e["l"] for e in entries)
    assert json.loads(second.removeprefix("window.KG_SEARCH_KEYS = ").rstrip(";")) == {XSS: ["item/x.html"]}


def test_index_counts_and_most_cited(data: SiteData) -> None:
    html = index_page(data, Linker(data), findings=None)
    assert "<b>4</b>权责事项" in html and "<b>1</b>法律法规文件" in html
    first_row = html.split("most-cited provisions", 1)[1].split("<tbody>", 1)[1]
    assert first_row.index("第五十八条") < first_row.index("第八十六条")


def test_index_links_findings_with_count(data: SiteData) -> None:
    html = index_page(data, Linker(data), findings=("findings.html", 12))
    assert 'href="findings.html"' in html and "12 项" in html


def test_overview_matrix(data: SiteData) -> None:
    html = overview_page(data, Linker(data))
    assert "甲市医疗保障局" in html and re.search(r'<td class="num"[^>]*>3</td>', html)


def test_search_ranks_articles_by_number(data: SiteData) -> None:
    entries = [e for e in search_index(data, Linker(data)) if e["t"] == "provision"]
    ranked = [e["l"].split(" ")[-1] for e in sorted(entries, key=lambda e: e["o"])]
    assert ranked == ["第五十八条", "第五十八条第一款", "第八十六条"]

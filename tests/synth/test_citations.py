"""Citation habits: document-number variants keep their parts, typos stay rare."""

from __future__ import annotations

from random import Random

import pytest
import regex

from kg.synth.citations import TYPO_RATE, cite, doc_number
from kg.synth.quotes import quote_bank
from kg.synth.sources import national_sources


@pytest.mark.parametrize(
    ("number", "parts"),
    [
        ("甘政发〔2012〕64号", ("甘政发", "2012", "64")),
        ("人社部发〔2016〕120号", ("人社部发", "2016", "120")),
        ("国务院令第649号", ("国务院", "649")),
        ("主席令第三十五号", ("主席令", "三十五")),
        ("交通运输部令2020年第17号", ("交通运输部", "2020", "17")),
    ],
    ids=["province", "ministry", "state-council-order", "president-order", "ministry-order"],
)
def test_doc_number_variants_keep_issuer_year_and_number(number: str, parts: tuple[str, ...]) -> None:
    rng = Random(5)
    variants = {doc_number(rng, number) for _ in range(300)}
    assert len(variants) > 2  # several habits occur
    for v in variants:
        assert all(p in v for p in parts), v


def test_year_brackets_vary() -> None:
    rng = Random(1)
    seen = {regex.search(r"(\D)2012(\D)", doc_number(rng, "甘政发〔2012〕64号"))[1] for _ in range(500)}
    assert {"〔", "[", "【", "（"} <= seen


def test_citations_name_their_instrument_and_typos_are_rare() -> None:
    rng = Random(11)
    sources = national_sources("market")
    quotes = quote_bank(0, "market")
    texts = []
    for _ in range(3000):
        s = rng.choice(sources)
        text = cite(rng, s, quotes)
        names = [n for n in (s.title, s.short, s.embedded) if n]
        assert any(n in text for n in names) or "》" not in text, text
        texts.append(text)
    impossible_years = sum(bool(regex.search(r"〔\d{5}〕", t)) for t in texts)
    assert impossible_years < 3000 * TYPO_RATE
    assert sum("第" in t and "条" in t for t in texts) > 1500  # most cite an article
    assert any("：“" in t for t in texts) and any(t.count("“") > t.count("”") for t in texts)

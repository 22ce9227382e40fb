"""Equivalent items in different agencies resting on different articles."""

from __future__ import annotations

import pytest

from kg.audit.divergence import basis_divergences, name_grams
from tests.audit.factories import cite, corpus, item

SIL = "中华人民共和国社会保险法"
FRAUD_A = "对医保定点医药机构、医保经办机构、参保人骗取医保基金支出的处罚"
FRAUD_B = "对医疗保险经办机构以及医疗机构、药品经营单位等社会保险服务机构以欺诈、伪造证明材料或者其他手段骗取医疗保险、生育保险待遇或基金支出的处罚"


def _rows(arts_a: list[int], arts_b: list[int], type_b: str = "行政处罚") -> list:
    return [
        (item("a.txt", "4160", FRAUD_A, type="行政处罚"), {"basis": [cite(SIL, arts=arts_a)]}),
        (item("b.txt", "1", FRAUD_B, type=type_b), {"basis": [cite(SIL, arts=arts_b)]}),
    ]


def test_disjoint_articles_diverge() -> None:
    [finding] = basis_divergences(corpus(_rows([77, 88], [87])))
    assert finding.kind == "basis_divergence"
    assert [(loc.file, loc.seq) for loc in finding.evidence.locations] == [("a.txt", "4160"), ("b.txt", "1")]
    assert "第七十七条、第八十八条" in finding.message and "第八十七条" in finding.message


@pytest.mark.parametrize(
    ("arts_a", "arts_b", "type_b"),
    [([8, 57, 58], [8, 57], "行政处罚"), ([77], [87], "行政确认"), ([77], [], "行政处罚")],
    ids=["overlap", "other-type", "no-articles"],
)
def test_no_divergence(arts_a: list[int], arts_b: list[int], type_b: str) -> None:
    assert basis_divergences(corpus(_rows(arts_a, arts_b, type_b))) == []


def test_only_best_match_is_paired() -> None:
    rows = [
        (item("a.txt", "4163", "本级基本医疗保险待遇结算、支付"), {"basis": [cite(SIL, arts=[8, 64, 73])]}),
        (item("a.txt", "4164", "生育保险待遇支付"), {"basis": [cite(SIL, arts=[8])]}),
        (item("b.txt", "2", "本级医疗保险、生育保险待遇结算和支付"), {"basis": [cite(SIL, arts=[64, 73])]}),
    ]
    assert basis_divergences(corpus(rows)) == []


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("对违反规定屠宰生猪的处罚", "对违反规定贮存、处置危险废物的处罚"),
        ("对未取得采矿许可证擅自采矿的处罚", "对未取得施工许可证擅自施工的处罚"),
    ],
    ids=["same-template-other-object", "same-template-other-licence"],
)
def test_template_wording_does_not_make_items_equivalent(name_a: str, name_b: str) -> None:
    rows = [
        (item("a.txt", "1", name_a, type="行政处罚"), {"basis": [cite(SIL, arts=[1])]}),
        (item("b.txt", "2", name_b, type="行政处罚"), {"basis": [cite(SIL, arts=[2])]}),
    ]
    assert basis_divergences(corpus(rows)) == []


def test_template_bigrams_of_a_large_corpus_are_ignored() -> None:
    filler = [
        (item(f, str(n), f"对{chr(0x4E00 + n)}{chr(0x4E80 + n)}单位的处罚", type="行政处罚"), {})
        for n in range(30)
        for f in ("a.txt",)
    ]
    grams = name_grams([c for c in corpus(filler).items])
    assert all("单位" not in bag for bag in grams.values())

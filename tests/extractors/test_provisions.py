"""Provision runs: chains, lists with units left out, ranges, items, parts, annexes."""

from __future__ import annotations

import pytest

from extractors.provisions import MAX_RANGE_EXPANSION, parse_run

RUNS = [
    ("第八条", [{"article": 8}]),
    ("第48条", [{"article": 48}]),
    ("第一百二十三条", [{"article": 123}]),
    ("第一百三十三条之一", [{"article": 133}]),
    ("第五章第二十七条", [{"chapter": 5, "article": 27}]),
    ("第七十七条第一款", [{"article": 77, "paragraph": 1}]),
    ("第十七条第一、二款", [{"article": 17, "paragraph": 1}, {"article": 17, "paragraph": 2}]),
    ("第十条、第十一条", [{"article": 10}, {"article": 11}]),
    ("第二十八,二十九,三十条", [{"article": 28}, {"article": 29}, {"article": 30}]),
    ("第8条和第9条", [{"article": 8}, {"article": 9}]),
    ("第十条至第十二条", [{"article": 10}, {"article": 11}, {"article": 12}]),
    ("第5-7条", [{"article": 5}, {"article": 6}, {"article": 7}]),
    ("第十条第（二）项", [{"article": 10, "item": 2}]),
    ("第（二）项", [{"item": 2}]),
    ("第七项", [{"item": 7}]),
    ("第二条第四项", [{"article": 2, "item": 4}]),
    ("第80项", [{"item": 80}]),
    ("第三部分第9", [{"part": 3, "item": 9}]),
    ("附件1第1项", [{"annex": 1, "item": 1}]),
    ("附件第236项", [{"annex": 0, "item": 236}]),
    ("第四章", [{"chapter": 4}]),
    ("第二编第三章第一节", [{"book": 2, "chapter": 3, "section": 1}]),
    ("第三十五條", [{"article": 35}]),
    ("第五条，三", [{"article": 5}]),
]


@pytest.mark.parametrize(("run", "paths"), RUNS, ids=[r for r, _ in RUNS])
def test_parse_run(run: str, paths: list[dict[str, int]]) -> None:
    assert [ref.path for ref in parse_run(run)] == paths


def test_suffix_of_article() -> None:
    assert parse_run("第一百三十三条之一")[0].article_suffix == 1


def test_offsets_point_into_the_run() -> None:
    run = "第十七条第一、二款"
    assert [run[r.start : r.end] for r in parse_run(run)] == ["第十七条第一", "二款"]


def test_wide_range_is_not_expanded() -> None:
    refs = parse_run(f"第一条至第{MAX_RANGE_EXPANSION + 10}条")
    assert [r.path["article"] for r in refs] == [1, MAX_RANGE_EXPANSION + 10]

"""Chinese provision labels."""

from __future__ import annotations

import pytest

from extractors.numerals import format_numeral
from kg.graph.labels import provision_label


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (58, "五十八"),
        (101, "一百零一"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (1000, "一千"),
        (1001, "一千零一"),
        (2019, "二千零一十九"),
    ],
    ids=str,
)
def test_format_numeral(number: int, text: str) -> None:
    assert format_numeral(number) == text


@pytest.mark.parametrize("number", [0, -1, 10000], ids=str)
def test_format_numeral_range(number: int) -> None:
    with pytest.raises(ValueError):
        format_numeral(number)


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ((("art", 77), ("para", 1)), "第七十七条第一款"),
        ((("chp", 5), ("art", 27)), "第五章第二十七条"),
        ((("art", 2), ("item", 4)), "第二条第四项"),
        ((("part", 4),), "第四部分"),
        ((("annex", 1), ("item", 3)), "附件1第三项"),
        ((("art", 133), ("artsfx", 1)), "第一百三十三条之一"),
    ],
    ids=["paragraph", "chapter", "item", "part", "annex", "suffix"],
)
def test_provision_label(path: tuple[tuple[str, int], ...], label: str) -> None:
    assert provision_label(path) == label

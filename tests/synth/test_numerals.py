"""Chinese numerals as list authors write them."""

from __future__ import annotations

import pytest

from kg.synth.numerals import to_chinese, year_chinese


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (87, "八十七"),
        (100, "一百"),
        (103, "一百零三"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (2019, "二千零一十九"),
    ],
    ids=lambda v: str(v),
)
def test_to_chinese(n: int, text: str) -> None:
    assert to_chinese(n) == text


@pytest.mark.parametrize("n", [0, -3, 10000], ids=["zero", "negative", "too-big"])
def test_to_chinese_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="no Chinese numeral"):
        to_chinese(n)


def test_year_chinese() -> None:
    assert year_chinese(2007) == "二〇〇七"

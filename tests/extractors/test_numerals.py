"""Numerals in every script the lists use, and text that is no number."""

from __future__ import annotations

import pytest

from extractors.numerals import format_numeral, parse_numeral, parse_numeral_flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("四十八", 48),
        ("一百二十三", 123),
        ("一百零七", 107),
        ("二百零七", 207),
        ("一千零一", 1001),
        ("两百", 200),
        ("48", 48),
        ("４８", 48),
        ("二〇一六", 2016),
        ("九十二", 92),
    ],
    ids=lambda v: str(v),
)
def test_parse_numeral(text: str, expected: int) -> None:
    assert parse_numeral(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "条", "abc", "第", "一" * 40, "4十"],
    ids=["empty", "unit", "latin", "di", "long", "arabic-with-unit"],
)
def test_not_a_number(text: str) -> None:
    assert parse_numeral(text) is None


def test_mixed_numerals_are_read_digit_by_digit_and_flagged() -> None:
    assert parse_numeral_flagged("六49") == (649, ("mixed_numerals",))


# Writing numbers, as the synthetic lists and the labels do (the inverse of parsing).


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
def test_format_numeral(n: int, text: str) -> None:
    assert format_numeral(n) == text


@pytest.mark.parametrize("n", [0, -3, 10000], ids=["zero", "negative", "too-big"])
def test_format_numeral_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="no Chinese numeral"):
        format_numeral(n)


@pytest.mark.parametrize("n", range(1, 10000, 37))
def test_format_then_parse(n: int) -> None:
    assert parse_numeral(format_numeral(n)) == n

"""Numerals in every script the lists use, and text that is no number."""

from __future__ import annotations

import pytest

from extractors.numerals import parse_numeral, parse_numeral_flagged


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

"""Patterns compiled with ``re`` mean what they mean to ``regex``."""

from __future__ import annotations

import pytest
import regex

from extractors.patterns import compile_plain


def test_plain_space_is_regex_space_on_every_bmp_character() -> None:
    """``re`` counts \\x1c–\\x1f as space and ``regex`` does not: the spelt-out class follows ``regex``."""
    plain, reference = compile_plain(r"\s"), regex.compile(r"\s", regex.V1)
    differ = [
        hex(code)
        for code in range(0x10000)
        if bool(plain.match(chr(code))) != bool(reference.match(chr(code)))
    ]
    assert differ == []


def test_plain_space_inside_a_class() -> None:
    pattern = compile_plain(r"[\s，]+")
    assert pattern.fullmatch(" \u3000，\t")
    assert pattern.fullmatch("\x1c") is None


@pytest.mark.parametrize("syntax", [r"\p{Han}", r"\w", r"\S", r"\b", "[]a]"])
def test_plain_refuses_what_it_cannot_translate(syntax: str) -> None:
    with pytest.raises(ValueError):
        compile_plain(syntax)

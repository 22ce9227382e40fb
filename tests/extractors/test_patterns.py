"""Patterns compiled with ``re`` mean what they mean to ``regex``; word lists have one owner."""

from __future__ import annotations

import pytest
import regex

from extractors import extract
from extractors.docnumbers import _STOP_PREFIXES
from extractors.patterns import ISSUER_LEAD, RELIANCE_SHORT, RELIANCE_VERBS, compile_plain
from extractors.recover import _BEFORE_TITLE
from extractors.tokenizers import _LEADING_VERBS


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


@pytest.mark.parametrize("verb", [*RELIANCE_VERBS, *RELIANCE_SHORT])
def test_every_reliance_verb_is_skipped_wherever_one_is(verb: str) -> None:
    """One list (patterns.RELIANCE_VERBS/RELIANCE_SHORT) for every reader that skips such a word."""
    assert _LEADING_VERBS.sub("", verb + "某某新设条例") == "某某新设条例"
    assert [c.instrument.title for c in extract(verb + "某某新设条例第三条")] == ["某某新设条例"]
    if verb in RELIANCE_VERBS:
        assert regex.sub(ISSUER_LEAD, "", verb + "某某局") == "某某局"
        assert _STOP_PREFIXES.sub("", verb + "某某发") == "某某发"
        assert _BEFORE_TITLE.search("行政机关" + verb)

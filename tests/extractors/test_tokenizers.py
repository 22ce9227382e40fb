"""Tokens: one row per kind, the prefilter, and that tokens never overlap."""

from __future__ import annotations

import itertools

import pytest

from extractors.tokenizers import may_cite, tokenize

TOKENS = [
    ("《社会保险法》", [("title", "社会保险法", "book")]),
    ("＜社会保险法＞", [("title", "社会保险法", "angle")]),
    ("《社会保险法第八条", [("title", "社会保险法", "unclosed"), ("prov", "第八条", "")]),
    ("社会保险法》", [("title", "社会保险法", "missing_open")]),
    ("“国务院关于X的通知”", [("title", "国务院关于X的通知", "quoted")]),
    ("“罚缴分离”规定", [("quotes", "“", ""), ("quotes", "”", "")]),
    ("。”“第一条", [("quotes", "”“", ""), ("prov", "第一条", "")]),
    ("（以下简称《诚信办法》）", [("alias", "诚信办法", "")]),
    ("国务院令第649号", [("docnum", "国务院令第649号", "order")]),
    ("国办发〔2013〕14号", [("docnum", "国办发〔2013〕14号", "doc")]),
    ("第十条至第十五条", [("prov", "第十条至第十五条", "")]),
    ("本法", [("anaphor", "本法", "")]),
    ("按照社会保险法规定", [("title", "社会保险法", "known_name")]),
    ("按照甘肃省实施办法第三条", [("title", "甘肃省实施办法", "bare_name"), ("prov", "第三条", "")]),
    ("。2、第", [("enum", "2、", "")]),
    ("）四：办法", [("part", "四", "")]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS, ids=[t for t, _ in TOKENS])
def test_token(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.kind, t.value, t.rule) for t in tokenize(text)] == expected


def test_prefilter_skips_text_without_anchors() -> None:
    assert not may_cite("因不履行或不正确履行行政职责")
    assert may_cite("第八条")
    assert tokenize("因不履行或不正确履行行政职责") == []


def test_tokens_do_not_overlap_and_are_ordered() -> None:
    text = "1、《中华人民共和国社会保险法》第八条：“按照社会保险法第八十六条”（国务院令第649号）"
    tokens = tokenize(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))

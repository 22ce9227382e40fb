"""Anaphor scopes, inherited provision levels, in-cell short names."""

from __future__ import annotations

from typing import get_args

import pytest

from extractors.anaphora import AliasTable, anaphor_scope, inherit_path
from extractors.anaphora.resolve import AnaphorScope
from extractors.models import LEVELS


@pytest.mark.parametrize(
    ("word", "scope"),
    [
        ("本法", "instrument"),
        ("该条例", "instrument"),
        ("同法", "instrument"),
        ("本条", "article"),
        ("前款", "paragraph_before"),
        ("本款", "paragraph"),
        ("本项", "item"),
        ("本节", "section"),
        ("本章", "chapter"),
    ],
    ids=["本法", "该条例", "同法", "本条", "前款", "本款", "本项", "本节", "本章"],
)
def test_scope(word: str, scope: str) -> None:
    assert anaphor_scope(word) == scope


def test_provision_scopes_are_levels() -> None:
    """Every provision an anaphor names is a level of the one table (本项 an item, 本节 a section)."""
    levels = {level.field for level in LEVELS}
    scopes = get_args(AnaphorScope)
    assert set(scopes) - {"instrument", "paragraph_before"} <= levels


@pytest.mark.parametrize(
    ("path", "context", "expected"),
    [
        ({"paragraph": 3}, {"article": 11, "paragraph": 1}, {"article": 11, "paragraph": 3}),
        ({"item": 2}, {"article": 10}, {"article": 10, "item": 2}),
        ({"article": 30}, {"chapter": 5, "article": 27}, {"article": 30}),
        ({"paragraph": 2}, None, {"paragraph": 2}),
        ({"part": 2}, {"article": 3}, {"part": 2}),
    ],
    ids=["paragraph", "item", "article-inherits-nothing", "no-context", "part"],
)
def test_inherit_path(path: dict[str, int], context: dict[str, int] | None, expected: dict[str, int]) -> None:
    assert inherit_path(path, context) == expected


def test_alias_table_matches_written_variants() -> None:
    table: AliasTable[str] = AliasTable()
    table.define("诚信管理办法", "甘肃省药品集中采购诚信管理办法（试行）")
    assert table.lookup("《诚信管理办法》") == "甘肃省药品集中采购诚信管理办法（试行）"
    assert table.lookup("其他办法") is None

"""When a one-character 依/按/据/照 before a bare title is a verb, and when the title's first character.

The rule (extractors.patterns.RELIANCE_SHORT_WORDS): it is a verb unless it and the next
character make a word of their own (依法, 照明 …); then the title starts with it.
"""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.patterns import RELIANCE_SHORT_WORDS


def _titles(cell: str) -> list[str | None]:
    return [c.instrument.title if c.instrument else None for c in extract(cell)]


WORD_STARTS_TITLE = [
    ("。依法治省纲要第三条", "依法治省纲要"),
    ("依法治市实施办法第五条", "依法治市实施办法"),
    ("根据依法行政纲要第二条", "依法行政纲要"),
    ("。照明设施管理办法第三条", "照明设施管理办法"),
    ("。依规治党实施办法第四条", "依规治党实施办法"),
    ("。依法治省纲要》第三条", "依法治省纲要"),
    ("。照明设施管理办法》第三条", "照明设施管理办法"),
]
"""The verb and the next character make a word: the title starts with the verb."""

VERB_BEFORE_TITLE = [
    ("。按居住证暂行条例第三条", "居住证暂行条例"),
    ("。依治安管理处罚法第三条", "中华人民共和国治安管理处罚法"),
    ("据城乡规划法第四十条", "中华人民共和国城乡规划法"),
    ("。照某县集贸市场管理办法第六条", "某县集贸市场管理办法"),
    ("。按某县集贸市场管理办法》第六条", "某县集贸市场管理办法"),
    ("。按居住证暂行条例》第三条", "居住证暂行条例"),
]
"""The verb stands alone: it is no part of the title."""


@pytest.mark.parametrize(("cell", "title"), WORD_STARTS_TITLE + VERB_BEFORE_TITLE)
def test_one_character_verb_is_read_as_verb_or_as_the_titles_start(cell: str, title: str) -> None:
    assert _titles(cell) == [title]


def test_every_word_starts_with_a_one_character_verb() -> None:
    assert all(len(word) == 2 and word[0] in "依按据照" for word in RELIANCE_SHORT_WORDS)

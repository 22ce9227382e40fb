"""Glosses and annotations that copying puts inside titles and organ names.

Mirror pages that convert a list to traditional characters add the pinyin of some
characters in brackets (執(zhí)業(yè)醫(yī)師法, 國務(wù)院令); lists mark a repealed law inside
its title (《环境保护法〔已废止〕》). Neither is part of the name: they are removed before
a title or an organ is read, and an annotation is kept as a note.

Examples:
    >>> strip_glosses("執(zhí)業(yè)醫(yī)師法")
    '執業醫師法'
    >>> split_annotation("环境保护法〔已废止〕")
    ('环境保护法', '已废止')
"""

from __future__ import annotations

import regex

__all__ = ["GLOSS", "has_gloss", "split_annotation", "strip_glosses"]

PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
"""Letters of pinyin with tone marks."""

GLOSS = rf"(?<=\p{{Han}})[（(][{PINYIN_LETTERS}]{{1,6}}+[）)]"
"""A pinyin gloss right after the character it glosses: 執(zhí)."""

_GLOSS = regex.compile(GLOSS)
_ANNOTATION = regex.compile(
    r"[ \t\u3000]*[〔（(【\[［](?P<note>已废止|已失效|已修改|已修订|已修正|失效|废止|已被修改|已被废止)[〕）)】\]］]$"
)


_CLOSING = frozenset("〕）)】]］")


def has_gloss(text: str) -> bool:
    """Does ``text`` carry a pinyin gloss?"""
    return _GLOSS.search(text) is not None


def strip_glosses(text: str) -> str:
    """``text`` without pinyin glosses (执(zhí)业 → 执业); unchanged when it has none."""
    if "(" not in text and "（" not in text:
        return text
    return _GLOSS.sub("", text)


def split_annotation(title: str) -> tuple[str, str | None]:
    """A title without the annotation note in brackets at its end, and the note (已废止) if any."""
    if title[-1:] not in _CLOSING:
        return title, None
    match = _ANNOTATION.search(title)
    if match is None:
        return title, None
    return title[: match.start()], match["note"]

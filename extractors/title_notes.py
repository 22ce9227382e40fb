"""What a title's own text says about it: a number in its brackets, a revision, damage.

Cells write more than the title inside 《》: the promulgating order (《易制毒化学品管理条例
（国务院令第445号）》), a revising decision named as history (《国务院关于修改〈X〉的决定》 followed
by 修订), and the marks of careless copying (an empty 《》, a 》 without 《, a law's name
dropped from 关于适用《X》的解释). The assembler asks these questions of each title.

Examples:
    >>> split_number_note("易制毒化学品管理条例（国务院令第445号）")
    ('易制毒化学品管理条例', '国务院令第445号')
    >>> revised_title("国务院关于修改〈中华人民共和国森林法实施条例〉的决定")
    '中华人民共和国森林法实施条例'
    >>> damage_of("book", "最高人民法院关于适用的解释")
    'name_dropped'
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from extractors.docnumbers import DocNumber
from extractors.glosses import split_annotation, strip_glosses
from extractors.titles import canonical_title, is_form_title, split_version_note
from extractors.tokenizers import tokenize

__all__ = [
    "BRACKETED_RULES",
    "IMPLEMENTING_FORMS",
    "TitleReading",
    "damage_of",
    "is_revising_title",
    "note_numbers",
    "read_title",
    "revised_title",
    "revision_verb_at",
    "split_number_note",
]

BRACKETED_RULES = frozenset({"book", "unclosed", "angle"})
"""Title rules whose text was delimited by brackets, so a note inside them is the writer's."""

_NUMBER_NOTE = regex.compile(r"^(?P<title>.{2,}?)[ \t\u3000]{0,2}+[（(](?P<inner>[^（）()]{3,80}+)[）)]$")
_NUMBER_WORDS = regex.compile(r"[令号號]")
_REVISING_TITLE = regex.compile(r"关于(?:修改|修正|废止和修改|修改和废止|废止)[^的]{0,60}的决定$")
_REVISION_VERB_AFTER = regex.compile(
    r"[ \t\u3000]{0,2}+(?:第[一二三四五六七八九十]{1,3}+次)?(?:修订|修正|修改|予以修改)"
)
_REVISED_INNER = regex.compile(r"关于修改〈(?P<inner>[^〈〉]{2,60}+)〉的决定$")
_NAME_DROPPED = regex.compile(
    r"关于适用(?:〈〉)?的|关于(?:执行|贯彻)(?:〈〉)?的|实施(?:〈〉)?的(?:办法|细则|规定)$"
)


IMPLEMENTING_FORMS = frozenset({"实施条例", "实施细则", "实施办法", "实施规定"})
"""What is left of 《X实施条例》 when X is dropped (unless it was defined as an alias: 以下简称《实施条例》).

After a cited law it is that law's instrument (:mod:`extractors.recover`)."""


def split_number_note(title: str) -> tuple[str, str | None]:
    """易制毒化学品管理条例（国务院令第445号） → (易制毒化学品管理条例, 国务院令第445号).

    Only a bracket that holds a document or order number is split off; （试行）,
    （2018年修正） and other notes stay part of the title.
    """
    if title[-1:] not in "）)":
        return title, None
    match = _NUMBER_NOTE.match(title)
    if match is None or not _NUMBER_WORDS.search(match["inner"]):
        return title, None
    if not any(t.kind == "docnum" for t in tokenize(match["inner"])):
        return title, None
    return match["title"], match["inner"]


def is_revising_title(title: str) -> bool:
    """Is ``title`` (canonical) a decision that revises or repeals others (关于修改…的决定)?"""
    return _REVISING_TITLE.search(title) is not None


def revision_verb_at(text: str, pos: int) -> bool:
    """Does a revision verb (修订, 修正, 第二次修正 …) follow at ``pos``?"""
    return _REVISION_VERB_AFTER.match(text, pos) is not None


def revised_title(title: str) -> str | None:
    """The instrument a 关于修改〈X〉的决定 revises (X), if it names one."""
    match = _REVISED_INNER.search(title)
    return match["inner"] if match else None


def damage_of(rule: str, title: str) -> str | None:
    """How a title was damaged in copying, if it was: the flag the audit and the law library read.

    ``rule`` is the tokenizer's title rule (``unclosed``: 《 without 》, ``missing_open``: 》
    without 《); ``title`` the title text as read.
    """
    if rule == "missing_open" or rule == "unclosed":
        return rule
    if not title or title.isspace():
        return "empty"
    if "的" in title and _NAME_DROPPED.search(title):
        return "name_dropped"
    if title.strip() == "中华人民共和国":
        return "name_dropped"
    return None


FORM_RULES = frozenset({"book", "unclosed", "missing_open", "angle"})
"""Title rules under which a form (…告知书) is written like a title and must be skipped."""

TITLE_CACHE_SIZE = 8192
"""Cells cite the same titles over and over: each distinct title is read once."""


class TitleReading(NamedTuple):
    """What a title token's text says, before its place in the cell is looked at.

    ``raw_title``: the title without a number note or annotation; ``inner``: the number
    note split off (国务院令第445号); ``title``: the name without glosses and version note,
    ``version`` that note; ``damage``: how copying damaged it (:func:`damage_of`);
    ``revising``: the title is a decision revising others (:func:`is_revising_title`).
    """

    raw_title: str
    inner: str | None
    annotation: str | None
    title: str
    version: str | None
    damage: str | None
    revising: bool


@lru_cache(maxsize=TITLE_CACHE_SIZE)
def read_title(value: str, rule: str) -> TitleReading | None:
    """Read a title token's text once for all cells that write it (``None``: a form, no title).

    Memoised on the title text and rule only, never on the cell: the same 《…》 is split
    the same way wherever it stands.
    """
    if rule in FORM_RULES and is_form_title(value):
        return None
    raw_title, inner = split_number_note(value) if rule in BRACKETED_RULES else (value, None)
    raw_title, annotation = split_annotation(raw_title)
    title, version = split_version_note(strip_glosses(raw_title))
    revising = "定" in value and is_revising_title(canonical_title(value))  # every one is a …决定
    return TitleReading(raw_title, inner, annotation, title, version, damage_of(rule, title), revising)


@lru_cache(maxsize=TITLE_CACHE_SIZE)
def note_numbers(inner: str) -> tuple[DocNumber, ...]:
    """The document and order numbers in a title's number note, in order (read once per note)."""
    return tuple(t.doc for t in tokenize(inner) if t.kind == "docnum" and t.doc is not None)

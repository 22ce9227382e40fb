"""In-cell anaphora: 本法/该法/同法, 本条/前款, and short names defined with 以下简称.

These words point back at something cited earlier in the same cell; resolving them
needs only what the cell has shown so far, kept in :class:`AliasTable` and passed
in by the assembler.

Examples:
    >>> anaphor_scope("本法")
    'instrument'
    >>> anaphor_scope("前款")
    'paragraph_before'
    >>> anaphor_scope("本条")
    'article'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from extractors.titles import canonical_title, strip_notes

__all__ = ["AliasTable", "AnaphorScope", "anaphor_fits", "anaphor_scope", "inherit_path"]

AnaphorScope = Literal[
    "instrument", "book", "chapter", "section", "article", "paragraph", "paragraph_before", "item"
]
"""What an anaphor points at: the instrument, or the provision of that level
(:data:`~extractors.models.LEVELS` field names) it stands in; ``paragraph_before`` the one before."""

_PROVISION_ANAPHORS: dict[str, AnaphorScope] = {
    "本条": "article",
    "前条": "article",
    "本款": "paragraph",
    "前款": "paragraph_before",
    "前两款": "paragraph_before",
    "前三款": "paragraph_before",
    "本项": "item",
    "本编": "book",
    "本章": "chapter",
    "本节": "section",
}

T = TypeVar("T")


def anaphor_scope(word: str) -> AnaphorScope:
    """What an anaphor points at: the whole instrument (本法, 该条例) or a provision (本条, 前款)."""
    return _PROVISION_ANAPHORS.get(word, "instrument")


_LAW_WORDS = frozenset({"本法", "该法", "同法", "上述法律"})


def anaphor_fits(word: str, title: str | None) -> bool:
    """Can an instrument anaphor point at ``title``? 本法 needs a law, 本条例 a 条例, 本办法 a 办法.

    An unknown title (an instrument cited by number only) fits any anaphor.

    Examples:
        >>> anaphor_fits("本法", "中华人民共和国社会保险法")
        True
        >>> anaphor_fits("本条例", "中华人民共和国社会保险法")
        False
        >>> anaphor_fits("本法", "社会救助暂行办法")
        False
    """
    if title is None:
        return True
    text = strip_notes(title)
    if word in _LAW_WORDS:
        return text.endswith(("法", "法典")) and not text.endswith("办法")
    ending = word.removeprefix("本").removeprefix("该").removeprefix("上述")
    return text.endswith(ending) if ending not in ("法规",) else True


_ARTICLE_AND_BELOW = ("article", "paragraph", "item", "sub_item")


def inherit_path(path: Mapping[str, int], context: Mapping[str, int] | None) -> Mapping[str, int]:
    """Fill the levels above a partial reference from the provision cited just before.

    第三款 after 第十一条第一款 stays in article 11; 第（二）项 after 第十条 is in article 10.
    A reference that names an article (or anything above) inherits nothing.

    Examples:
        >>> inherit_path({"paragraph": 3}, {"article": 11, "paragraph": 1})
        {'article': 11, 'paragraph': 3}
        >>> inherit_path({"article": 30}, {"chapter": 5, "article": 27})
        {'article': 30}
    """
    if not context or not path or "article" in path:  # most references name their article
        return path
    levels = list(_ARTICLE_AND_BELOW)
    top = min((levels.index(k) for k in path if k in levels), default=None)
    if top is None or top == 0 or any(k not in levels for k in path):
        return path
    inherited = {k: v for k, v in context.items() if k in levels and levels.index(k) < top}
    return {**inherited, **path} if "article" in inherited else path


@dataclass(slots=True)
class AliasTable(Generic[T]):
    """Short names defined in a cell (（以下简称《诚信管理办法》）) → what they stand for."""

    entries: dict[str, T] = field(default_factory=dict)

    def define(self, short_name: str, target: T) -> None:
        """Record that ``short_name`` stands for ``target`` from here on."""
        self.entries[canonical_title(short_name)] = target

    def lookup(self, title: str) -> T | None:
        """The target of a title if it is a short name defined earlier, else ``None``."""
        return self.entries.get(canonical_title(title))

"""Two versions of an instrument compared article by article: unchanged, changed, added, deleted, renumbered.

An amendment that inserts one article renumbers every article after it, so
comparing by number alone would report the rest of the law as changed. Articles
are paired by their text first (the old 第七十七条 whose words now stand under
第七十八条 is *renumbered*, not deleted and added), with the same number winning
near-ties; what stays unpaired is paired by number when the text still shares
something (*changed*), else *deleted* or *added*. Similarity is symmetric:
characters in common runs of at least three, over both lengths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Literal

from kg.graph.labels import provision_label
from kg.laws.compare import MIN_BLOCK, quote_key

if TYPE_CHECKING:
    from kg.laws.model import LawArticle, LawVersion

__all__ = ["PAIRED", "REWRITTEN", "ArticleChange", "Change", "article_label", "diff_versions", "similarity"]

Change = Literal["unchanged", "changed", "added", "deleted", "renumbered"]

PAIRED = 0.6
"""Similarity at or above which two articles are one article (moved or edited)."""

REWRITTEN = 0.2
"""Below :data:`PAIRED`, articles of one number still sharing this much are one article rewritten."""

SAME_NUMBER_BONUS = 0.05
"""Near-ties go to the article with the same number (an edit, not a move)."""


def similarity(a: str, b: str) -> float:
    """Symmetric similarity of two texts (0–1), punctuation and width ignored.

    Examples:
        >>> similarity("本法自2011年7月1日起施行。", "本法自2011年7月1日起施行")
        1.0
        >>> similarity("甲乙丙丁", "子丑寅卯")
        0.0
    """
    x, y = quote_key(a), quote_key(b)
    if not x or not y:
        return 1.0 if x == y else 0.0
    if x == y:
        return 1.0
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= MIN_BLOCK)
    return 2 * matched / (len(x) + len(y))


def article_label(article: LawArticle | None) -> str:
    """第七十七条 / 第十条之一, or — for no article.

    Examples:
        >>> from kg.laws.model import LawArticle
        >>> article_label(LawArticle(number=10, suffix=1))
        '第十条之一'
    """
    if article is None:
        return "—"
    path = [("art", article.number)] + ([("artsfx", article.suffix)] if article.suffix else [])
    return provision_label(path)


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """One article's fate between two versions (``old``/``new`` None when added/deleted)."""

    change: Change
    old: LawArticle | None
    new: LawArticle | None
    similarity: float

    @property
    def old_number(self) -> tuple[int, int] | None:
        return (self.old.number, self.old.suffix) if self.old is not None else None

    @property
    def new_number(self) -> tuple[int, int] | None:
        return (self.new.number, self.new.suffix) if self.new is not None else None

    @property
    def text_changed(self) -> bool:
        return self.change in ("changed", "added", "deleted") or (
            self.change == "renumbered" and self.similarity < 1.0
        )

    def to_dict(self) -> dict[str, object]:
        """The ``articles`` entry of ``kg impact --json``."""

        def number(article: LawArticle | None) -> int | str | None:
            if article is None:
                return None
            return article.number if not article.suffix else f"{article.number}之{article.suffix}"

        return {
            "old": number(self.old),
            "new": number(self.new),
            "change": self.change,
            "similarity": round(self.similarity, 3),
            "text_changed": self.text_changed,
        }


def _grams(text: str) -> set[str]:
    return {text[i : i + MIN_BLOCK] for i in range(len(text) - MIN_BLOCK + 1)}


def _candidates(old: Sequence[LawArticle], new: Sequence[LawArticle]) -> list[tuple[float, int, int]]:
    """(similarity, old index, new index) of pairs that may be one article, best first."""
    new_keys = [quote_key(a.text) for a in new]
    postings: dict[str, list[int]] = {}
    for j, key in enumerate(new_keys):
        for gram in _grams(key):
            postings.setdefault(gram, []).append(j)
    pairs = []
    for i, article in enumerate(old):
        key = quote_key(article.text)
        grams = _grams(key)
        counts: dict[int, int] = {}
        for gram in grams:
            for j in postings.get(gram, ()):
                counts[j] = counts.get(j, 0) + 1
        for j, shared in counts.items():
            if 2 * shared < REWRITTEN * (len(grams) + len(_grams(new_keys[j]))):
                continue  # cannot reach even a rewrite
            score = 1.0 if key == new_keys[j] else similarity(article.text, new[j].text)
            same = (article.number, article.suffix) == (new[j].number, new[j].suffix)
            pairs.append((score + (SAME_NUMBER_BONUS if same else 0.0), score, i, j))
    pairs.sort(key=lambda p: (-p[0], abs(old[p[2]].number - new[p[3]].number), p[2], p[3]))
    return [(score, i, j) for _, score, i, j in pairs]


def diff_versions(old: LawVersion, new: LawVersion) -> list[ArticleChange]:
    """Every article of either version with what happened to it, in the new version's order
    (deleted articles where they stood in the old one)."""
    olds, news = list(old.articles), list(new.articles)
    paired_old: dict[int, tuple[int, float]] = {}
    paired_new: set[int] = set()
    candidates = _candidates(olds, news)
    for score, i, j in candidates:
        if score >= PAIRED and i not in paired_old and j not in paired_new:
            paired_old[i] = (j, score)
            paired_new.add(j)
    for score, i, j in candidates:
        same = (olds[i].number, olds[i].suffix) == (news[j].number, news[j].suffix)
        if same and score >= REWRITTEN and i not in paired_old and j not in paired_new:
            paired_old[i] = (j, score)
            paired_new.add(j)
    changes: list[tuple[tuple[float, int], ArticleChange]] = []
    after = -1.0  # a deleted article stands after the new place of the old article before it
    for i, article in enumerate(olds):
        if i not in paired_old:
            changes.append(((after + 0.5, i), ArticleChange("deleted", article, None, 0.0)))
            continue
        after = float(paired_old[i][0])
        j, score = paired_old[i]
        target = news[j]
        if (article.number, article.suffix) != (target.number, target.suffix):
            change: Change = "renumbered"
        else:
            change = "unchanged" if score >= 1.0 else "changed"
        changes.append(((float(j), -1), ArticleChange(change, article, target, score)))
    for j, article in enumerate(news):
        if j not in paired_new:
            changes.append(((float(j), -1), ArticleChange("added", None, article, 0.0)))
    return [change for _, change in sorted(changes, key=lambda c: c[0])]

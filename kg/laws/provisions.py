"""Find a cited provision (条/款/项) in an instrument's text, or say precisely what is missing.

A citation's provision is looked up as ``version.article(article, suffix)``,
then paragraph ``paragraph - 1`` of it, then item ``item`` inside that
paragraph's text, where items are the （一）（二）… markers the text numbers in
order. When the version compared lacks the provision, every earlier version is
asked too, so a finding can say "the 2010 text had it".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import regex

from extractors.numerals import parse_numeral

if TYPE_CHECKING:
    from extractors.models import Provision
    from kg.laws.model import LawArticle, LawInstrument, LawVersion

__all__ = ["Missing", "ProvisionLookup", "count_items", "is_complete", "lookup_cited", "lookup_provision"]

Missing = Literal["article", "paragraph", "item"]
"""The first level of a provision path the text does not have."""

_ITEM_MARK = regex.compile(r"[（(]\s*([一二三四五六七八九十百零〇]+)\s*[）)]")


def count_items(text: str) -> int:
    """How many items (项) a paragraph numbers: the longest run （一）, （二）, … in order.

    A reference inside the text to another article's item (依照第八条第（二）项)
    does not start a run at （一）, so it does not count.

    Examples:
        >>> count_items("有下列情形之一的：（一）甲；（二）乙；（三）丙。")
        3
        >>> count_items("违反本法第八条第（二）项规定的")
        0
    """
    expected = 1
    for match in _ITEM_MARK.finditer(text):
        if parse_numeral(match[1]) == expected:
            expected += 1
    return expected - 1


def is_complete(version: LawVersion) -> bool:
    """Whether the version's articles run 第一条 to the last without a gap.

    Amendments renumber what they keep, so a law's articles are numbered 1..N; a text
    that starts later or skips numbers is a part of the law (one 编 of the Civil Code
    read alone), in which a missing article proves nothing.
    """
    numbers = {article.number for article in version.articles}
    return bool(numbers) and numbers == set(range(1, max(numbers) + 1))


@dataclass(frozen=True, slots=True)
class ProvisionLookup:
    """What the text of one version says about one cited provision.

    ``missing`` is None when every cited level exists; otherwise the level that
    does not, with ``count`` of what exists at that level (articles of the
    version, paragraphs of the article, items of the paragraph) and
    ``earlier`` the newest earlier version that had it.
    """

    version: LawVersion
    article: LawArticle | None
    text: str | None
    missing: Missing | None = None
    count: int = 0
    earlier: LawVersion | None = None
    earlier_text: str | None = None

    @property
    def found(self) -> bool:
        return self.missing is None


def _resolve(
    version: LawVersion, article: int, suffix: int, paragraph: int | None, item: int | None
) -> tuple[LawArticle | None, str | None, Missing | None, int]:
    found = version.article(article, suffix)
    if found is None:
        return None, None, "article", len(version.articles)
    if paragraph is None:
        if item is not None and len(found.paragraphs) == 1 and count_items(found.paragraphs[0]) < item:
            return found, None, "item", count_items(found.paragraphs[0])
        return found, found.text, None, 0
    if not 1 <= paragraph <= len(found.paragraphs):
        return found, None, "paragraph", len(found.paragraphs)
    text = found.paragraphs[paragraph - 1]
    if item is not None and count_items(text) < item:
        return found, None, "item", count_items(text)
    return found, text, None, 0


def lookup_provision(
    instrument: LawInstrument,
    *,
    article: int,
    suffix: int = 0,
    paragraph: int | None = None,
    item: int | None = None,
    version: LawVersion | None = None,
) -> ProvisionLookup:
    """Look a provision up in ``version`` (the one in force when None), and in earlier ones if missing.

    An item cited without a paragraph (第七十九条第（一）项) is looked for in an
    article of one paragraph only; in an article of several the paragraph is
    ambiguous and nothing is claimed missing.
    """
    version = version or instrument.current
    found, text, missing, count = _resolve(version, article, suffix, paragraph, item)
    if missing is None:
        return ProvisionLookup(version, found, text)
    earlier: LawVersion | None = None
    earlier_text = None
    versions = list(instrument.versions)
    position = next((i for i, v in enumerate(versions) if v is version), len(versions))
    for older in reversed(versions[:position]):
        _, old_text, old_missing, _ = _resolve(older, article, suffix, paragraph, item)
        if old_missing is None:
            earlier, earlier_text = older, old_text
            break
    return ProvisionLookup(version, found, None, missing, count, earlier, earlier_text)


def lookup_cited(
    law: LawInstrument, provision: Provision, version: LawVersion | None = None
) -> ProvisionLookup:
    """:func:`lookup_provision` for a provision as the extractor gives it (article required)."""
    return lookup_provision(
        law,
        article=provision.article or 0,
        suffix=provision.article_suffix or 0,
        paragraph=provision.paragraph,
        item=provision.item,
        version=version,
    )

"""Find an article by the words a user types: 社会保险法第五十八条, 国务院令第649号第十条.

The words are read by the extractor (the one citation parser), the instrument found in
the library by title or number, and the article in each version, so ``kg laws show``
and the checks built on the library agree on what a reference means.

Examples:
    >>> from kg.laws.model import LawArticle, LawInstrument, LawVersion
    >>> from kg.laws.library import library_from_instruments
    >>> v = LawVersion(date="2018-12-29", articles=(LawArticle(number=58, paragraphs=("甲。",)),))
    >>> lib = library_from_instruments([LawInstrument(title="中华人民共和国社会保险法", versions=(v,))])
    >>> find_article("社会保险法第五十八条", lib).article.text
    '甲。'
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors import extract
from extractors.numerals import format_numeral
from kg.exits import EXIT_BAD_INPUT, EXIT_NOT_FOUND
from kg.laws.library import LawLibrary
from kg.laws.model import LawArticle, LawInstrument, LawVersion

__all__ = ["ArticleLookup", "LawLookupError", "VersionArticle", "article_label", "find_article"]


class LawLookupError(LookupError):
    """The reference names nothing the library holds; ``exit_code`` 1 (not found) or 2 (no reference)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class VersionArticle:
    """The cited article in one version: its text there, or None when that version lacks it."""

    version: LawVersion
    article: LawArticle | None


@dataclass(frozen=True, slots=True)
class ArticleLookup:
    """What a reference finds: the instrument, the article in the current version, every version's."""

    instrument: LawInstrument
    number: int
    suffix: int
    paragraph: int | None
    article: LawArticle
    versions: tuple[VersionArticle, ...]

    def to_dict(self) -> dict[str, object]:
        """The lookup as plain JSON data (``kg laws show --json``): the article, then each version's text."""
        return {
            "instrument": self.instrument.title,
            "kind": self.instrument.kind,
            "status": self.instrument.status,
            "status_source": self.instrument.status_source,
            "article": article_label(self.number, self.suffix),
            "paragraph": self.paragraph,
            "text": self.article.text,
            "versions": [
                {
                    "date": v.version.date,
                    "source": v.version.source,
                    "text": v.article.text if v.article else None,
                }
                for v in self.versions
            ],
        }


def article_label(number: int, suffix: int = 0) -> str:
    """``(58, 0)`` → 第五十八条; ``(10, 1)`` → 第十条之一."""
    label = f"第{format_numeral(number)}条"
    return f"{label}之{format_numeral(suffix)}" if suffix else label


def _instrument(reference: str, library: LawLibrary) -> tuple[LawInstrument, object]:
    citations = [c for c in extract(reference) if c.instrument.title or c.instrument.doc_number]
    if not citations:
        raise LawLookupError(f"{reference!r} names no law: write e.g. 社会保险法第五十八条", EXIT_BAD_INPUT)
    citation = citations[0]
    found = citation.instrument
    instrument = None
    for title in (found.title, found.raw_title):
        if title and instrument is None:
            instrument = library.get(title)
    if instrument is None and found.doc_number:
        instrument = library.by_number(found.doc_number)
    if instrument is None:
        named = found.title or found.doc_number
        raise LawLookupError(
            f"{named} is not in the law library (see kg laws; add it with kg laws import)", EXIT_NOT_FOUND
        )
    return instrument, citation


def find_article(reference: str, library: LawLibrary) -> ArticleLookup:
    """The article ``reference`` names, in the current version and in every version.

    Raises:
        LawLookupError: exit code 2 when the words name no law or no article; 1 when the law
            or the article is not in the library, saying how many articles the law has and
            whether an earlier version had it.
    """
    instrument, citation = _instrument(reference, library)
    provisions = [p for p in citation.provisions if p.article is not None]  # type: ignore[attr-defined]
    if not provisions:
        raise LawLookupError(
            f"{reference!r} names no article: write e.g. {instrument.title}第一条", EXIT_BAD_INPUT
        )
    provision = provisions[0]
    number, suffix = provision.article, provision.article_suffix or 0
    if not instrument.versions:
        raise LawLookupError(f"the library holds no text of {instrument.title}", EXIT_NOT_FOUND)
    current = instrument.current
    label = article_label(number, suffix)
    article = current.article(number, suffix)
    if article is None:
        earlier = [v.date or "undated" for v in instrument.versions[:-1] if v.article(number, suffix)]
        had = f"; the {', '.join(earlier)} version had it" if earlier else ""
        raise LawLookupError(
            f"{instrument.title} has no {label}: its {current.date or 'current'} version has "
            f"{len(current.articles)} articles{had}",
            EXIT_NOT_FOUND,
        )
    paragraph = provision.paragraph
    if paragraph is not None and not 0 < paragraph <= len(article.paragraphs):
        raise LawLookupError(
            f"{instrument.title}{label} has no 第{format_numeral(paragraph)}款: it has {len(article.paragraphs)} paragraphs",
            EXIT_NOT_FOUND,
        )
    return ArticleLookup(
        instrument=instrument,
        number=number,
        suffix=suffix,
        paragraph=paragraph,
        article=article,
        versions=tuple(VersionArticle(v, v.article(number, suffix)) for v in instrument.versions),
    )

"""Does a quote say what the law says? Similarity of quoted text to articles, and where a text is from.

Lists copy article text by hand: full- and half-width forms, punctuation and
spaces differ, words are dropped with an ellipsis (……), only one paragraph or
the first sentence is quoted, and small copy edits creep in (经欺诈 for 以欺诈).
None of that makes a quote wrong. What does is text that belongs to another
article (天水 4160 quotes 社会保险法 第八十七条's words under 第七十七条) or to a
version an amendment has since changed. So a quote is measured by how much of
it appears, in order, in the cited text (:func:`quote_coverage`), and when that
is low the instrument's articles in every version are searched through an index
of character trigrams (:class:`QuoteIndex`) for the text it really is.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Literal

import regex

if TYPE_CHECKING:
    from extractors.models import Provision
    from kg.laws.model import LawArticle, LawInstrument, LawVersion

__all__ = [
    "APPROXIMATE",
    "EXACT",
    "MARGIN",
    "MIN_BLOCK",
    "MIN_QUOTE",
    "SPREAD",
    "VERIFIED",
    "Place",
    "QuoteIndex",
    "QuoteMatch",
    "Verdict",
    "check_cited",
    "check_quote",
    "locate_quote",
    "quote_coverage",
    "quote_fragments",
    "quote_key",
]

MIN_BLOCK = 3
"""Shortest common run (characters) that counts as shared text: shorter runs (社会, 保险)
occur in any two texts on one subject and prove nothing."""

MIN_QUOTE = 12
"""Quotes shorter than this (punctuation dropped) are too short to say anything about."""

VERIFIED = 0.8
"""Share of the quote found in the cited text at or above which the quote is the law's text
(copy edits of a few characters in a sentence stay above it)."""

EXACT = 0.95
"""Share at or above which a quote is taken as the cited text without looking further; between
:data:`VERIFIED` and this, another article whose text it is (and fits 10 points better) wins."""

APPROXIMATE = 0.5
"""Share below which the quote is not the cited text at all; between the two it is a loose
or heavily edited copy, shown but never reported."""

MARGIN = 0.1
"""How much better another place must fit before a quote that roughly fits its cited text is
called another place's (two near-equal fits prove nothing)."""

Verdict = Literal["verified", "approximate", "mismatch", "unverifiable"]
"""``verified``: the cited text contains the quote; ``approximate``: it resembles it;
``mismatch``: it does not (``found`` says whose text it is, when the law has it);
``unverifiable``: no quote, too short, or no cited text to compare with."""

_NOT_WORD = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")
_ELLIPSIS = regex.compile(r"…+|⋯+|\.{3,}|。{3,}|·{3,}")


def quote_key(text: str | None) -> str:
    """Text with width folded and punctuation and spaces removed (they never decide a match).

    Examples:
        >>> quote_key("第一，“应当”； 执行。")
        '第一应当执行'
        >>> quote_key("（一）ＡＢＣ１２") == quote_key("(一)ABC12")
        True
    """
    if not text:
        return ""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))


def quote_fragments(quote: str | None) -> tuple[str, ...]:
    """The keys of the pieces an ellipsis separates (a quote without one is one piece).

    Examples:
        >>> quote_fragments("统一管理、分级负责。……各统筹地区做好工作")
        ('统一管理分级负责', '各统筹地区做好工作')
    """
    return tuple(key for part in _ELLIPSIS.split(quote or "") if (key := quote_key(part)))


SPREAD = 1.5
"""How far (times its own length, plus a few characters) a quote's matched runs may spread in the
text: a quote copied with edits stays about as long as its source, while a short sentence whose
words recur all over a long article (人民检察院……不起诉……决定书) is not that article's text."""


def _matched(fragment: str, text: str) -> int:
    """Characters of ``fragment`` found, in order, in ``text`` (runs of at least MIN_BLOCK),
    counting only the runs that lie within one stretch of the text about as long as the fragment."""
    if len(fragment) < MIN_BLOCK or len(text) < MIN_BLOCK:
        return 0
    matcher = SequenceMatcher(None, fragment, text, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size >= MIN_BLOCK]
    reach = SPREAD * len(fragment) + 2 * MIN_BLOCK
    best = total = start = 0
    for end, block in enumerate(blocks):
        total += block.size
        while blocks[end].b + blocks[end].size - blocks[start].b > reach:
            total -= blocks[start].size
            start += 1
        best = max(best, total)
    return best


def quote_coverage(quote: str | Sequence[str], text: str) -> float:
    """Share (0–1) of the quote that appears in ``text``, each ellipsis piece on its own.

    Directional: a quote of one paragraph or one sentence of a long article covers
    nearly 1; the article's text is not expected to be all in the quote.

    Examples:
        >>> quote_coverage("保障医疗救助对象……获得基本医疗卫生服务", "国家建立健全医疗救助制度，保障医疗救助对象获得基本医疗卫生服务。")
        1.0
        >>> quote_coverage("甲乙丙丁", quote_key("子丑寅卯"))
        0.0
    """
    fragments = quote_fragments(quote) if isinstance(quote, str) else tuple(quote)
    total = sum(len(f) for f in fragments)
    if not total:
        return 0.0
    key = quote_key(text)
    return sum(_matched(f, key) for f in fragments) / total


@dataclass(frozen=True, slots=True)
class Place:
    """Where a text is in an instrument: version, article, paragraph (1-based; None: the article
    has one, or the text spans several)."""

    version: str | None
    article: int
    suffix: int
    paragraph: int | None
    score: float
    current: bool
    """Whether the version is the one in force (the newest)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "article": self.article,
            "article_suffix": self.suffix,
            "paragraph": self.paragraph,
            "similarity": round(self.score, 3),
            "current": self.current,
        }


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """What one quote of one provision is, measured against the law's text.

    ``score`` is the quote's coverage by the cited text (``cited_text``: the cited
    article or paragraph in the version compared); ``found`` are the places whose
    text the quote really is when that is not the cited one, best first.
    """

    verdict: Verdict
    score: float
    cited_text: str | None
    version: str | None
    found: tuple[Place, ...] = ()
    reason: str = ""

    @property
    def home(self) -> Place | None:
        """The best place whose text the quote is, when it is not the cited one."""
        return self.found[0] if self.found else None

    def to_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "similarity": round(self.score, 3),
            "version": self.version,
            "found": [p.to_dict() for p in self.found],
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class _Unit:
    version_index: int
    article: LawArticle
    key: str


class QuoteIndex:
    """The articles of every version of one instrument, indexed by character trigrams.

    Built once per instrument; a lookup counts the quote's trigrams per article and
    aligns only the few best candidates, so checking a whole list costs a few
    alignments per quote, not one per article.
    """

    CANDIDATES = 4
    """Articles aligned exactly per lookup (the trigram count ranks the rest out)."""

    def __init__(self, instrument: LawInstrument) -> None:
        self.instrument = instrument
        self.versions: tuple[LawVersion, ...] = tuple(instrument.versions)
        self._units: list[_Unit] = []
        self._postings: dict[str, list[int]] = {}
        for v, version in enumerate(self.versions):
            for article in version.articles:
                key = quote_key(article.text)
                unit = len(self._units)
                self._units.append(_Unit(v, article, key))
                for gram in {key[i : i + MIN_BLOCK] for i in range(len(key) - MIN_BLOCK + 1)}:
                    self._postings.setdefault(gram, []).append(unit)

    @property
    def current_index(self) -> int:
        return len(self.versions) - 1

    def locate(self, quote: str, *, at_least: float = VERIFIED) -> tuple[Place, ...]:
        """Places whose text contains the quote (coverage ≥ ``at_least``), best first.

        Ties prefer the version in force, then later versions; one place per
        (article, text), so an article unchanged across versions is named once,
        in the newest version that has it.
        """
        fragments = quote_fragments(quote)
        grams = Counter(f[i : i + MIN_BLOCK] for f in fragments for i in range(len(f) - MIN_BLOCK + 1))
        if not grams:
            return ()
        hits: Counter[int] = Counter()
        for gram in grams:
            for unit in self._postings.get(gram, ()):
                hits[unit] += 1
        floor = at_least * len(grams) * 0.5
        ranked = [u for u, n in hits.most_common() if n >= floor]
        scored: list[tuple[float, int]] = []
        seen: set[tuple[int, int, str]] = set()
        for unit_id in sorted(ranked[: self.CANDIDATES * max(1, len(self.versions))], key=lambda u: -u):
            unit = self._units[unit_id]
            ident = (unit.article.number, unit.article.suffix, unit.key)
            if ident in seen:
                continue
            seen.add(ident)
            score = quote_coverage(fragments, unit.key)
            if score >= at_least:
                scored.append((score, unit_id))
        scored.sort(key=lambda s: (-round(s[0], 2), -self._units[s[1]].version_index))
        return tuple(self._place(self._units[u], fragments, score) for score, u in scored)

    def _place(self, unit: _Unit, fragments: Sequence[str], score: float) -> Place:
        paragraph = _paragraph_of(fragments, unit.article.paragraphs)
        return Place(
            version=self.versions[unit.version_index].date,
            article=unit.article.number,
            suffix=unit.article.suffix,
            paragraph=paragraph,
            score=score,
            current=unit.version_index == self.current_index,
        )


def _paragraph_of(fragments: Sequence[str], paragraphs: Sequence[str]) -> int | None:
    """The one paragraph (1-based) holding the quote; None when it spans several or there is one."""
    if len(paragraphs) < 2:
        return None
    for number, text in enumerate(paragraphs, 1):
        if quote_coverage(fragments, text) >= VERIFIED:
            return number
    return None


_INDEXES: dict[int, tuple[object, QuoteIndex]] = {}


def _index(instrument: LawInstrument) -> QuoteIndex:
    """One index per instrument object (kept with the object, so an id is never reused wrongly)."""
    held = _INDEXES.get(id(instrument))
    if held is None or held[0] is not instrument:
        if len(_INDEXES) > 4096:
            _INDEXES.clear()
        held = (instrument, QuoteIndex(instrument))
        _INDEXES[id(instrument)] = held
    return held[1]


def locate_quote(instrument: LawInstrument, quote: str, *, at_least: float = VERIFIED) -> tuple[Place, ...]:
    """Where in any version of ``instrument`` the quoted text is (see :meth:`QuoteIndex.locate`)."""
    return _index(instrument).locate(quote, at_least=at_least)


def check_quote(
    instrument: LawInstrument,
    quote: str | None,
    *,
    article: int,
    suffix: int = 0,
    paragraph: int | None = None,
    version: LawVersion | None = None,
) -> QuoteMatch:
    """Compare a quote with the text of the provision it is cited under.

    Args:
        instrument: the cited instrument, from the law library.
        quote: the quoted text as written in the list.
        article, suffix, paragraph: the cited provision (paragraph 1-based; None: the whole article,
            any one of whose paragraphs the quote may be).
        version: the version the citation names; the one in force when None.

    Returns:
        The verdict, with the places whose text the quote is when it is not the cited one.
    """
    version = version or instrument.current
    fragments = quote_fragments(quote)
    if sum(len(f) for f in fragments) < MIN_QUOTE:
        return QuoteMatch("unverifiable", 0.0, None, version.date, reason="no quote long enough to compare")
    cited = version.article(article, suffix)
    cited_text = None
    if cited is not None:
        paragraphs = cited.paragraphs
        if paragraph is not None and 1 <= paragraph <= len(paragraphs):
            cited_text = paragraphs[paragraph - 1]
        elif paragraph is None:
            cited_text = cited.text
    score = quote_coverage(fragments, cited_text) if cited_text else 0.0
    if score >= EXACT:
        return QuoteMatch("verified", score, cited_text, version.date)
    if score >= VERIFIED:
        # laws repeat their phrasing: a loose fit here may be another article's exact text
        better = tuple(
            place
            for place in _index(instrument).locate(quote or "", at_least=EXACT)
            if place.score >= score + MARGIN
            and not _same_provision(place, version, article, suffix, paragraph)
        )
        if better:
            return QuoteMatch("mismatch", score, cited_text, version.date, found=better)
        return QuoteMatch("verified", score, cited_text, version.date)
    if cited is not None and cited_text and paragraph is not None and len(cited.paragraphs) > 1:
        # A quote of the whole article cited by one of its paragraphs: right, if that paragraph is in it.
        whole = quote_coverage(fragments, cited.text)
        if whole >= VERIFIED and quote_coverage(cited_text, "".join(fragments)) >= VERIFIED:
            return QuoteMatch("verified", whole, cited.text, version.date)
    if cited_text and len(quote_key(cited_text)) >= MIN_QUOTE and _contains(fragments, cited_text):
        # The whole cited text, then more (a list often runs on into its own rules or the next article).
        return QuoteMatch(
            "verified", score, cited_text, version.date, reason="the quote holds the cited text and more"
        )
    found = tuple(
        place
        for place in _index(instrument).locate(quote or "")
        if place.score >= score + MARGIN and not _same_provision(place, version, article, suffix, paragraph)
    )
    if cited_text is None and not found:
        return QuoteMatch("unverifiable", 0.0, None, version.date, reason="the cited provision has no text")
    if score >= APPROXIMATE and not found:
        return QuoteMatch("approximate", score, cited_text, version.date)
    return QuoteMatch("mismatch", score, cited_text, version.date, found=found)


def check_cited(law: LawInstrument, provision: Provision, version: LawVersion | None = None) -> QuoteMatch:
    """:func:`check_quote` for a provision as the extractor gives it, with its own quote."""
    return check_quote(
        law,
        provision.quote,
        article=provision.article or 0,
        suffix=provision.article_suffix or 0,
        paragraph=provision.paragraph,
        version=version,
    )


def _contains(fragments: Sequence[str], text: str) -> bool:
    """Whether the cited ``text`` stands, nearly whole and in one stretch, inside the quote."""
    joined = "".join(fragments)
    return quote_coverage(text, joined) >= EXACT


def _same_provision(
    place: Place, version: LawVersion, article: int, suffix: int, paragraph: int | None
) -> bool:
    """Whether ``place`` is the cited provision itself in the compared version."""
    return (
        place.version == version.date
        and (place.article, place.suffix) == (article, suffix)
        and (paragraph is None or place.paragraph in (None, paragraph))
    )

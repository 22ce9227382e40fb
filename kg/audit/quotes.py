"""Quoted provision text that does not fit the article it is cited under.

Lists quote the article they rest on. When one article is quoted with two
texts that share little (punctuation and small copy edits do not count), one of
them is likely quoted under the wrong number. Two whole-article quotes that
differ may just quote different paragraphs (社会保险法 第七十九条 has two), so a
conflict is reported only with proof: both quotes claim the same paragraph, or
one text is quoted elsewhere under another article — which then names the
article it probably belongs to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from extractors.models import Provision
from kg.audit.corpus import Corpus, Occurrence, instrument_ref, where
from kg.audit.model import Evidence, Finding
from kg.audit.text import MIN_BLOCK, coverage, coverage_bound, quote_key
from kg.graph.labels import provision_label

__all__ = ["QuotedText", "quoted_text_conflicts", "quoted_texts", "same_text"]

MIN_QUOTE = 12
"""Quotes shorter than this (after punctuation is dropped) are too short to compare."""

AGREE = 0.5
"""Coverage at or above which two quotes of one article agree (a cut-short quote of
the same text still covers nearly all of itself; different texts share only
common phrases such as 社会保险行政部门)."""

SAME_TEXT = 0.8
"""Symmetric similarity at or above which two quotes are one text (small edits allowed)."""

SHOWN = 40
"""Characters of a quote shown in a message."""


@dataclass(frozen=True, slots=True)
class QuotedText:
    """One quote of one provision, where it was found, and the instrument it quotes."""

    occ: Occurrence
    provision: Provision
    key: str
    instrument: str
    """The identity of the quoted instrument (:meth:`kg.audit.corpus.Corpus.instrument_key`)."""

    @property
    def article(self) -> tuple[int | None, int | None, int | None]:
        p = self.provision
        return (p.part, p.article, p.article_suffix)

    def where(self) -> str:
        return where([self.occ.cited])

    def shown(self) -> str:
        text = (self.provision.quote or "").strip()
        return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def same_text(a: str, b: str) -> float:
    """Symmetric similarity (0–1): matched characters over both lengths.

    Unlike :func:`~kg.audit.text.coverage`, a short quote inside a long one does
    not count as the same text.
    """
    if not a or not b:
        return 0.0
    scale = 2 * min(len(a), len(b)) / (len(a) + len(b))
    if coverage_bound(a, b) * scale < SAME_TEXT:
        return coverage_bound(a, b) * scale
    return coverage(a, b) * scale


def quoted_texts(corpus: Corpus) -> list[QuotedText]:
    """Every article-level quote long enough to compare."""
    out = []
    for occ in corpus.occurrences():
        for prov in occ.citation.provisions:
            key = quote_key(prov.quote)
            if prov.article is not None and len(key) >= max(MIN_QUOTE, MIN_BLOCK):
                out.append(QuotedText(occ, prov, key, corpus.instrument_key(occ.instrument)))
    return out


Article = tuple[int | None, int | None, int | None]
"""(part, article, article suffix): what one quote claims to quote."""


class _Pool:
    """The distinct quotes of one instrument, with twin searches done once per text."""

    def __init__(self, quotes: list[QuotedText]) -> None:
        self.texts: dict[tuple[str, Article], QuotedText] = {}
        for quote in quotes:
            self.texts.setdefault((quote.key, quote.article), quote)
        self._twins: dict[tuple[str, Article], list[QuotedText]] = {}

    def contested(self, text: str, article: Article) -> bool:
        """Whether ``article`` is also quoted with a text that disagrees with ``text``."""
        return any(
            other_article == article
            and (coverage_bound(text, other) < AGREE or coverage(text, other) < AGREE)
            for other, other_article in self.texts
        )

    def home(self, quote: QuotedText) -> QuotedText | None:
        """Where ``quote``'s text probably belongs: a twin under an article no other text claims."""
        for twin in self.twins(quote):
            if not self.contested(quote.key, twin.article):
                return twin
        return None

    def twins(self, quote: QuotedText) -> list[QuotedText]:
        """Quotes of the same text under another article of the same instrument."""
        key = (quote.key, quote.article)
        if key not in self._twins:
            size = len(quote.key)
            self._twins[key] = [
                other
                for (text, article), other in self.texts.items()
                if article != quote.article
                and _lengths_allow(size, len(text))
                and same_text(quote.key, text) >= SAME_TEXT
            ]
        return self._twins[key]


def _lengths_allow(a: int, b: int) -> bool:
    """Whether two lengths allow :func:`same_text` to reach :data:`SAME_TEXT` at all."""
    return 2 * min(a, b) >= SAME_TEXT * (a + b)


def _conflicting(a: QuotedText, b: QuotedText) -> bool:
    pa, pb = a.provision.paragraph, b.provision.paragraph
    if pa is not None and pb is not None and pa != pb:
        return False
    return coverage_bound(a.key, b.key) < AGREE or coverage(a.key, b.key) < AGREE


def quoted_text_conflicts(corpus: Corpus) -> list[Finding]:
    """One finding per article quoted with disagreeing texts, when the conflict is proven."""
    by_instrument: dict[str, list[QuotedText]] = defaultdict(list)
    for quote in quoted_texts(corpus):
        by_instrument[quote.instrument].append(quote)
    findings = []
    for quotes in by_instrument.values():
        pool = _Pool(quotes)
        by_article: dict[Article, dict[tuple[str, int | None], list[QuotedText]]] = defaultdict(dict)
        for quote in quotes:
            by_article[quote.article].setdefault((quote.key, quote.provision.paragraph), []).append(quote)
        for group in by_article.values():
            finding = _article_finding(list(group.values()), pool)
            if finding:
                findings.append(finding)
    return findings


def _article_finding(group: list[list[QuotedText]], pool: _Pool) -> Finding | None:
    """Compare the distinct (text, paragraph) quotes of one article pairwise."""
    involved: dict[int, list[QuotedText]] = {}
    twins: dict[int, list[QuotedText]] = {}
    for i, same_a in enumerate(group):
        for j in range(i + 1, len(group)):
            a, b = same_a[0], group[j][0]
            if not _conflicting(a, b):
                continue
            same_para = a.provision.paragraph is not None and a.provision.paragraph == b.provision.paragraph
            found = {i: pool.twins(a), j: pool.twins(b)}
            if same_para or any(found.values()):
                for n in (i, j):
                    involved[n] = group[n]
                    twins[n] = found[n]
    if not involved:
        return None
    return _finding(involved, twins, pool)


def _finding(
    involved: dict[int, list[QuotedText]], twins: dict[int, list[QuotedText]], pool: _Pool
) -> Finding:
    """The finding for one article's disagreeing quotes (each entry: one text, all its places)."""
    entries = [involved[n] for n in sorted(involved)]
    every = [q for entry in entries for q in entry]
    first = entries[0][0]
    inst = first.occ.instrument
    label = provision_label(Provision(article=first.provision.article, part=first.provision.part).path())

    def at(entry: list[QuotedText]) -> str:
        return where(q.occ.cited for q in entry)

    texts = "；".join(f"{at(entry)} 引作“{entry[0].shown()}”" for entry in entries)
    hints, fixes, related = [], [], []
    for n in sorted(involved):
        entry = involved[n]
        home = pool.home(entry[0])
        if home is not None:
            other = provision_label(home.provision.path())
            hints.append(f"{at(entry)} 所引文字与 {home.where()} 所引{other}相同，很可能应为{other}")
            fixes.append(f"{at(entry)}：{provision_label(entry[0].provision.path())} → {other}")
            related.append(home.occ.location())
        elif twins[n]:
            twin = twins[n][0]
            hints.append(
                f"{at(entry)} 所引文字另见 {twin.where()} 所引{provision_label(twin.provision.path())}"
            )
            related.append(twin.occ.location())
    message = f"《{inst.title or inst.raw_title}》{label}被引用为不同的文字：{texts}"
    if hints:
        message += "。" + "；".join(hints)
    return Finding(
        kind="quoted_text_conflict",
        severity="warning",
        message=message + " / one article quoted with different texts",
        evidence=Evidence(
            locations=tuple(q.occ.location(q.provision.raw or q.occ.raw_text()) for q in every),
            raw=tuple(entry[0].provision.quote or "" for entry in entries),
            expected=fixes[0].split("→ ")[-1] if len(fixes) == 1 else None,
            related=tuple(related),
        ),
        suggestion=("；".join(fixes) + "（请对照法条原文核对）") if fixes else "对照法条原文核对引文",
        items=tuple(dict.fromkeys(q.occ.cited.ref for q in every)),
        instruments=(instrument_ref(inst),),
    )

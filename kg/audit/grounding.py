"""What the law says beside what a list quotes: one cited provision's text, versions and verdict.

``kg trace`` and the provision pages show, for each power resting on a
provision, the provision's text in the version in force, whether the list's
quote is that text (:mod:`kg.laws.compare`), where it is from when it is not,
and the findings the law's text proves (:func:`kg.audit.lawtext.judge`). The
graph names provisions by IRI: callers read a provision back with
:func:`kg.iri.provision_path` and :meth:`extractors.models.Provision.from_path`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from extractors.models import Provision
from kg.audit.lawtext import Judgement, judge
from kg.laws.compare import Place, Verdict, check_cited, locate_quote
from kg.laws.provisions import lookup_cited

if TYPE_CHECKING:
    from kg.laws.model import LawInstrument, LawVersion

__all__ = ["MARKS", "LawFacts", "QuoteReport", "law_facts", "report"]

MARKS: dict[str, str] = {"verified": "✓", "approximate": "≈", "mismatch": "✗", "unverifiable": "?"}
"""How a quote's verdict is marked in the terminal and on the pages."""


@dataclass(frozen=True, slots=True)
class LawFacts:
    """The instrument as the library knows it, for a heading: title, version in force, status."""

    title: str
    version: str | None
    source: str
    status: str
    status_source: str
    articles: int
    versions: tuple[str | None, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "version": self.version,
            "source": self.source,
            "status": self.status,
            "status_source": self.status_source,
            "articles": self.articles,
            "versions": list(self.versions),
        }


def law_facts(law: LawInstrument) -> LawFacts:
    current = law.current
    return LawFacts(
        title=law.title,
        version=current.date,
        source=current.source,
        status=law.status,
        status_source=law.status_source,
        articles=len(current.articles),
        versions=tuple(v.date for v in law.versions),
    )


@dataclass(frozen=True, slots=True)
class QuoteReport:
    """One power's citation of one provision, measured against the law.

    ``article_text`` is the cited provision's text in the version compared (the
    article, or the paragraph when one is cited); ``matches`` are the places whose
    text the quote is (the cited provision first when the quote is its text).
    """

    article_text: str | None
    version: str | None
    verdict: Verdict | None
    similarity: float
    matches: tuple[Place, ...]
    findings: tuple[Judgement, ...]

    @property
    def mark(self) -> str:
        return MARKS.get(self.verdict or "", "")

    def to_dict(self) -> dict[str, Any]:
        """The keys ``kg trace --json`` adds to each power."""
        return {
            "article_text": self.article_text,
            "article_version": self.version,
            "quote_verdict": self.verdict,
            "quote_similarity": round(self.similarity, 3),
            "quote_matches": [p.to_dict() for p in self.matches],
            "findings": [
                {
                    "kind": j.kind,
                    "severity": j.severity,
                    "message": j.text(),
                    "suggestion": j.suggestion,
                    "expected": j.expected,
                }
                for j in self.findings
            ],
        }


def report(law: LawInstrument, provision: Provision, version: LawVersion | None = None) -> QuoteReport:
    """The law's text of ``provision`` beside its quote, with the verdict and the findings."""
    version = version or law.current
    article, suffix = provision.article, provision.article_suffix or 0
    if article is None or provision.part is not None or provision.annex is not None:
        return QuoteReport(None, version.date, None, 0.0, (), ())
    lookup = lookup_cited(law, provision, version)
    judgement = judge(law, version, provision)
    findings = (judgement,) if judgement is not None else ()
    if not provision.quote:
        return QuoteReport(lookup.text, version.date, None, 0.0, (), findings)
    match = check_cited(law, provision, version)
    matches = match.found
    if match.verdict in ("verified", "approximate"):
        own = Place(version.date, article, suffix, provision.paragraph, match.score, version is law.current)
        matches = (own, *matches)
    elif not lookup.found and not matches:
        matches = locate_quote(law, provision.quote)
    return QuoteReport(lookup.text, version.date, match.verdict, match.score, matches, findings)

"""``kg impact``: a law was amended — which powers, in which agencies, rest on articles that changed?

Two versions of one instrument (both in the law library, or the library's
current text against a new text the user supplies) are compared article by
article (:func:`kg.laws.diff.diff_versions`); then every power in the graph that
rests on the instrument is traced (:func:`kg.trace.trace`, the one way the
graph answers "what rests on this") and kept when the article it cites, or the
article its cited paragraph or item belongs to, was changed, deleted or
renumbered. Lists cite the text they were written against, so a citation's
number is read in the older version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.iri import provision_path
from kg.laws.cite import LibraryLike
from kg.laws.diff import ArticleChange, diff_versions
from kg.laws.source import LawSourceError
from kg.laws.textfile import LawTextFile
from kg.trace import TracedCitation, TracedPower, TraceError, trace

if TYPE_CHECKING:
    from kg.laws.library import LawLibrary
    from kg.laws.model import LawInstrument, LawVersion
    from kg.store.base import Store

__all__ = [
    "AFFECTING",
    "ImpactError",
    "ImpactReport",
    "ImpactedPower",
    "impact",
    "impact_of_file",
    "library_for",
    "pick_versions",
]

AFFECTING = ("changed", "deleted", "renumbered")
"""Changes that affect a power resting on the article (a renumbered article with the same text
still needs the citation's number corrected)."""


class ImpactError(ValueError):
    """Bad input for ``kg impact``: the message names the argument; exit code 2."""


@dataclass(frozen=True, slots=True)
class ImpactedPower:
    """One power resting on an article the amendment changed, deleted or renumbered."""

    power: TracedPower
    citation: TracedCitation
    """The citation by which the power rests on the article (a power may cite several)."""
    change: ArticleChange

    def to_dict(self) -> dict[str, Any]:
        """The ``powers`` entry of ``kg impact --json``."""
        numbers = self.change.to_dict()
        return {
            "seq": self.power.seq,
            "name": self.power.name,
            "agency": self.power.agency,
            "list": self.power.list,
            "cited_as": self.citation.cited_as,
            "change": self.change.change,
            "old": numbers["old"],
            "new": numbers["new"],
            "similarity": numbers["similarity"],
            "old_text": self.change.old.text if self.change.old is not None else None,
            "new_text": self.change.new.text if self.change.new is not None else None,
            "item": self.power.item,
            "source": {
                "list": self.power.list,
                "seq": self.power.seq,
                "line": self.citation.line,
                "file": self.power.file,
            },
        }


@dataclass
class ImpactReport:
    """The article-by-article diff and the powers it touches."""

    law: LawInstrument
    old: LawVersion
    new: LawVersion
    articles: list[ArticleChange]
    powers: list[ImpactedPower] = field(default_factory=list)
    note: str | None = None
    """Why no power is listed, when the graph has none resting on the instrument."""

    def counts(self) -> dict[str, int]:
        out = {kind: 0 for kind in ("unchanged", "changed", "added", "deleted", "renumbered")}
        for change in self.articles:
            out[change.change] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``kg impact --json``."""
        return {
            "instrument": {
                "title": self.law.title,
                "kind": self.law.kind,
                "status": self.law.status,
                "promulgation_number": self.law.promulgation_number,
            },
            "from": self.old.date,
            "to": self.new.date,
            "from_source": self.old.source,
            "to_source": self.new.source,
            "counts": self.counts(),
            "articles": [c.to_dict() for c in self.articles],
            "powers": [p.to_dict() for p in self.powers],
            "note": self.note,
        }


def library_for(folder: Path | None) -> LawLibrary:
    """The law library to compare versions in: the default one, or a folder in the LawRefBook layout.

    Raises:
        ImpactError: the folder cannot be read as a law library (named as ``--library``).
    """
    from kg.laws.lawrefbook import LawRefBookFolder
    from kg.laws.library import default_library, library_from_instruments

    if folder is None:
        return default_library()
    try:
        return library_from_instruments(LawRefBookFolder(folder).instruments())
    except LawSourceError as error:
        raise ImpactError(f"--library {folder}: {error}") from error


def pick_versions(
    law: LawInstrument, date_from: str | None, date_to: str | None
) -> tuple[LawVersion, LawVersion]:
    """The two versions to compare: those dated ``date_from`` and ``date_to`` (the two newest by default).

    Raises:
        ImpactError: a date the library has no version of (the message lists the dates it has).
    """
    dated = {v.date: v for v in law.versions}
    known = "、".join(str(d) for d in dated) or "none"
    if date_from is None and date_to is None:
        if len(law.versions) < 2:
            raise ImpactError(
                f"《{law.title}》: the library holds one version only ({known}); give a new text file"
            )
        return law.versions[-2], law.versions[-1]
    chosen = []
    for option, date in (("--from", date_from), ("--to", date_to)):
        if date is None:
            raise ImpactError(f"{option}: give both --from and --to (versions: {known})")
        if date not in dated:
            raise ImpactError(
                f"{option} {date}: 《{law.title}》 has no version of that date (versions: {known})"
            )
        chosen.append(dated[date])
    if chosen[0] is chosen[1]:
        raise ImpactError(f"--from and --to name the same version ({date_from})")
    return chosen[0], chosen[1]


def _article_of(path: Sequence[tuple[str, int]]) -> tuple[int, int] | None:
    levels = dict(path)
    if "art" not in levels or "part" in levels or "annex" in levels:
        return None
    return (levels["art"], levels.get("artsfx", 0))


def impact(
    store: Store, law: LawInstrument, old: LawVersion, new: LawVersion, library: LibraryLike | None = None
) -> ImpactReport:
    """Diff ``old`` → ``new`` and list the powers in ``store`` resting on what changed."""
    report = ImpactReport(law, old, new, diff_versions(old, new))
    by_old = {c.old_number: c for c in report.articles if c.old_number is not None}
    try:
        traced = trace(f"《{law.title}》", store, library=library)
    except TraceError as error:
        report.note = f"no power in the graph rests on 《{law.title}》 ({error})"
        return report
    instrument = traced.iri
    for power in traced.powers:
        for citation in power.citations:
            path = provision_path(citation.cited, instrument)
            number = _article_of(path) if path else None
            change = by_old.get(number) if number is not None else None
            if change is not None and change.change in AFFECTING:
                report.powers.append(ImpactedPower(power, citation, change))
    report.powers.sort(key=lambda p: (p.power.agency or "", p.power.list, p.power.file, p.citation.line))
    return report


def impact_of_file(store: Store, library: LibraryLike, path: Path) -> ImpactReport:
    """The library's current text of the file's instrument against the file's text.

    Raises:
        ImpactError: the file cannot be read as a law text, or the library lacks its instrument.
    """
    try:
        [drafted] = list(LawTextFile(path).instruments())
    except LawSourceError as error:
        raise ImpactError(str(error)) from error
    law = library.get(drafted.title)
    if law is None or not law.versions:
        raise ImpactError(f"{path}: the library has no instrument titled 《{drafted.title}》 to compare with")
    new = drafted.versions[-1]
    return impact(store, law, law.current, new, library)

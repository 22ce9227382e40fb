"""What the library holds, for ``kg laws``: counts by kind and by source, and the snapshot."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.laws.library import LawLibrary
from kg.laws.model import KINDS
from kg.laws.status import source_name

__all__ = ["LibrarySummary", "summarise"]


@dataclass(frozen=True, slots=True)
class LibrarySummary:
    """Counts of instruments by kind, by source and by status, versions, articles, the snapshot."""

    instruments: int
    versions: int
    articles: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    snapshot: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready."""
        return {
            "instruments": self.instruments,
            "versions": self.versions,
            "articles": self.articles,
            "by_kind": self.by_kind,
            "by_source": self.by_source,
            "by_status": self.by_status,
            "snapshot": self.snapshot,
        }


def summarise(library: LawLibrary, snapshot: dict[str, object] | None = None) -> LibrarySummary:
    """Count what ``library`` holds; an instrument counts once for every source that gave a version."""
    kinds: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    versions = articles = 0
    for instrument in library:
        kinds[instrument.kind] += 1
        statuses[instrument.status] += 1
        versions += len(instrument.versions)
        articles += sum(len(v.articles) for v in instrument.versions)
        for name in {source_name(v.source) for v in instrument.versions}:
            sources[name] += 1
    order = {kind: n for n, kind in enumerate(KINDS)}
    return LibrarySummary(
        instruments=len(library),
        versions=versions,
        articles=articles,
        by_kind=dict(sorted(kinds.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))),
        by_source=dict(sorted(sources.items())),
        by_status=dict(sorted(statuses.items())),
        snapshot=dict(snapshot or {}),
    )

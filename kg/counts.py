"""What the store holds, counted one way for the build summary and anyone else who asks.

The definitions are those of ``kg/queries/graph_counts.rq`` (distinct powers, cited
provisions including the articles whose paragraphs are cited, citation nodes with one
per provision a reference names); the site's index and ``kg trace`` count the same
things and a test holds them to it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.store.base import Store

__all__ = ["GraphCounts", "graph_counts"]


@dataclass(frozen=True, slots=True)
class GraphCounts:
    """Distinct lists, powers, agencies, instruments, cited provisions and citations."""

    lists: int = 0
    powers: int = 0
    agencies: int = 0
    instruments: int = 0
    provisions: int = 0
    citations: int = 0

    def to_dict(self) -> dict[str, int]:
        """The counts by name."""
        return asdict(self)


def graph_counts(store: Store) -> GraphCounts:
    """Run ``graph_counts.rq`` on the whole store (every list's graph together)."""
    from kg.queries import run_query

    rows = run_query(store, "graph_counts")
    if not rows:
        return GraphCounts()
    row = rows[0]
    values = {name: int(str(row.get(name) or 0)) for name in GraphCounts.__dataclass_fields__}
    return GraphCounts(**values)

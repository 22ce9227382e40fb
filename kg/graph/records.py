"""What graph building consumes: a power item with the citations found in its cells.

Kept apart from extraction so the graph can be built (and tested) from hand-made
citations, and so a streaming build can hand over one item at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.models import Citation
from kg.model import PowerItem

__all__ = ["CellCitations", "ExtractedItem"]


@dataclass(frozen=True, slots=True)
class CellCitations:
    """The citations found in one text cell (``field`` is a name from ``TEXT_COLUMNS``)."""

    field: str
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedItem:
    """A power item and, per text column, what the extractor found in it."""

    item: PowerItem
    cells: tuple[CellCitations, ...] = field(default=())

    def citations(self) -> list[Citation]:
        """Every citation of the item, cell by cell."""
        return [citation for cell in self.cells for citation in cell.citations]

"""Records read from a power list: the contract between ingest and everything after it.

Plain dataclasses, no behaviour beyond a JSON view, so each step of the pipeline
(ingest → extract → graph, audit) can be tested alone and streamed one row at a
time. An item with the citations found in its cells (:class:`ExtractedItem`) is
what both the graph and the audit consume, made by the one loop :func:`extract_item`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractors.models import Citation
    from extractors.protocols import Extractor

__all__ = [
    "TEXT_COLUMNS",
    "Agency",
    "CellCitations",
    "ExtractedItem",
    "PowerCode",
    "PowerItem",
    "PowerList",
    "Repair",
    "extract_item",
]

TEXT_COLUMNS: tuple[str, ...] = ("basis", "duties", "accountability")
"""Record fields whose text cites instruments, in the order they are extracted.

Their Chinese column names are in ``kg/ingest/data/headers.toml``
(实施依据, 责任事项, 追责情形).
"""


@dataclass(frozen=True, slots=True)
class Repair:
    """What ingest changed or skipped in a row, and where, so nothing is silent.

    ``kind`` is a stable machine name (``split_agency_basis``, ``pad_missing_fields``,
    ``skip_rule_row``, ``skip_repeated_header``, ``skip_blank_row``,
    ``merge_continuation``, ``fill_merged_cell`` …); ``detail`` says it in words.
    """

    file: str
    line: int
    kind: str
    detail: str
    seq: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "kind": self.kind,
            "detail": self.detail,
            "seq": self.seq,
        }


@dataclass(frozen=True, slots=True)
class PowerCode:
    """A 地方权力编码 decoded: 18-character unified social credit code + item code.

    ``valid`` is False when the length is wrong, the credit code fails its GB 32100
    check digit, or the type digits disagree with 权力类型; ``problems`` says which.
    """

    raw: str
    credit_code: str | None = None
    item_code: str | None = None
    type_digits: str | None = None
    valid: bool = False
    problems: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "credit_code": self.credit_code,
            "item_code": self.item_code,
            "type_digits": self.type_digits,
            "valid": self.valid,
            "problems": list(self.problems),
        }


@dataclass(frozen=True, slots=True)
class Agency:
    """The agency that exercises a power, with its name resolved against the list title.

    ``name`` is the full name (天水市医疗保障局), ``raw`` what the row said (市医保局).
    """

    name: str
    raw: str
    jurisdiction: str | None = None
    level: str | None = None
    credit_code: str | None = None


@dataclass(frozen=True, slots=True)
class PowerList:
    """One published list: its title, where it came from, and whose it is."""

    title: str
    source_file: str
    jurisdiction: str | None = None
    level: str | None = None
    agency: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class PowerItem:
    """One row of a power list: one administrative power and its legal basis.

    ``basis``, ``duties`` and ``accountability`` hold plain text (HTML fragments
    already turned into text with line breaks kept). Columns the header table does
    not know are kept in ``extra`` under their header as written. Frozen: once read,
    a row is a fact the build and the audit share, so neither may change it.
    """

    list_title: str
    file: str
    line: int
    seq: str
    name: str
    sub_name: str = ""
    type: str = ""
    code: str = ""
    sub_code: str = ""
    code_info: PowerCode | None = None
    agency: str = ""
    agency_raw: str = ""
    org_units: tuple[str, ...] = ()
    level: str = ""
    basis: str = ""
    duties: str = ""
    accountability: str = ""
    remark: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)
    repairs: tuple[Repair, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    """Record field → the header as written in the file (for provenance)."""
    key: str = ""
    """The row's identity within its list (its 序号, made unique by row position; see
    :func:`kg.iri.item_keys`); empty for records not read by ingest."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON-lines view of ``kg ingest --json``."""
        return {
            "list": self.list_title,
            "file": self.file,
            "line": self.line,
            "seq": self.seq,
            "key": self.key or self.seq,
            "name": self.name,
            "sub_name": self.sub_name,
            "type": self.type,
            "agency": self.agency,
            "agency_raw": self.agency_raw,
            "org_units": list(self.org_units),
            "code": self.code,
            "sub_code": self.sub_code,
            "code_info": self.code_info.to_dict() if self.code_info else None,
            "level": self.level,
            "basis": self.basis,
            "duties": self.duties,
            "accountability": self.accountability,
            "remark": self.remark,
            "extra": dict(self.extra),
            "repairs": [r.to_dict() for r in self.repairs],
        }


@dataclass(frozen=True, slots=True)
class CellCitations:
    """The citations found in one text cell (``field`` is a name from ``TEXT_COLUMNS``)."""

    field: str
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedItem:
    """A power item and, per text column, what the extractor found in it.

    Kept apart from extraction so the graph and the audit can be built (and
    tested) from hand-made citations, and a streaming build can hand over one
    item at a time.
    """

    item: PowerItem
    cells: tuple[CellCitations, ...] = field(default=())

    def citations(self) -> list[Citation]:
        """Every citation of the item, cell by cell."""
        return [citation for cell in self.cells for citation in cell.citations]

    def citations_in(self, column: str) -> tuple[Citation, ...]:
        """The citations found in one text column (none when the cell was not extracted)."""
        for cell in self.cells:
            if cell.field == column:
                return cell.citations
        return ()


def extract_item(item: PowerItem, extract: Extractor) -> ExtractedItem:
    """Run the extractor over every text column of one item (empty cells are not asked).

    The one extraction loop: the graph build and the audit (from files or from a
    store) both go through it, so they see the same citations.
    """
    cells = []
    for name in TEXT_COLUMNS:
        text = getattr(item, name) or ""
        citations = tuple(extract(text, column=name)) if text.strip() else ()
        cells.append(CellCitations(field=name, text=text, citations=citations))
    return ExtractedItem(item=item, cells=tuple(cells))

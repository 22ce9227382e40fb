"""Factories for hand-built records and citations, so graph tests need no extractor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from extractors.models import Citation, Instrument, Provision
from kg.model import PowerCode, PowerItem, PowerList

__all__ = ["AGENCY", "CODE_PREFIX", "CREDIT", "FakeExtractor", "cite", "item", "power_list", "prov"]

AGENCY = "甲市医疗保障局"
JIA_KEY = "甲市医保局权责清单/jia.txt"
"""The list key :func:`power_list` gets by default (title + file name)."""
CREDIT = "11620500MB16170967"
CODE_PREFIX = CREDIT + "36202360010"
"""A power code without its last two digits (tests append them)."""


def prov(article: int | None = None, **levels: object) -> Provision:
    """A provision; keyword levels as in :class:`Provision` (paragraph=1, chapter=5 …)."""
    return Provision(article=article, **levels)  # type: ignore[arg-type]


def cite(
    title: str | None = None,
    *provisions: Provision,
    doc: str | None = None,
    role: str = "cites",
    span: tuple[int, int] = (0, 10),
    rule: str = "test_rule",
    **instrument: object,
) -> Citation:
    """A citation of ``title`` (and/or document number ``doc``) with ``provisions``."""
    return Citation(
        role=role,  # type: ignore[arg-type]
        span=span,
        instrument=Instrument(title=title, raw_title=title, doc_number=doc, **instrument),  # type: ignore[arg-type]
        provisions=tuple(provisions),
        rule=rule,
    )


def power_list(title: str = "甲市医保局权责清单", file: str = "jia.txt") -> PowerList:
    """A list whose agency is :data:`AGENCY`."""
    return PowerList(
        title=title, source_file=f"/somewhere/{file}", jurisdiction="甲市", level="市级", agency=AGENCY
    )


def item(
    seq: str,
    basis: str = "",
    *,
    list_title: str = "甲市医保局权责清单",
    code: str | None = None,
    valid: bool = True,
    agency: str = AGENCY,
    line: int = 5,
    duties: str = "",
    accountability: str = "",
    org_units: Sequence[str] = ("基金监管科",),
) -> PowerItem:
    """A power item; ``code`` gets a decoded :class:`PowerCode` with the agency's credit code."""
    info = None
    if code is not None:
        info = PowerCode(raw=code, credit_code=CREDIT if valid else None, item_code=code[18:], valid=valid)
    return PowerItem(
        list_title=list_title,
        file="jia.txt",
        line=line,
        seq=seq,
        name=f"事项{seq}",
        type="行政处罚",
        code=code or "",
        code_info=info,
        agency=agency,
        org_units=tuple(org_units),
        basis=basis,
        duties=duties,
        accountability=accountability,
        columns={"basis": "实施依据", "duties": "责任事项", "accountability": "追责情形"},
    )


class FakeExtractor:
    """An extractor that answers from a table: text → citations (unknown text → none)."""

    def __init__(self, table: Mapping[str, Sequence[Citation]]) -> None:
        self.table = dict(table)

    def __call__(self, text: str, *, column: str | None = None) -> list[Citation]:
        return list(self.table.get(text, ()))

"""The entry point: all checks together, and a typo-free list that gives nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from extractors.models import Citation
from kg.audit import KINDS, audit, audit_corpus
from kg.audit.status import parse_status
from kg.model import PowerItem, PowerList, Repair
from tests.audit.factories import clean_rows, corpus

EMPTY_STATUS = parse_status("key,status,date\n", "empty.csv")


@dataclass
class Result:
    power_list: PowerList
    items: list[PowerItem]
    repairs: list[Repair] = field(default_factory=list)


def test_typo_free_lists_give_no_findings() -> None:
    rows = clean_rows()
    results = [
        Result(PowerList(title=f"{f}清单", source_file=f), [r for r, _ in rows if r.file == f])
        for f in ("a.txt", "b.txt")
    ]
    by_cell: dict[tuple[str, str], list[Citation]] = {}
    for record, cells in rows:
        for column, found in cells.items():
            assert by_cell.setdefault((getattr(record, column), column), found) == found

    def extract(text: str, *, column: str | None = None) -> list[Citation]:
        return by_cell.get((text, column or ""), [])

    assert audit(results, extract, status=EMPTY_STATUS) == []


def test_typo_free_lists_with_bundled_status_give_nothing_either() -> None:
    assert audit_corpus(corpus(clean_rows())) == []


def test_kinds_filter_and_unknown_kind() -> None:
    assert audit_corpus(corpus(clean_rows()), kinds=["junk_row"]) == []
    with pytest.raises(ValueError, match="unknown finding kind"):
        audit_corpus(corpus(clean_rows()), kinds=["typo"])


def test_every_kind_has_a_check() -> None:
    assert set(KINDS) >= {
        "malformed_doc_number",
        "doc_number_conflict",
        "title_variant",
        "alias",
        "malformed_power_code",
        "quoted_text_conflict",
        "basis_divergence",
        "row_repair",
        "junk_row",
        "alias_definition",
        "no_basis",
        "not_in_force",
    }

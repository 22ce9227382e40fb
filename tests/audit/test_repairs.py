"""What ingest repaired or skipped, grouped as a reviewer reads it."""

from __future__ import annotations

from kg.audit.repairs import repair_findings
from kg.model import Repair
from tests.audit.factories import corpus


def _r(line: int, kind: str, seq: str | None) -> Repair:
    return Repair(file="b.txt", line=line, kind=kind, detail=f"{kind} at {line}", seq=seq)


def test_rows_grouped_by_their_set_of_repairs() -> None:
    repairs = [
        _r(8, "pad_missing_fields", "2"),
        _r(11, "split_agency_basis", "4"),
        _r(11, "pad_missing_fields", "4"),
        _r(12, "split_agency_basis", "5"),
        _r(12, "pad_missing_fields", "5"),
        _r(17, "pad_missing_fields", "8"),
    ]
    findings = repair_findings(corpus([], repairs))
    groups = {f.evidence.seqs: f for f in findings}
    assert set(groups) == {("2", "8"), ("4", "5")}
    assert all(f.kind == "row_repair" for f in findings)
    assert "行使主体" in groups[("4", "5")].message


def test_rule_row_is_junk_and_export_noise_is_not_reported() -> None:
    repairs = [
        Repair("b.txt", 25, "skip_rule_row", "skipped a table rule row: ----|----", None),
        _r(5, "skip_repeated_header", None),
        _r(4, "skip_blank_row", None),
    ]
    [finding] = repair_findings(corpus([], repairs))
    assert finding.kind == "junk_row"
    assert finding.evidence.lines == (25,)
    assert "----" in finding.evidence.raw[0]


def test_unknown_repair_kinds_are_still_reported() -> None:
    findings = repair_findings(corpus([], [_r(3, "skip_mystery", None), _r(4, "guess_column", "1")]))
    assert sorted(f.kind for f in findings) == ["junk_row", "row_repair"]


def test_no_repairs_no_findings() -> None:
    assert repair_findings(corpus([])) == []

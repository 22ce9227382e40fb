"""Every gold finding of the two sample lists is reported, under its kind name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.audit import Finding, audit
from kg.audit.gold import load_gold, score
from kg.ingest import bundled_samples, read_list

GOLD = Path(os.environ.get("KG_SEEDS_FINDINGS", Path(__file__).parents[1] / "gold" / "seeds.findings.jsonl"))
"""The seeds gold as the repo keeps it (``tests/gold``, a copy of the shared one, file names as bundled)."""


def _audit_samples() -> list[Finding]:
    from extractors import extract

    return audit([read_list(path) for path in bundled_samples()], extract)


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return _audit_samples()


@pytest.mark.skipif(not GOLD.is_file(), reason=f"gold not found at {GOLD} (set KG_SEEDS_FINDINGS)")
def test_every_gold_finding_is_reported(findings: list[Finding]) -> None:
    _, missed = score(load_gold(GOLD), findings)
    assert missed == []


@pytest.mark.parametrize(
    ("kind", "count"),
    [("quoted_text_conflict", 1), ("basis_divergence", 1), ("malformed_power_code", 1), ("no_basis", 0)],
    ids=["one-quote-conflict", "one-divergence", "one-bad-code", "every-item-has-a-basis"],
)
def test_no_false_alarms_of_the_judging_kinds(findings: list[Finding], kind: str, count: int) -> None:
    assert sum(f.kind == kind for f in findings) == count


def test_findings_are_deterministic(findings: list[Finding]) -> None:
    assert [f.to_dict() for f in findings] == [f.to_dict() for f in _audit_samples()]

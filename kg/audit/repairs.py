"""What ingest repaired (``row_repair``) or skipped (``junk_row``), told to the reviewer.

Ingest never changes a row silently: it records a :class:`~kg.model.Repair`.
Rows with the same set of repairs are reported together (瓜州 4–7: 行使主体 and
实施依据 in one field and no 备注; 2, 3, 8 …: 备注 missing). Repairs that are the
normal shape of an export (repeated headers, blank lines) are not findings; the
table ``data/repairs.csv`` says which is which.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePath

from kg.audit.corpus import Corpus
from kg.audit.model import Evidence, Finding, Location, Severity
from kg.model import Repair

__all__ = ["RepairRule", "repair_findings", "repair_rules"]

SHOWN = 60
"""Characters of a skipped row's text shown as evidence."""


@dataclass(frozen=True, slots=True)
class RepairRule:
    """How one ingest repair kind is reported."""

    finding: str
    severity: Severity
    zh: str


@cache
def repair_rules() -> dict[str, RepairRule]:
    """Repair kind → rule (``data/repairs.csv``)."""
    text = resources.files("kg.audit").joinpath("data/repairs.csv").read_text("utf-8")
    return {
        row["repair"]: RepairRule(row["finding"], row["severity"], row["zh"])  # type: ignore[arg-type]
        for row in csv.DictReader(text.splitlines())
    }


def _rule(kind: str) -> RepairRule:
    """Known kinds from the table; unknown skips are junk, other unknown repairs are repairs."""
    known = repair_rules().get(kind)
    if known:
        return known
    finding = "junk_row" if kind.startswith("skip_") else "row_repair"
    return RepairRule(finding, "info", kind)


def _unique(repairs: list[Repair]) -> list[Repair]:
    return list({(r.file, r.line, r.kind): r for r in repairs}.values())


def repair_findings(corpus: Corpus) -> list[Finding]:
    """``row_repair`` per file and set of repairs; ``junk_row`` per skipped row."""
    repairs = _unique(corpus.repairs + [r for c in corpus.items for r in c.item.repairs])
    rows: dict[tuple[str, int], list[Repair]] = defaultdict(list)
    findings = []
    titles = {PurePath(pl.source_file).name: pl.title for pl in corpus.lists if pl.title}
    for repair in sorted(repairs, key=lambda r: (r.file, r.line, r.kind)):
        rule = _rule(repair.kind)
        if rule.finding == "junk_row":
            findings.append(_junk(repair, rule, titles.get(PurePath(repair.file).name, "")))
        elif rule.finding == "row_repair":
            rows[(repair.file, repair.line)].append(repair)
    groups: dict[tuple[str, tuple[str, ...]], list[list[Repair]]] = defaultdict(list)
    for (file, _), row in rows.items():
        groups[(file, tuple(sorted({r.kind for r in row})))].append(row)
    for (file, kinds), group in groups.items():
        findings.append(_row_repair(kinds, group, titles.get(PurePath(file).name, "")))
    return findings


def _list_name(title: str, file: str) -> str:
    return title or PurePath(file).name


def _junk(repair: Repair, rule: RepairRule, title: str) -> Finding:
    raw = repair.detail if len(repair.detail) <= SHOWN else repair.detail[:SHOWN] + "…"
    return Finding(
        kind="junk_row",
        severity=rule.severity,
        message=f"{_list_name(title, repair.file)} 第{repair.line}行：{rule.zh}"
        " / skipped a row that is not a power item",
        evidence=Evidence(locations=(Location(repair.file, repair.line, repair.seq, None, raw),), raw=(raw,)),
        suggestion="从清单中删除该行 / remove the row from the list",
    )


def _row_repair(kinds: tuple[str, ...], group: list[list[Repair]], title: str) -> Finding:
    what = "；".join(_rule(kind).zh for kind in kinds)
    locations = tuple(Location(row[0].file, row[0].line, row[0].seq) for row in group)
    seqs = "、".join(loc.seq or f"第{loc.line}行" for loc in locations)
    details = tuple(dict.fromkeys(r.detail for row in group for r in row))
    return Finding(
        kind="row_repair",
        severity="info",
        message=f"{_list_name(title, group[0][0].file)} 序号{seqs}：{what}"
        f" / rows repaired on reading ({', '.join(kinds)})",
        evidence=Evidence(locations=locations, raw=details),
        suggestion="按表头补齐各行字段 / give every row all the header's fields",
    )

"""How a gold finding (``seeds.findings.jsonl``) is matched by a reported one.

A gold record names a kind and what identifies it: file and 序号, the raw text and
the expected correction, the variants of a conflict or merge, the items of a
divergence. A reported finding matches when it has that kind and carries every
one of those facts in its evidence (it may carry more: more places, more text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any

from kg.audit.model import Finding

__all__ = ["gold_matches", "load_gold", "score"]


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold findings, one JSON object per line."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _places(finding: Finding) -> set[tuple[str, str | None]]:
    return {(loc.file_name, loc.seq) for loc in finding.evidence.locations}


def _current_names(gold: dict[str, Any], rename: Any) -> dict[str, Any]:
    """The gold's file names as the bundled samples are named now (seed names mapped)."""
    out: dict[str, Any] = {}
    if "file" in gold:
        out["file"] = rename(PurePath(gold["file"]).name)
    if "files" in gold:
        out["files"] = [rename(PurePath(f).name) for f in gold["files"]]
    if "items" in gold:
        out["items"] = [[rename(PurePath(f).name), seq] for f, seq in gold["items"]]
    return out


def _texts(finding: Finding) -> str:
    return "\n".join((finding.message, *finding.evidence.raw, finding.evidence.expected or ""))


def gold_matches(gold: dict[str, Any], finding: Finding) -> bool:
    """Whether ``finding`` reports the gold record ``gold`` (see the module docstring)."""
    if finding.kind != gold["kind"]:
        return False
    from kg.ingest import sample_file_name

    places = _places(finding)
    files = {PurePath(f).name for f in finding.evidence.files}
    gold = {**gold, **_current_names(gold, sample_file_name)}
    checks = [
        "file" not in gold or PurePath(gold["file"]).name in files,
        "seq" not in gold or any(seq == gold["seq"] for _, seq in places),
        all(seq in finding.evidence.seqs for seq in gold.get("seqs", ())),
        all(PurePath(f).name in files for f in gold.get("files", ())),
        all(tuple(pair) in places for pair in gold.get("items", ())),
        all(v in finding.evidence.raw for v in gold.get("variants", ())),
        "expected" not in gold or finding.evidence.expected == gold["expected"],
        "doc_number" not in gold or gold["doc_number"] in _texts(finding),
    ]
    if "raw" in gold and gold["kind"] != "junk_row":
        checks.append(gold["raw"] in finding.evidence.raw)
    if gold["kind"] == "row_repair":
        checks.append(set(finding.evidence.seqs) == set(gold["seqs"]))
    return all(checks)


def score(
    gold: Sequence[dict[str, Any]], findings: Iterable[Finding]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(matched, missed) gold records."""
    reported = list(findings)
    matched = [g for g in gold if any(gold_matches(g, f) for f in reported)]
    missed = [g for g in gold if g not in matched]
    return matched, missed

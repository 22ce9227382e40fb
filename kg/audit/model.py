"""What the audit reports: findings with their evidence, as frozen plain values.

A finding must stand on its own in front of a lawyer: which files and rows, the
raw text as written, what was expected instead and why. The values here carry
only plain data (no IRIs, no RDF), so checks stay testable alone; the RDF and
HTML views mint IRIs from :class:`ItemRef` and :class:`InstrumentRef` later.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

from kg import iri

__all__ = [
    "SEVERITY_ORDER",
    "Evidence",
    "Finding",
    "InstrumentRef",
    "ItemRef",
    "Location",
    "Severity",
]

Severity = Literal["error", "warning", "info"]
"""``error``: certainly wrong as written; ``warning``: probably wrong, a person must
look; ``info``: what the tool merged or repaired, so nothing happens silently."""

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
"""Sort key: errors first."""


@dataclass(frozen=True, slots=True)
class Location:
    """One place in one list: file, line, 序号 and column, with the text found there."""

    file: str
    line: int | None = None
    seq: str | None = None
    column: str | None = None
    raw: str | None = None

    @property
    def file_name(self) -> str:
        """The file name without directories (evidence must not depend on where files sit)."""
        return PurePath(self.file).name

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "line": self.line,
            "seq": self.seq,
            "column": self.column,
            "raw": self.raw,
        }


@dataclass(frozen=True, slots=True)
class ItemRef:
    """A power item a finding concerns, enough to mint its IRI and name its page."""

    file: str
    seq: str
    name: str = ""
    code: str | None = None
    list_title: str = ""
    key: str = ""
    """The item's identity within its list (:func:`kg.iri.item_keys`); the 序号 when empty."""

    @property
    def list_key(self) -> str:
        """The key the graph mints the list's IRIs from (:func:`kg.iri.list_key`)."""
        return iri.list_key(self.list_title, self.file)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": PurePath(self.file).name,
            "seq": self.seq,
            "name": self.name,
            "code": self.code,
            "list": self.list_title,
        }


@dataclass(frozen=True, slots=True)
class InstrumentRef:
    """An instrument a finding concerns: its canonical title and normalised number."""

    title: str | None
    doc_number: str | None = None
    key: str | None = None
    """The identity the graph mints the instrument's IRI from (set by :mod:`kg.resolve`)."""

    @property
    def iri_key(self) -> str:
        """The resolved key, else the document number, else the title."""
        return self.key or self.doc_number or self.title or ""

    @property
    def label(self) -> str:
        """《title》（number） for messages."""
        parts = [f"《{self.title}》" if self.title else ""]
        if self.doc_number:
            parts.append(f"（{self.doc_number}）")
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "doc_number": self.doc_number, "key": self.iri_key}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a finding was seen, what was written and what was expected.

    ``locations`` are the places the finding is about; ``related`` are places
    that support it (e.g. the list where the same title is cited correctly);
    ``law`` the texts of the law that prove it.
    """

    locations: tuple[Location, ...]
    raw: tuple[str, ...] = ()
    expected: str | None = None
    related: tuple[Location, ...] = ()
    law: tuple[Location, ...] = ()
    """The law's own text that proves the finding: ``file`` is the library source, ``column``
    the provision and version (第八十七条（2018-12-29）), ``raw`` its text."""

    @property
    def files(self) -> tuple[str, ...]:
        """Distinct file names, in order of first appearance."""
        return tuple(dict.fromkeys(loc.file_name for loc in self.locations))

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(loc.line for loc in self.locations if loc.line is not None))

    @property
    def seqs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(loc.seq for loc in self.locations if loc.seq is not None))

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": list(self.files),
            "lines": list(self.lines),
            "seqs": list(self.seqs),
            "raw": list(self.raw),
            "expected": self.expected,
            "locations": [loc.to_dict() for loc in self.locations],
            "related": [loc.to_dict() for loc in self.related],
            "law": [loc.to_dict() for loc in self.law],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or one merge worth knowing about) in the lists.

    ``message`` says what is wrong in Chinese with a short English gloss;
    ``suggestion`` is the correction when there is one.
    """

    kind: str
    severity: Severity
    message: str
    evidence: Evidence
    suggestion: str | None = None
    items: tuple[ItemRef, ...] = ()
    instruments: tuple[InstrumentRef, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    """(IRI, label) of nodes the finding concerns, known only by IRI (findings read back
    from a store); ``items`` and ``instruments`` mint theirs."""

    @property
    def id(self) -> str:
        """A stable id: the same finding on the same input gets the same id on every run."""
        evidence = self.evidence.to_dict()
        del evidence["law"]  # the proof may grow with the library; the finding stays the same finding
        payload = json.dumps(
            [self.kind, evidence, [i.to_dict() for i in self.instruments]],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple[Any, ...]:
        """Errors first, then by kind, then by where (file, line)."""
        first = self.evidence.locations[0] if self.evidence.locations else Location("")
        return (SEVERITY_ORDER[self.severity], self.kind, first.file_name, first.line or 0, self.id)

    def to_dict(self) -> dict[str, Any]:
        """The ``kg audit --json`` line."""
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "evidence": self.evidence.to_dict(),
            "suggestion": self.suggestion,
            "items": [i.to_dict() for i in self.items],
            "instruments": [i.to_dict() for i in self.instruments],
            "links": [{"iri": iri, "label": label} for iri, label in self.links],
        }

"""Citations of instruments amended or repealed since (``not_in_force``).

Whether a law is still in force is a fact about the world, not the list. The law
library decides it from its sources' versions and dates (never one source's flag)
and names the source; for instruments it lacks, a table the user supplies (CSV:
key, status, date, replaced_by, note; see docs/audit.md) or the small bundled one
(``data/status.csv``) speaks. A citation that names the version it means
(《社会保险法》（2018年12月修改）) is not reported when that version is the
current one.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.audit.corpus import Corpus, Occurrence, instrument_ref, where
from kg.audit.model import Evidence, Finding, Severity
from kg.laws.cite import LibraryLike, cited_date, cited_version, find_instrument
from kg.resolve import Resolver

if TYPE_CHECKING:
    from kg.laws.model import LawInstrument

__all__ = [
    "STATUSES",
    "StatusEntry",
    "StatusTable",
    "StatusTableError",
    "bundled_status",
    "load_status",
    "not_in_force",
]

STATUSES: dict[str, Severity | None] = {"现行有效": None, "已修改": "info", "已废止": "error"}
"""Status → severity of a citation of it (None: nothing to report)."""

COLUMNS = ("key", "status", "date", "replaced_by", "note")


class StatusTableError(ValueError):
    """A status table row is not in the documented format; the message names file and line."""


@dataclass(frozen=True, slots=True)
class StatusEntry:
    """One fact: instrument (title or number), status, date of the change, successor."""

    key: str
    status: str
    date: dt.date | None
    replaced_by: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class StatusTable:
    """Status facts by document number and by title key."""

    by_number: dict[str, StatusEntry]
    by_title: dict[str, StatusEntry]

    def lookup(self, title: str | None, doc_number: str | None) -> StatusEntry | None:
        """The entry for an instrument: by its number first, else by its title."""
        if doc_number and doc_number in self.by_number:
            return self.by_number[doc_number]
        return self.by_title.get(_title_match_key(title)) if title else None


@cache
def _resolver() -> Resolver:
    return Resolver()


def _title_match_key(title: str) -> str:
    """How a table's title key meets a cited title: 中华人民共和国, 《》 and spaces ignored (docs/audit.md).

    The looser comparison is the identity owner's (:meth:`kg.resolve.Resolver.spelling_key`):
    a user's table may write 某某条例 where a list wrote 中华人民共和国某某条例.
    """
    return _resolver().spelling_key(title)


def _entry(row: dict[str, str], where: str) -> StatusEntry:
    key, status = (row.get("key") or "").strip(), (row.get("status") or "").strip()
    if not key:
        raise StatusTableError(f"{where}: empty key (expected a title or document number)")
    if status not in STATUSES:
        raise StatusTableError(f"{where}: status {status!r}, expected one of {', '.join(STATUSES)}")
    raw_date = (row.get("date") or "").strip()
    try:
        date = dt.date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        raise StatusTableError(f"{where}: date {raw_date!r}, expected YYYY-MM-DD") from None
    if date is None and status != "现行有效":
        raise StatusTableError(f"{where}: status {status} needs the date of the change")
    return StatusEntry(
        key, status, date, (row.get("replaced_by") or "").strip(), (row.get("note") or "").strip()
    )


def parse_status(text: str, source: str) -> StatusTable:
    """Read a status table; lines starting with # are comments.

    Raises:
        StatusTableError: a missing column, unknown status or bad date, with file and line.
    """
    lines = [
        (n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader(line for _, line in lines)
    missing = [c for c in ("key", "status", "date") if c not in (reader.fieldnames or [])]
    if missing:
        raise StatusTableError(
            f"{source}: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}"
        )
    by_number, by_title = {}, {}
    for (number, _), row in zip(lines[1:], reader, strict=False):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        entry = _entry(row, f"{source}:{number}")
        if "号" in entry.key:
            by_number[entry.key] = entry
        else:
            by_title[_title_match_key(entry.key)] = entry
    return StatusTable(by_number, by_title)


def load_status(path: Path) -> StatusTable:
    """Read a user-supplied status table (UTF-8, with or without BOM)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise StatusTableError(f"{path}: cannot read status table ({exc})") from exc
    return parse_status(text, str(path))


@cache
def bundled_status() -> StatusTable:
    """The well-known facts shipped with the package (``data/status.csv``)."""
    text = resources.files("kg.audit").joinpath("data/status.csv").read_text("utf-8")
    return parse_status(text, "kg/audit/data/status.csv")


def _on_or_after(cited: tuple[int, int, int], date: tuple[int, ...]) -> bool:
    """Whether a cited date (year, month or day precise) is on or after ``date``."""
    width = 3 if cited[2] else 2
    return cited[:width] >= tuple(date)[:width]


def _names_current(occ: Occurrence, entry: StatusEntry) -> bool:
    cited = cited_date(occ.instrument, issued=True)
    if cited is None or entry.date is None or entry.status == "已废止":
        return False
    return _on_or_after(cited, (entry.date.year, entry.date.month, entry.date.day))


def not_in_force(
    corpus: Corpus, table: StatusTable | None = None, library: LibraryLike | None = None
) -> list[Finding]:
    """One finding per repealed instrument or superseded version, with every item citing it.

    What the library knows (status decided from its sources' versions and dates)
    comes first, and its versions tell which citations name a superseded one; the
    status table speaks only of instruments the library lacks, or of a repeal the
    library's sources cannot settle.
    """
    table = table or bundled_status()
    groups: dict[str, list[Occurrence]] = defaultdict(list)
    entries: dict[str, StatusEntry] = {}
    from_library: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    laws: dict[str, LawInstrument] = {}
    for occ in corpus.occurrences():
        if occ.citation.role != "cites":
            continue
        inst = occ.instrument
        law = find_instrument(library, inst)
        if law is not None and law.versions:
            problem = _library_problem(law, occ)
            if problem:
                from_library[(law.title, problem)].append(occ)
                laws[law.title] = law
            if law.status != "unknown":
                continue
        entry = table.lookup(inst.title or inst.raw_title, inst.doc_number)
        if entry is None or STATUSES[entry.status] is None:
            continue
        if law is not None and law.versions and entry.status != "已废止":
            continue  # the library's versions say what was amended; the table only what it cannot settle
        if _names_current(occ, entry):
            continue
        groups[entry.key].append(occ)
        entries[entry.key] = entry
    findings = [_finding(entries[key], occs) for key, occs in sorted(groups.items())]
    findings += [
        _library_finding(laws[title], problem, occs)
        for (title, problem), occs in sorted(from_library.items())
    ]
    return findings


def _library_problem(law: LawInstrument, occ: Occurrence) -> str | None:
    """``repealed``, ``superseded:<date>`` (the citation names an older version), or None."""
    if law.status == "repealed":
        return "repealed"
    cited = cited_date(occ.instrument)
    current = law.current.date if law.versions else None
    if cited is None or current is None:
        return None
    if _on_or_after(cited, tuple(int(p) for p in current.split("-")[:3])):
        return None
    older = cited_version(law, occ.instrument)
    return f"superseded:{older.date if older is not None and older.date else ''}"


def _library_finding(law: LawInstrument, problem: str, occs: list[Occurrence]) -> Finding:
    cited_in = where(o.cited for o in occs)
    title = f"《{law.title}》"
    dates = "；".join(f"{k} {v}" for k, v in sorted(law.dates.items()))
    evidence_raw = f"{law.status}：{law.status_source}" + (f"（{dates}）" if dates else "")
    if problem == "repealed":
        when = law.dates.get("repealed")
        severity: Severity = "error"
        message = (
            f"{title}已{'于' + when if when else ''}废止（{law.status_source}），仍被引用（{cited_in}）"
            " / cites a repealed instrument"
        )
        suggestion = f"改引{law.repealed_by}" if law.repealed_by else "改引现行有效的依据"
        expected = law.repealed_by
    else:
        older = problem.split(":", 1)[1]
        current = law.current
        severity = "info"
        versions = "、".join(o.instrument.version or o.instrument.date or "" for o in occs[:1])
        message = (
            f"{title}被引用为{versions}的版本{'（' + older + '）' if older else ''}，"
            f"现行文本是{current.date}的版本（{current.source}）：{cited_in}"
            " / cites a superseded version; check article numbers and quotes against the current text"
        )
        suggestion = f"以{current.date}的现行文本为准"
        expected = None
    return Finding(
        kind="not_in_force",
        severity=severity,
        message=message,
        evidence=Evidence(
            locations=tuple(o.location() for o in occs), raw=(evidence_raw,), expected=expected
        ),
        suggestion=suggestion,
        items=tuple(dict.fromkeys(o.cited.ref for o in occs)),
        instruments=(instrument_ref(occs[0].instrument),),
    )


def _versions(occs: list[Occurrence]) -> str:
    """Which citations name no version and which name an older one, in words."""
    by_version: dict[str, list[Occurrence]] = defaultdict(list)
    for occ in occs:
        inst = occ.instrument
        by_version[inst.version or inst.date or ""].append(occ)
    parts = []
    for version, group in sorted(by_version.items()):
        cited_in = where(o.cited for o in group)
        parts.append(f"{cited_in} 引用的是{version}的版本" if version else f"{cited_in} 引用未注明所依版本")
    return "；".join(parts)


def _finding(entry: StatusEntry, occs: list[Occurrence]) -> Finding:
    inst = occs[0].instrument
    title = inst.title or inst.raw_title or entry.key
    cited_in = where(o.cited for o in occs)
    date = entry.date.isoformat() if entry.date else ""
    if entry.status == "已废止":
        message = f"《{title}》已于{date}废止，仍被引用（{cited_in}） / cites a repealed instrument"
        suggestion = f"改引{entry.replaced_by}" if entry.replaced_by else "改引现行有效的依据"
    else:
        message = (
            f"《{title}》已于{date}修改：{_versions(occs)}；请确认条号和引文与现行文本一致"
            " / amended since; check article numbers and quotes against the current text"
        )
        suggestion = f"以{date}修改后的现行文本为准" + (
            f"（{entry.replaced_by}）" if entry.replaced_by else ""
        )
    return Finding(
        kind="not_in_force",
        severity=STATUSES[entry.status] or "info",
        message=message,
        evidence=Evidence(
            locations=tuple(o.location() for o in occs),
            raw=(f"{entry.status} {date} {entry.note}".strip(),),
            expected=entry.replaced_by or None,
        ),
        suggestion=suggestion,
        items=tuple(dict.fromkeys(o.cited.ref for o in occs)),
        instruments=(instrument_ref(inst),),
    )

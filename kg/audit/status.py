"""Citations of instruments amended or repealed since (``not_in_force``).

Whether a law is still in force is a fact about the world, not the list, so it
comes from a table the user supplies (CSV: key, status, date, replaced_by,
note; see docs/audit.md). A small table of well-known facts for the sample
lists ships in ``data/status.csv``. A citation that names the version it means
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

import regex

from kg.audit.corpus import Corpus, Occurrence, instrument_ref, where
from kg.audit.model import Evidence, Finding, Severity
from kg.audit.text import title_key

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

# 2018年12月修改 / 2018-12-29 / 2018年12月29日: the version a citation names.
CITED_DATE = regex.compile(
    r"(\d{4})\s*(?:年|-|\.|/)\s*(?:(\d{1,2})\s*(?:月|-|\.|/)?\s*(?:(\d{1,2})\s*日?)?)?"
)


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
        return self.by_title.get(title_key(title)) if title else None


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
            by_title[title_key(entry.key)] = entry
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


def _cited_date(occ: Occurrence) -> tuple[int, int, int] | None:
    """The version date a citation names ((2018, 12, 0) for 2018年12月修改), if any."""
    inst = occ.instrument
    for text in (inst.version, inst.date):
        match = CITED_DATE.search(text or "")
        if match:
            return (int(match[1]), int(match[2] or 0), int(match[3] or 0))
    return None


def _names_current(occ: Occurrence, entry: StatusEntry) -> bool:
    cited = _cited_date(occ)
    if cited is None or entry.date is None or entry.status == "已废止":
        return False
    change = (entry.date.year, entry.date.month, entry.date.day)
    return cited[: 2 if not cited[2] else 3] >= change[: 2 if not cited[2] else 3]


def not_in_force(corpus: Corpus, table: StatusTable | None = None) -> list[Finding]:
    """One finding per amended or repealed instrument, with every item citing it."""
    table = table or bundled_status()
    groups: dict[str, list[Occurrence]] = defaultdict(list)
    entries: dict[str, StatusEntry] = {}
    for occ in corpus.occurrences():
        inst = occ.instrument
        entry = table.lookup(inst.title or inst.raw_title, inst.doc_number)
        if occ.citation.role != "cites" or entry is None or STATUSES[entry.status] is None:
            continue
        if _names_current(occ, entry):
            continue
        groups[entry.key].append(occ)
        entries[entry.key] = entry
    return [_finding(entries[key], occs) for key, occs in sorted(groups.items())]


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

"""Score the extractor against hand-made gold: P/R/F1 per level, strict and lenient, every miss.

Gold records come in two shapes (see ``tests/gold/README.md`` and
``tests/gold/validate.py``):

* cells named by ``file`` + ``seq`` + ``column`` of a sample list (the text is read
  with :func:`kg.ingest.read_list`);
* cells that carry their own ``text`` (and ``id``).

Matching (strict, as the gold README defines it): a predicted instrument matches a
gold one when the normalised document numbers are equal, or, where either has none,
when the titles are equal after removing 《》, spaces and a leading 中华人民共和国; a
provision matches when article, paragraph, item and part are equal (chapter counts
only when there is no article); roles (cites/mentions) must agree.

A gold citation may list ``alt_titles`` (other acceptable canonical spellings where the
official title is uncertain); a prediction matching any of them matches. A gold file may
give each cell its ``split`` (dev/test, by source); otherwise a hash of the id decides.

Lenient: roles are pooled, titles are compared after also folding brackets, 〈〉 and
traditional characters and may contain one another, and a provision matches on its
top level only (article, else part, else item, else chapter).

Within a cell, citations of one instrument are merged (a cell that names 社会保险法
twice cites one instrument), on both sides.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import regex

from extractors import extract
from extractors.models import Citation
from extractors.tables import PRC_PREFIX
from extractors.titles import to_simplified

__all__ = [
    "EvalReport",
    "GoldCell",
    "GoldError",
    "LevelScore",
    "Miss",
    "evaluate",
    "load_gold",
    "split_of",
]

COLUMN_FIELDS: dict[str, str] = {"实施依据": "basis", "责任事项": "duties", "追责情形": "accountability"}
"""Gold column names → :class:`kg.model.PowerItem` fields."""

TEST_SHARE = 4
"""One cell in this many (by a hash of its id) is held out as the test split."""

ROLES = ("cites", "mentions")


class GoldError(ValueError):
    """A gold file or record that cannot be scored; the message names file and line."""


@dataclass(frozen=True, slots=True)
class GoldCell:
    """One annotated cell: where it is, its text, and what it cites and mentions."""

    id: str
    text: str
    column: str | None
    cites: tuple[dict[str, Any], ...]
    mentions: tuple[dict[str, Any], ...]
    split: str | None = None
    """``dev`` or ``test`` when the gold file assigns it (by source); else :func:`split_of` decides."""

    @property
    def part(self) -> str:
        """The split the cell belongs to: the file's own, else the hash of its id."""
        return self.split or split_of(self.id)


@dataclass(slots=True)
class LevelScore:
    """Counts at one level; precision, recall and F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when the gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """One disagreement: ``kind`` is ``missed`` (in gold only) or ``spurious`` (predicted only)."""

    cell: str
    mode: str
    level: str
    kind: str
    role: str
    what: str


@dataclass(slots=True)
class EvalReport:
    """Scores per (mode, level) and the list of misses."""

    cells: int = 0
    scores: dict[tuple[str, str], LevelScore] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def score(self, mode: str, level: str) -> LevelScore:
        """The counts for ``mode`` (strict/lenient) and ``level`` (instrument/provision)."""
        return self.scores.setdefault((mode, level), LevelScore())

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON data (``kg eval --json``): scores keyed ``mode/level``, then the misses."""
        scores = {
            f"{mode}/{level}": {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for (mode, level), s in self.scores.items()
        }
        misses = [{f.name: getattr(m, f.name) for f in fields(Miss)} for m in self.misses]
        return {"cells": self.cells, "scores": scores, "misses": misses}


def split_of(cell_id: str) -> str:
    """``test`` for a stable quarter of the cells (hash of the id), ``dev`` for the rest.

    Examples:
        >>> split_of("fields-0001") in ("dev", "test")
        True
    """
    digest = int(hashlib.sha1(cell_id.encode("utf-8")).hexdigest()[:8], 16)
    return "test" if digest % TEST_SHARE == 0 else "dev"


# --- loading --------------------------------------------------------------------------


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise GoldError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: not JSON ({exc.msg}); expected one object per line") from exc
        if not isinstance(record, dict):
            raise GoldError(f"{path}:{number}: expected a JSON object")
        yield number, record


def _sample_cells(sample: Path) -> dict[tuple[str, str], str]:
    from kg.ingest import read_list

    cells = {}
    for item in read_list(sample).items:
        for column, attr in COLUMN_FIELDS.items():
            cells[(item.seq, column)] = getattr(item, attr)
    return cells


def _find_sample(name: str, gold: Path, samples: Iterable[Path]) -> Path:
    from kg.ingest import sample_file_name

    candidates = [*(Path(d) / name for d in samples), gold.parent.parent / "seeds" / name]
    candidates.append(Path(__file__).parent / "data" / "samples" / sample_file_name(name))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise GoldError(f"{gold}: sample list {name!r} not found (looked in {', '.join(map(str, candidates))})")


def load_gold(path: Path | str, *, samples: Iterable[Path] = ()) -> list[GoldCell]:
    """Read a gold file of either shape into :class:`GoldCell` records.

    Args:
        path: the ``.jsonl`` gold file.
        samples: directories to look for the sample lists named by ``file`` records.

    Raises:
        GoldError: unreadable file, bad JSON, or a record naming a cell that does not exist.
    """
    path = Path(path)
    cache: dict[str, dict[tuple[str, str], str]] = {}
    cells = []
    for number, record in _read_jsonl(path):
        column = record.get("column")
        if "text" in record:
            text, cell_id = record["text"], str(record.get("id", f"{path.name}:{number}"))
        elif "file" in record and "seq" in record:
            name = record["file"]
            if name not in cache:
                cache[name] = _sample_cells(_find_sample(name, path, samples))
            key = (str(record["seq"]), column)
            if key not in cache[name]:
                raise GoldError(f"{path}:{number}: no cell {column!r} in row {record['seq']} of {name}")
            text, cell_id = cache[name][key], f"{name}#{record['seq']}/{column}"
        else:
            raise GoldError(f"{path}:{number}: needs either 'text' or 'file'+'seq'+'column'")
        if not isinstance(text, str):
            raise GoldError(f"{path}:{number}: 'text' must be a string")
        split = record.get("split")
        if split is not None and split not in ("dev", "test"):
            raise GoldError(f"{path}:{number}: 'split' must be dev or test, not {split!r}")
        cells.append(
            GoldCell(
                cell_id,
                text,
                column,
                tuple(record.get("cites", [])),
                tuple(record.get("mentions", [])),
                split,
            )
        )
    return cells


# --- matching -------------------------------------------------------------------------

_STRICT_DROP = regex.compile(r"[《》〈〉\s]")
_LENIENT_DROP = regex.compile(r"[《》〈〉<>＜＞\s（）()、，,\"“”·]")


def _strict_title(title: str | None) -> str:
    return _STRICT_DROP.sub("", title or "").removeprefix(PRC_PREFIX)


def _lenient_title(title: str | None) -> str:
    return _LENIENT_DROP.sub("", to_simplified(title or "")).removeprefix(PRC_PREFIX)


@dataclass(slots=True)
class _Group:
    title: str | None
    number: str | None
    provisions: set[tuple[Any, ...]]
    label: str
    alt_titles: tuple[str, ...] = ()

    def titles(self) -> tuple[str | None, ...]:
        """The title and the other acceptable spellings the gold lists (``alt_titles``)."""
        return (self.title, *self.alt_titles)


def _strict_provision(p: dict[str, Any]) -> tuple[Any, ...]:
    chapter = p.get("chapter") if p.get("article") is None else None
    return (p.get("article"), p.get("paragraph"), p.get("item"), p.get("part"), chapter)


def _lenient_provision(p: dict[str, Any]) -> tuple[Any, ...]:
    for level in ("article", "part", "item", "chapter"):
        if p.get(level) is not None:
            return (level, p[level])
    return ()


def _same(a: _Group, b: _Group, mode: str) -> bool:
    if a.number and b.number:
        if a.number == b.number:
            return True
        if mode == "strict":
            return False
    if mode == "strict":
        return bool(a.title or b.title) and any(
            _strict_title(x) == _strict_title(y) for x in a.titles() for y in b.titles()
        )
    for x in a.titles():
        for y in b.titles():
            ta, tb = _lenient_title(x), _lenient_title(y)
            if ta and tb and (ta == tb or ta in tb or tb in ta):
                return True
    return False


def _group(entries: Iterable[dict[str, Any]], mode: str) -> list[_Group]:
    key_of: Callable[[dict[str, Any]], tuple[Any, ...]] = (
        _strict_provision if mode == "strict" else _lenient_provision
    )
    groups: list[_Group] = []
    for entry in entries:
        provisions = {key_of(p) for p in entry.get("provisions", [])} - {()}
        new = _Group(
            entry.get("title"),
            entry.get("doc_number"),
            provisions,
            entry.get("title") or entry.get("doc_number") or "?",
            tuple(entry.get("alt_titles") or ()),
        )
        for group in groups:
            if _same(group, new, mode):
                group.provisions |= provisions
                group.title = group.title or new.title
                group.number = group.number or new.number
                break
        else:
            groups.append(new)
    return groups


def _predicted(citations: list[Citation]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {role: [] for role in ROLES}
    for c in citations:
        if c.instrument.title is None and c.instrument.doc_number is None:
            continue  # a damaged title (an empty 《》) names no instrument; the graph drops it too
        out[c.role].append(
            {
                "title": c.instrument.title,
                "doc_number": c.instrument.doc_number,
                "provisions": [p.to_dict() for p in c.provisions],
            }
        )
    return out


def _score_role(
    report: EvalReport, cell: str, mode: str, role: str, gold: list[_Group], pred: list[_Group]
) -> None:
    instruments, provisions = report.score(mode, "instrument"), report.score(mode, "provision")
    unmatched = list(pred)
    for g in gold:
        match = next((p for p in unmatched if _same(p, g, mode)), None)
        if match is None:
            instruments.fn += 1
            provisions.fn += len(g.provisions)
            report.misses.append(Miss(cell, mode, "instrument", "missed", role, g.label))
            continue
        unmatched.remove(match)
        instruments.tp += 1
        common = g.provisions & match.provisions
        provisions.tp += len(common)
        provisions.fn += len(g.provisions - common)
        provisions.fp += len(match.provisions - common)
        for p in sorted(g.provisions - common, key=repr):
            report.misses.append(Miss(cell, mode, "provision", "missed", role, f"{g.label} {p}"))
        for p in sorted(match.provisions - common, key=repr):
            report.misses.append(Miss(cell, mode, "provision", "spurious", role, f"{g.label} {p}"))
    for p in unmatched:
        instruments.fp += 1
        provisions.fp += len(p.provisions)
        report.misses.append(
            Miss(cell, mode, "instrument", "spurious", role, f"{p.label} {p.number or ''}".strip())
        )


def evaluate(
    cells: Iterable[GoldCell],
    extractor: Callable[..., list[Citation]] = extract,
) -> EvalReport:
    """Score ``extractor`` on gold cells, strict and lenient, instrument and provision level.

    Args:
        cells: gold cells (:func:`load_gold`).
        extractor: the function under test; called as ``extractor(text, column=column)``.

    Returns:
        An :class:`EvalReport` with counts per (mode, level) and every miss.
    """
    report = EvalReport()
    for cell in cells:
        report.cells += 1
        predicted = _predicted(extractor(cell.text, column=cell.column))
        gold = {"cites": list(cell.cites), "mentions": list(cell.mentions)}
        for mode in ("strict", "lenient"):
            if mode == "strict":
                for role in ROLES:
                    _score_role(
                        report, cell.id, mode, role, _group(gold[role], mode), _group(predicted[role], mode)
                    )
            else:
                pooled_gold = _group(gold["cites"] + gold["mentions"], mode)
                pooled_pred = _group(predicted["cites"] + predicted["mentions"], mode)
                _score_role(report, cell.id, mode, "any", pooled_gold, pooled_pred)
    return report

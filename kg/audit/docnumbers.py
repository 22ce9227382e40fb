"""Document numbers (文号): malformed numbers and one document cited under two numbers.

What is wrong with a number as written (民发〔20017〕101号, 国务院令第六49号,
酒政发2015 119号) is what the extractor flagged (``Instrument.doc_number_flags``);
its parts (code, year, serial) are what :mod:`extractors.docnumbers` parses. The
audit only compares: ``malformed_doc_number`` corrects a flagged number from the
other lists where the same title is cited with a well-formed number, and
``doc_number_conflict`` finds one title with two numbers, and near-identical titles
with the same year and serial but different issuer codes (甘政发〔2012〕64号 /
甘政办发〔2012〕64号).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources

import regex

from extractors.docnumbers import DocNumber, parse_any
from extractors.models import Instrument
from kg.audit.corpus import Corpus, Occurrence, instrument_ref, where
from kg.audit.model import Evidence, Finding
from kg.audit.text import coverage

__all__ = [
    "as_written",
    "doc_number_conflicts",
    "instrument_problems",
    "is_problem",
    "malformed_doc_numbers",
]

MIN_TITLE_KEY = 6
"""Shorter titles (通知, 意见) are too generic to say two citations name one document."""

NEAR_TITLE = 0.85
"""Coverage above which two titles with the same year and serial are one document."""

PARSE_CACHE_SIZE = 4096
"""Distinct normalised numbers parsed once each (lists cite the same few again and again)."""


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parts(number: str) -> DocNumber | None:
    """The extractor's reading of a normalised number: code, year, serial (None if none)."""
    return parse_any(number)


@cache
def _flag_table() -> dict[str, dict[str, str]]:
    text = resources.files("kg.audit").joinpath("data/doc_number_problems.csv").read_text("utf-8")
    return {row["flag"]: row for row in csv.DictReader(text.splitlines())}


def problem_labels() -> dict[str, str]:
    """Flag → "中文 / English" (``data/doc_number_problems.csv``)."""
    return {flag: f"{row['zh']} / {row['en']}" for flag, row in _flag_table().items()}


def is_problem(flag: str) -> bool:
    """Whether an extractor flag says the number was malformed (unknown flags do).

    ``corrected_from_table`` only says how the number was corrected.
    """
    row = _flag_table().get(flag)
    return row is None or row["problem"] == "yes"


def instrument_problems(inst: Instrument) -> tuple[str, ...]:
    """What is wrong with a cited number: the extractor's flags that name a slip."""
    return tuple(f for f in inst.doc_number_flags if is_problem(f))


def _normal_form(number: str) -> bool:
    """Whether ``number`` is a number in its normal form, with nothing to flag."""
    parts = _parts(number)
    return parts is not None and parts.normalised == number and not any(is_problem(f) for f in parts.flags)


def _problems(occ: Occurrence) -> tuple[str, ...]:
    return instrument_problems(occ.instrument)


def _well_formed(occ: Occurrence) -> bool:
    inst = occ.instrument
    return bool(inst.doc_number) and not _problems(occ) and _parts(inst.doc_number or "") is not None


# （国务院令第六49号，自2014年5月1日起施行）: the bracket a number stands in, and its parts.
_BRACKETED = regex.compile(r"[（(]([^（()）]*)[）)]")
_PARTS = regex.compile(r"[，,；;、]")

AS_WRITTEN_SLACK = 10
"""Most characters the number as written may have beyond the extractor's raw number
(中华人民共和国主席令第九十二 around 主席令第九十二)."""


def as_written(occ: Occurrence, raw: str) -> str:
    """The number exactly as the cell writes it: the part of its bracket that holds ``raw``.

    The extractor may drop words before the issuer code; evidence shows the list's
    own text.
    """
    if not raw:
        return raw
    text = occ.cited.text(occ.column)
    start, end = occ.citation.span
    for bracket in _BRACKETED.finditer(text, max(0, start - 1), end + 1):
        for part in _PARTS.split(bracket[1]):
            part = part.strip()
            if raw in part and len(part) <= len(raw) + AS_WRITTEN_SLACK:
                return part
    return raw


def malformed_doc_numbers(corpus: Corpus) -> list[Finding]:
    """One finding per malformed number as written (all places it is written so)."""
    good: dict[str, dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    bad: dict[tuple[str, str], list[tuple[Occurrence, tuple[str, ...]]]] = defaultdict(list)
    for occ in corpus.occurrences():
        inst = occ.instrument
        problems = _problems(occ)
        if problems:
            raw = as_written(occ, inst.raw_doc_number or inst.doc_number or "")
            bad[(corpus.title_identity(inst), raw)].append((occ, problems))
        elif _well_formed(occ):
            good[corpus.title_identity(inst)][inst.doc_number or ""].append(occ)
    return [_malformed_finding(raw, group, good.get(key, {})) for (key, raw), group in bad.items()]


def _malformed_finding(
    raw: str,
    group: list[tuple[Occurrence, tuple[str, ...]]],
    elsewhere: dict[str, list[Occurrence]],
) -> Finding:
    first, problems = group[0]
    labels = problem_labels()
    why = "；".join(labels.get(p, p) for p in problems)
    expected, related, source = None, (), ""
    if len(elsewhere) == 1:
        expected, occs = next(iter(elsewhere.items()))
        related = tuple(o.location() for o in occs)
        cited_there = where(o.cited for o in occs)
        source = f"（同一文件在 {cited_there} 写作“{expected}” / cited so elsewhere）"
    elif first.instrument.doc_number and first.instrument.doc_number != raw:
        candidate = first.instrument.doc_number
        if _normal_form(candidate):
            expected, source = candidate, "（按文号规范推断 / normalised）"
    title = first.instrument.title or first.instrument.raw_title or ""
    return Finding(
        kind="malformed_doc_number",
        severity="error",
        message=f"《{title}》的文号“{raw}”书写有误：{why}",
        evidence=Evidence(
            locations=tuple(occ.location() for occ, _ in group),
            raw=(raw,),
            expected=expected,
            related=related,
        ),
        suggestion=f"改为“{expected}”{source}" if expected else None,
        items=tuple(dict.fromkeys(occ.cited.ref for occ, _ in group)),
        instruments=(instrument_ref(first.instrument),),
    )


def doc_number_conflicts(corpus: Corpus) -> list[Finding]:
    """One finding per group of numbers that name one document in different ways."""
    entries: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for occ in corpus.occurrences():
        if _well_formed(occ):
            inst = occ.instrument
            entries[(corpus.title_identity(inst), inst.doc_number or "")].append(occ)
    keys = sorted(entries)
    groups = _cluster(keys, _candidate_pairs(keys), _same_document)
    return [_conflict_finding(group, entries) for group in groups if len(group) > 1]


Entry = tuple[str, str]
"""(title identity, normalised number) of a well-formed citation."""


def _candidate_pairs(keys: list[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """Only entries that share a title or a (year, serial) can conflict: compare within those blocks."""
    blocks: dict[tuple[object, ...], list[Entry]] = defaultdict(list)
    for key in keys:
        blocks[("title", key[0])].append(key)
        parsed = _parts(key[1])
        if parsed is not None and parsed.year is not None:
            blocks[("number", parsed.year, parsed.serial)].append(key)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                yield a, b


def _same_document(a: tuple[str, str], b: tuple[str, str]) -> str | None:
    """Why two (title, number) entries name one document under two numbers, or None."""
    (title_a, num_a), (title_b, num_b) = a, b
    if num_a == num_b:
        return None
    if title_a == title_b:
        return "same_title" if len(title_a) >= MIN_TITLE_KEY else None
    pa, pb = _parts(num_a), _parts(num_b)
    if not pa or not pb or pa.year is None or (pa.year, pa.serial) != (pb.year, pb.serial):
        return None
    if pa.code != pb.code and coverage(title_a, title_b) >= NEAR_TITLE:
        return "near_title"
    return None


def _cluster(
    keys: list[Entry], pairs: Iterable[tuple[Entry, Entry]], link: Callable[[Entry, Entry], object]
) -> list[list[Entry]]:
    """Connected groups of keys under the ``link`` relation, tried on ``pairs`` only."""
    parent = {k: k for k in keys}

    def root(k: Entry) -> Entry:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs:
        if link(a, b):
            parent[root(b)] = root(a)
    groups: dict[Entry, list[Entry]] = defaultdict(list)
    for k in keys:
        groups[root(k)].append(k)
    return [g for g in groups.values() if len({num for _, num in g}) > 1]


def _conflict_finding(
    group: list[tuple[str, str]], entries: dict[tuple[str, str], list[Occurrence]]
) -> Finding:
    by_number: dict[str, list[Occurrence]] = defaultdict(list)
    for key in group:
        by_number[key[1]].extend(entries[key])
    titles = list(dict.fromkeys(o.instrument.title or "" for k in group for o in entries[k]))
    same_title = len({k[0] for k in group}) == 1
    parts = []
    for number, occs in sorted(by_number.items()):
        shown = "" if same_title else f"《{occs[0].instrument.title or occs[0].instrument.raw_title}》"
        parts.append(f"{shown}“{number}”（{where(o.cited for o in occs)}）")
    if same_title:
        message = f"同一文件《{titles[0]}》被引用为不同文号：" + "；".join(parts)
        message += " / one title, different document numbers"
    else:
        message = "标题几乎相同、年份和序号相同而发文机关代字不同，很可能是同一文件：" + "；".join(parts)
        message += " / near-identical titles, same year and serial, different issuer codes"
    counts = sorted(((len(v), k) for k, v in by_number.items()), reverse=True)
    suggestion = "核对原件，统一文号"
    if counts[0][0] > counts[1][0]:
        suggestion += f"（多数引用写作“{counts[0][1]}”，仅供参考）"
    occs = [o for k in group for o in entries[k]]
    return Finding(
        kind="doc_number_conflict",
        severity="error",
        message=message,
        evidence=Evidence(
            locations=tuple(o.location() for o in occs),
            raw=tuple(sorted(by_number)),
        ),
        suggestion=suggestion + " / check the original and use one number",
        items=tuple(dict.fromkeys(o.cited.ref for o in occs)),
        instruments=tuple(dict.fromkeys(instrument_ref(o.instrument) for o in occs)),
    )

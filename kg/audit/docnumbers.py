"""Document numbers (文号): malformed numbers and one document cited under two numbers.

``malformed_doc_number`` reads the number as written (民发〔20017〕101号,
国务院令第六49号, 酒政发2015 119号) and corrects it from the other lists where the
same title is cited with a well-formed number. ``doc_number_conflict`` finds one
title with two numbers, and near-identical titles with the same year and serial
but different issuer codes (甘政发〔2012〕64号 / 甘政办发〔2012〕64号).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from kg.audit.corpus import Corpus, Occurrence, instrument_ref
from kg.audit.model import Evidence, Finding, Location
from kg.audit.text import coverage, title_key

__all__ = [
    "DocNumber",
    "doc_number_conflicts",
    "doc_number_problems",
    "malformed_doc_numbers",
    "parse_doc_number",
]

FIRST_YEAR = 1949
"""No document number of the People's Republic carries an earlier year."""

MIN_TITLE_KEY = 6
"""Shorter titles (通知, 意见) are too generic to say two citations name one document."""

NEAR_TITLE = 0.85
"""Coverage above which two titles with the same year and serial are one document."""

_HAN_DIGITS = "〇零一二三四五六七八九十百千"
# 〔2016〕, [2016], （2016）: a bracketed run of digits where the year belongs.
YEAR_BRACKETED = regex.compile(r"[〔\[［【(（{]\s*(\d+)\s*[〕\]］】)）}]")
# 第六49号, 第九十二, 649号: the serial at the end of the number.
SERIAL_TAIL = regex.compile(rf"第?\s*([0-9{_HAN_DIGITS}]+)\s*(号?)\s*$")
# 酒政发2015 119号: issuer code, a bare year, the serial.
BARE_YEAR = regex.compile(r"^\p{Han}+?((?:19|20)\d{2})\s*\d+\s*号?$")
# 甘政发〔2012〕64号 → issuer 甘政发, year 2012, serial 64; 国务院令第649号 → 国务院令, -, 649.
NORMALISED = regex.compile(r"^(?P<issuer>.+?)(?:〔(?P<year>\d{4})〕|第)(?P<serial>\d+)号$")


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A normalised document number split into its parts."""

    issuer: str
    year: int | None
    serial: int


def parse_doc_number(number: str | None) -> DocNumber | None:
    """Split a normalised number; None when it is not in the normalised form.

    Examples:
        >>> parse_doc_number("甘政办发〔2012〕64号")
        DocNumber(issuer='甘政办发', year=2012, serial=64)
        >>> parse_doc_number("国务院令第649号")
        DocNumber(issuer='国务院令', year=None, serial=649)
    """
    match = NORMALISED.match(number or "")
    if not match:
        return None
    year = match["year"]
    return DocNumber(match["issuer"], int(year) if year else None, int(match["serial"]))


def doc_number_problems(raw: str, this_year: int | None = None) -> tuple[str, ...]:
    """What is wrong with a document number as written (empty when nothing is).

    Square brackets and a missing 第 are common and unambiguous, so they are not
    problems; numbers written wholly in Chinese numerals are the official style of
    orders (主席令第九十二号), so only a mix of the two is.

    Examples:
        >>> doc_number_problems("民发〔20017〕101号")
        ('impossible_year',)
        >>> doc_number_problems("国务院令第六49号")
        ('mixed_numerals',)
        >>> doc_number_problems("酒政发2015 119号")
        ('missing_brackets',)
        >>> doc_number_problems("中华人民共和国主席令第九十二")
        ('missing_hao',)
        >>> doc_number_problems("人社部[2016]120号")
        ()
    """
    this_year = this_year or dt.date.today().year
    problems: list[str] = []
    for match in YEAR_BRACKETED.finditer(raw):
        digits = match[1]
        if len(digits) != 4 or not FIRST_YEAR <= int(digits) <= this_year:
            problems.append("impossible_year")
    if BARE_YEAR.match(raw.strip()):
        problems.append("missing_brackets")
    tail = SERIAL_TAIL.search(raw)
    if tail:
        serial = tail[1]
        has_han = any(char in _HAN_DIGITS for char in serial)
        if has_han and any(char.isdigit() and char.isascii() for char in serial):
            problems.append("mixed_numerals")
        if not tail[2]:
            problems.append("missing_hao")
    return tuple(dict.fromkeys(problems))


@cache
def problem_labels() -> dict[str, str]:
    """Flag → "中文 / English" (``data/doc_number_problems.csv``)."""
    text = resources.files("kg.audit").joinpath("data/doc_number_problems.csv").read_text("utf-8")
    return {row["flag"]: f"{row['zh']} / {row['en']}" for row in csv.DictReader(text.splitlines())}


def _problems(occ: Occurrence) -> tuple[str, ...]:
    """The extractor's flags and our own reading of the raw number, together."""
    inst = occ.instrument
    raw = inst.raw_doc_number
    own = doc_number_problems(raw) if raw else ()
    return tuple(dict.fromkeys((*inst.doc_number_flags, *own)))


def _well_formed(occ: Occurrence) -> bool:
    inst = occ.instrument
    return bool(inst.doc_number) and not _problems(occ) and parse_doc_number(inst.doc_number) is not None


def malformed_doc_numbers(corpus: Corpus) -> list[Finding]:
    """One finding per malformed number as written (all places it is written so)."""
    good: dict[str, dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    bad: dict[tuple[str, str], list[tuple[Occurrence, tuple[str, ...]]]] = defaultdict(list)
    for occ in corpus.occurrences():
        inst = occ.instrument
        problems = _problems(occ)
        if problems:
            raw = inst.raw_doc_number or inst.doc_number or ""
            bad[(title_key(inst.title or inst.raw_title), raw)].append((occ, problems))
        elif _well_formed(occ):
            good[title_key(inst.title or inst.raw_title)][inst.doc_number or ""].append(occ)
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
        where = "、".join(sorted({f"{loc.file_name} 序号{loc.seq}" for loc in related}))
        source = f"（同一文件在 {where} 写作“{expected}” / cited so elsewhere）"
    elif first.instrument.doc_number and first.instrument.doc_number != raw:
        candidate = first.instrument.doc_number
        if not doc_number_problems(candidate) and parse_doc_number(candidate):
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
            entries[(title_key(inst.title or inst.raw_title), inst.doc_number or "")].append(occ)
    keys = sorted(entries)
    groups = _cluster(keys, _same_document)
    return [_conflict_finding(group, entries) for group in groups if len(group) > 1]


def _same_document(a: tuple[str, str], b: tuple[str, str]) -> str | None:
    """Why two (title, number) entries name one document under two numbers, or None."""
    (title_a, num_a), (title_b, num_b) = a, b
    if num_a == num_b:
        return None
    if title_a == title_b:
        return "same_title" if len(title_a) >= MIN_TITLE_KEY else None
    pa, pb = parse_doc_number(num_a), parse_doc_number(num_b)
    if not pa or not pb or pa.year is None or (pa.year, pa.serial) != (pb.year, pb.serial):
        return None
    if pa.issuer != pb.issuer and coverage(title_a, title_b) >= NEAR_TITLE:
        return "near_title"
    return None


def _cluster(keys: list[tuple[str, str]], link: object) -> list[list[tuple[str, str]]]:
    """Connected groups of keys under the ``link`` relation (small n: pairwise)."""
    parent = {k: k for k in keys}

    def root(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if link(a, b):  # type: ignore[operator]
                parent[root(b)] = root(a)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
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
        where = "、".join(dict.fromkeys(f"{o.cited.location().file_name} 序号{o.cited.item.seq}" for o in occs))
        parts.append(f"“{number}”（{where}）")
    if same_title:
        message = f"同一文件《{titles[0]}》被引用为不同文号：" + "；".join(parts)
        message += " / one title, different document numbers"
    else:
        message = "标题几乎相同、年份和序号相同但发文机关代字不同，应为同一文件：" + "；".join(parts)
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


def _locations(occs: Iterable[Occurrence]) -> tuple[Location, ...]:
    return tuple(o.location() for o in occs)

"""Parse one run of provision references into the provisions it names.

A run is what :data:`~extractors.patterns.PROVISION_RUN` matched: chains
(第五章第二十七条), lists (第十条、第十一条; 第二十八,二十九,三十条; 第十七条第一、二款) and
ranges (第十条至第十五条, expanded). Units left out on earlier list members are
taken from the member that carries one, as Chinese drafting does.

Examples:
    >>> [dict(r.path) for r in parse_run("第十七条第一、二款")]
    [{'article': 17, 'paragraph': 1}, {'article': 17, 'paragraph': 2}]
    >>> [r.path["article"] for r in parse_run("第二十八,二十九,三十条")]
    [28, 29, 30]
    >>> [r.path["article"] for r in parse_run("第十条至第十二条")]
    [10, 11, 12]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from extractors.models import LEVEL_BY_FIELD, LEVELS, UNIT_LEVEL
from extractors.numerals import parse_numeral_flagged
from extractors.patterns import NUM, SEPARATOR, UNIT, compile_verbose

__all__ = ["ProvisionRef", "parse_refs", "parse_run"]

_RANK: dict[str, int] = {level.field: rank for rank, level in enumerate(LEVELS)}
"""Level field → its depth (0 for annex): a parsed path is ordered by it."""

MAX_RANGE_EXPANSION = 200
"""A range wider than this (第一条至第九千条) is a slip or an attack: keep its two ends only."""

_RANGE_SEPARATORS = frozenset("至到~～—－-")
_COMMA_SEPARATORS = frozenset("，,和及与或")

_ATOM = rf"""
    (?P<annex>附件\s{{0,2}}+(?P<annex_num>{NUM})?\s{{0,2}}+)?
    (?P<di>第)?\s{{0,2}}+
    (?:[（(]\s{{0,2}}+(?P<pnum>{NUM})\s{{0,2}}+[）)]|(?P<num>{NUM}))
    (?:\s{{0,2}}+(?P<unit>{UNIT}))?
    (?:之(?P<sfx>{NUM}))?
"""
_SEP = rf"(?P<sep>{SEPARATOR})"


@dataclass(frozen=True, slots=True)
class ProvisionRef:
    """One provision named in a run: its levels, offsets relative to the run, raw text.

    Frozen and with a read-only ``path``: parsed runs are cached and shared.
    """

    path: Mapping[str, int]
    start: int
    end: int
    raw: str
    article_suffix: int | None = None
    flags: tuple[str, ...] = ()


@dataclass(slots=True)
class _Atom:
    value: int
    unit: str | None
    start: int
    end: int
    sep: str | None
    has_di: bool
    bracketed: bool
    annex: int | None
    suffix: int | None
    flags: tuple[str, ...] = field(default=())


def _scan(run: str) -> list[_Atom]:
    """Split a run into atoms, each with the separator that precedes it."""
    atom_re, sep_re = compile_verbose(_ATOM), compile_verbose(_SEP)
    atoms: list[_Atom] = []
    pos, sep = 0, None
    while pos < len(run):
        if atoms:
            sep_match = sep_re.match(run, pos)
            sep = sep_match["sep"].strip() if sep_match else None
            pos = sep_match.end() if sep_match else pos
        match = atom_re.match(run, pos)
        if not match or match.end() == pos:
            break
        number = match["pnum"] or match["num"]
        value, flags = parse_numeral_flagged(number)
        if value is None:
            break
        annex = None
        if match["annex"] is not None:
            annex = parse_numeral_flagged(match["annex_num"])[0] if match["annex_num"] else 0
        atoms.append(
            _Atom(
                value=value,
                unit=match["unit"],
                start=match.start(),
                end=match.end(),
                sep=sep,
                has_di=match["di"] is not None,
                bracketed=match["pnum"] is not None,
                annex=annex,
                suffix=parse_numeral_flagged(match["sfx"])[0] if match["sfx"] else None,
                flags=flags,
            )
        )
        pos = match.end()
    return atoms


def _next_level(level: str) -> str:
    """The level a unitless number takes after a unit-bearing one in a chain (第三部分第9 → item)."""
    return LEVEL_BY_FIELD[level].then


def _resolve_units(atoms: list[_Atom]) -> list[tuple[_Atom, str]]:
    """Give every atom a level; drop a unitless tail that is no list member (第五条，三年)."""
    while atoms and atoms[-1].unit is None and not atoms[-1].bracketed:
        tail = atoms[-1]
        if len(atoms) > 1 and (tail.sep in ("、",) or (tail.sep is None and tail.has_di)):
            break
        atoms = atoms[:-1]
    levelled: list[tuple[_Atom, str]] = []
    for i, atom in enumerate(atoms):
        if atom.unit:
            levelled.append((atom, UNIT_LEVEL[atom.unit]))
            continue
        if atom.bracketed:
            levelled.append((atom, "item"))
            continue
        following = next((a for a in atoms[i + 1 :] if a.unit or a.bracketed), None)
        if following is not None and atoms[i + 1].sep is not None:
            levelled.append((atom, UNIT_LEVEL[following.unit] if following.unit else "item"))
        elif levelled:
            previous = levelled[-1][1]
            levelled.append((atom, previous if atom.sep else _next_level(previous)))
        elif following is not None:
            levelled.append((atom, UNIT_LEVEL[following.unit] if following.unit else "item"))
    return levelled


def _with_level(path: Mapping[str, int], level: str, value: int) -> dict[str, int]:
    """Keep the levels above ``level``, set it, drop the ones below."""
    rank = _RANK[level]
    kept = {k: v for k, v in path.items() if _RANK[k] < rank}
    kept[level] = value
    return kept


RUN_CACHE_SIZE = 4096
"""Runs repeat (第八条 appears in half the cells): parse each distinct run once."""


def parse_run(run: str) -> list[ProvisionRef]:
    """Parse a provision run into the provisions it names, in reading order.

    Args:
        run: text matched by ``PROVISION_RUN`` (第五章第二十七条, 第十条至第十五条 …).

    Returns:
        One :class:`ProvisionRef` per named provision; offsets are relative to ``run``.
    """
    return list(parse_refs(run))


@lru_cache(maxsize=RUN_CACHE_SIZE)
def parse_refs(run: str) -> tuple[ProvisionRef, ...]:
    """:func:`parse_run` as a shared tuple (cached: runs repeat across cells); do not modify its refs."""
    refs: list[ProvisionRef] = []
    path: dict[str, int] = {}
    suffix: int | None = None  # the 之N of the article in ``path``, kept for its paragraphs and items
    member_start = 0
    article_rank = _RANK["article"]
    levelled = _resolve_units(_scan(run))
    for i, (atom, level) in enumerate(levelled):
        if atom.sep and atom.sep in _RANGE_SEPARATORS and refs:
            low = refs[-1].path.get(level)
            if low is not None and 0 < atom.value - low <= MAX_RANGE_EXPANSION:
                base = refs[-1].path
                for value in range(low + 1, atom.value):
                    refs.append(
                        ProvisionRef(
                            MappingProxyType(_with_level(base, level, value)),
                            atom.start,
                            atom.end,
                            run[atom.start : atom.end],
                        )
                    )
        upward = i > 0 and _RANK[level] <= _RANK[levelled[i - 1][1]]
        if atom.sep is not None or i == 0 or upward:
            member_start = atom.start
            inherited = refs and (atom.sep or upward)
            path = _with_level(refs[-1].path if inherited else {}, level, atom.value)
            suffix = refs[-1].article_suffix if inherited else None
        else:
            path = _with_level(path, level, atom.value)
        rank = _RANK[level]
        if rank == article_rank:
            suffix = atom.suffix
        elif rank < article_rank:
            suffix = None
        if atom.annex is not None:
            path["annex"] = atom.annex
        last_of_member = (
            i + 1 == len(levelled)
            or levelled[i + 1][0].sep is not None
            or _RANK[levelled[i + 1][1]] <= _RANK[level]
        )
        if last_of_member:
            refs.append(
                ProvisionRef(
                    path=MappingProxyType(dict(path)),
                    start=member_start,
                    end=atom.end,
                    raw=run[member_start : atom.end],
                    article_suffix=suffix,
                    flags=atom.flags,
                )
            )
    return tuple(refs)

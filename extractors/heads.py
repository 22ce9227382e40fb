"""What stands around a title: the brackets after it (number, dates, version) and the issuer before it.

A title's *head* is read apart from the tokens: 《住房公积金管理条例》（1999年4月3日国务院令第262号发布，
根据…第二次修订） gives the date and the version, 财政部、税务总局和海关总署《…》 the issuers. These
functions need only the text and the draft the title belongs to, not the assembler's state.

Examples:
    >>> issuer_before("根据国务院《社会救助暂行办法》", 5, 0)
    '国务院'
    >>> dated_clauses("国务院令第149号，1994年2月26日发布")
    (('发布', '1994-02-26'),)
"""

from __future__ import annotations

from functools import lru_cache

import regex

from extractors.drafts import Draft
from extractors.patterns import (
    CLAUSE_BREAK,
    CLAUSE_VERB,
    DATE,
    HEAD_PAREN,
    ISSUER_BEFORE,
    ISSUER_JOINT,
    ISSUER_LEAD,
    ISSUERS_JOINED_BY_WORD,
    NUMBERED_ITEM,
    ORGAN_ENDINGS,
    POLICY_TITLE,
    compile_plain,
    compile_verbose,
)
from extractors.title_notes import TITLE_CACHE_SIZE
from extractors.titles import canonical_title

__all__ = [
    "MAX_HEAD_PARENS",
    "MAX_ISSUER_BEFORE",
    "MAX_JOINT_ISSUERS",
    "dated_clauses",
    "is_policy",
    "issuer_before",
    "numbered_item",
    "read_dates",
    "read_head",
]

MAX_HEAD_PARENS = 3
"""Brackets after a title that still describe it: （number, date）（以下简称…）（修订）."""

MAX_JOINT_ISSUERS = 6
"""Organs joined before one title (财政部、税务总局、海关总署…) read at most."""

MAX_ISSUER_BEFORE = 30
"""How far before a title an issuer's name may start: 甘肃省人民政府办公厅《…》."""

DATED_CLAUSE_CACHE_SIZE = 4096
"""Title brackets repeat across cells (（国务院令第149号，1994年2月26日发布）): read each once."""

_HEAD_PAREN = compile_plain(HEAD_PAREN, verbose=False)
_HEAD_PAREN_FIRST = frozenset(" \t\u3000的通（(")
"""The characters a :data:`~extractors.patterns.HEAD_PAREN` match can start with: test one before calling it."""
numbered_item = compile_plain(NUMBERED_ITEM, verbose=False).match
"""``numbered_item(text, pos)``: the （一） of :data:`~extractors.patterns.NUMBERED_ITEM` at ``pos``, or None."""
_DATE = compile_verbose(DATE)
_CLAUSE = compile_plain(CLAUSE_BREAK, verbose=False)
_CLAUSE_VERB = compile_plain(CLAUSE_VERB, verbose=False)
_POLICY_TITLE = compile_plain(POLICY_TITLE, verbose=False)
_ISSUER_BEFORE = compile_plain(ISSUER_BEFORE, verbose=False, han=True)
_ISSUER_LEAD = compile_plain(ISSUER_LEAD, verbose=False)
_ISSUER_JOINT = compile_plain(ISSUER_JOINT, verbose=False)
_JOINED_BY_WORD = regex.compile(ISSUERS_JOINED_BY_WORD)
_ISSUER_LAST_CHARS = frozenset(ending[-1] for ending in ORGAN_ENDINGS)
"""The last characters of the organ words :data:`_ISSUER_BEFORE` ends with: test one first."""


@lru_cache(maxsize=TITLE_CACHE_SIZE)
def is_policy(raw_title: str | None) -> bool:
    """Is the instrument written ``raw_title`` a policy document (…通知, …方案), whose parts are numbered 一、?

    Memoised: it is asked of the same few titles at every bracket and part number.
    """
    return _POLICY_TITLE.search(canonical_title(raw_title or "")) is not None


def read_head(text: str, pos: int, draft: Draft) -> int:
    """Read the brackets after a title at ``pos`` into ``draft`` (dates, version); return where they end."""
    policy = None
    for _ in range(MAX_HEAD_PARENS):
        if text[pos : pos + 1] not in _HEAD_PAREN_FIRST:
            break
        if numbered_item(text, pos):
            if policy is None:
                policy = is_policy(draft.root().raw_title)
            if policy:
                break  # （一）保留… after a notice is its first item, not a note on it
        match = _HEAD_PAREN.match(text, pos)
        if not match:
            break
        read_dates(draft, match["inner"])
        pos = match.end()
    return pos


def read_dates(draft: Draft, inner: str) -> None:
    """Dates in a title's brackets, by the verb that ends their clause.

    1994年2月26日 / …国务院令第149号发布 → date; 2018年12月修改, 根据…《…决定》第五次修订
    → version (the latest wins); 自2014年5月1日起施行 → an ``effective:`` note.
    """
    if "年" not in inner:
        return
    for kind, when in dated_clauses(inner):
        if kind in ("修正", "修订", "修改", "通过"):
            draft.version = when
        elif kind in ("起施行", "施行", "实施", "起实施"):
            draft.notes.append(f"effective:{when}")
        else:
            draft.date = draft.date or when


def _date_text(match: regex.Match[str]) -> str:
    parts = [match["y"]] + [f"{int(match[k]):02d}" for k in ("m", "d") if match[k]]
    return "-".join(parts)


@lru_cache(maxsize=DATED_CLAUSE_CACHE_SIZE)
def dated_clauses(inner: str) -> tuple[tuple[str, str], ...]:
    """(verb, date) of every clause of a title's brackets that holds a date ('' when no verb ends it)."""
    found = []
    for clause in _CLAUSE.split(inner):
        match = _DATE.search(clause)
        if match is None:
            continue
        verb = _CLAUSE_VERB.search(clause)
        found.append((verb["kind"] if verb else "", _date_text(match)))
    return tuple(found)


def _split_joint(issuer: str) -> list[str]:
    """税务总局和海关总署 → [税务总局, 海关总署]: split at 和/与/及 only between two organ names."""
    parts = _JOINED_BY_WORD.split(issuer)
    if len(parts) > 1 and all(part.endswith(ORGAN_ENDINGS) for part in parts):
        return parts
    return [issuer]


def issuer_before(text: str, pos: int, floor: int) -> str | None:
    """The organs named right before the title at ``pos``: 国务院《…》, 财政部、税务总局和海关总署《…》.

    ``floor``: where the text before the title may start (the end of the token before it).
    Joint issuers are joined by 、 / 和 与 及 and given as one string, 、-separated.
    """
    if pos == 0 or not ("\u4e00" <= text[pos - 1] <= "\u9fff"):
        return None
    if text[pos - 1] not in _ISSUER_LAST_CHARS:
        return None
    floor = max(floor, pos - MAX_ISSUER_BEFORE * MAX_JOINT_ISSUERS)
    organs: list[str] = []
    end = pos
    for _ in range(MAX_JOINT_ISSUERS):
        match = _ISSUER_BEFORE.search(text, max(floor, end - MAX_ISSUER_BEFORE), end)
        if match is None:
            break
        organs[:0] = _split_joint(match["issuer"])
        joint = _ISSUER_JOINT.search(text, max(floor, match.start() - 3), match.start())
        if joint is None:
            break
        end = joint.start()
    if not organs:
        return None
    organs[0] = _ISSUER_LEAD.sub("", organs[0])
    organs = [organ for organ in organs if len(organ) >= 2]
    return "、".join(organs) or None

"""Titles damaged in copying, recovered through the official titles the extractor knows.

Real lists are copied by hand, from PDFs and between web pages, and titles suffer: a law's
name dropped from 关于适用《X》的解释, a 》 without its 《 (the title's start then guessed),
a 《 never closed (its end guessed), one character wrong, missing or doubled (种畜禽管理条件,
福建森林条例). A careful reader recovers the title when exactly one official title fits and
otherwise leaves it as written. So does this module, precision first: a wrong recovery
cites the wrong law, a flagged raw title only asks a reviewer to look.

The official titles are those of :func:`extractors.tables.known_instruments` (the law
library's, generated into package data, and the hand-kept table); nothing here reads files.
A recovered draft keeps its raw title and says in its notes what it was recovered from
(``recovered_title:<how>:<raw>``); a damaged title that fits several official titles is
left as written and noted ``recovery_ambiguous:<candidates>``.

Examples:
    >>> recover_title("中华人民共和国森林法实施条列", None)
    ('中华人民共和国森林法实施条例', 'typo')
    >>> recover_title("最高人民法院关于适用的解释", "name_dropped") is None  # several fit
    True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache

import regex

from extractors.drafts import Draft
from extractors.glosses import strip_glosses
from extractors.patterns import INSTRUMENT_SUFFIX, ORGAN_ENDINGS, RELIANCE
from extractors.tables import PRC_PREFIX, short_name_index
from extractors.title_notes import IMPLEMENTING_FORMS
from extractors.titles import canonical_title

__all__ = [
    "MIN_NATIONAL_TYPO_LENGTH",
    "MIN_TYPO_LENGTH",
    "recover_title",
    "recover_titles",
    "title_candidates",
]

MIN_TYPO_LENGTH = 6
"""Shorter titles (消防法, 水法) sit one character from other real titles: never 'corrected'."""

MIN_NATIONAL_TYPO_LENGTH = 4
"""Past 中华人民共和国 a shorter title may be corrected: the library holds the national laws."""

MIN_PART_LENGTH = 3
"""A known title found inside a damaged one must be at least this long (not 法, 条例)."""

MAX_LISTED_CANDIDATES = 3

SPELT_CACHE_SIZE = 8192
"""Every draft's title is spelt here once per cell; the same titles recur in cell after cell."""

_READS_AS_INSTRUMENT = regex.compile(rf"{INSTRUMENT_SUFFIX}(?:[（(][^（）()]{{1,20}}[）)])*$")
_NESTED = regex.compile(r"〈[^〈〉]{1,80}〉")
_NUMERAL = regex.compile(r"[0-9０-９一二三四五六七八九十百千零〇两第（）()]")
_PLACE_END = regex.compile(r"(?:省|市|县|区|州|盟|旗|自治区|特别行政区)$")
_ONE_CHARACTER_ORGAN = "[" + "".join(ending for ending in ORGAN_ENDINGS if len(ending) == 1) + "]"
"""An organ word of one character (部, 局 …): the end of an issuer's name however long it is."""
_BEFORE_TITLE = regex.compile(
    rf"(?:{RELIANCE}|遵照|遵守|贯彻|落实|的|及|和|与|或|[、，,：:；;]|{_ONE_CHARACTER_ORGAN})$"
)
"""How the words before a title lost its 《 end: a verb or joint that leads to a title, or an organ (its issuer)."""
_PUNCTUATION = regex.compile(r"[、，,·・\-—]")
_AFTER_UNCLOSED = regex.compile(r"^(?:的)?(?:有关|相关)?(?:规定|要求)?(?:中|等)?$")


@cache
def _official_titles() -> frozenset[str]:
    return frozenset(known.title for known in short_name_index().values())


@lru_cache(maxsize=SPELT_CACHE_SIZE)
def _official(name: str) -> str | None:
    """The official title ``name`` (a key of the index, with or without 中华人民共和国) names (memoised)."""
    index = short_name_index()
    known = index.get(name) or index.get(name.removeprefix(PRC_PREFIX))
    return known.title if known else None


@cache
def _names_without_nested() -> dict[str, frozenset[str]]:
    """Official titles by their text with each nested title 〈X〉 left out (关于适用的解释)."""
    table: dict[str, set[str]] = defaultdict(set)
    for name, known in short_name_index().items():
        for match in _NESTED.finditer(name):
            table[name[: match.start()] + name[match.end() :]].add(known.title)
    return {key: frozenset(titles) for key, titles in table.items()}


@cache
def _names_by_deletion() -> dict[str, frozenset[str]]:
    """Every known name with one character left out → the official titles it came from."""
    table: dict[str, set[str]] = defaultdict(set)
    for name, known in short_name_index().items():
        if len(name) < MIN_TYPO_LENGTH:
            continue
        for i in range(len(name)):
            table[name[:i] + name[i + 1 :]].add(known.title)
    return {key: frozenset(titles) for key, titles in table.items()}


def _safe_edit(char: str) -> bool:
    """A numeral or bracket tells siblings apart (规定（一）/（二）, 第二批): never an edit."""
    return not _NUMERAL.match(char)


def _one_edit(text: str, name: str) -> bool:
    """Is ``name`` one safe insertion, deletion or substitution away from ``text``?

    A real instrument the library lacks is often one character from one it holds (香港
    《植物品种保护条例》 beside the national 植物新品种保护条例; 城市规划法 beside 城乡规划法). So an
    edit is taken only where the written title cannot be such an instrument: it no longer
    reads as one (…条件, …条列, …条理) while the official title does; or, for a character
    missing or doubled, the title is national (中华人民共和国…, and the library holds the
    national laws); or only a punctuation mark differs (偷税、抗税 / 偷税抗税).
    """
    broken = not _READS_AS_INSTRUMENT.search(text) and bool(_READS_AS_INSTRUMENT.search(name))
    if len(text) == len(name):
        diffs = [i for i, (a, b) in enumerate(zip(text, name, strict=True)) if a != b]
        return len(diffs) == 1 and _safe_edit(text[diffs[0]]) and _safe_edit(name[diffs[0]]) and broken
    short, long = (text, name) if len(text) < len(name) else (name, text)
    if len(long) - len(short) != 1:
        return False
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            if _PUNCTUATION.match(long[i]):
                return True
            return _safe_edit(long[i]) and (broken or text.startswith(PRC_PREFIX))
    return False


def _typo_candidates(text: str) -> set[str]:
    """Official titles one character from ``text`` (a title no table knows)."""
    national = text.startswith(PRC_PREFIX)
    if len(text.removeprefix(PRC_PREFIX)) < (MIN_NATIONAL_TYPO_LENGTH if national else MIN_TYPO_LENGTH):
        return set()
    index, deletions = short_name_index(), _names_by_deletion()
    found: set[str] = set()
    for i in range(len(text)):
        shorter = text[:i] + text[i + 1 :]
        if shorter in index and _one_edit(text, shorter):  # one character too many
            found.add(index[shorter].title)
        for title in deletions.get(shorter, ()):  # one character wrong
            found |= {title} if any(_one_edit(text, n) for n in _names_of(title)) else set()
    for title in deletions.get(text, ()):  # one character missing
        if any(_one_edit(text, n) for n in _names_of(title)):
            found.add(title)
    return found


@cache
def _names_by_title() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for name, known in short_name_index().items():
        table[known.title].append(name)
    return {title: tuple(names) for title, names in table.items()}


def _names_of(title: str) -> tuple[str, ...]:
    return _names_by_title().get(title, ())


def _known_suffix(text: str) -> str | None:
    """A 》 without 《: the longest known title ending the text, after words that lead to a title.

    Words that do not (务 of a broken 义务教育法, 上海市 of a local 城市绿化条例) may be part of
    the title, which is then left as written.
    """
    for start in range(1, len(text) - MIN_PART_LENGTH + 1):
        title = _official(text[start:])
        if title is not None:
            before = text[:start]
            return title if _BEFORE_TITLE.search(before) and not _PLACE_END.search(before) else None
    return None


def _known_prefix(text: str) -> str | None:
    """A 《 never closed: the longest known title starting the text, before 规定 or nothing."""
    for end in range(len(text) - 1, MIN_PART_LENGTH - 1, -1):
        title = _official(text[:end])
        if title is not None:
            return title if _AFTER_UNCLOSED.match(text[end:]) else None
    return None


def title_candidates(text: str, damage: str | None) -> set[str]:
    """Every official title a damaged or misspelt title ``text`` (canonical spelling) may be."""
    if damage == "missing_open":
        found = _known_suffix(text)
        return {found} if found else set()
    if damage == "unclosed":
        found = _known_prefix(text)
        return {found} if found else set()
    if damage == "name_dropped":
        return set(_names_without_nested().get(text.replace("〈〉", ""), ()))
    if damage is None:
        return _typo_candidates(text)
    return set()


@lru_cache(maxsize=4096)
def recover_title(
    raw: str, damage: str | None, cited: frozenset[str] = frozenset(), before: str | None = None
) -> tuple[str, str] | None:
    """The official title a damaged title ``raw`` stands for, and how it was damaged.

    Args:
        raw: the title as written (the assembler's raw title).
        damage: the damage the assembler saw (``missing_open``, ``unclosed``, ``name_dropped``)
            or ``None`` for a title that only looks misspelt.
        cited: canonical titles of the other instruments the same cell cites; when a name
            was dropped, the one candidate whose nested law the cell cites is taken.
        before: the official title of the instrument cited just before; 《实施条例》 after
            《中华人民共和国森林法》 is that law's 实施条例 when the library knows one.

    Returns:
        ``(official title, how)`` when exactly one official title fits, else ``None``.
    """
    text = _spelt(raw)
    if not text or text in _official_titles():
        return None
    candidates = title_candidates(text, damage)
    if text in IMPLEMENTING_FORMS and before:
        candidates = {
            t for t in (_official(before + text), _official(before.removeprefix(PRC_PREFIX) + text)) if t
        }
    if len(candidates) > 1 and damage == "name_dropped":
        candidates = {c for c in candidates if any(f"〈{law}〉" in c for law in _short_forms(cited))}
    if len(candidates) != 1:
        return None
    return next(iter(candidates)), damage or "typo"


@lru_cache(maxsize=SPELT_CACHE_SIZE)
def _spelt(raw: str) -> str:
    """The title in canonical spelling: glosses and a version note off, official if known (memoised)."""
    return canonical_title(strip_glosses(raw))


def _short_forms(titles: Iterable[str]) -> set[str]:
    """Each title and its form without 中华人民共和国, as nested titles are written."""
    return {form for title in titles for form in (title, title.removeprefix(PRC_PREFIX))}


def recover_titles(drafts: list[Draft]) -> list[Draft]:
    """Give each draft whose title was damaged its official title when exactly one fits.

    The draft keeps its raw title; ``recovered_title`` carries the official one to the
    built instrument and a note says what it was recovered from. Called once per cell,
    after the assembler, so a dropped name can be told from the other titles cited.
    """
    cited: frozenset[str] = frozenset()
    before: str | None = None
    for draft in drafts:
        if draft.base is not None or not draft.raw_title:
            continue
        previous = before
        if draft.role == "cites":
            before = _official(_spelt(draft.raw_title)) or before
        damage = _damage_note(draft.notes)
        implementing = _spelt(draft.raw_title) in IMPLEMENTING_FORMS
        if implementing and damage is None:
            damage = "name_dropped"
            draft.notes.append(f"damaged_title:{damage}")
        if damage == "name_dropped" and not cited:
            cited = frozenset(canonical_title(d.raw_title) for d in drafts if d.raw_title and d.base is None)
        found = recover_title(
            draft.raw_title,
            damage,
            cited if damage == "name_dropped" else frozenset(),
            previous if implementing else None,
        )
        if found is not None:
            draft.recovered_title, how = found
            draft.notes.append(f"recovered_title:{how}:{draft.raw_title}")
        elif damage in ("name_dropped", "missing_open", "unclosed"):
            candidates = sorted(title_candidates(_spelt(draft.raw_title), damage))
            if len(candidates) > 1:
                draft.notes.append("recovery_ambiguous:" + "|".join(candidates[:MAX_LISTED_CANDIDATES]))
    return drafts


def _damage_note(notes: list[str]) -> str | None:
    for note in notes:
        if note.startswith("damaged_title:"):
            return note.removeprefix("damaged_title:")
    return None

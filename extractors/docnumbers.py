"""Document numbers (文号) and order numbers (令号): parse, normalise, correct, attribute.

Normal forms follow DESIGN.md: the year in 〔〕 and 第 before an order number
(人社部〔2016〕120号, 国务院令第649号). A malformed number keeps its raw text, gets the
best correction and a flag naming each slip, so the audit can report it.

Examples:
    >>> normalise_doc_number("人社部[2016]120号")
    ('人社部〔2016〕120号', ())
    >>> normalise_doc_number("国务院令第六49号")
    ('国务院令第649号', ('mixed_numerals',))
    >>> normalise_doc_number("中华人民共和国主席令第九十二")
    ('主席令第92号', ('missing_hao',))
    >>> normalise_doc_number("酒政发2015 119号")
    ('酒政发〔2015〕119号', ('missing_year_brackets',))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractors.glosses import strip_glosses
from extractors.numerals import parse_numeral_flagged
from extractors.patterns import (
    DOC_NUMBER,
    ORDER_NUMBER,
    ORDER_NUMBER_AFTER,
    ORGAN_ENDING,
    RELIANCE,
    compile_verbose,
)
from extractors.tables import PRC_PREFIX, issuer_codes, organ_codes, places
from extractors.titles import to_simplified

__all__ = [
    "DocNumber",
    "issuer_of",
    "normalise_doc_number",
    "parse_doc_match",
    "parse_order_match",
]

FIRST_YEAR = 1949
"""No document of the People's Republic is older; earlier years are typing slips."""

LAST_YEAR = 2035
"""Years beyond this are typing slips (the lists we read were written before it)."""

MAX_SERIAL = 99_999
"""Serials of documents and orders stay well below this."""

_STOP_PREFIXES = regex.compile(
    rf"^(?:{RELIANCE}|印发|转发|关于|见|经|以|由|和|及|与|的|是|为|即|在|于|对|文件|"
    r"原|新|详见|年|月|日|号|发布|公布|颁布|施行|修订|修正|通过)+"
)
_ORG_SHAPE = regex.compile(rf"(?:{ORGAN_ENDING})$")


CODE_CACHE_SIZE = 4096
"""Issuer codes and organs repeat in every cell that cites the same instrument: read each once."""

_simplified = lru_cache(maxsize=CODE_CACHE_SIZE)(to_simplified)
"""Traditional → simplified for codes and organs, memoised (the converter works per call)."""


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A parsed number: ``normalised`` is ``None`` only when nothing could be made of it."""

    raw: str
    normalised: str | None
    code: str
    year: int | None
    serial: int | None
    flags: tuple[str, ...]
    issuer: str | None
    issuer_level: str | None


def _place_and_organ(code: str) -> tuple[str, str] | None:
    """甘政办发 → (甘肃省人民政府办公厅, 省级), 酒人社 → (酒泉市人力资源和社会保障局, 市级)."""
    table, organs = places(), organ_codes()
    for length in (2, 1):
        prefix, rest = code[:length], code[length:]
        if prefix in table and rest in organs:
            place, level = table[prefix]
            return place + organs[rest], level
    return None


@lru_cache(maxsize=CODE_CACHE_SIZE)
def issuer_of(code: str) -> tuple[str, str] | None:
    """Map an issuer code to (organ, level) through the data tables.

    Args:
        code: 国办发, 人社部发, 甘政办发, 酒人社, 国务院令 …

    Returns:
        ``(organ, level)`` or ``None`` when the tables do not know the code.

    Examples:
        >>> issuer_of("国办发")
        ('国务院办公厅', '国家')
        >>> issuer_of("甘政办发")
        ('甘肃省人民政府办公厅', '省级')
    """
    national = issuer_codes()
    if code in national:
        return national[code]
    local = _place_and_organ(code)
    if local:
        return local
    for length in range(len(code) - 1, 1, -1):
        if code[:length] in national:
            return national[code[:length]]
    for length in (2, 1):
        if code[:length] in places():
            return places()[code[:length]]
    return None


@lru_cache(maxsize=CODE_CACHE_SIZE)
def _trim_code(code: str) -> str:
    """Cut words that precede an issuer code in running text (根据国办发 → 国办发)."""
    national = issuer_codes()
    for start in range(len(code) - 1):
        if code[start:] in national or _place_and_organ(code[start:]):
            return code[start:]
    trimmed = _STOP_PREFIXES.sub("", code)
    return trimmed or code


_ORGAN_BEFORE_CODE = regex.compile(rf"^\p{{Han}}{{2,10}}?(?:{ORGAN_ENDING})(?=\p{{Han}}{{2,6}}$)")
"""An organ's name written before its own code: 水利部水建〔1998〕16号 → 水建〔1998〕16号
(民政部民发, 卫生部卫医发); a one-character rest (人社部发) is the code itself."""


def _year(text: str) -> tuple[int | None, tuple[str, ...], tuple[int, ...]]:
    """Read a year, correcting impossible ones; returns (year, flags, other candidates)."""
    value, flags = parse_numeral_flagged(text)
    if value is None:
        return None, ("unreadable_year",), ()
    if len(text) == 2:
        return (1900 + value if value >= 50 else 2000 + value), ("two_digit_year",), ()
    if FIRST_YEAR <= value <= LAST_YEAR and len(text) == 4:
        return value, flags, ()
    candidates = sorted(_year_candidates(text), key=lambda c: c[0])
    if not candidates:
        return None, ("impossible_year",), ()
    return candidates[0][1], ("impossible_year",), tuple(c[1] for c in candidates[1:])


def _year_candidates(text: str) -> list[tuple[int, int]]:
    """Years reachable by deleting one character, ranked (lower rank first).

    A five-digit year is a four-digit one with one extra keystroke. The century, the
    decade's first digit and the last digit are the keystrokes people get right, so
    deleting the fourth character (20017 → 2007, 20105 → 2015) ranks first, then a
    doubled key (20177 → 2017), then any other deletion.
    """
    ranked: dict[int, int] = {}
    for i in range(len(text)):
        shorter = text[:i] + text[i + 1 :]
        year = int(shorter) if shorter.isdigit() else -1
        if not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        rank = 0 if (len(text) == 5 and i == 3) else 1 if i + 1 < len(text) and text[i] == text[i + 1] else 2
        ranked[year] = min(rank, ranked.get(year, rank))
    return [(rank, year) for year, rank in ranked.items()]


@dataclass(frozen=True, slots=True)
class _Serial:
    value: int | None
    flags: tuple[str, ...]


def _serial(text: str) -> _Serial:
    value, flags = parse_numeral_flagged(text)
    if value is None or value > MAX_SERIAL:
        return _Serial(None, ("unreadable_serial",))
    if not text.isdigit() and "mixed_numerals" not in flags:
        flags = (*flags, "chinese_numerals")
    return _Serial(value, flags)


def parse_doc_match(match: regex.Match[str]) -> DocNumber | None:
    """Build a :class:`DocNumber` from a :data:`~extractors.patterns.DOC_NUMBER` match.

    The result depends only on the issuer code and the text of the match after it, so it
    is memoised on them, as orders are: cells cite the same documents over and over.
    """
    code_end = match.end("code")
    return _parse_doc(match["code"], match.string[code_end : match.end()], *match.group(*_DOC_GROUPS))


_DOC_GROUPS = ("year", "bare_year", "serial")
"""The groups of a document-number match that :func:`_parse_doc` reads besides the code."""


@lru_cache(maxsize=CODE_CACHE_SIZE)
def _parse_doc(
    code_text: str, after_code: str, year_text: str | None, bare_year: str | None, serial_text: str
) -> DocNumber | None:
    """:func:`parse_doc_match` on a match whose issuer code is ``code_text``, followed by ``after_code``."""
    written = _trim_code(code_text)
    code = _simplified(written)
    if code.endswith(("令", "公告")):
        return None
    flags: list[str] = []
    organ = _ORGAN_BEFORE_CODE.match(code) if code not in issuer_codes() else None
    if organ is not None:
        code = code[organ.end() :]
        flags.append("issuer_before_code")
    if bare_year:
        flags.append("missing_year_brackets")
    year, year_flags, _ = _year(year_text or bare_year)
    flags += year_flags
    serial = _serial(serial_text)
    flags += serial.flags
    if year is None or serial.value is None:
        return None
    issuer = issuer_of(code)
    return DocNumber(
        raw=written + after_code,  # the code as written is the end of the text the lookbehind read
        normalised=f"{code}〔{year}〕{serial.value}号",
        code=code,
        year=year,
        serial=serial.value,
        flags=tuple(dict.fromkeys(flags)),
        issuer=issuer[0] if issuer else (organ.group(0) if organ else None),
        issuer_level=issuer[1] if issuer else None,
    )


"""Left out of order codes: 中华人民共和国主席令 and 主席令 are one series."""

_ORDER_CODE_ALIASES: dict[str, str] = {"国令": "国务院令"}
"""Short or long forms of order codes mapped to the form DESIGN.md normalises to."""


_INSTRUMENT_WORDS = regex.compile(r"法|条例|办法|规定|细则|规则|决定|通知|意见|发布|公布|批准|施行")
_YEAR_BEFORE = regex.compile(r"(?P<year>(?:19|20)[0-9]{2})\s{0,2}+年\s{0,2}+$")


MAX_WORD_BEFORE_CODE = 2
"""A known order code after at most this many other characters wins (属国务院令 → 国务院令)."""


@lru_cache(maxsize=CODE_CACHE_SIZE)
def _order_org(org: str, kind: str) -> str | None:
    """The issuing organ of an order, as written (with any 中华人民共和国).

    The organ is read backwards from 令, so it may start with other words: a known code
    wins (日国务院 → 国务院), also after one or two other characters (属国务院 → 国务院),
    then an organ-shaped name without instrument words, then the longest known code it
    ends with (医疗机构管理条例国务院 → 国务院).
    """
    trimmed = _STOP_PREFIXES.sub("", org)
    bare = trimmed.removeprefix(PRC_PREFIX)
    if bare and bare + kind in issuer_codes():
        return trimmed
    for start in range(1, min(len(trimmed), MAX_WORD_BEFORE_CODE + 1)):
        if trimmed[start:] + kind in issuer_codes() and len(trimmed) - start >= 2:
            return trimmed[start:]
    if bare and _ORG_SHAPE.search(bare) and not _INSTRUMENT_WORDS.search(bare):
        return trimmed
    for start in range(len(org)):
        if (org[start:] + kind) in issuer_codes():
            return org[start:]
    return None


def _as_written(org_text: str, organ: str) -> str:
    """The end of ``org_text`` that reads ``organ`` once its glosses are removed (國務(wù)院 → 國務院)."""
    for start in range(len(org_text) - 1, -1, -1):
        if strip_glosses(org_text[start:]) == organ:
            return org_text[start:]
    return organ


_ORDER_GROUPS = ("org", "order_kind", "year", "year_open", "nian", "serial", "hao")
"""The groups of an order match that :func:`_parse_order` reads, fetched in one call."""

YEAR_BEFORE_WINDOW = 12
"""How far before an order's organ a year (2009年国务院令…) is looked for."""


def parse_order_match(match: regex.Match[str]) -> DocNumber | None:
    """Build a :class:`DocNumber` from an :data:`~extractors.patterns.ORDER_NUMBER` match.

    The result depends only on the match's groups and the few characters before its
    organ, so it is memoised on them: lists cite the same orders in cell after cell.
    """
    org_start = match.start("org")
    before = match.string[max(0, org_start - YEAR_BEFORE_WINDOW) : org_start]
    return _parse_order(before, match.group(0), *match.group(*_ORDER_GROUPS))


@lru_cache(maxsize=CODE_CACHE_SIZE)
def _parse_order(
    before: str,
    matched: str,
    org_text: str,
    kind: str,
    year_text: str | None,
    year_open: str | None,
    nian: str | None,
    serial_text: str,
    hao: str | None,
) -> DocNumber | None:
    """:func:`parse_order_match` on the text ``before + org_text + matched`` (the match is ``matched``)."""
    string = before + org_text + matched
    bare_org = strip_glosses(org_text)
    written = _order_org(bare_org, kind)
    if written is None:
        return None
    written_as = _as_written(org_text, written) if bare_org != org_text else written
    org = _simplified(written).removeprefix(PRC_PREFIX)
    serial = _serial(serial_text)
    if serial.value is None:
        return None
    flags = [f for f in serial.flags if f != "chinese_numerals"]
    if not hao:
        flags.append("missing_hao")
    org_end = len(before) + len(org_text)
    start = org_end - len(written_as)
    written_year = year_text
    if year_text and not (nian or year_open):
        year_text = None  # 国务院令2017第683号: a date run into the number, not part of it
        flags.append("year_in_number")
    date_before = _YEAR_BEFORE.search(string, max(0, start - YEAR_BEFORE_WINDOW), start)
    if date_before and not written_year:
        start = date_before.start()  # 2009年国务院令第550号: the order's date, kept in the raw form only
        flags.append("year_before_issuer")
    code = _ORDER_CODE_ALIASES.get(org + kind, org + kind)
    year = int(year_text) if year_text else None
    normalised = f"{code}{year}年第{serial.value}号" if year else f"{code}第{serial.value}号"
    issuer = issuer_of(code) or issuer_of(org + kind)
    return DocNumber(
        raw=string[start:].strip(),
        normalised=normalised,
        code=code,
        year=year,
        serial=serial.value,
        flags=tuple(dict.fromkeys(flags)),
        issuer=issuer[0] if issuer else (org if _ORG_SHAPE.search(org) else None),
        issuer_level=issuer[1] if issuer else None,
    )


def _raw_start(parsed: DocNumber, text: str) -> int:
    return len(text) - len(parsed.raw)


def parse_any(raw: str) -> DocNumber | None:
    """Parse a whole string as a document or order number (``None`` if it is neither)."""
    text = raw.strip()
    patterns = ((DOC_NUMBER, parse_doc_match), (ORDER_NUMBER, parse_order_match))
    for pattern, build in (*patterns, (ORDER_NUMBER_AFTER, parse_order_match)):
        for match in compile_verbose(pattern).finditer(text):
            if match.end() != len(text):
                continue
            parsed = build(match)
            if (
                parsed
                and text.endswith(parsed.raw)
                and not _STOP_PREFIXES.sub("", text[: _raw_start(parsed, text)])
            ):
                return parsed
    return None


def normalise_doc_number(raw: str) -> tuple[str | None, tuple[str, ...]]:
    """Normalise a document or order number and flag what was malformed.

    Args:
        raw: the number as written (brackets of any style or none, Chinese numerals …).

    Returns:
        ``(normalised, flags)``; ``(None, ("unparsed",))`` when ``raw`` is no number.
    """
    parsed = parse_any(raw)
    if parsed is None:
        return None, ("unparsed",)
    return parsed.normalised, parsed.flags

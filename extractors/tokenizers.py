"""Text → tokens: titles, numbers, provision runs, anaphors, quotes and list markers.

Like eyecite's tokenizers, this step only finds things; :mod:`extractors.assemble`
decides what they mean together. Each token kind has its own pattern, searched only in
cells that hold its literal anchors; of overlapping candidates the leftmost (then the
higher-priority) one wins and consumes its text, so a title in 《》 is never re-read as
running text and no pattern has to be tried at every character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from operator import itemgetter
from typing import NamedTuple

import regex

from extractors.docnumbers import DocNumber, parse_doc_match, parse_order_match
from extractors.patterns import (
    ALIAS_DEFINITION,
    ANAPHOR,
    ANGLE_TITLE,
    DOC_NUMBER,
    ENUMERATOR,
    INSTRUMENT_SUFFIX,
    MAX_TITLE_LENGTH,
    ORDER_ANCHOR,
    ORDER_NUMBER,
    ORDER_NUMBER_AFTER,
    ORGAN_ENDING,
    PART_MARKER,
    PREFILTER_ANCHORS,
    PROVISION_RUN,
    QUOTED_TITLE,
    RELIANCE,
    RELIANCE_SHORT_ALONE,
    STANDARD_CODE,
    TITLE_BOOK,
    TRIGGERED_NAME,
    UNCLOSED_TITLE,
    compile_plain,
    compile_verbose,
)
from extractors.tables import short_name_index

__all__ = ["Token", "may_cite", "tokenize"]


class Token(NamedTuple):
    """A piece of text the assembler reads.

    ``kind`` is one of: ``title`` (``value`` = title text, ``rule`` says how it was
    written), ``docnum`` (``doc``), ``prov`` (``value`` = run text), ``anaphor``,
    ``alias`` (``value`` = defined short name), ``enum``, ``part`` (``value`` = numeral),
    ``quotes`` (``value`` = a run of quotation marks, opening and closing, e.g. ``”“``).
    A named tuple rather than a frozen dataclass: a dense cell has
    a token every few characters, and tuples are several times cheaper to build.
    """

    kind: str
    start: int
    end: int
    value: str = ""
    rule: str = ""
    doc: DocNumber | None = None


MAX_KNOWN_NAME = 40
"""Known short titles longer than this are not worth an alternative in the scanner."""

_KNOWN_FOLLOW = (
    r"(?=\s{0,2}+(?:第|规定|的规定|有关规定|相关规定|之规定|关于|[（(、，,。；;：:”」和及与]|$)|\s|$)"
)


_NAME_ENDS = ""
"""The key of a node of :func:`_known_names_by_ending`'s trie at which a known name starts."""


@cache
def _known_names_by_ending() -> tuple[re.Pattern[str], dict[str, dict]]:
    """The scanner for the ends of known short titles, and the titles in a trie read backwards.

    Matching 500 names as one alternation at every character is slow; instead the
    scanner finds the ends of titles (…法, …条例) and walks the text before them back
    through the trie, one character per step, as far as some known name goes.
    """
    names = frozenset(n for n in short_name_index() if 2 <= len(n) <= MAX_KNOWN_NAME)
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for char in reversed(name):
            node = node.setdefault(char, {})
        node[_NAME_ENDS] = {}
    last_chars = "".join(sorted({regex.escape(name[-1]) for name in names}))
    return compile_plain(rf"[{last_chars}]{_KNOWN_FOLLOW}"), trie


def _known_name_tokens(text: str) -> list[Token]:
    """Known short titles in running text: 按照社会保险法第八十六条 → 社会保险法 (the longest that fits)."""
    pattern, trie = _known_names_by_ending()
    tokens = []
    for match in pattern.finditer(text):
        end = match.end()
        node: dict[str, dict] | None = trie
        pos, start = end, -1
        while pos > 0 and node is not None:
            node = node.get(text[pos - 1])
            pos -= 1
            if node is not None and _NAME_ENDS in node:
                start = pos
        if start >= 0:
            tokens.append(Token("title", start, end, text[start:end], "known_name"))
    return tokens


Builder = Callable[[str, regex.Match[str]], Token | None]

KNOWN_NAME_PRIORITY = 21
"""Known short titles lose a tie to titles in brackets, standards, numbers, runs and anaphors
(priorities 0–18 and 20, see :func:`_scanners`), and win it against list markers, part
numbers, quotes and a lone 》 (22 on)."""

PRIORITY_SLOTS = 64
"""Candidates sort on ``start * PRIORITY_SLOTS + priority``: one integer, no tuple keys."""


class _Scanner(NamedTuple):
    """One token kind: its literal anchors, its pattern, and how a match becomes a token.

    ``sure`` builders never reject a match, so their tokens are built only when the
    match wins its place (most 》 close a title and never become a token of their own).
    The scanner runs only in a cell that holds one of its ``anchors`` (none: always).
    """

    priority: int
    pattern: regex.Pattern[str] | re.Pattern[str]
    build: Builder
    sure: bool
    anchors: tuple[str, ...]


_new_tuple = tuple.__new__


def _match_token(kind: str, group: int | str = 0, rule: str = "") -> Builder:
    """A sure builder: a token of ``kind`` over the match, valued the text of ``group``.

    Built with ``tuple.__new__`` (every field given): a named tuple's own constructor is a
    Python function, and these tokens are built by the thousand per MB.
    """
    return lambda t, m: _new_tuple(Token, (kind, m.start(), m.end(), m[group], rule, None))


@cache
def _scanners() -> tuple[_Scanner, ...]:
    """One pattern per token kind, in priority order (a lower priority wins a tie at a position).

    Each pattern is searched on its own, and only in a cell that holds one of its literal
    anchors (eyecite's ``TokenExtractor.strings``): no 令 or 公告, no order-number search.
    Every pattern must start at (or contain) one of its anchors, so a cell without them
    cannot match it. The tokenizer then keeps the leftmost non-overlapping tokens. Patterns
    that ``re`` can read are compiled with it, and begin with their first character's class
    (see :data:`~extractors.patterns.PROVISION_RUN`), so its search skips to candidates.
    """
    always: tuple[str, ...] = ()
    plain: tuple[str, ...] = (
        *(TITLE_BOOK, ANGLE_TITLE, UNCLOSED_TITLE, QUOTED_TITLE, STANDARD_CODE, ALIAS_DEFINITION),
        *(PROVISION_RUN, ANAPHOR, ENUMERATOR, PART_MARKER, _QUOTE_MARKS, "》"),
    )
    table: list[tuple[int, tuple[str, ...], str, Builder, bool]] = [
        (
            _BOOK,
            ("《",),
            TITLE_BOOK,
            _match_token("title", "book", "book"),
            True,
        ),
        (
            2,
            ("<", "＜", "&lt;", "〈"),
            ANGLE_TITLE,
            _match_token("title", "angle", "angle"),
            True,
        ),
        (
            _UNCLOSED,
            ("《",),
            UNCLOSED_TITLE,
            _match_token("title", "unclosed", "unclosed"),
            True,
        ),
        (6, ("“", '"'), QUOTED_TITLE, _quoted_title_token, False),
        (_STANDARD, always, STANDARD_CODE, _standard_token, False),
        (10, ("称",), ALIAS_DEFINITION, _match_token("alias", "alias"), True),
        (_ORDER, ("令", "公告"), ORDER_NUMBER, lambda t, m: _doc_token(t, m, "order"), False),
        (14, ("号令", "號令"), ORDER_NUMBER_AFTER, lambda t, m: _doc_token(t, m, "order"), False),
        (_DOC, ("号", "號"), DOC_NUMBER, lambda t, m: _doc_token(t, m, "doc"), False),
        (
            18,
            ("第", "条", "條"),
            PROVISION_RUN,
            _match_token("prov"),
            True,
        ),
        (
            20,
            ("本", "该", "同", "上", "前"),
            ANAPHOR,
            _match_token("anaphor", "anaphor"),
            True,
        ),
        (22, always, ENUMERATOR, _match_token("enum"), True),
        (
            24,
            tuple("、：:．."),  # a part number ends with one of them
            PART_MARKER,
            _match_token("part", "part_num"),
            True,
        ),
        (26, tuple("“「『”」』"), _QUOTE_MARKS, _match_token("quotes"), True),
        (28, ("》",), "》", _match_token("lone_close"), True),
    ]
    return tuple(
        _Scanner(
            priority,
            compile_plain(pattern, han=True) if pattern in plain else compile_verbose(pattern),
            build,
            sure,
            anchors,
        )
        for priority, anchors, pattern, build, sure in table
    )


_QUOTE_MARKS = "[“「『”」』]++"
"""A run of quotation marks, opening and closing (one token however many)."""

_BOOK = 0
"""Priority of the 《》 scanner: the unclosed-title scanner needs the 《 its titles start at."""

_UNCLOSED = 4
"""Priority of the unclosed-title scanner: it is tried only at a 《 no closed title starts at."""

MAX_UNCLOSED_TRIES = 16
"""Up to this many 《 without a closed title are tried one by one, more in one scan."""

_STANDARD = 8
"""Priority of the standard scanner: it runs only in cells with two capitals in a row."""

_ORDER = 12
"""Priority of the order-number scanner: its matches start at 令 or 公告, it is tried only there."""

_ORDER_ANCHOR = compile_plain(ORDER_ANCHOR, verbose=False)

_DOC = 16
"""Priority of the document-number scanner: its matches end at 号, it is tried only before one."""

MAX_DOC_NUMBER_MATCH = 40
"""Longer than any :data:`~extractors.patterns.DOC_NUMBER` match (the issuer code is read
by a lookbehind and is not part of it): bracket, year, bracket, 第, serial, 号 ≤ 28."""

_HAO = re.compile("[号號]")


_STANDARD_DASH = regex.compile(r"[ \t\u3000]*[-—–－][ \t\u3000]*")


def _standard_token(text: str, match: regex.Match[str]) -> Token | None:
    """A standard, normalised (GB/T 19001—2016 → GB/T 19001-2016), if the match has a standard's shape.

    GB…, DB11…, …/T and …/Z codes, or any code with a year, are standards; a bare two- or
    three-letter code needs a number of three digits or more (AQ 3013, not PM 2.5).
    """
    code = regex.sub(r"[ \t]", "", match["std_code"])
    number, year = match["std_num"], match["std_year"]
    shaped = code.startswith(("GB", "DB")) or code.endswith(("/T", "/Z")) or year is not None
    if not shaped and not (len(code) <= 3 and "." not in number and len(number) >= 3):
        return None
    value = f"{code} {number}" + (f"-{year}" if year else "")
    return Token("title", match.start(), match.end(), value, "standard")


def _quoted_title_token(text: str, match: regex.Match[str]) -> Token | None:
    if _quoted_title_ok(text, match):
        return Token("title", match.start(), match.end(), match["qtitle"], "quoted")
    return None


_BOUNDARY = regex.compile(r"[\s，,。；;：:、“”（）()\[\]《》0-9.．]")
_LEADING_VERBS = regex.compile(rf"^(?:{RELIANCE}|{RELIANCE_SHORT_ALONE}|贯彻|落实|见|对)+")
"""Words a title taken back from a lone 》 may start with that are not its own: 按照社会保险法》."""


def _missing_open_title(text: str, close: int, floor: int) -> tuple[int, str] | None:
    """For a 》 without 《, take the title back to the last boundary (社会保险法》 → 社会保险法)."""
    start = close
    while start > floor and close - start < MAX_TITLE_LENGTH and not _BOUNDARY.match(text[start - 1]):
        start -= 1
    title = text[start:close]
    trimmed = _LEADING_VERBS.sub("", title)
    start += len(title) - len(trimmed)
    if len(trimmed) < 2 or not regex.search(INSTRUMENT_SUFFIX + r"(?:（[^（）]{1,20}）)?$", trimmed):
        return None
    return start, trimmed


_AFTER_QUOTED_TITLE = regex.compile(r"\s{0,3}+(?:[（(]|第)")


def _quoted_title_ok(text: str, match: regex.Match[str]) -> bool:
    """A quoted phrase is a title only when it reads like one: 关于…, 印发《…》, or a number follows."""
    title = match["qtitle"]
    if "关于" in title or "《" in title or "〈" in title:
        return True
    return bool(_AFTER_QUOTED_TITLE.match(text, match.end()))


MAX_JOINT_ISSUERS = 120
"""How far back to look for the co-issuers of a joint order (seven ministries fit)."""

_CO_ISSUERS = regex.compile(rf"(?:\p{{Han}}{{2,16}}?(?:{ORGAN_ENDING})[ \u3000、]{{1,2}}){{1,12}}+$")

_CO_ISSUER_GAPS = frozenset(" \u3000、")
"""What separates co-issuers; without one right before the organ there is no joint order."""


def _joint_order(text: str, start: int, parsed: DocNumber) -> tuple[int, DocNumber]:
    """Extend an order to its co-issuers: 交通运输部 工业和信息化部 … 国家网信办令2016年第60号."""
    if parsed.code.endswith("令") and text[start - 1 : start] in _CO_ISSUER_GAPS:
        match = _CO_ISSUERS.search(text, max(0, start - MAX_JOINT_ISSUERS), start)
        if match and match.end() == start:
            prefix = regex.sub(r"[ \u3000、]+", " ", match.group(0))
            normalised = prefix + (parsed.normalised or "")
            raw = text[match.start() : start] + parsed.raw
            organs = [*prefix.split(), parsed.issuer or parsed.code.removesuffix("令")]
            return match.start(), replace(
                parsed,
                raw=raw,
                normalised=normalised,
                code=prefix + parsed.code,
                issuer="、".join(organs),
                issuer_level=parsed.issuer_level or "国家",
            )
    return start, parsed


def _doc_token(text: str, match: regex.Match[str], kind: str) -> Token | None:
    parsed = parse_order_match(match) if kind == "order" else parse_doc_match(match)
    if parsed is None:
        return None
    end = match.end()
    start = end - len(parsed.raw)
    if kind == "order":
        start, parsed = _joint_order(text, start, parsed)
    return Token("docnum", start, end, text[start:end], kind, parsed)


_TWO_CAPITALS = re.compile("[A-Z]{2}")
"""Every standard code starts with two capitals (GB, DB, HJ, AQ)."""


def may_cite(text: str) -> bool:
    """Prefilter: can ``text`` hold a citation at all? (cheap literal test, like eyecite's)."""
    return any(map(text.__contains__, PREFILTER_ANCHORS)) or _TWO_CAPITALS.search(text) is not None


def _candidates(text: str) -> list[tuple[int, int, regex.Match[str] | Token, Builder | None]]:
    """Every scanner's matches as ``(sort key, end, match or token, builder)``.

    A match of a sure builder stays a match (its token is built if it wins); the others are
    built here, since a rejected match must not take a place.
    """
    candidates: list[tuple[int, int, regex.Match[str] | Token, Builder | None]] = []
    append = candidates.append
    book_starts: set[int] = set()
    for scanner in _scanners():
        priority = scanner.priority
        if scanner.anchors and not any(map(text.__contains__, scanner.anchors)):
            continue
        if priority == _STANDARD and _TWO_CAPITALS.search(text) is None:
            continue  # a standard's code starts with two capitals
        if priority == _UNCLOSED:
            matches = _unclosed_matches(text, scanner.pattern, book_starts)
        elif priority == _DOC:
            matches = _doc_matches(text, scanner.pattern)
        elif priority == _ORDER:
            matches = _order_matches(text, scanner.pattern)
        else:
            matches = scanner.pattern.finditer(text)
        if scanner.sure:
            build = scanner.build
            for match in matches:
                append((match.start() * PRIORITY_SLOTS + priority, match.end(), match, build))
            if priority == _BOOK:
                book_starts = {c[2].start() for c in candidates}  # type: ignore[union-attr]
        else:
            for match in matches:
                token = scanner.build(text, match)
                if token is not None:
                    append((token.start * PRIORITY_SLOTS + priority, token.end, token, None))
    for token in _known_name_tokens(text):
        append((token.start * PRIORITY_SLOTS + KNOWN_NAME_PRIORITY, token.end, token, None))
    return candidates


def _unclosed_matches(
    text: str, pattern: regex.Pattern[str], book_starts: set[int]
) -> Iterator[regex.Match[str]]:
    """Unclosed titles at the 《 where no closed title starts (there a closed one wins the tie).

    A few such 《 are tried one by one; many (a cell of 《《《《) in one scan, filtered; none
    (every 《 opens a closed title, as in most cells) costs one count.
    """
    unclosed = text.count("《") - len(book_starts)
    if unclosed == 0:
        return
    if unclosed > MAX_UNCLOSED_TRIES:
        yield from (m for m in pattern.finditer(text) if m.start() not in book_starts)
        return
    pos = text.find("《")
    while pos >= 0:
        if pos not in book_starts:
            match = pattern.match(text, pos)
            if match is not None:
                yield match
        pos = text.find("《", pos + 1)


def _order_matches(text: str, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
    """What ``pattern.finditer(text)`` gives, tried only at each 令 and 公告 a number may follow.

    An :data:`~extractors.patterns.ORDER_NUMBER` match starts at one (the organ before it
    is read by a lookbehind), so the leftmost match is at the first of them that matches.
    """
    end = 0
    for anchor in _ORDER_ANCHOR.finditer(text):
        at = anchor.start()
        if at < end:
            continue
        match = pattern.match(text, at)
        if match is not None:
            yield match
            end = match.end()


def _doc_matches(text: str, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
    """What ``pattern.finditer(text)`` gives, searched only in the short stretch before each 号.

    A match ends at the first 号 after its start, so each 号 ends at most one match and
    the matches come in the order of their 号.
    """
    end = 0
    for hao in _HAO.finditer(text):
        at = hao.start()
        if at < end:
            continue
        match = pattern.search(text, max(end, at - MAX_DOC_NUMBER_MATCH), at + 1)
        if match is not None:
            yield match
            end = match.end()


def tokenize(text: str) -> list[Token]:
    """Find every token in ``text``, in order, without overlaps.

    Args:
        text: one cell of a power list (plain text).

    Returns:
        Tokens with offsets into ``text``.
    """
    if not may_cite(text):
        return []
    candidates = _candidates(text)
    candidates.sort(key=itemgetter(0))
    tokens: list[Token] = []
    end = 0
    for key, token_end, found, build in candidates:
        if key // PRIORITY_SLOTS < end:
            continue
        token = found if build is None else build(text, found)  # type: ignore[arg-type]
        if token.kind == "lone_close":  # type: ignore[union-attr]
            opened = _missing_open_title(text, token.start, end)  # type: ignore[union-attr]
            if opened is None:
                continue
            token = Token("title", opened[0], token_end, opened[1], "missing_open")
        elif token.kind == "prov":  # type: ignore[union-attr]
            named = _name_before_run(text, end, token.start)  # type: ignore[union-attr]
            if named is not None:
                tokens.append(named)
        tokens.append(token)  # type: ignore[arg-type]
        end = token_end
    return tokens


MAX_TRIGGERED_NAME = 30
"""How far before a provision run a bare title (after 按照/依据 …) may start."""


_SUFFIX_LAST_CHARS = frozenset(word[-1] for word in INSTRUMENT_SUFFIX[3:-1].split("|"))
"""The last characters of the title endings (法, 例, 定 …): a bare name ends with one."""


def _name_before_run(text: str, floor: int, start: int) -> Token | None:
    """A bare title between a verb of reliance and a run: 按照社会保险法|第八十六条."""
    end = start
    while end > floor and start - end < 2 and text[end - 1].isspace():
        end -= 1
    if end <= floor or text[end - 1] not in _SUFFIX_LAST_CHARS:
        return None  # the pattern needs a title ending right before the run (and ≤ 2 spaces)
    match = compile_plain(TRIGGERED_NAME, han=True).search(
        text, max(floor, start - MAX_TRIGGERED_NAME), start
    )
    if match is None:
        return None
    return Token("title", match.start("trig"), match.end("trig"), match["trig"], "bare_name")

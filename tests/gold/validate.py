"""Validate the hand-written citation gold files before anyone scores against them.

A gold file that is wrong in its own terms (a title still in 《》, an article given
as the string "七十七", a document number the cell never mentions) silently moves
every precision and recall figure computed from it. Each concern has one small
``_check_…`` function returning a list of messages, so a failure names exactly
what is wrong with which record (the layout follows refex ``benchmarks/validate.py``).

Two kinds of file share the citation schema:

* ``fields``: ``tests/gold/fields.citations.jsonl``; every record carries its own
  ``id`` and cell ``text``, so titles, numbers and provisions are checked against it.
* ``seeds``: ``tests/gold/seeds.citations.jsonl`` (a copy of the shared seeds gold); records point at a
  ``file``/``seq``/``column`` of the sample lists and carry no text.
* ``real``: ``tests/gold/real.citations.jsonl``, cells copied from published lists (ids d0…),
  with a ``split`` (dev/test, by source), free-text ``field`` and ``column`` (the published
  column name: 设定依据, 检查依据 …), the cell's provenance and the annotators' ``notes``;
  a citation may list ``alt_titles`` where the official title is uncertain.

Run it as a script: ``python tests/gold/validate.py FILE [--kind fields|seeds|real]``.
Exit code 0 when clean, 1 when a record is invalid, 2 when the file cannot be read.

Examples:
    >>> _check_title_marks({"title": "《社会保险法》", "doc_number": None, "provisions": []})
    ['title is wrapped in title marks: 《社会保险法》']
    >>> chinese_to_int("一百零二")
    102
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

__all__ = [
    "CITATION_KEYS",
    "PROVISION_KEYS",
    "chinese_to_int",
    "load_jsonl",
    "main",
    "normalise_text",
    "numbers_in",
    "validate_file",
    "validate_record",
    "validate_records",
]

Record = dict[str, Any]
Citation = dict[str, Any]

PROVISION_KEYS = frozenset(
    {
        "book",
        "chapter",
        "section",
        "article",
        "article_suffix",
        "paragraph",
        "item",
        "sub_item",
        "part",
        "annex",
    }
)
"""Integer levels a provision may carry (the gold README; ``extractors.models.Provision``)."""

CITATION_KEYS = frozenset(
    {
        "title",
        "doc_number",
        "provisions",
        "raw_doc_number",
        "date",
        "version",
        "alias",
        "embedded_title",
        "annex",
        "alt_titles",
    }
)
"""Keys a citation may carry; ``title``, ``doc_number`` and ``provisions`` are required."""

REQUIRED_CITATION_KEYS = ("title", "doc_number", "provisions")

RECORD_KEYS = {
    "fields": frozenset(
        {"id", "field", "column", "text", "cites", "mentions", "note", "file", "seq", "source_column"}
    ),
    "seeds": frozenset({"file", "seq", "column", "cites", "mentions", "note"}),
    "real": frozenset(
        {"id", "split", "province", "field", "agency", "item", "column", "source", "text"}
        | {"cites", "mentions", "notes"}
    ),
}
REQUIRED_RECORD_KEYS = {
    "fields": ("id", "field", "column", "text", "cites", "mentions"),
    "seeds": ("file", "seq", "column", "cites", "mentions"),
    "real": ("id", "split", "column", "source", "text", "cites", "mentions"),
}
REAL_ID_RE = regex.compile(r"^d\d{1,4}$")
_PINYIN_GLOSS = regex.compile(r"(?<=\p{Han})[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[）)]")
SPLITS = frozenset({"dev", "test"})

FIELDS = frozenset(
    {
        "市场监管",
        "生态环境",
        "交通运输",
        "税务",
        "公安",
        "教育",
        "卫生健康",
        "司法",
        "住建",
        "农业农村",
        "应急管理",
        "自然资源",
        "文旅",
        "民政",
        "法院判决",
    }
)
"""Fields of administration the independent gold covers (plus court judgments)."""

COLUMNS = frozenset({"实施依据", "追责情形", "责任事项", "判决依据"})

ID_RE = regex.compile(r"^(?:fields|list)-\d{4}$")

# Years a document number can carry: the PRC's first documents to next year.
FIRST_YEAR = 1949
LAST_YEAR = dt.date.today().year + 1

# 〔2016〕 is the only normalised year bracket; [2016] 【2016】 （2016） (2016) are raw styles.
RAW_YEAR_BRACKET_RE = regex.compile(r"[\[【（(]\s*\d{4}\s*[\]】）)]")
NORMALISED_YEAR_RE = regex.compile(r"〔(\d+)〕")
# 国务院令第649号, 交通运输部令2016年第62号, 国家税务总局公告2014年第40号
ORDER_RE = regex.compile(r"(?:令|公告)(?:\d{4}年)?(第?)(\d+)号$")
# GB 8978-1996, GB/T 2260-2007
STANDARD_RE = regex.compile(r"^(?:GB|GB/T|HJ|HJ/T|DB\d*)\s\d+(?:\.\d+)?-\d{4}$")
CHINESE_DIGITS = "〇零一二两三四五六七八九十百千万"
CHINESE_NUMBER_RE = regex.compile(rf"[{CHINESE_DIGITS}]+")
ARABIC_NUMBER_RE = regex.compile(r"\d+")
# 第四十九条至第五十三条, 第（一）项至第（四）项, 5-7
RANGE_RE = regex.compile(
    rf"([{CHINESE_DIGITS}]+|\d+)[条款项章节）)]{{0,2}}\s*(?:至|到|—|－|-)\s*第?[（(]?([{CHINESE_DIGITS}]+|\d+)"
)
TITLE_MARKS = '《》〈〉<>＜＞“”"「」『』'
WHITESPACE_RE = regex.compile(r"[\s\u3000、]+")
VERSION_RE = regex.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
TYPO_PREFIX = "中国人民共和国"
FULL_PREFIX = "中华人民共和国"


# --------------------------------------------------------------------------- data


@functools.cache
def _short_forms() -> dict[str, frozenset[str]]:
    """Known short forms that no rule derives (《征管法》 for 税收征收管理法), from short_forms.csv."""
    table: dict[str, set[str]] = {}
    path = Path(__file__).with_name("short_forms.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(row["canonical"], set()).add(row["variant"])
    return {key: frozenset(values) for key, values in table.items()}


@functools.cache
def _t2s() -> Callable[[str], str]:
    """Traditional → simplified converter; identity when opencc is not installed."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a project dependency
        return lambda text: text
    return opencc.OpenCC("t2s").convert


# --------------------------------------------------------------------------- text helpers


def chinese_to_int(numeral: str) -> int | None:
    """Value of a Chinese numeral (一百零二 → 102, 二〇一七 → 2017), None if it is not one.

    Args:
        numeral: Chinese digits and units only.

    Returns:
        The integer, or None for an empty or unit-less string that is not digit-by-digit.
    """
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    units = {"十": 10, "百": 100, "千": 1000, "万": 10000}
    if not numeral:
        return None
    if all(c in digits for c in numeral):
        return int("".join(str(digits[c]) for c in numeral))
    total, section, current = 0, 0, 0
    for char in numeral:
        if char in digits:
            current = digits[char]
        elif char == "万":
            total += (section + current) * 10000
            section, current = 0, 0
        else:
            section += (current or 1) * units[char]
            current = 0
    return total + section + current


def normalise_text(text: str) -> str:
    """Text folded for literal comparison: entities decoded, simplified, no spaces or title marks.

    Args:
        text: a cell, a title or a document number.

    Returns:
        The folded string; the same folding is applied to both sides of a comparison.
    """
    folded = _t2s()(html.unescape(text)).replace(TYPO_PREFIX, FULL_PREFIX)
    folded = WHITESPACE_RE.sub("", folded)
    folded = folded.replace("(", "（").replace(")", "）")
    return "".join(c for c in folded if c not in TITLE_MARKS)


def numbers_in(text: str) -> set[int]:
    """Every number written in the text, Chinese or Arabic, plus the members of written ranges.

    Args:
        text: the cell text.

    Returns:
        The set of integers a provision of this cell may legitimately carry.
    """
    text = _t2s()(text)
    found = {int(m) for m in ARABIC_NUMBER_RE.findall(text)}
    for match in CHINESE_NUMBER_RE.findall(text):
        value = chinese_to_int(match)
        if value is not None:
            found.add(value)
    for low, high in RANGE_RE.findall(text):
        start, end = _to_int(low), _to_int(high)
        if start is not None and end is not None and 0 < end - start < 100:
            found.update(range(start, end + 1))
    return found


def _to_int(numeral: str) -> int | None:
    """Arabic or Chinese numeral to int, so ranges may mix them (第5条至第七条)."""
    return int(numeral) if numeral.isdigit() else chinese_to_int(numeral)


def _title_variants(citation: Citation) -> set[str]:
    """The ways a careful writer may name this instrument in a cell."""
    variants = {citation["title"]}
    for key in ("alias", "embedded_title"):
        if citation.get(key):
            variants.add(citation[key])
    for title in list(variants):
        if title.startswith(FULL_PREFIX):
            variants.add(title.removeprefix(FULL_PREFIX))
        variants.update(_short_forms().get(title, ()))
    return {normalise_text(v) for v in variants if v}


def _doc_number_issuer(doc_number: str) -> str:
    """The issuer part of a normalised number: 国办发 of 国办发〔2013〕14号, 国务院令 of 国务院令第649号."""
    match = regex.match(r"^(.*?)(?:〔|\d{4}年|第|\d)", doc_number)
    return match.group(1) if match else doc_number


def _doc_number_present(doc_number: str, folded_text: str, numbers: set[int]) -> bool:
    """A normalised number is present literally, after bracket folding, or by issuer + year + serial."""
    folded_number = normalise_text(doc_number)
    text_folded_brackets = regex.sub(r"[\[【（]\s*(\d{4})\s*[\]】）]", r"〔\1〕", folded_text)
    if folded_number in folded_text or folded_number in text_folded_brackets:
        return True
    issuer = normalise_text(_doc_number_issuer(doc_number))
    issuers = {issuer} | {normalise_text(v) for v in _short_forms().get(_doc_number_issuer(doc_number), ())}
    if not any(i and i in folded_text for i in issuers):
        return False
    wanted = [int(n) for n in ARABIC_NUMBER_RE.findall(doc_number)]
    return all(n in numbers for n in wanted)


# --------------------------------------------------------------------------- record checks


def _check_record_keys(record: Record, kind: str) -> list[str]:
    """Required keys present, no unknown keys: a typo in a key name would silently drop data."""
    missing = [k for k in REQUIRED_RECORD_KEYS[kind] if k not in record]
    unknown = sorted(set(record) - RECORD_KEYS[kind])
    return [f"missing key {k!r}" for k in missing] + [f"unknown key {k!r}" for k in unknown]


def _check_id(record: Record) -> list[str]:
    """Ids are fields-NNNN or list-NNNN; list- records point back at their row."""
    rid = record.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        return [f"id {rid!r} is not fields-NNNN or list-NNNN"]
    if rid.startswith("list-") and not (record.get("file") and record.get("seq")):
        return [f"{rid}: a list- record must name its file and seq"]
    return []


def _check_real_record(record: Record) -> list[str]:
    """A real cell: id d0…, a dev/test split, and the published column as free text."""
    errors = []
    rid = record.get("id")
    if not isinstance(rid, str) or not REAL_ID_RE.match(rid):
        errors.append(f"id {rid!r} is not dN")
    if record.get("split") not in SPLITS:
        errors.append(f"split {record.get('split')!r} is not dev or test")
    for key in ("column", "source"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            errors.append(f"{key} must be a non-empty string")
    return errors


def _check_alt_titles(citation: Citation) -> list[str]:
    """Alternative titles are a list of other canonical spellings, none equal to the title."""
    alt = citation.get("alt_titles")
    if alt is None:
        return []
    if not isinstance(alt, list) or not all(isinstance(t, str) and t.strip() for t in alt):
        return ["alt_titles must be a list of non-empty strings"]
    if citation.get("title") in alt:
        return ["alt_titles repeats the title"]
    return []


def _check_field_and_column(record: Record, kind: str) -> list[str]:
    """Field and column come from closed lists, so counts per field stay meaningful."""
    if kind == "real":
        return _check_real_record(record)
    errors = []
    if kind == "fields" and record.get("field") not in FIELDS:
        errors.append(f"field {record.get('field')!r} is not one of the covered fields")
    if record.get("column") not in COLUMNS:
        errors.append(f"column {record.get('column')!r} is not one of {sorted(COLUMNS)}")
    return errors


def _check_text(record: Record) -> list[str]:
    """A fields record carries the cell it annotates."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["text must be a non-empty string"]
    return []


def _check_citation_lists(record: Record) -> list[str]:
    """``cites`` and ``mentions`` are lists of citation objects (empty for a negative cell)."""
    errors = []
    for role in ("cites", "mentions"):
        value = record.get(role)
        if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
            errors.append(f"{role} must be a list of objects")
    return errors


def _check_merged_citations(record: Record) -> list[str]:
    """One instrument is one citation per role: repeated titles in a cell are merged."""
    errors = []
    for role in ("cites", "mentions"):
        titles = [normalise_text(c.get("title") or "") for c in record.get(role, [])]
        errors += [
            f"{role}: {t} appears twice; merge it" for t in sorted({t for t in titles if titles.count(t) > 1})
        ]
    return errors


# --------------------------------------------------------------------------- citation checks


def _check_citation_keys(citation: Citation) -> list[str]:
    """Exactly the seeds schema: required keys present, nothing else."""
    missing = [f"missing key {k!r}" for k in REQUIRED_CITATION_KEYS if k not in citation]
    unknown = [f"unknown key {k!r}" for k in sorted(set(citation) - CITATION_KEYS)]
    return missing + unknown


def _check_title_marks(citation: Citation) -> list[str]:
    """Titles are stored without their 《》, which scoring would otherwise have to strip."""
    title = citation.get("title")
    if not isinstance(title, str) or not title:
        return ["title must be a non-empty string"]
    if title[0] in "《〈<＜“" and title[-1] in "》〉>＞”":
        return [f"title is wrapped in title marks: {title}"]
    # An inner title is fine (《教师资格条例》实施办法); a lone mark is a cut-off title.
    if title.count("《") != title.count("》") or title.count("〈") != title.count("〉"):
        return [f"title has unbalanced title marks: {title}"]
    return []


def _check_title_canonical(citation: Citation) -> list[str]:
    """Canonical titles are simplified, without spaces, entities or the 中国人民共和国 typo."""
    title = citation.get("title") or ""
    errors = []
    # One space between joint issuers is official style (人力资源社会保障部 财政部关于…).
    if regex.search(r"[^\S ]| {2,}|^ | $", title):
        errors.append(f"title contains a line break, a tab or stray spaces: {title!r}")
    if html.unescape(title) != title:
        errors.append(f"title contains an HTML entity: {title}")
    if TYPO_PREFIX in title:
        errors.append(f"title keeps the 中国人民共和国 typo: {title}")
    if _t2s()(title) != title:
        errors.append(f"title is not in simplified characters: {title}")
    return errors


def _check_doc_number_format(citation: Citation) -> list[str]:
    """Normalised numbers: 〔YYYY〕 for the year, 第 before an order number, Arabic digits, 号 at the end."""
    number = citation.get("doc_number")
    if number is None:
        return []
    if not isinstance(number, str) or not number or number != number.strip():
        return [f"doc_number must be a trimmed string: {number!r}"]
    if STANDARD_RE.match(number):
        return []
    errors = []
    if RAW_YEAR_BRACKET_RE.search(number):
        errors.append(f"doc_number keeps a raw year bracket: {number}")
    if CHINESE_NUMBER_RE.search(number.replace("中华人民共和国", "")):
        errors.append(f"doc_number keeps Chinese numerals: {number}")
    if not number.endswith("号"):
        errors.append(f"doc_number does not end in 号: {number}")
    for year in NORMALISED_YEAR_RE.findall(number):
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            errors.append(f"doc_number year {year} is impossible")
    order = ORDER_RE.search(number)
    if order and not order.group(1):
        errors.append(f"order number without 第: {number}")
    if ("令" in number or "公告" in number) and not order and "〔" not in number:
        errors.append(f"order or announcement number not in the 令第N号 form: {number}")
    if number.startswith(FULL_PREFIX):
        errors.append(f"doc_number keeps the 中华人民共和国 prefix: {number}")
    return errors


def _check_raw_doc_number(citation: Citation) -> list[str]:
    """A raw number is kept only beside a different, corrected number."""
    raw = citation.get("raw_doc_number")
    if raw is None:
        return []
    if not citation.get("doc_number"):
        return ["raw_doc_number without a corrected doc_number"]
    if raw == citation["doc_number"]:
        return ["raw_doc_number equals doc_number; drop it"]
    return []


def _check_dates(citation: Citation) -> list[str]:
    """``date`` is an ISO day; ``version`` an ISO year, month or day."""
    errors = []
    date = citation.get("date")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except (TypeError, ValueError):
            errors.append(f"date is not YYYY-MM-DD: {date!r}")
    version = citation.get("version")
    if version is not None and not (isinstance(version, str) and VERSION_RE.match(version)):
        errors.append(f"version is not YYYY, YYYY-MM or YYYY-MM-DD: {version!r}")
    return errors


def _check_optional_strings(citation: Citation) -> list[str]:
    """``alias``, ``embedded_title`` and the seeds' annex title are non-empty strings when present."""
    return [
        f"{key} must be a non-empty string"
        for key in ("alias", "embedded_title", "annex")
        if key in citation and not (isinstance(citation[key], str) and citation[key])
    ]


def _check_provisions(citation: Citation) -> list[str]:
    """Provisions are objects of positive integers over the known levels, never repeated."""
    provisions = citation.get("provisions")
    if not isinstance(provisions, list):
        return ["provisions must be a list"]
    errors, seen = [], set()
    for provision in provisions:
        if not isinstance(provision, dict) or not provision:
            errors.append(f"provision must be a non-empty object: {provision!r}")
            continue
        for key, value in provision.items():
            if key not in PROVISION_KEYS:
                errors.append(f"unknown provision key {key!r}")
            elif type(value) is not int or value <= 0:
                errors.append(f"provision {key} must be a positive integer: {value!r}")
        if "article_suffix" in provision and "article" not in provision:
            errors.append("article_suffix without article")
        frozen = tuple(sorted(provision.items()))
        if frozen in seen:
            errors.append(f"provision repeated: {provision}")
        seen.add(frozen)
    return errors


# --------------------------------------------------------------------------- citation against text


def _check_title_in_text(citation: Citation, text: str) -> list[str]:
    """The cell names the instrument: by title, short form, alias or embedded title."""
    folded = normalise_text(text)
    if any(v and v in folded for v in _title_variants(citation)):
        return []
    return [f"title not found in text (nor a known short form): {citation.get('title')}"]


def _check_doc_number_in_text(citation: Citation, text: str) -> list[str]:
    """The cell writes the number, in whatever raw form normalises to it."""
    number = citation.get("doc_number")
    if not number:
        return []
    folded = normalise_text(text)
    raw = citation.get("raw_doc_number")
    if raw and normalise_text(raw) in folded:
        return []
    if _doc_number_present(number, folded, numbers_in(text)):
        return []
    return [f"doc_number not found in text: {number}"]


def _check_provision_numbers_in_text(citation: Citation, text: str) -> list[str]:
    """Every provision number is written in the cell, or lies inside a written range."""
    numbers = numbers_in(text)
    errors = []
    for provision in citation.get("provisions") or []:
        if not isinstance(provision, dict):
            continue
        for key, value in provision.items():
            # An unnumbered 附件 is annex 1 by convention, so it need not be written.
            if key == "annex" and value == 1:
                continue
            if isinstance(value, int) and value not in numbers and not _anaphoric(key, value, text, numbers):
                errors.append(f"provision {key}={value} not written in text")
    return errors


# 前款 / 前条 name the paragraph or article just before one that is written.
ANAPHORA_BEFORE = {"paragraph": "前款", "article": "前条"}


def _anaphoric(key: str, value: int, text: str, numbers: set[int]) -> bool:
    """True when 前款/前条 in the cell accounts for this paragraph or article."""
    word = ANAPHORA_BEFORE.get(key)
    return bool(word) and word in text and value + 1 in numbers


CITATION_CHECKS: tuple[Callable[[Citation], list[str]], ...] = (
    _check_citation_keys,
    _check_title_marks,
    _check_title_canonical,
    _check_doc_number_format,
    _check_raw_doc_number,
    _check_dates,
    _check_optional_strings,
    _check_provisions,
    _check_alt_titles,
)
TEXT_CHECKS: tuple[Callable[[Citation, str], list[str]], ...] = (
    _check_title_in_text,
    _check_doc_number_in_text,
    _check_provision_numbers_in_text,
)


# --------------------------------------------------------------------------- public API


def validate_record(record: Record, kind: str = "fields") -> list[str]:
    """All problems of one record, each prefixed with where it is.

    Args:
        record: one parsed JSON line.
        kind: ``fields`` (records carry ``id`` and ``text``) or ``seeds``.

    Returns:
        Messages; an empty list means the record is valid.

    Raises:
        ValueError: for an unknown kind.
    """
    if kind not in RECORD_KEYS:
        raise ValueError(f"kind must be one of {sorted(RECORD_KEYS)}, got {kind!r}")
    if not isinstance(record, dict):
        return ["record is not a JSON object"]
    errors = _check_record_keys(record, kind) + _check_field_and_column(record, kind)
    errors += _check_citation_lists(record)
    text = None
    if kind == "fields":
        errors += _check_id(record)
    if kind in ("fields", "real"):
        errors += _check_text(record)
        text = record.get("text") if isinstance(record.get("text"), str) else None
    text_checks = TEXT_CHECKS
    if kind == "real" and text is not None:
        # Real cells are copied as published: titles damaged in copying are recovered by the
        # annotators (ANNOTATION.md rule 6), and mirror pages add pinyin glosses (執(zhí)業).
        text = _PINYIN_GLOSS.sub("", text)
        text_checks = tuple(c for c in TEXT_CHECKS if c is not _check_title_in_text)
    if any(e.endswith("list of objects") for e in errors):
        return errors
    errors += _check_merged_citations(record)
    for role in ("cites", "mentions"):
        for index, citation in enumerate(record[role]):
            where = f"{role}[{index}]"
            problems = [p for check in CITATION_CHECKS for p in check(citation)]
            if text is not None and not problems:
                problems = [p for check in text_checks for p in check(citation, text)]
            errors += [f"{where}: {p}" for p in problems]
    return errors


def validate_records(records: Iterable[Record], kind: str = "fields") -> list[str]:
    """Problems of every record plus duplicate identities across the file.

    Args:
        records: parsed JSON lines in file order.
        kind: ``fields`` or ``seeds``.

    Returns:
        Messages of the form ``"<record key>: <problem>"``.
    """
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line_no, record in enumerate(records, start=1):
        key = _record_key(record, kind, line_no)
        if key in seen:
            errors.append(f"{key}: duplicate of line {seen[key]}")
        seen.setdefault(key, line_no)
        errors += [f"{key}: {p}" for p in validate_record(record, kind)]
    return errors


def _record_key(record: Record, kind: str, line_no: int) -> str:
    """The identity a record must not share: its id, or file#seq/column for the seeds."""
    if not isinstance(record, dict):
        return f"line {line_no}"
    if kind in ("fields", "real"):
        return str(record.get("id", f"line {line_no}"))
    return f"{record.get('file')}#{record.get('seq')}/{record.get('column')}"


def load_jsonl(path: Path) -> Iterator[Record]:
    """Parse a JSON-lines file, naming the line of any malformed JSON.

    Args:
        path: the gold file.

    Yields:
        One object per non-blank line.

    Raises:
        ValueError: when a line is not valid JSON.
    """
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{line_no}: not valid JSON ({exc.msg})") from exc


def validate_file(path: Path, kind: str = "fields") -> list[str]:
    """Validate one gold file.

    Args:
        path: the JSON-lines file.
        kind: ``fields`` or ``seeds``.

    Returns:
        Messages; empty when the file is valid.
    """
    return validate_records(load_jsonl(path), kind)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``validate.py FILE [--kind fields|seeds|real]``; see the module docstring."""
    args = list(sys.argv[1:] if argv is None else argv)
    kind = "fields"
    if "--kind" in args:
        index = args.index("--kind")
        kind = args[index + 1] if index + 1 < len(args) else ""
        del args[index : index + 2]
    if len(args) != 1 or kind not in RECORD_KEYS:
        print("usage: validate.py FILE [--kind fields|seeds|real]", file=sys.stderr)
        return 2
    path = Path(args[0])
    try:
        errors = validate_file(path, kind)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for error in errors:
        print(error)
    print(f"{path}: {'OK' if not errors else f'{len(errors)} problem(s)'}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Read the text of one version: its history lines and its 编/章/节/条 structure.

The layout is the one LawRefBook prints and a user's own file follows: ``# title``,
history lines (通过/公布/修正/修订 events), an optional ``<!-- INFO END -->``, then
``## 第一章 …``/``### 第一节 …`` headings and one paragraph per line, each article
starting with ``第N条`` and a space. Numerals are read by the extractor's parser, document
numbers normalised by the extractor's normaliser: the library has neither of its own.

Examples:
    >>> parsed = parse_version_text("# 示例法\\n2020年1月2日 通过\\n## 第一章 总则\\n第一条 为了……\\n第二条之一 甲。\\n乙。")
    >>> parsed.title, [(a.number, a.suffix, a.chapter, a.paragraphs) for a in parsed.articles]
    ('示例法', [(1, 0, 1, ('为了……',)), (2, 1, 1, ('甲。', '乙。'))])
    >>> history_dates(("2010年10月28日 第十一届全国人民代表大会常务委员会第十七次会议通过",))
    {'passed': '2010-10-28'}
    >>> promulgation_numbers(("2014年2月21日 中华人民共和国国务院令第649号公布",))
    ('国务院令第649号',)
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.docnumbers import normalise_doc_number
from extractors.numerals import parse_numeral
from kg.laws.model import LawArticle

__all__ = [
    "INFO_END",
    "ParsedText",
    "group_paragraphs",
    "history_dates",
    "in_force_from_text",
    "issuer_from_facts",
    "parse_article_label",
    "parse_version_text",
    "promulgation_numbers",
]

INFO_END = "<!-- INFO END -->"
"""The marker LawRefBook puts between an instrument's history lines and its text."""

_NUMERAL = r"[零〇一二三四五六七八九十百千万两\d０-９]{1,8}"
_ARTICLE = regex.compile(rf"^第(?P<n>{_NUMERAL})条(?:之(?P<s>{_NUMERAL}))?(?:[\s\u3000]+(?P<rest>.*)|$)")
_HEADING_UNIT = regex.compile(rf"^第(?P<n>{_NUMERAL})(?P<unit>分编|编|章|节)(?:[\s\u3000]|$)")
_DATE = regex.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_LAST_ORGAN_ORDER = regex.compile(
    r"[\p{Han}]{0,24}?令(?:第?\s*[零〇一二三四五六七八九十百千\d０-９]+\s*号|〔\d{4}〕\d+号)"
)
"""The library's own reading of an order in a history line, narrower than the extractor's
(:data:`extractors.patterns.ORDER_NUMBER`, read by :func:`extractors.tokenizers.tokenize`):
only ``…令第N号`` and ``…令〔YYYY〕N号``, and of a joint order only the last organ
(国务院、中央军事委员会令第22号 → 中央军事委员会令第22号); 第N号令 and 公告第N号 are not read.
The packed library's order-number index is keyed by what this reads, so reading as the
extractor does (38 of the 1,513 national LawRefBook files would get other numbers) needs the library
rebuilt from its snapshot, not a repack."""
_ORDER_EVENTS = ("公布", "发布", "颁布", "修订", "修正")
_DECISION = regex.compile(r"《[^》]*(?:决定|命令)》")
_EVENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("amended", ("修正", "修订", "修改")),
    ("passed", ("通过",)),
    ("published", ("公布", "发布", "颁布")),
    ("in_force", ("施行",)),
)


_ITEM = regex.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d))")


def group_paragraphs(lines: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Lines of an article → its paragraphs (款): items (（一）…) and sub-items (1. …) join the paragraph above.

    Texts print each item on its own line; a citation's 第二款 counts paragraphs only, so an
    item line stays inside the paragraph that introduces it, joined by a line break.

    Examples:
        >>> [p.splitlines() for p in group_paragraphs(["有下列情形之一的：", "（一）参保；", "（二）缴费。", "前款……"])]
        [['有下列情形之一的：', '（一）参保；', '（二）缴费。'], ['前款……']]
    """
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and _ITEM.match(line):
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
    return tuple(paragraphs)


@dataclass(frozen=True, slots=True)
class ParsedText:
    """What one version's text says: title, subtitle, history lines and articles."""

    title: str
    subtitle: str | None
    history: tuple[str, ...]
    articles: tuple[LawArticle, ...]


def parse_article_label(label: str) -> tuple[int, int] | None:
    """``第十七条之一`` → ``(17, 1)``; None when ``label`` is no article number."""
    match = _ARTICLE.match(label.strip())
    return _label_of(match) if match else None


def _label_of(match: regex.Match[str]) -> tuple[int, int] | None:
    number = parse_numeral(match["n"])
    suffix = parse_numeral(match["s"]) if match["s"] else 0
    if number is None or suffix is None:
        return None
    return number, suffix


def _iso(match: regex.Match[str]) -> str:
    return f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"


def history_dates(history: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Dates of the events history lines name: first passed/published, last amended, in force.

    A line can name two events (…通过 …公布); each event takes the line's first date,
    except 施行, which takes the date written just before it.
    """
    dates: dict[str, str] = {}
    for line in history:
        first = _DATE.search(line)
        if not first:
            continue
        for event, words in _EVENTS:
            if not any(word in line for word in words):
                continue
            date = _iso(first)
            if event == "in_force":
                before = [m for m in _DATE.finditer(line) if m.start() < line.index("施行")]
                date = _iso(before[-1]) if before else date
            if event == "amended" or event not in dates:
                dates[event] = date
    return dates


_TAKES_EFFECT = regex.compile(r"自(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日起(?:施行|生效)")
CLOSING_ARTICLES = 3
"""Clauses on taking effect (本法自…起施行) and on repeal (《…》同时废止) sit in an act's last articles."""


def in_force_from_text(articles: tuple[LawArticle, ...]) -> str | None:
    """The date a version's own closing articles say it takes effect (本法自2011年7月1日起施行)."""
    for article in reversed(articles[-CLOSING_ARTICLES:]):
        match = _TAKES_EFFECT.search(article.text)
        if match:
            return _iso(match)
    return None


def promulgation_numbers(history: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The order numbers an instrument was promulgated under, normalised, oldest first.

    Lines that promulgate (公布/发布/颁布) or revise (修订/修正) count. A number on a line
    that names an amending decision (《国务院关于修改部分行政法规的决定》) is that decision's,
    shared by every instrument it amends, and is left out.
    """
    numbers: list[str] = []
    for line in history:
        if _DECISION.search(line) or not any(word in line for word in _ORDER_EVENTS):
            continue
        for match in _LAST_ORGAN_ORDER.finditer(line):
            normalised, _flags = normalise_doc_number(match.group(0))
            if normalised and normalised not in numbers:
                numbers.append(normalised)
    return tuple(numbers)


def _clean_line(line: str) -> str:
    return line.strip().strip("\u3000").strip()


def parse_version_text(text: str) -> ParsedText:
    """Parse one version's text (see the module docstring for the layout).

    Lines before the first article that are neither the title, a subtitle, a heading nor
    the INFO END marker are history lines when the file has no marker; with a marker,
    only the lines before it are history (a preamble after it is not an article's text).
    """
    lines = [_clean_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    has_marker = INFO_END in lines
    title = ""
    subtitle: str | None = None
    history: list[str] = []
    articles: list[LawArticle] = []
    path = {"编": None, "章": None, "节": None}
    current: dict[str, object] | None = None
    in_header = True

    def close() -> None:
        if current is not None:
            current["paragraphs"] = group_paragraphs(current["paragraphs"])  # type: ignore[arg-type]
            articles.append(LawArticle(**current))  # type: ignore[arg-type]

    for line in lines:
        if line == INFO_END:
            in_header = False
            continue
        if line.startswith("<!--"):
            continue
        heading = line.startswith("#")
        body = line.lstrip("#").strip() if heading else line
        if heading and not title:
            title = body.strip("《》")
            continue
        unit = _HEADING_UNIT.match(body)
        if heading or (unit and not (in_header and has_marker)):
            if unit:
                value = parse_numeral(unit["n"])
                if unit["unit"] == "编":
                    path = {"编": value, "章": None, "节": None}
                elif unit["unit"] == "章":
                    path = {**path, "章": value, "节": None}
                elif unit["unit"] == "节":
                    path = {**path, "节": value}
                in_header = False
            elif in_header and subtitle is None and not history:
                subtitle = body
            continue
        article = _ARTICLE.match(body)
        if article and (not in_header or not has_marker):
            label = _label_of(article)
            if label:
                close()
                in_header = False
                rest = (article["rest"] or "").strip()
                current = {
                    "number": label[0],
                    "suffix": label[1],
                    "chapter": path["章"],
                    "section": path["节"],
                    "book": path["编"],
                    "paragraphs": (rest,) if rest else (),
                }
                continue
        if in_header:
            if not title:
                title = body.strip("《》")
            else:
                history.append(body)
            continue
        if current is not None:
            current["paragraphs"] = (*current["paragraphs"], body)  # type: ignore[misc]
    close()
    return ParsedText(title=title, subtitle=subtitle, history=tuple(history), articles=tuple(articles))


_NPC_STANDING = "全国人民代表大会常务委员会"
_NPC = "全国人民代表大会"
_ISSUER_BY_KIND = {"行政法规": "国务院"}
"""Kinds whose issuer the kind itself names: administrative regulations are the State Council's."""


def issuer_from_facts(kind: str, title: str, history: tuple[str, ...], number: str | None) -> str | None:
    """The issuing organ, from what the text says: the body that passed it, or its order number's organ.

    A national law names its legislature in the history line that passed it; other
    instruments name their organ through the order number (国务院令, 公安部令) or the
    title's opening (最高人民法院关于…).
    """
    for line in history:
        if "通过" in line and _NPC in line:
            return _NPC_STANDING if _NPC_STANDING in line else _NPC
    if number:
        from extractors.docnumbers import parse_any

        parsed = parse_any(number)
        if parsed and parsed.issuer:
            return parsed.issuer
    for court in ("最高人民法院", "最高人民检察院"):
        if title.startswith(court):
            return court
    return _ISSUER_BY_KIND.get(kind)

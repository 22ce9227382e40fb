"""Regular-expression fragments of Chinese legal citations, one per concept.

Written like eyecite's ``regexes.py``: UPPER_CASE verbose fragments, each with a
real example, joined by small helpers. Every repetition is bounded or possessive
(``++``, ``{m,n}``) and alternatives start with different characters, so no
pattern backtracks more than a constant amount per input position: matching
stays linear on hostile input (1 MB of 《《《《 or 第第第).
"""

from __future__ import annotations

import re
from functools import cache

import regex

from extractors.models import LEVEL_BY_FIELD, LEVELS

__all__ = [
    "ALIAS_DEFINITION",
    "ANAPHOR",
    "ANGLE_TITLE",
    "ANNEX_GAP",
    "APPROVAL_OF_FORM",
    "ASCII_GAP",
    "BODY_START",
    "BRACKET_CLOSE",
    "BRACKET_OPEN",
    "CLAUSE_BREAK",
    "CLAUSE_VERB",
    "DATE",
    "DOC_NUMBER",
    "EMBEDDED_TITLE",
    "ENUMERATOR",
    "GAP_FILLER",
    "HAN",
    "HEAD_PAREN",
    "HEAD_PAREN_MAX",
    "INSTRUMENT_SUFFIX",
    "ISSUERS_JOINED_BY_WORD",
    "ISSUER_BEFORE",
    "ISSUER_JOINT",
    "ISSUER_LEAD",
    "ISSUER_PREFIX",
    "ITEM_AFTER_PART",
    "JUDICIAL_TITLE",
    "LAW_TITLE",
    "LIST_GAP",
    "LOCAL_IMPLEMENTATION",
    "LOCAL_TITLE",
    "MAX_TITLE_LENGTH",
    "NAMES_INSTRUMENT",
    "NESTED_TITLE",
    "NOTE_BEFORE",
    "NUM",
    "NUMBERED_ITEM",
    "ORDER_ANCHOR",
    "ORDER_NUMBER",
    "ORDER_NUMBER_AFTER",
    "ORGAN_ENDING",
    "ORGAN_ENDINGS",
    "PARTY_TITLE",
    "PART_MARKER",
    "POLICY_ENDINGS",
    "POLICY_KIND_TITLE",
    "POLICY_TITLE",
    "PREFILTER_ANCHORS",
    "PROVISION_ATOM",
    "PROVISION_RUN",
    "QUOTED_TITLE",
    "QUOTE_LEAD",
    "QUOTING_VERBS",
    "REGEX_SPACES",
    "REGULATION_TITLE",
    "RELIANCE",
    "RELIANCE_SHORT",
    "RELIANCE_SHORT_ALONE",
    "RELIANCE_SHORT_WORDS",
    "RELIANCE_VERBS",
    "RULES_TITLE",
    "RUN_GAP",
    "SEPARATOR",
    "STANDARD_CODE",
    "STANDARD_TITLE",
    "TITLE_BOOK",
    "TITLE_SPACES",
    "TITLE_SUFFIX_NOTE",
    "TRAILING_NOTES",
    "TRIGGERED_NAME",
    "UNCLOSED_TITLE",
    "UNIT",
    "VERSION_NOTE",
    "compile_plain",
    "compile_verbose",
]

MAX_TITLE_LENGTH = 120
"""Longest title we accept between 《 and 》: the longest real notice titles run to ~90
characters; the bound keeps an unclosed 《 from scanning the rest of a 1 MB cell."""

MAX_ISSUER_CODE = 14
"""Longest issuer code before 〔year〕: 省委退役军人办发 has 8 characters."""

NUM = r"(?:[0-9０-９〇○零一二两兩三四五六七八九十百千]{1,10}+)"
"""A numeral in any script: 一百二十三, 48, ４８, 六49 (a typing slip)."""

UNIT = "(?:" + "|".join(unit for level in LEVELS for unit in level.units) + ")"
"""Levels of a provision from 编 down to 目 (部分|编|編|章 …, from :data:`~extractors.models.LEVELS`);
部分 is a part of a policy document (第三部分)."""

_ARTICLE_UNIT = "[" + "".join(LEVEL_BY_FIELD["article"].units) + "]"
"""The article's unit as a class, ``[条條]``: 二百零七条 is a run without 第."""

PROVISION_ATOM = rf"""
    (?:附件\s{{0,2}}+{NUM}?\s{{0,2}}+)?          # 附件1第1项, 附件第236项
    (?:第\s{{0,2}}+)?                              # 第 is sometimes left out: 二百零七条
    (?:[（(]\s{{0,2}}+{NUM}\s{{0,2}}+[）)]|{NUM})   # 第（二）项, 第四十八条
    (?:\s{{0,2}}+{UNIT})?                          # 条, 款, 项 … (none inside a list: 第二十八,二十九,三十条)
    (?:之{NUM})?                                    # 第一百三十三条之一
"""
"""One provision level: 第五十八条, 第（二）项, 第48条, 附件1第1项."""

SEPARATOR = r"(?:\s{0,2}+(?:、|，|,|和|及|以及|或者|或|与|至|到|~|～|—|－|-)\s{0,2}+)"
"""Between list members and range ends: 第十条、第十一条; 第十条至第十五条."""

_NUM_CHARS = "0-9０-９〇○零一二两兩三四五六七八九十百千"
"""The characters of :data:`NUM`, as the body of a class."""

PROVISION_RUN = rf"""
    [附第{_NUM_CHARS}]                             # the first character, read first (see below)
    (?<![0-9０-９〇○零一二两三四五六七八九十百千].)   # not the tail of a longer number
    (?:(?<=附)件\s{{0,2}}+{NUM}?\s{{0,2}}+          # 附件1第1项, 附件3条
         (?:第\s{{0,2}}+(?:[（(]\s{{0,2}}+{NUM}\s{{0,2}}+[）)]|{NUM})(?:\s{{0,2}}+{UNIT})?(?:之{NUM})?
           |{NUM}{_ARTICLE_UNIT}(?:之{NUM})?)
      |(?<=第)\s{{0,2}}+(?:[（(]\s{{0,2}}+{NUM}\s{{0,2}}+[）)]|{NUM})(?:\s{{0,2}}+{UNIT})?(?:之{NUM})?
      |(?<=[{_NUM_CHARS}])[{_NUM_CHARS}]{{0,9}}+{_ARTICLE_UNIT}(?:之{NUM})?)   # 二百零七条 without 第
    (?:(?:\s{{0,2}}+{UNIT}|{SEPARATOR}?{PROVISION_ATOM})){{0,40}}+
"""
"""A run of provision references: 第十七条第一、二款; 第二十八,二十九,三十条; 第四章.

A run starts with 附件, 第 or a numeral followed by 条 (附件…第…, 第…, 二百零七条). The pattern
reads that first character before anything else, and only then looks behind it and
continues by what it was: a pattern that starts with a character class lets the ``re``
engine skip every other character in one fast loop, where a leading lookbehind made it
try the whole pattern at each of them (the run scan was the tokenizer's largest)."""

PART_MARKER = r"""
    (?P<part_num>[一二三四五六七八九十]                # the first character, read first (as in PROVISION_RUN)
      (?<![\p{Han}0-9].)                 # a part number starts a segment
      [一二三四五六七八九十]{0,2}+)
    (?:[、：:]|\s{0,2}+[．.](?![0-9]))    # 四：  六、
    (?![、：:])
"""
"""The numbered part of a policy document: 四：“…”, 六、社会保险基金决算."""

ENUMERATOR = r"""
    [0-9（(①-⑳]                            # the first character, read first (as in PROVISION_RUN)
    (?<![0-9\p{Han}].)                     # not inside a number or a word
    (?:(?<=[0-9])[0-9]{0,2}+\s{0,2}+[、.．](?![0-9])|(?<=[（(])[0-9]{1,3}+[）)]|(?<=[①-⑳]))
"""
"""The number of a list entry in a cell: 1、  2.  （1）  ③."""

BRACKET_OPEN = "〔[【（(［〖{"
BRACKET_CLOSE = "〕]】）)］〗}"

DOC_NUMBER = rf"""
    (?=[{regex.escape(BRACKET_OPEN)}0-9])                 # anchor: the year bracket or a bare year
    (?<=(?P<code>\p{{Han}}{{1,{MAX_ISSUER_CODE}}})\s{{0,2}})   # issuer code read backwards: 人社部发, 甘政办发, 酒人社
    (?:
      [{regex.escape(BRACKET_OPEN)}]\s{{0,2}}+(?P<year>[0-9０-９]{{2,6}}+)\s{{0,2}}+[{regex.escape(BRACKET_CLOSE)}]
                                                    # 〔2016〕 [1999] 【2019】 （2014） (20017)
      |(?P<bare_year>(?:19|20)[0-9]{{2}})(?:\s{{1,2}}+|年)   # 酒政发2015 119号 (no brackets)
    )
    \s{{0,2}}+(?:第\s{{0,2}}+)?
    (?P<serial>[0-9０-９〇零一二三四五六七八九十百千]{{1,8}}+)\s{{0,2}}+[号號]
"""
"""A document number: 国办发〔2013〕14号, 财社字[1999]60号, 酒政发2015 119号. The match starts
at the bracket; the issuer code before it is captured by a lookbehind, so the scanner only
works at brackets and digits, not at every Chinese character."""

ORDER_NUMBER = r"""
    (?=令|公告)
    (?<=(?P<org>(?:\p{Han}(?:[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}+[）)])?+){1,16}))
                                                               # 国务院, 中华人民共和国主席, 國務(wù)院
    (?P<order_kind>令|公告)
    \s{0,2}+(?:(?P<year_open>[（(〔\[])?\s{0,2}+(?P<year>(?:19|20)[0-9]{2})\s{0,2}+[）)〕\]]?\s{0,2}+(?P<nian>年)?\s{0,2}+)?
                                                               # 司法部令2017年第138号
    (?:第\s{0,2}+)?
    (?P<serial>[0-9０-９〇零一二两三四五六七八九十百千]{1,8}+)
    (?P<hao>\s{0,2}+[号號])?
"""
"""An order or announcement: 国务院令第649号, 国令第309号, 中华人民共和国主席令第九十二,
人大常委会公告第30号; anchored at 令/公告 with the organ read backwards. A year is part of
the number only when written with 年 or in brackets after 令 (司法部令2017年第138号); one
before the organ (2009年国务院令第550号) is the date of the order, read and dropped by
:func:`~extractors.docnumbers.parse_order_match`."""

ORDER_ANCHOR = r"(?:令|公告)(?=\s{0,4}[（(〔\[第0-9０-９〇零一二两三四五六七八九十百千])"
"""Where an :data:`ORDER_NUMBER` can start: 令 or 公告 with a year, 第 or a serial after at most
four spaces (so 责令改正 and 命令 are not tried: the organ read backwards makes a try costly)."""

ORDER_NUMBER_AFTER = r"""
    (?=[第0-9０-９〇零一二两三四五六七八九十百千])
    (?<=(?P<org>\p{Han}{1,16}))                                 # 文化部, 2004年国务院
    (?P<year>)(?P<year_open>)(?P<nian>)(?:第\s{0,2}+)?
    (?P<serial>[0-9０-９〇零一二两三四五六七八九十百千]{1,8}+)
    \s{0,2}+(?P<hao>[号號])(?P<order_kind>令)
"""
"""An order written with 号令 at its end: 文化部第31号令, 2004年国务院第407号令, 国务院412号令
(normalised like :data:`ORDER_NUMBER`: 文化部令第31号)."""

STANDARD_CODE = r"""
    (?P<std_code>[A-Z]                           # the first character, read first (as in PROVISION_RUN)
      (?<![A-Za-z0-9/].)
      (?:(?<=G)B|(?<=D)B[0-9]{2}+|[A-Z]{1,3}+)(?:[ \t]?+/[ \t]?+[TZ])?)   # GB, DB11, HJ, AQ …
    [ \t\u3000]{0,2}+
    (?P<std_num>[0-9]{1,6}+(?:\.[0-9]{1,3}+){0,3}+)
    (?:[ \t\u3000]{0,2}+[-—–－][ \t\u3000]{0,2}+(?P<std_year>(?:19|20)[0-9]{2}))?
    (?![0-9A-Za-z.])
"""
"""A national, sector or local standard: GB 2762-2017, GB/T 19001—2016, HJ 2.2-2018, AQ 3013,
DB11/T 1234 (code, number, year). The tokenizer keeps only shapes a standard has."""

DATE = r"""
    (?P<y>(?:1[89]|20)[0-9]{2})\s{0,2}+年
    (?:\s{0,2}+(?P<m>[0-9]{1,2}+)\s{0,2}+月(?:\s{0,2}+(?P<d>[0-9]{1,2}+)\s{0,2}+日)?)?
"""
"""A date written 1994年2月26日, 2018年12月 or 2018年."""

INSTRUMENT_SUFFIX = (
    r"(?:法典|法|暂行条例|实施条例|条例|实施细则|细则|通则|总则|办法|规定|规则|规程|决定|通知|意见|"
    r"纲要|方案|规划|计划|预案|制度|指南|指引|目录|名录|清单|通告|公告|批复|复函|解释|准则|标准|规范|章程|"
    r"守则|要点)"
)
"""Words a title ends with (before any （试行） note): 社会保险法, 医疗机构管理条例."""

TITLE_BOOK = rf"""
    《(?P<book>(?:[^《》]|《[^《》]{{1,{MAX_TITLE_LENGTH}}}+》){{0,{MAX_TITLE_LENGTH}}}+)》
"""
"""A title in 《》, one nesting level allowed, line breaks inside kept: 《关于印发《X》的通知》.
An empty 《》 (a title lost in copying) is a title too, so what follows it is not given to
the title before it; the assembler flags it."""

ANAPHOR = r"""
    (?P<anaphor>本法|本条例|本办法|本规定|本细则|本实施细则|本规则|本决定|本意见|本通知|本解释|本标准|本准则|
                本章程|本规程|本制度|本方案|本纲要|该法|该条例|该办法|该规定|该细则|同法|上述法律|上述法规|
                本条|本款|前款|前两款|前三款|前条|本项|本编|本章|本节)
"""
"""Words that point back at an instrument or provision: 本法第十条, 前款, 本条第二款."""


@cache
def compile_verbose(pattern: str) -> regex.Pattern[str]:
    """Compile a verbose pattern once (V1 semantics for possessive quantifiers)."""
    return regex.compile(pattern, regex.VERBOSE | regex.V1)


REGEX_SPACES = r"\t\n\x0b\x0c\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""What ``regex`` counts as ``\\s``, as the body of a character class: ``re`` also counts
\\x1c–\\x1f, so :func:`compile_plain` spells ``\\s`` out as these."""


HAN = (
    r"\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
    r"\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
    r"\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
    r"\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479"
)
"""What ``regex`` counts as ``\\p{Han}``, as the body of a character class, so :func:`compile_plain`
can give a pattern that needs it to the standard ``re`` module (whose calls cost a third);
checked on every code point in :func:`compile_plain`'s example."""

_SPELT_OUT = {r"\s": REGEX_SPACES, r"\p{Han}": HAN}
"""The escapes :func:`compile_plain` writes out as class bodies, so ``re`` reads them as ``regex`` does."""


def _spell_out_classes(pattern: str, verbose: bool) -> str:
    """``pattern`` with every ``\\s`` and ``\\p{Han}`` written out (:data:`_SPELT_OUT`), in a class or not.

    Verbose comments are copied as they are; a class that starts with ``]`` is refused.
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        pair = pattern[index : index + 2]
        if pair[:1] == "\\" and len(pair) == 2:
            escape = r"\p{Han}" if pattern.startswith(r"\p{Han}", index) else pair
            if escape in _SPELT_OUT:
                body = _SPELT_OUT[escape]
                out.append(body if in_class else f"[{body}]")
            else:
                out.append(pair)
            index += len(escape)
            continue
        if pair[:1] == "#" and verbose and not in_class:  # a verbose comment, up to the end of its line
            end = pattern.find("\n", index)
            end = len(pattern) if end < 0 else end
            out.append(pattern[index:end])
            index = end
            continue
        if pair[:1] == "[" and not in_class:
            in_class = True
            if pattern[index + 1 : index + 2] == "]" or pattern[index + 1 : index + 3] == "^]":
                raise ValueError("compile_plain() does not read classes that start with ]")
        elif pair[:1] == "]":
            in_class = False
        out.append(pair[:1])
        index += 1
    return "".join(out)


@cache
def compile_plain(pattern: str, *, verbose: bool = True, han: bool = False) -> re.Pattern[str]:
    """Compile a pattern with the standard ``re`` module, often about twice as fast per match.

    ``verbose``: the pattern is written in verbose syntax (spaces and ``#`` comments ignored);
    without it, it means what ``regex.compile(pattern)`` means. ``han``: the pattern may use
    ``\\p{Han}``, spelt out as :data:`HAN` (asked for, so no other ``\\p{…}`` slips through).

    Only for patterns without ``regex``-only syntax (``\\p{…}`` classes, variable-width
    lookbehind); ``\\s`` is spelt out (:data:`REGEX_SPACES`) so it means what it means to
    ``regex``, and ``\\S``, ``\\w`` and ``\\b`` are refused rather than risk a difference;
    possessive quantifiers are standard since Python 3.11.

    Examples:
        >>> every = "".join(map(chr, range(0x110000)))
        >>> compile_plain(r"\\p{Han}", han=True).findall(every) == regex.findall(r"\\p{Han}", every)
        True
        >>> compile_plain(r"[^\\p{Han}\\s]", han=True).findall(every) == regex.findall(r"[^\\p{Han}\\s]", every)
        True
    """
    checked = pattern.replace(r"\p{Han}", "") if han else pattern
    if any(syntax in checked for syntax in (r"\p{", r"\P{", r"\S", r"\w", r"\W", r"\b", r"\B")):
        raise ValueError(f"compile_plain() cannot take this pattern (use compile_verbose()): {pattern[:40]}")
    return re.compile(_spell_out_classes(pattern, verbose), re.VERBOSE if verbose else 0)


TITLE_SUFFIX_NOTE = r"(?:[（(][^（）()\n]{1,20}+[）)]){0,2}+"
"""Notes after a title's last word: （试行）, （暂行）, （2014-2020年）, （修订）."""


RELIANCE_VERBS: tuple[str, ...] = ("依据", "根据", "按照", "依照", "参照", "违反", "适用", "执行")
"""Verbs by which a text rests on an instrument, or names the one it breaks: **根据**《…》,
**违反**社会保险法第八十六条. Every pattern and trimmer that skips or expects such a word
takes it from here (none is a prefix of another, so their order does not matter)."""

RELIANCE_SHORT: tuple[str, ...] = ("按", "依", "据", "照")
"""One-character forms of :data:`RELIANCE_VERBS`: **按**第八十六条, **依**本法, **据**此 —
and the second halves a one-character verb leaves (依 + **照**), which no title begins with."""

RELIANCE_SHORT_WORDS: tuple[str, ...] = (
    "依法", "依规", "依纪", "依次", "依序", "依托", "依靠", "按时", "按需", "按揭", "按摩", "据悉",
    "照章", "照常", "照明", "照护", "照料", "照顾",
)  # fmt: skip
"""Words that begin with a one-character verb of :data:`RELIANCE_SHORT` (**依法**治省纲要,
**照明**设施管理办法): there 依/按/据/照 is no verb before a title, the title starts with it.
A one-character verb stands alone before a bare title only when it and the next character
make no such word (**依**治安管理处罚法, **按**居住证暂行条例). Words whose second character
often starts a title are left out (按劳 — 劳动法, 按期 — 期货交易管理条例, 据实 — 实施细则)."""

_RELIANCE_SHORT = "(?:" + "|".join(RELIANCE_SHORT) + ")"
RELIANCE_SHORT_ALONE = "(?!" + "|".join(RELIANCE_SHORT_WORDS) + ")" + _RELIANCE_SHORT
"""A one-character verb of reliance that is not the first half of one of :data:`RELIANCE_SHORT_WORDS`."""
RELIANCE = "|".join(RELIANCE_VERBS)
""":data:`RELIANCE_VERBS` as one alternation: (?:依据|根据|…)."""

ORGAN_ENDINGS: tuple[str, ...] = (
    "人民代表大会常务委员会", "人民政府办公厅", "人民政府办公室", "常务委员会", "人民政府", "领导小组",
    "办公厅", "办公室", "委员会", "国务院", "检察院", "常委会", "法院", "总局", "总署", "政府", "主席",
    "中心", "部", "委", "局", "厅", "署", "院", "会", "办", "行",
)  # fmt: skip
"""Words an issuing organ's name ends with (甘肃省人民政府**办公厅**, 税务**总局**, 人民银**行**), longest first.
The one list of them: every pattern that reads an organ's name takes its endings from here."""

ORGAN_ENDING = "|".join(ORGAN_ENDINGS)
""":data:`ORGAN_ENDINGS` as one alternation, longest first."""

ISSUER_BEFORE = rf"(?P<issuer>\p{{Han}}{{2,24}}?(?:{ORGAN_ENDING}))[ \t\u3000]{{0,2}}+$"
"""An organ's name right before a title, read backwards from it: **国务院**《…》, **财政部**、…《…》."""

ISSUER_LEAD = rf"^(?:{RELIANCE}|经|由|和|及|与|、|我省|我市|本省|本市)+"
"""Words in front of an issuer that are not its name: **根据**国务院《…》, **我省**人民政府《…》."""

ISSUER_JOINT = r"(?:[ \t\u3000]?+[/／、][ \t\u3000]?+|[ \u3000]{1,2}+)$"
"""Between joint issuers before one title: 财政部**、**税务总局《…》, 教育部 **/** 财政部《…》."""

ISSUERS_JOINED_BY_WORD = r"(?<=.{2})[和与及](?=.{2})"
"""和/与/及 inside one issuer string (税务总局**和**海关总署): split only between two organ names."""

HEAD_PAREN_MAX = 240
"""Longest bracket after a title read as its note: 住房公积金管理条例's
（1999年4月3日国务院令第262号发布，根据…第一次修订，根据…第二次修订） runs to ~110."""

HEAD_PAREN = (
    r"[ \t\u3000]{0,3}+(?:的通知|通知|的决定|的意见)?[ \t\u3000]{0,2}+[（(]"
    rf"(?P<inner>(?:[^（）()“”：:\n]|[（(][^（）()\n]{{0,30}}+[）)]){{0,{HEAD_PAREN_MAX}}}+)"
    r"(?:[）)]|(?=[：:“”\n]|$))"
)
"""A bracket after a title that notes on it: 《…》（国务院令第149号，1994年2月26日发布）, …（2019年修订）."""

NUMBERED_ITEM = (
    r"[ \t\u3000]{0,2}+[（(](?P<num>[一二三四五六七八九十]{1,3}+)[）)](?![ \t\u3000]*+[，,。；;、）)]|$)"
)
"""（一） opening an item of a policy document right after its title: 《…通知》（一）保留26项…"""

CLAUSE_BREAK = r"[，,；;、]"
"""Between the clauses of a title's bracket: （国务院令第149号**，**1994年2月26日发布）."""

CLAUSE_VERB = (
    r"(?:第[一二三四五六七八九十]{1,3}+次)?"
    r"(?P<kind>修正|修订|修改|通过|公布|发布|印发|颁布|起施行|施行|起实施|实施)\s{0,2}+$"
)
"""The verb a dated clause ends with, saying what the date is: 2018年12月29日**第二次修正**, …**起施行**."""

POLICY_ENDINGS: tuple[str, ...] = (
    "通知", "意见", "决定", "纲要", "方案", "规划", "制度", "指南", "通告", "公告", "批复", "复函", "函",
    "目录", "清单",
)  # fmt: skip
"""Last words of a policy document's title (…的**通知**, …实施**方案**), whose parts are numbered 一、."""

POLICY_TITLE = "(?:" + "|".join(POLICY_ENDINGS) + ")(?:（[^（）]{1,20}）)*$"
"""A policy document's title: 关于印发…的**通知**, …**方案**（试行）."""

TITLE_SPACES = r"[\s\u3000\u00a0]+"
"""Any run of spaces in a title, ideographic and no-break too: 社会保险法　（修正） loses them."""

ASCII_GAP = r"(?<=[A-Za-z0-9])[\s\u3000\u00a0]+(?=[A-Za-z0-9])"
"""A space between two Latin letters or digits, the one kind a title keeps: GB 2762."""

NESTED_TITLE = r"(?:《|<|＜|〈|&lt;)([^《》<>＜＞〈〉]{1,120}?)(?:》|>|＞|〉|&gt;)"
"""A title inside a title, in any of its brackets: 关于印发《社会救助暂行办法》的通知 inside 《…》 becomes 〈…〉."""

TRAILING_NOTES = r"(?:[（(][^（）()]{1,20}[）)])+$"
"""Bracket notes ending a title: 社会救助暂行办法**（试行）**, 社会保险法**（2018年修正）**."""

VERSION_NOTE = (
    r"[（(](?P<note>\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?[^（）()]{0,12}?"
    r"(?:修正|修订|修改)(?:本|版)?)[）)]$"
)
"""A version note ending a title: 社会保险法**（2018年修正）**, 森林法**（2019年修订版）**."""

EMBEDDED_TITLE = (
    r"(?:印发|发布|转发|颁发)(?:〈|《)?(?P<inner>.{2,80}?)(?:〉|》)?(?:及[^的]{0,12})?的(?:通知|决定|公告)$"
)
"""The instrument a notice issues: 关于印发**《社会保险基金财务制度》**的通知."""

ISSUER_PREFIX = (
    rf"^(?P<issuer>.{{2,40}}?(?:{ORGAN_ENDING}))"
    r"\s?(?:关于|印发)"
)
"""The organ a title starts with, before 关于/印发: **国务院办公厅**关于…, **国务院扶贫开发领导小组**关于…."""

APPROVAL_OF_FORM = r"的?(?:批复|审批意见|审查意见|审批决定)$"
"""An approval ending a form's name: 建设项目环境影响报告表**批复**, …**审批意见**."""

LOCAL_TITLE = r"^.{0,10}?(?:省|市|县|自治区|自治州|自治县|特别行政区)"
"""A title or issuer of a province, city or county: **甘肃省**社会救助条例, **酒泉市**人民政府."""

PARTY_TITLE = r"^(?:中国共产党|中共)"
"""A title or issuer of the Party: **中国共产党**纪律处分条例, **中共**甘肃省委."""

STANDARD_TITLE = r"^(?:GB|GB/T|DB\d*(?:/T)?|[A-Z]{2,3}/T|[A-Z]{2,3})\s?\d"
"""A title that starts with a standard's code: **GB 2762**-2017 食品安全国家标准, **DB11/T 1**…."""

JUDICIAL_TITLE = r"^最高人民(?:法院|检察院)"
"""A judicial interpretation's title: **最高人民法院**关于审理…的解释."""

LAW_TITLE = r"(?<!办|方)法(?:典)?$"
"""A law's title: 社会保险**法**, 民**法典** (not 办法, 方法)."""

REGULATION_TITLE = r"条例$"
"""A regulation's title: 医疗机构管理**条例**."""

RULES_TITLE = r"(?:办法|规定|细则|规则)$"
"""A rule's title: 社会保险稽核**办法**, …**规定**, …实施**细则**, …**规则**."""

LOCAL_IMPLEMENTATION = r"实施[〈《<＜]?[^〈〉《》]{2,40}法[〉》>＞]?(?:的)?办法$"
"""甘肃省**实施〈中华人民共和国消费者权益保护法〉办法**: a province's law implementing a national one."""

POLICY_KIND_TITLE = "(?:" + "|".join((*POLICY_ENDINGS, "规程", "准则", "章程", "守则")) + ")$"
"""A normative document's title, by its last word: …的**通知**, …操作**规程**, …**章程**."""

QUOTING_VERBS: tuple[str, ...] = ("规定", "明确规定", "提出", "指出", "载明", "明确")
"""Words that introduce a provision's text after its reference: 第八条**规定**：“…”, 第三条**明确**：."""

_QUOTING_VERB = "(?:" + "|".join(QUOTING_VERBS) + ")"

NOTE_BEFORE = r"[（(][ \t\u3000]{0,2}+(?:原|即|现|参见|参照|见|详见|已被|被)?[ \t\u3000]{0,2}+$"
"""The open bracket of a note right after a provision: 第七十七条**（原**《环境噪声污染防治法》第四十九条）."""

ITEM_AFTER_PART = (
    r"[ \t\u3000]{0,2}+[（(][ \t\u3000]{0,2}+(?P<num>[一二三四五六七八九十0-9]{1,4}+)[ \t\u3000]{0,2}+[）)]"
)
"""A bracketed item number after a policy document's part: 四、**（二）**."""

GAP_FILLER = r"^[\s，,：:、]*(?:文件|的通知|通知|规定|中的|中|之|的)?[\s，,：:、]*$"
"""Words that may stand between a title and its provision: 《…》**的通知**第三条, 《…》**中**第五条."""

ANNEX_GAP = (
    rf"^[\s，,：:]*(?:附件\s{{0,2}}[0-9一二三四五六七八九十]{{0,3}}[：:、.]?\s{{0,2}})?"
    rf"《?(?P<annex>[^\s，,。；;：:“”《》]{{2,60}}?{INSTRUMENT_SUFFIX})》?[\s，,：:]*$"
)
"""Between a notice and the annex it issues: 《…的通知》**附件1：《社会救助实施办法》**第五条."""

BODY_START = (
    r"(?:[。；;，,]?[ \t\u3000]{0,3}+原文[ \t\u3000]{0,2}+[：:]"
    rf"|[ \t\u3000]{{0,3}}+(?:{_QUOTING_VERB}[ \t\u3000]{{0,2}}+)?[：:“「]"
    r"|(?:[ \t\u3000]{1,3}+|[，,])?(?![的之和及或与等中所以至、])\p{Han})"
)
"""Provision text starting after a cited provision: 第八条**原文：**…, 第八条**规定：“**…, 第八条**用人**单位…"""

QUOTE_LEAD = rf"^(?:[。；;，,]?[\s]*原文)?[\s：:，,]*{_QUOTING_VERB}?[\s：:]*[“「]?"
"""The lead-in of quoted provision text, dropped from the quote: **规定：“**用人单位应当…"""

LIST_GAP = r"^[ \t\u3000]{0,2}+(?:、|，|,|和|及|以及|或者|或|与)[ \t\u3000]{0,2}+$"
"""Between list members of provisions: 第九十一条第二款**及**前款, 第十条**、**本条."""

RUN_GAP = r"^[ \t\u3000]{0,2}+[；;、，,][ \t\u3000]{0,2}+$"
"""Between two runs of one instrument's provisions: 第八条**；**第十条."""

NAMES_INSTRUMENT = rf"{INSTRUMENT_SUFFIX}(?:[（(][^（）()]{{1,20}}[）)])*$"
"""A title that ends in an instrument word, notes allowed: 社会保险**法**, 社会救助暂行**办法（试行）**."""

UNCLOSED_TITLE = rf"""
    《(?P<unclosed>[^《》\n“”（）()，,。；;：:]{{2,60}}?{INSTRUMENT_SUFFIX}{TITLE_SUFFIX_NOTE})
    (?=\s{{0,2}}+(?:[（(]|第|[，,。；;、]|$))
"""
"""A title whose 》 is missing: 《社会保险法第八十六条, 《医疗机构管理条例（国务院令第149号）."""

ANGLE_TITLE = rf"""
    (?:<|＜|&lt;|〈)
    (?P<angle>[^<>＜＞〈〉《》&\n]{{2,60}}?{INSTRUMENT_SUFFIX}{TITLE_SUFFIX_NOTE})
    (?:>|＞|&gt;|〉)
"""
"""A title in angle brackets instead of 《》: ＜中华人民共和国执业医师法＞, &lt;计量法实施细则&gt;."""

QUOTED_TITLE = rf"""
    [“"](?P<qtitle>(?:[^“”"《》\n。；;：:]|《[^《》\n]{{1,{MAX_TITLE_LENGTH}}}+》){{2,{MAX_TITLE_LENGTH}}}?
        {INSTRUMENT_SUFFIX}{TITLE_SUFFIX_NOTE})[”"]
"""
"""A title in quotation marks: “财政部、劳动和社会保障部关于印发《社会保险基金财务制度》的通知”."""

ALIAS_DEFINITION = r"""
    [（(]\s{0,2}+(?:以下|下文|下)\s{0,2}+(?:简称|称)\s{0,2}+[:：]?\s{0,2}+
    [《“"〈]?(?P<alias>[^《》“”"〈〉（）()\n]{1,30}+)[》”"〉]?\s{0,2}+[）)]
"""
"""An in-cell short name: （以下简称《诚信管理办法》）, （以下简称“新农合”）."""

TRIGGERED_NAME = rf"""
    (?:(?:{RELIANCE}|{RELIANCE_SHORT_ALONE})\s{{0,2}}+|(?<![\p{{Han}}A-Za-z0-9）)》〕\]]))
    (?P<trig>(?!{RELIANCE}|{RELIANCE_SHORT_ALONE}|上述|前述|下列)
      (?:(?!本法|本条例|本办法|本规定|本细则|本规则|该|同法)\p{{Han}}){{2,24}}?{INSTRUMENT_SUFFIX})
    \s{{0,2}}+$
"""
"""A bare title just before a provision run, after a verb of reliance or at the start of a
segment: 按照社会保险法第八十六条, 。行政强制法第十条. Searched only in the text before a run
(the tokenizer anchors it there), so it costs nothing on text without provisions."""

PREFILTER_ANCHORS: tuple[str, ...] = (
    "《", "》", "＞", ">", "〉", "第", "号", "號", "令", "条", "條", "法", "规", "办法", "公告", "〔",
    "通知", "意见", "决定", "纲要", "方案", "规划", "制度", "解释", "批复", "函", "通告", "目录", "章程",
    "准则", "守则", "指南", "标准",
)  # fmt: skip
"""Literal anchors of every pattern (titles end with one of the suffix words, numbers with
号 or 令, runs start with 第 or end with 条). A cell without any of them cannot name an
instrument or provision, so it is skipped unread (eyecite's prefilter idea)."""

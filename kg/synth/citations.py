"""One citation as list authors write it: title, document number, provisions, quote.

Each habit seen in real 实施依据 cells has a share here: full and short titles, bare
titles, titles in “” (notices that embed 《》), all bracket styles around the year,
Chinese and Arabic numerals, 款/项/章 levels, article lists and ranges, bare 第N条
anaphora after a quote, quotes closed, unclosed or unquoted, HTML entities, and typos
(impossible years, mixed numerals, a missing 号 or 》) at :data:`TYPO_RATE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from random import Random

import regex

from extractors.numerals import format_numeral
from kg.synth.rand import between, pick
from kg.synth.sources import Source

__all__ = ["TYPO_RATE", "cite"]

TYPO_RATE = 0.015
"""Share of citations with one typo: the two sample lists have 3 malformed numbers in
about 45 citations; published lists across a province run lower, around 1–2 %."""

YEAR_BRACKETS = (
    ("〔", "〕", 60),
    ("[", "]", 16),
    ("［", "］", 6),
    ("【", "】", 5),
    ("（", "）", 5),
    ("(", ")", 3),
    ("〈", "〉", 1),
    ("", " ", 2),
)
"""Bracket pairs around the year of a document number, with weights (〔〕 is the norm)."""
_BRACKET_PAIRS = [(o, c) for o, c, _ in YEAR_BRACKETS]
_BRACKET_CUM = list(accumulate(w for _, _, w in YEAR_BRACKETS))

# 国务院令第649号 / 主席令第七号 / 交通运输部令2020年第17号
ORDER_NUMBER = regex.compile(
    r"^(?P<issuer>.*?令)(?P<year>\d{4}年)?第(?P<num>[0-9一二三四五六七八九十百]+)号$"
)
# 甘政发〔2012〕64号
YEAR_NUMBER = regex.compile(r"^(?P<prefix>.*?)〔(?P<year>\d{4})〕(?P<num>\d+)号$")


def _num(rng: Random, n: int) -> str:
    """An article or part number: Chinese mostly, Arabic sometimes."""
    return format_numeral(n) if rng.random() < 0.88 else str(n)


@cache
def _parse(number: str) -> tuple[str, dict[str, str]]:
    """Which kind of number this is and its parts, once per distinct number."""
    if m := YEAR_NUMBER.match(number):
        return "year", m.groupdict()
    if m := ORDER_NUMBER.match(number):
        return "order", {k: v or "" for k, v in m.groupdict().items()}
    return "other", {}


def _order_number(rng: Random, issuer: str, year: str, num: str) -> str:
    r = rng.random()
    if r < 0.55:
        return f"{issuer}{year}第{num}号"
    if r < 0.70:
        return f"{issuer}{year}{num}号"
    if r < 0.80:
        return f"{issuer} {year}第{num}号"
    if r < 0.90 and issuer in ("国务院令", "主席令"):
        return f"中华人民共和国{issuer}{year}第{num}号"
    if issuer.endswith("部令") and year:
        return f"{issuer}〔{year[:-1]}〕第{num}号"
    if not year and issuer != "主席令":
        return f"{issuer[:-1]}第{num}号令"  # 国务院第649号令
    return f"{issuer}{year}第{num}号"


def doc_number(rng: Random, number: str) -> str:
    """``number`` (normalised) written the way some author would."""
    kind, p = _parse(number)
    if kind == "year":
        opening, closing = rng.choices(_BRACKET_PAIRS, cum_weights=_BRACKET_CUM)[0]
        return f"{p['prefix']}{opening}{p['year']}{closing}{p['num']}号"
    if kind == "order":
        return _order_number(rng, p["issuer"], p["year"], p["num"])
    return number


def _typo(rng: Random, text: str) -> str:
    """One realistic slip in a citation, or the text unchanged if none applies."""
    fixes = (
        (r"〔(\d{2})(\d{2})〕", lambda m: f"〔{m[1]}0{m[2]}〕"),  # 〔20017〕
        (r"第(\d)(\d{2})号", lambda m: f"第{format_numeral(int(m[1]))}{m[2]}号"),  # 第六49号
        (r"(\d)号", lambda m: m[1]),  # missing 号
        (r"(20[12])0", lambda m: f"{m[1]}O"),  # letter O for zero
        (r"》", lambda m: ""),  # missing 》
        (
            r"第([一二三四五六七八九])十([一二三四五六七八九])条",
            lambda m: f"第{m[1]}十{'123456789'['一二三四五六七八九'.index(m[2])]}条",
        ),
    )
    order = list(range(len(fixes)))
    rng.shuffle(order)
    for i in order:
        pattern, repl = fixes[i]
        new, n = regex.subn(pattern, repl, text, count=1)
        if n:
            return new
    return text


def _title(rng: Random, s: Source) -> str:
    r = rng.random()
    if s.embedded and r < 0.25:
        return f"《{s.embedded}》的通知" if rng.random() < 0.3 else f"《{s.embedded}》"
    if "《" in s.title:
        if r < 0.6:
            return f"“{s.title}”"
        return "《" + s.title.replace("《", "〈").replace("》", "〉") + "》"
    if s.short and r < 0.42:
        return f"《{s.short}》"
    if r < 0.93:
        return f"《{s.title}》"
    if r < 0.97:
        return s.title
    return f"“{s.title}”"


def _paren(rng: Random, s: Source) -> str:
    """The parenthetical after a title: number, date, revision, effective date."""
    parts: list[str] = []
    if s.doc_number and rng.random() < (0.8 if s.kind == "规范性文件" else 0.45):
        parts.append(doc_number(rng, s.doc_number))
        if rng.random() < 0.12:
            parts.insert(0, f"{s.year}年{between(rng, 1, 12)}月{between(rng, 1, 28)}日")
        elif rng.random() < 0.08:
            parts.append(f"自{s.year}年{between(rng, 1, 12)}月1日起施行")
    elif s.revised and rng.random() < 0.15:
        parts.append(s.revised if rng.random() < 0.5 else f"{s.revised[:5]}修改")
    if not parts:
        return ""
    sep = "，" if rng.random() < 0.8 else " "
    opening, closing = ("（", "）") if rng.random() < 0.9 else ("(", ")")
    return opening + sep.join(parts) + closing


def _article(rng: Random, s: Source) -> tuple[str, int]:
    a = between(rng, 1, s.articles)
    text = f"第{_num(rng, a)}条"
    r = rng.random()
    if r < 0.15:
        text += f"第{_num(rng, between(rng, 1, 4))}款"
    elif r < 0.20:
        text += f"第（{format_numeral(between(rng, 1, 8))}）项"
    elif r < 0.23:
        text += f"第{format_numeral(between(rng, 1, 4))}款第{format_numeral(between(rng, 1, 6))}项"
    elif r < 0.25 and a > 1:
        text += "之一"
    if rng.random() < 0.06:
        text = f"第{format_numeral(1 + a // 12)}章" + text
    return text, a


def _provisions(rng: Random, s: Source) -> str:
    if s.articles == 0:
        r = rng.random()
        if r < 0.45:
            return ""
        n = between(rng, 1, 8)
        if r < 0.65:
            return format_numeral(n)
        if r < 0.80:
            return f"第{format_numeral(n)}条第{format_numeral(between(rng, 1, 5))}项"
        if r < 0.90:
            return f"第{format_numeral(n)}部分"
        return f"（{format_numeral(n)}）"
    text, a = _article(rng, s)
    r = rng.random()
    if r < 0.08:
        text += f"、第{_num(rng, between(rng, 1, s.articles))}条"
    elif r < 0.11 and a < s.articles:
        text += f"至第{_num(rng, between(rng, a + 1, s.articles))}条"
    elif r < 0.13:
        text += f"和第{_num(rng, between(rng, 1, s.articles))}条"
    return text


def _quote(rng: Random, quotes: Sequence[str]) -> str:
    q = pick(rng, quotes)
    r = rng.random()
    if r < 0.40:
        return f"：“{q}”"
    if r < 0.43:
        return f"：“{q}"
    if r < 0.55:
        return f"：{q}"
    if r < 0.70:
        return f" {q}"
    if r < 0.73:
        return f"规定：“{q}”"
    if r < 0.75:
        return f"：&ldquo;{q}&rdquo;"
    return ""


def cite(rng: Random, s: Source, quotes: Sequence[str]) -> str:
    """One citation of ``s`` with provisions and maybe a quote and bare-article follow-ups."""
    head = _title(rng, s) + _paren(rng, s)
    prov = _provisions(rng, s)
    if prov and s.articles == 0 and rng.random() < 0.3:
        text = f"{head}{prov}、{pick(rng, quotes)}"  # 六、社会保险基金决算…
    else:
        text = head + prov + (_quote(rng, quotes) if prov else "")
    if s.articles and prov and rng.random() < 0.2:
        # bare 第N条 that refers back to the instrument just named (anaphora)
        sep = pick(rng, ("；", "。", " ", "；\u3000"))
        text += f"{sep}第{_num(rng, between(rng, 1, s.articles))}条" + _quote(rng, quotes)
    if rng.random() < TYPO_RATE:
        text = _typo(rng, text)
    return text

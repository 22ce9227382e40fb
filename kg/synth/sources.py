"""The instruments a list can cite: national ones from the table, local ones composed.

Local instruments (a province's 条例 and 办法, its government's 意见 with a 甘政发
number, a department's 印发《…》的通知, a city government's 通知) are composed per
province and field from ``data/local.toml`` with a random stream seeded only by
(seed, province, field), so every list of a province cites the same local title with
the same number, whichever list is generated first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from random import Random

from kg.synth.rand import between, pick
from kg.synth.tables import City, Field, Instrument, Province, instruments, local_topics

__all__ = ["Source", "local_sources", "national_sources"]


@dataclass(frozen=True, slots=True)
class Source:
    """An instrument as a cell cites it.

    ``embedded`` is the regulation a 印发《…》的通知 issues (cited alone by some
    authors); ``articles`` is 0 for policy documents cited by numbered part.
    """

    title: str
    short: str
    doc_number: str
    kind: str
    year: int
    articles: int
    revised: str = ""
    embedded: str = ""


_VERBS = ("进一步加强", "加强", "深化", "推进", "规范", "做好", "全面加强")
"""How local policy titles begin: 关于进一步加强…工作的意见."""


def _from_instrument(i: Instrument) -> Source:
    embedded = ""
    if "印发《" in i.title:
        embedded = i.title.split("印发《", 1)[1].split("》", 1)[0]
    return Source(i.title, i.short, i.doc_number, i.kind, i.year, i.articles, i.revised, embedded)


@cache
def national_sources(field: str) -> tuple[Source, ...]:
    """National instruments of one field (without the ``general`` ones)."""
    return tuple(_from_instrument(i) for i in instruments() if field in i.fields)


@cache
def general_sources() -> tuple[Source, ...]:
    """Instruments every field cites (行政处罚法, 行政许可法, 公务员法 …)."""
    return tuple(_from_instrument(i) for i in instruments() if "general" in i.fields)


def _office_abbr(gov_abbr: str) -> str:
    for a, b in (("政发", "政办发"), ("府发", "府办发")):
        if gov_abbr.endswith(a):
            return gov_abbr[: -len(a)] + b
    return gov_abbr + "办"


def _province_sources(rng: Random, p: Province, f: Field) -> list[Source]:
    abbr, topics = local_topics()[f.key]
    t1, t2, t3, t4 = (pick(rng, topics) for _ in range(4))
    y1, y2, y3, y4, y5 = (between(rng, lo, 2023) for lo in (2005, 2008, 2012, 2015, 2014))
    revised = f"{between(rng, max(y1, 2016), 2023)}年{between(rng, 1, 12)}月{between(rng, 1, 28)}日修正"
    return [
        Source(
            f"{p.name}{t1}条例",
            "",
            "",
            "地方性法规",
            y1,
            between(rng, 30, 80),
            revised if rng.random() < 0.4 else "",
        ),
        Source(
            f"{p.name}{t2}办法",
            "",
            f"{p.name}人民政府令第{between(rng, 1, 320)}号",
            "地方政府规章",
            y2,
            between(rng, 20, 60),
        ),
        Source(
            f"{p.name}人民政府关于{pick(rng, _VERBS)}{t3}工作的意见",
            "",
            f"{p.gov_abbr}〔{y3}〕{between(rng, 1, 120)}号",
            "规范性文件",
            y3,
            0,
        ),
        Source(
            f"{p.name}{f.agency}关于印发《{p.name}{t4}实施办法（暂行）》的通知",
            "",
            f"{p.short}{abbr}发〔{y4}〕{between(rng, 1, 200)}号",
            "规范性文件",
            y4,
            0,
            embedded=f"{p.name}{t4}实施办法（暂行）",
        ),
        Source(
            f"{p.name}人民政府办公厅关于印发{p.name}{t1}工作方案的通知",
            "",
            f"{_office_abbr(p.gov_abbr)}〔{y5}〕{between(rng, 1, 150)}号",
            "规范性文件",
            y5,
            0,
        ),
    ]


def _city_sources(rng: Random, c: City, f: Field) -> list[Source]:
    _, topics = local_topics()[f.key]
    y1, y2 = between(rng, 2014, 2023), between(rng, 2010, 2023)
    return [
        Source(
            f"{c.name}人民政府关于{pick(rng, _VERBS)}{pick(rng, topics)}工作的通知",
            "",
            f"{c.gov_abbr}〔{y1}〕{between(rng, 1, 160)}号",
            "规范性文件",
            y1,
            0,
        ),
        Source(
            f"{c.name}{pick(rng, topics)}管理办法",
            "",
            f"{c.name}人民政府令第{between(rng, 1, 90)}号",
            "地方政府规章",
            y2,
            between(rng, 15, 45),
        ),
    ]


@cache
def local_sources(seed: int, province: Province, city: City | None, f: Field) -> tuple[Source, ...]:
    """Local instruments a list in ``city`` (or at province level) of field ``f`` cites."""
    out = _province_sources(Random(f"kg-synth/{seed}/local/{province.code}/{f.key}"), province, f)
    if city is not None:
        out += _city_sources(Random(f"kg-synth/{seed}/local/{city.code}/{f.key}"), city, f)
    return tuple(out)

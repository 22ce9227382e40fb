"""Jurisdictions a synthetic list can belong to: provinces, cities and counties.

Names are real (``data/cities.csv``); administrative codes follow the real pattern
(province ``62`` → city ``6205`` → county ``620502``) and are exact for provinces and
most cities, sequential below that, which is all a credit code needs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from kg.synth.tables import City, Province, cities, provinces

__all__ = ["LEVEL_WORDS", "Jurisdiction", "jurisdictions"]


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """One area with a government: ``level`` is 省级/市级/县级, ``prefix`` the
    one-character level word rows put before a short agency name (市医保局)."""

    name: str
    level: str
    prefix: str
    province: Province
    city: City | None
    admin_code: str


LEVEL_WORDS = "区县旗市镇"
"""Last characters of county-level names that rows repeat before a short agency name
(区医保局, 县市场监管局); anything else gets 县."""


def _county_prefix(name: str) -> str:
    return name[-1] if name[-1] in LEVEL_WORDS else "县"


def _city_prefix(name: str) -> str:
    return "地区" if name.endswith("地区") else name[-1]


@cache
def jurisdictions() -> tuple[Jurisdiction, ...]:
    """Every province, city and county in the tables, in a stable order."""
    out: list[Jurisdiction] = []
    provs = provinces()
    seen = Counter(county for c in cities() for county in c.counties)
    for p in provs.values():
        prefix = "市" if p.name.endswith("市") else "区" if p.name.endswith("区") else "省"
        out.append(Jurisdiction(p.name, "省级", prefix, p, None, f"{p.code}0000"))
    for c in cities():
        p = provs[c.province]
        # a municipality (北京市) is its own province-level list; Hainan's 省直辖县级行政区划
        # is a grouping of counties, not a government
        if c.name != p.name and not c.name.startswith("省直辖"):
            out.append(Jurisdiction(c.name, "市级", _city_prefix(c.name), p, c, f"{c.code}00"))
        for i, county in enumerate(c.counties, start=1):
            code = f"{c.code}{i:02d}"
            # 新华区 is in 石家庄 and 沧州: lists then name the city too (沧州市新华区)
            name = county if seen[county] == 1 else c.name + county
            out.append(Jurisdiction(name, "县级", _county_prefix(county), p, c, code))
    return tuple(out)

"""Who a list belongs to: jurisdiction from the list title, full agency names from abbreviations.

天水市医保局权责清单 → jurisdiction 天水市 (市级), agency 天水市医疗保障局; a row's
实施主体 ``市医保局`` resolves to the same full name. The abbreviation table is data
(``data/agency_abbreviations.csv``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

__all__ = ["ListOwner", "level_of", "parse_list_title", "resolve_agency", "split_org_units"]

LIST_SUFFIX = regex.compile(
    r"(?:的)?(?:权责清单|权力清单|责任清单|权力和责任清单|权责事项清单|行政权力清单|清单)(?:[（(].*[）)])?\s*$"
)
"""The tail that names the document type: 天水市医保局[权责清单]."""

ADMIN_UNIT_END = "省市县区州盟旗"
LEVEL_BY_UNIT = {
    "省": "省级",
    "自治区": "省级",
    "市": "市级",
    "州": "市级",
    "盟": "市级",
    "地区": "市级",
    "县": "县级",
    "区": "县级",
    "旗": "县级",
    "镇": "乡级",
    "乡": "乡级",
    "街道": "乡级",
}
LEVEL_WORDS = regex.compile(r"^(?:省|市|州|县|区|旗|乡|镇)(?=\p{Han}{2,})")
"""A leading level word in 实施主体 (市医保局, 县人社局) that stands for the list's jurisdiction."""

ORG_UNIT_SEPARATORS = regex.compile(r"[、，,；;/]+|\s{2,}")


@dataclass(frozen=True, slots=True)
class ListOwner:
    """What a list title says about whose list it is."""

    jurisdiction: str | None
    level: str | None
    agency: str | None


@cache
def _abbreviations() -> dict[str, str]:
    text = resources.files("kg.ingest").joinpath("data/agency_abbreviations.csv").read_text("utf-8")
    return {row["abbreviation"]: row["full"] for row in csv.DictReader(text.splitlines())}


def _agency_starts() -> tuple[str, ...]:
    table = _abbreviations()
    return tuple(sorted(set(table) | set(table.values()), key=len, reverse=True))


def level_of(jurisdiction: str | None) -> str | None:
    """省级/市级/县级 from the last administrative unit of a jurisdiction name."""
    if not jurisdiction:
        return None
    for unit in sorted(LEVEL_BY_UNIT, key=len, reverse=True):
        if jurisdiction.endswith(unit):
            return LEVEL_BY_UNIT[unit]
    return None


def _split_jurisdiction(owner: str) -> tuple[str | None, str]:
    """Split 瓜州县医疗保障局 into (瓜州县, 医疗保障局).

    Every prefix ending in an administrative unit is a candidate; a split whose rest
    starts with a known agency name wins (so 某市|市场监督管理局, not 某市市|场…),
    else the longest candidate.
    """
    candidates = [i + 1 for i, ch in enumerate(owner[:-1]) if ch in ADMIN_UNIT_END and i >= 1]
    starts = _agency_starts()
    for cut in sorted(candidates, reverse=True):
        if owner[cut:].startswith(starts):
            return owner[:cut], owner[cut:]
    for cut in sorted(candidates, reverse=True):
        rest = owner[cut:]
        if not rest.startswith(("场", "政", "民", "级")):
            return owner[:cut], rest
    return None, owner


def expand_abbreviation(name: str) -> str:
    """医保局 → 医疗保障局; unknown names are returned as they are."""
    return _abbreviations().get(name, name)


def parse_list_title(title: str) -> ListOwner:
    """Read jurisdiction, level and agency from a list title.

    Examples:
        >>> parse_list_title("天水市医保局权责清单")
        ListOwner(jurisdiction='天水市', level='市级', agency='天水市医疗保障局')
        >>> parse_list_title("瓜州县医疗保障局权责清单")
        ListOwner(jurisdiction='瓜州县', level='县级', agency='瓜州县医疗保障局')
    """
    owner = LIST_SUFFIX.sub("", title.strip())
    if not owner:
        return ListOwner(None, None, None)
    jurisdiction, rest = _split_jurisdiction(owner)
    agency = (jurisdiction or "") + expand_abbreviation(rest) if rest else None
    return ListOwner(jurisdiction, level_of(jurisdiction), agency)


def resolve_agency(raw: str, owner: ListOwner) -> str:
    """The full name of the agency in a 实施主体 cell, read against the list's owner.

    Examples:
        >>> owner = parse_list_title("天水市医保局权责清单")
        >>> resolve_agency("市医保局", owner)
        '天水市医疗保障局'
        >>> resolve_agency("瓜州县医疗保障局", parse_list_title("瓜州县医疗保障局权责清单"))
        '瓜州县医疗保障局'
    """
    name = raw.strip()
    if not name:
        return owner.agency or ""
    jurisdiction = owner.jurisdiction or ""
    if not jurisdiction:
        return expand_abbreviation(name)
    if name.startswith(jurisdiction):
        return jurisdiction + expand_abbreviation(name[len(jurisdiction) :])
    bare = LEVEL_WORDS.sub("", name)
    expanded = expand_abbreviation(bare)
    if bare != name or expanded != bare:
        return jurisdiction + expanded
    if owner.agency and expanded == owner.agency.removeprefix(jurisdiction):
        return owner.agency
    return name


def split_org_units(raw: str) -> tuple[str, ...]:
    """承办机构 split on 、 ， and similar separators, empty parts dropped."""
    return tuple(part.strip() for part in ORG_UNIT_SEPARATORS.split(raw) if part.strip())

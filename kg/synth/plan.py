"""Which lists a corpus has: jurisdiction, field, layout, format, encoding, size.

Lists are drawn without repetition from every (jurisdiction, field) pair, about 31,000;
beyond that, later editions (（2019年版）) follow. One field slot per city or county
stands for its government's consolidated list of all departments (about 5 % of lists).
Sizes spread log-normally around the mean, as real lists run from a handful of items to
over a thousand.

The plan depends only on (items, lists, seed, formats). Each list gets its own random
stream from (seed, list index), so any list can be generated alone, in any order or
in parallel, with the same bytes.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from random import Random

from kg.synth.places import Jurisdiction, jurisdictions
from kg.synth.tables import fields, layouts

__all__ = ["FORMATS", "ITEMS_PER_LIST", "TITLE_ROW_SHARE", "ListSpec", "parse_formats", "plan_lists"]


FORMATS: tuple[str, ...] = ("txt", "csv", "xlsx")
"""Formats a list can be written in."""

ITEMS_PER_LIST = 100
"""Default mean list size: agencies publish tens to hundreds of items."""


def parse_formats(text: str) -> tuple[str, ...]:
    """``txt,csv`` → ``("txt", "csv")``; ``txt:3,xlsx:1`` → ``("txt", "txt", "txt", "xlsx")``.

    Lists take the formats of the result in turn, so a weight makes a format that
    much more common (XLSX is the slowest to write: ``txt:6,csv:3,xlsx:1`` keeps a
    realistic share of spreadsheets without letting them dominate the time).

    Raises:
        ValueError: an unknown format, a bad weight or an empty list (the message shows the syntax).
    """
    out: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, _, weight = part.partition(":")
        name = name.strip().lower()
        bad_weight = bool(weight) and (not weight.strip().isdigit() or int(weight) == 0)
        if name not in FORMATS or bad_weight:
            raise ValueError(
                f"{part!r} — expected formats from {', '.join(FORMATS)}, each with an optional "
                "weight, e.g. --formats txt,csv or --formats txt:6,csv:3,xlsx:1"
            )
        out.extend([name] * (int(weight) if weight else 1))
    if not out:
        raise ValueError(f"nothing — expected a comma-separated choice of {', '.join(FORMATS)}")
    return tuple(out)


SIZE_SIGMA = 0.8
"""Spread (log-normal sigma) of list sizes around the mean."""

TITLE_ROW_SHARE = {"txt": 1.0, "csv": 0.5, "xlsx": 0.7}
"""Share of lists per format whose first row is the list title (web text always has it;
spreadsheet exports often start straight with the header)."""

_ENCODINGS = {
    "txt": (("utf-8", 90), ("gb18030", 10)),
    "csv": (("utf-8-sig", 60), ("utf-8", 15), ("gb18030", 25)),
    "xlsx": (("xlsx", 1),),
}
"""Encodings by format with weights: Excel writes CSV with a BOM or in GB18030."""


@dataclass(frozen=True, slots=True)
class ListSpec:
    """One list to generate."""

    index: int
    file_name: str
    format: str
    encoding: str
    layout: str
    title: str
    jurisdiction: Jurisdiction
    fields: tuple[str, ...]
    items: int
    seq_start: int
    title_row: bool


def _sizes(rng: Random, items: int, lists: int) -> list[int]:
    """``items`` split over ``lists`` with a log-normal spread, each at least 1."""
    weights = [rng.lognormvariate(0.0, SIZE_SIGMA) for _ in range(lists)]
    spare = items - lists
    total = sum(weights)
    raw = [spare * w / total for w in weights]
    sizes = [1 + math.floor(x) for x in raw]
    short = items - sum(sizes)
    by_remainder = sorted(range(lists), key=lambda i: (raw[i] - math.floor(raw[i]), -i), reverse=True)
    for i in by_remainder[:short]:
        sizes[i] += 1
    return sizes


def _weighted(rng: Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in table], [w for _, w in table])[0]


def _agency_name(j: Jurisdiction, field: str) -> str:
    f = fields()[field]
    return j.name + (f.county_agency if j.level == "县级" else f.agency)


def _title(rng: Random, j: Jurisdiction, field_key: str | None, edition: int) -> str:
    if field_key is None:
        body = f"{j.name}人民政府部门权责清单"
    else:
        f = fields()[field_key]
        agency = _agency_name(j, field_key)
        r = rng.random()
        body = (
            f"{agency}权责清单"
            if r < 0.6
            else f"{j.name}{f.short}权责清单"
            if r < 0.8
            else f"{agency}权力清单和责任清单"
        )
    return body + (f"（{2018 + edition}年版）" if edition else "")


def plan_lists(items: int, lists: int, seed: int, formats: tuple[str, ...]) -> list[ListSpec]:
    """The lists of a corpus, in index order.

    Raises:
        ValueError: when ``items < lists`` or a format is unknown.
    """
    if lists < 1 or items < lists:
        raise ValueError(f"need at least one item per list: --items {items}, --lists {lists}")
    if bad := [f for f in formats if f not in FORMATS]:
        raise ValueError(f"unknown format {bad[0]!r}; expected some of {', '.join(FORMATS)}")
    rng = Random(f"kg-synth/{seed}/plan")
    places = jurisdictions()
    keys = sorted(fields())
    pairs = len(places) * len(keys)
    layout_table = tuple((n, lay.weight) for n, lay in sorted(layouts().items()))
    sizes = _sizes(rng, items, lists)
    order = rng.sample(range(pairs), min(lists, pairs))
    specs = []
    for index, size in enumerate(sizes):
        slot = order[index % len(order)]
        j, field_key = places[slot // len(keys)], keys[slot % len(keys)]
        # one field slot per city or county stands for its government's whole list
        consolidated = j.level != "省级" and field_key == keys[int(j.admin_code) % len(keys)]
        fmt = formats[index % len(formats)]
        title = _title(rng, j, None if consolidated else field_key, index // len(order))
        digest = hashlib.sha1(f"{seed}/{index}/{title}".encode()).hexdigest()[:16]
        specs.append(
            ListSpec(
                index=index,
                file_name=f"{index:06d}_{digest}.{fmt}",
                format=fmt,
                encoding=_weighted(rng, _ENCODINGS[fmt]),
                layout=_weighted(rng, layout_table),
                title=title,
                jurisdiction=j,
                fields=tuple(keys) if consolidated else (field_key,),
                items=size,
                seq_start=1 if rng.random() < 0.8 else rng.randint(2, 5000),
                title_row=rng.random() < TITLE_ROW_SHARE[fmt],
            )
        )
    return specs

"""The rows of one synthetic list, generated lazily from its own random stream.

A row is a dict from record keys (``seq``, ``name``, ``type``, ``code``, ``agency``,
``basis`` …, the columns of ``data/layouts.toml``) to cell text; writers pick the
columns of the list's layout. Nothing is held beyond the current row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from random import Random

from kg.synth.cells import (
    CellContext,
    accountability_cell,
    basis_cell,
    duties_cell,
    remark_cell,
)
from kg.synth.codes import credit_code, power_code
from kg.synth.plan import ListSpec
from kg.synth.quotes import quote_bank
from kg.synth.rand import between, pick
from kg.synth.sources import general_sources, local_sources, national_sources
from kg.synth.tables import Field, fields, power_types

__all__ = ["BAD_CODE_RATE", "SUB_ITEM_RATE", "Row", "iter_rows"]

Row = dict[str, str]

BAD_CODE_RATE = 0.004
"""Share of rows whose 地方权力编码 is malformed (truncated or a wrong check digit),
like 4166 in the 天水 sample (1 in 16 there; lower across a province)."""

SUB_ITEM_RATE = 0.06
"""Share of rows that are a sub-item (子项) with its own 子项编码."""


@dataclass(frozen=True, slots=True)
class _Agency:
    """What a list knows about one field's agency while writing rows."""

    field: Field
    full: str
    short: str
    credit: str
    cells: CellContext


def _agency(spec: ListSpec, key: str, seed: int, rng: Random) -> _Agency:
    j = spec.jurisdiction
    f = fields()[key]
    full = j.name + (f.county_agency if j.level == "县级" else f.agency)
    cells = CellContext(
        seed=seed,
        field=key,
        national=national_sources(key) or general_sources(),
        local=local_sources(seed, j.province, j.city, f),
        quotes=quote_bank(seed, key),
    )
    return _Agency(f, full, j.prefix + f.short, credit_code(j.admin_code, rng), cells)


def _bad_code(rng: Random, code: str) -> str:
    if rng.random() < 0.5:
        cut = between(rng, 10, 16)
        return code[:cut] + code[cut + 6 :]  # truncated like 11620500MB1673620836001000
    wrong = "0123456789"[(int(code[17], 36) + 1) % 10] if code[17].isdigit() else "1"
    return code[:17] + wrong + code[18:]


def _item(rng: Random, f: Field, used: Counter[str]) -> tuple[str, str]:
    kind, name = pick(rng, f.items)
    used[name] += 1
    if used[name] > 1:  # the same power again: a variant of it, as long lists have
        if kind == "行政处罚":
            name = f"对{pick(rng, f.objects)}{pick(rng, f.acts)}的处罚"
        else:
            name = f"{name}（{pick(rng, f.objects)}）"
    return kind, name


def _row(
    rng: Random, spec: ListSpec, seq: int, a: _Agency, counters: Counter[str], used: Counter[str]
) -> Row:
    kind, name = _item(rng, a.field, used)
    digits = power_types()[kind].digits
    counters[kind] += 1
    # beyond 999 items of one type the count spills into the sub-item digits, so codes
    # stay unique in lists of any size
    number, spill = counters[kind] % 1000, counters[kind] // 1000
    code = power_code(a.credit, spec.jurisdiction.province.code, digits, a.field.code, number, spill)
    sub_name = sub_code = ""
    if rng.random() < SUB_ITEM_RATE:
        sub = between(rng, 1, 5)
        sub_name = f"{sub}.{name}（{pick(rng, a.field.objects)}）"
        sub_code = code[:-3] + f"{sub:03d}"
    if rng.random() < BAD_CODE_RATE:
        code = _bad_code(rng, code)
    r = rng.random()
    units = pick(rng, a.field.units) if r < 0.6 else "、".join(rng.sample(a.field.units, 2 + (r > 0.85)))
    return {
        "seq": str(seq),
        "name": name,
        "sub_name": sub_name,
        "type": kind,
        "code": code,
        "sub_code": sub_code,
        "agency": a.full,
        "agency_short": a.short,
        "units": units,
        "basis": basis_cell(rng, a.cells, kind),
        "duties": duties_cell(rng, a.cells, kind),
        "accountability": accountability_cell(rng, a.cells),
        "level": spec.jurisdiction.level,
        "remark": remark_cell(rng),
    }


def iter_rows(spec: ListSpec, seed: int) -> Iterator[Row]:
    """The rows of ``spec``, deterministic for (seed, spec.index)."""
    rng = Random(f"kg-synth/{seed}/list/{spec.index}")
    agencies = [_agency(spec, key, seed, rng) for key in spec.fields]
    cum = list(accumulate(a.field.weight for a in agencies))
    counters: dict[str, Counter[str]] = {a.field.key: Counter() for a in agencies}
    used: Counter[str] = Counter()
    for k in range(spec.items):
        a = agencies[0] if len(agencies) == 1 else rng.choices(agencies, cum_weights=cum)[0]
        yield _row(rng, spec, spec.seq_start + k, a, counters[a.field.key], used)

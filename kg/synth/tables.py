"""The knowledge tables behind synthetic lists, read lazily from ``kg/synth/data``.

Jurisdictions, fields of administration with their agencies and powers, national
instruments with their short titles and document numbers, local-instrument topics and
power types are data (CSV/TOML), so a realistic corpus grows by editing tables, not code.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "City",
    "Field",
    "Instrument",
    "Layout",
    "PowerType",
    "Province",
    "cities",
    "fields",
    "instruments",
    "layouts",
    "local_topics",
    "power_types",
    "provinces",
]


@dataclass(frozen=True, slots=True)
class Province:
    """A province-level area: ``short`` is its one-character name (甘), ``gov_abbr`` the
    prefix of its government's document numbers (甘政发)."""

    code: str
    name: str
    short: str
    gov_abbr: str


@dataclass(frozen=True, slots=True)
class City:
    """A prefecture-level area with its counties (区, 县, 旗, 县级市)."""

    province: str
    code: str
    name: str
    gov_abbr: str
    counties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """A field of administration: its agency naming, org units, powers and quote material."""

    key: str
    agency: str
    county_agency: str
    alt_agency: str
    short: str
    dept: str
    code: str
    weight: int
    units: tuple[str, ...]
    objects: tuple[str, ...]
    acts: tuple[str, ...]
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A real national instrument as lists cite it.

    ``articles`` is the number of articles (0 for policy documents cited by part);
    ``revised`` the revision note some authors add (2018年12月29日修正).
    """

    fields: tuple[str, ...]
    kind: str
    title: str
    short: str
    doc_number: str
    issuer: str
    year: int
    articles: int
    revised: str


@dataclass(frozen=True, slots=True)
class PowerType:
    """A 权力类型 with the two digits it has in a power code (行政处罚 → 02)."""

    name: str
    digits: str


def _text(name: str) -> str:
    return resources.files("kg.synth").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text(name))))


@cache
def provinces() -> dict[str, Province]:
    """Provinces by their two-digit code."""
    return {
        r["code"]: Province(r["code"], r["name"], r["short"], r["gov_abbr"]) for r in _rows("provinces.csv")
    }


@cache
def cities() -> tuple[City, ...]:
    """Cities in file order (grouped by province)."""
    return tuple(
        City(r["province_code"], r["city_code"], r["city"], r["gov_abbr"], tuple(r["counties"].split()))
        for r in _rows("cities.csv")
    )


@cache
def fields() -> dict[str, Field]:
    """Fields of administration by key (market, ecology, medical_insurance …)."""
    data = tomllib.loads(_text("fields.toml"))
    return {
        key: Field(
            key=key,
            agency=v["agency"],
            county_agency=v.get("county_agency", v["agency"]),
            alt_agency=v.get("alt_agency", v["agency"]),
            short=v["short"],
            dept=v["dept"],
            code=v["code"],
            weight=int(v["weight"]),
            units=tuple(v["units"]),
            objects=tuple(v["objects"]),
            acts=tuple(v["acts"]),
            items=tuple(tuple(i.split("|", 1)) for i in v["items"]),  # type: ignore[misc]
        )
        for key, v in data.items()
    }


@cache
def instruments() -> tuple[Instrument, ...]:
    """National instruments; ``fields`` holds ``general`` for those every field cites."""
    return tuple(
        Instrument(
            fields=tuple(r["fields"].split("|")),
            kind=r["kind"],
            title=r["title"],
            short=r["short"],
            doc_number=r["doc_number"],
            issuer=r["issuer"],
            year=int(r["year"]),
            articles=int(r["articles"]),
            revised=r["revised"],
        )
        for r in _rows("instruments.csv")
    )


@cache
def local_topics() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Per field: (document-number abbreviation, topics of local instruments)."""
    data = tomllib.loads(_text("local.toml"))
    return {k: (v["abbr"], tuple(v["topics"])) for k, v in data.items()}


@cache
def power_types() -> dict[str, PowerType]:
    """Power types by name (行政处罚 → digits 02)."""
    return {r["name"]: PowerType(r["name"], r["digits"]) for r in _rows("power_types.csv")}


@dataclass(frozen=True, slots=True)
class Layout:
    """A column layout with the quirks its text files show (see ``data/layouts.toml``)."""

    name: str
    weight: int
    agency_style: str
    repeat_header: float
    drop_remark: float
    join_agency_basis: float
    rule: float
    columns: tuple[str, ...]
    headers: tuple[str, ...]


@cache
def layouts() -> dict[str, Layout]:
    """Layouts by name (tianshui, guazhou, compact)."""
    data = tomllib.loads(_text("layouts.toml"))
    out = {}
    for name, v in data.items():
        if len(v["columns"]) != len(v["headers"]):
            raise ValueError(f"layouts.toml [{name}]: columns and headers differ in length")
        out[name] = Layout(
            name,
            int(v["weight"]),
            v["agency_style"],
            float(v["repeat_header"]),
            float(v["drop_remark"]),
            float(v["join_agency_basis"]),
            float(v["rule"]),
            tuple(v["columns"]),
            tuple(v["headers"]),
        )
    return out

"""One identity per instrument: title keys, tables, learned numbers."""

from __future__ import annotations

import pytest

from extractors.models import Instrument
from kg.resolve import (
    InstrumentRecord,
    InstrumentTable,
    Resolver,
    default_rules,
    learn_numbers,
    parse_instrument_table,
    title_key,
)


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("社会保险法", "社会保险法"),
        ("《中华人民共和国社会保险法》", "中华人民共和国社会保险法"),
        ("中华人民共和国 社会保险法", "中华人民共和国社会保险法"),
        ("优抚对象医疗保障办法", "优抚对象医疗保障办法"),
        ("关于贯彻实施社会保险法的通知", "关于贯彻实施社会保险法的通知"),
        ("某实施意见(修订)", "某实施意见（修订）"),
    ],
    ids=[
        "short-law-no-invented-prefix",
        "full-law",
        "spaced",
        "measures",
        "notice-about-law",
        "half-width-brackets",
    ],
)
def test_title_key(title: str, key: str) -> None:
    assert title_key(title, default_rules()) == key


TABLE = InstrumentTable.from_records(
    [
        InstrumentRecord("社会救助暂行办法", "国务院令第649号", "行政法规", "国务院"),
        InstrumentRecord("中华人民共和国某某法", None, "法律", None, aliases=("某某法", "某法")),
    ]
)


@pytest.mark.parametrize(
    ("instrument", "key"),
    [
        (Instrument(title="社会救助暂行办法", doc_number="国务院令第649号"), "国务院令第649号"),
        (Instrument(title="社会救助暂行办法"), "国务院令第649号"),
        (Instrument(title=None, doc_number="国务院令第649号"), "国务院令第649号"),
        (Instrument(title="某法"), "中华人民共和国某某法"),
        (Instrument(title="中华人民共和国价格法", doc_number="主席令第92号"), "中华人民共和国价格法"),
        (Instrument(title=None, doc_number="主席令第92号"), "主席令第92号"),
        (Instrument(title="甲办法（暂行）", doc_number="甲发〔2019〕35号"), "甲发〔2019〕35号"),
        (Instrument(title="甲办法（试行）", doc_number="甲发〔2019〕35号"), "甲发〔2019〕35号"),
        (Instrument(title="乙办法"), "乙办法"),
    ],
    ids=[
        "number",
        "title-from-table",
        "number-only",
        "alias",
        "restarting-series",
        "bare-restarting",
        "variant-1",
        "variant-2",
        "unknown-title",
    ],
)
def test_resolver_key(instrument: Instrument, key: str) -> None:
    resolved = Resolver(TABLE, default_rules()).resolve(instrument)
    assert resolved is not None
    assert resolved.key == key


def test_resolver_fills_in_from_the_table_and_keeps_labels() -> None:
    resolved = Resolver(TABLE, default_rules()).resolve(Instrument(title="某法", raw_title="《某法》"))
    assert resolved is not None
    assert resolved.title == "中华人民共和国某某法"
    assert resolved.kind == "法律"
    assert set(resolved.labels) == {"中华人民共和国某某法", "某法"}


def test_nothing_to_resolve() -> None:
    assert Resolver(TABLE, default_rules()).resolve(Instrument(title=None)) is None


def test_learned_numbers_skip_conflicts_and_restarting_series() -> None:
    learned = learn_numbers(
        [
            Instrument(title="丙办法", doc_number="丙发〔2019〕59号"),
            Instrument(title="丁办法", doc_number="丁发〔2014〕521号"),
            Instrument(title="丁办法", doc_number="丁政发〔2014〕521号"),
            Instrument(title="某法", doc_number="主席令第3号"),
            Instrument(title="丁办法"),
        ],
        default_rules(),
    )
    assert learned == {"丙办法": "丙发〔2019〕59号"}
    assert (
        Resolver(TABLE, default_rules(), learned).resolve(Instrument(title="丙办法")).key
        == "丙发〔2019〕59号"
    )  # type: ignore[union-attr]


def test_instrument_table_parses_aliases_and_rejects_untitled_rows() -> None:
    table = parse_instrument_table("title,doc_number,kind,issuer,date,aliases\n甲法,,法律,,,甲|乙\n")
    assert table.by_title["乙"].title == "甲法"
    with pytest.raises(ValueError, match="row 3"):
        parse_instrument_table("title,doc_number\n甲法,\n,x号\n")


def test_bundled_tables_are_well_formed() -> None:
    from kg.resolve import default_table

    table = default_table()
    assert table.by_title["社保法"].title == "中华人民共和国社会保险法"
    for record in table.by_title.values():
        assert record.doc_number is None or record.doc_number.endswith("号"), record
        assert title_key(record.title, default_rules()) == record.title, record
    rules = default_rules()
    assert "主席令" in rules.ambiguous_number_prefixes


def test_identity_is_the_node_key_and_title_identity_ignores_the_number() -> None:
    resolver = Resolver()
    numbered = Instrument(title="社会救助暂行办法", doc_number="国务院令第649号")
    assert resolver.identity(numbered) == resolver.resolve(numbered).key == "国务院令第649号"  # type: ignore[union-attr]
    assert resolver.title_identity(numbered) == "社会救助暂行办法"
    assert resolver.title_identity(Instrument(title=None, doc_number="国务院令第649号")) == "社会救助暂行办法"
    assert resolver.identity(Instrument(title="社会保险法")) == "中华人民共和国社会保险法"
    assert resolver.identity(Instrument(title=None)) == resolver.title_identity(Instrument(title=None)) == ""


def test_spelling_key_drops_state_name_and_marks_only() -> None:
    resolver = Resolver()
    assert (
        resolver.spelling_key("《中华人民共和国某某新设法》")
        == resolver.spelling_key("某某新设法")
        == "某某新设法"
    )
    assert resolver.spelling_key("某办法(试行)") == resolver.spelling_key("某办法（试行）")
    assert resolver.spelling_key("某省医疗保险基金办法") != resolver.spelling_key("某省医疗保障基金办法")
    assert resolver.spelling_key(None) == ""

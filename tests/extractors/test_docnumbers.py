"""Document and order numbers: normal forms, slips and their flags, issuers."""

from __future__ import annotations

import pytest

from extractors import issuer_of, normalise_doc_number

NORMALISED = [
    ("人社部[2016]120号", "人社部〔2016〕120号", ()),
    ("人社部〔2016〕120号", "人社部〔2016〕120号", ()),
    ("国办发【2019】3号", "国办发〔2019〕3号", ()),
    ("甘政发（2012）64号", "甘政发〔2012〕64号", ()),
    ("民发(2021)57号", "民发〔2021〕57号", ()),
    ("财社字［1999］60号", "财社字〔1999〕60号", ()),
    ("酒政发2015 119号", "酒政发〔2015〕119号", ("missing_year_brackets",)),
    ("国务院令第649号", "国务院令第649号", ()),
    ("国务院令649号", "国务院令第649号", ()),
    ("国务院令 第149号", "国务院令第149号", ()),
    ("国令第309号", "国务院令第309号", ()),
    ("主席令第7号", "主席令第7号", ()),
    ("中华人民共和国主席令第九十二", "主席令第92号", ("missing_hao",)),
    ("中华人民共和国国务院令第262号", "国务院令第262号", ()),
    ("司法部令2017年第138号", "司法部令2017年第138号", ()),
    ("2012年交通部令第8号", "交通部令第8号", ("year_before_issuer",)),  # the year is the order's date
    ("国务院令2017第683号", "国务院令第683号", ("year_in_number",)),
    ("2004年文化部第31号令", "文化部令第31号", ("year_before_issuer",)),
    ("人大常委会公告第30号", "人大常委会公告第30号", ()),
    ("国家税务总局公告2018年第31号", "国家税务总局公告2018年第31号", ()),
    ("国务院令第六49号", "国务院令第649号", ("mixed_numerals",)),
    ("國辦發〔2013〕14號", "国办发〔2013〕14号", ()),
    ("國務院令第649號", "国务院令第649号", ()),
    ("民发〔20017〕101号", "民发〔2007〕101号", ("impossible_year",)),
    ("国办发〔20105〕58号", "国办发〔2015〕58号", ("impossible_year",)),
]


@pytest.mark.parametrize(("raw", "normal", "flags"), NORMALISED, ids=[r[0] for r in NORMALISED])
def test_normalise(raw: str, normal: str, flags: tuple[str, ...]) -> None:
    assert normalise_doc_number(raw) == (normal, flags)


@pytest.mark.parametrize(
    "raw", ["责令改正", "第三条", "2019年", "号", ""], ids=["责令", "article", "year", "hao", "empty"]
)
def test_not_a_number(raw: str) -> None:
    assert normalise_doc_number(raw) == (None, ("unparsed",))


ISSUERS = [
    ("国办发", ("国务院办公厅", "国家")),
    ("国发", ("国务院", "国家")),
    ("人社部发", ("人力资源社会保障部", "国家")),
    ("甘政办发", ("甘肃省人民政府办公厅", "省级")),
    ("甘政发", ("甘肃省人民政府", "省级")),
    ("酒政发", ("酒泉市人民政府", "市级")),
    ("酒人社", ("酒泉市人力资源和社会保障局", "市级")),
    ("酒", ("酒泉市", "市级")),
    ("国务院令", ("国务院", "国家")),
]


@pytest.mark.parametrize(("code", "expected"), ISSUERS, ids=[c for c, _ in ISSUERS])
def test_issuer_of(code: str, expected: tuple[str, str]) -> None:
    assert issuer_of(code) == expected


def test_unknown_code_has_no_issuer() -> None:
    assert issuer_of("某某发") is None

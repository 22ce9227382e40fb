"""Kinds of instruments from title, number and issuer."""

from __future__ import annotations

import pytest

from extractors import classify, tables

KINDS = [
    ("中华人民共和国宪法", None, None, "宪法"),
    ("中华人民共和国社会保险法", None, None, "法律"),
    ("中华人民共和国某某法", None, None, "法律"),
    ("医疗机构管理条例", "国务院令第149号", None, "行政法规"),
    ("社会救助暂行办法", "国务院令第649号", None, "行政法规"),
    ("某某管理条例", None, None, "行政法规"),
    ("甘肃省某某条例", None, None, "地方性法规"),
    ("社会保险稽核办法", "劳动部令第16号", None, "部门规章"),
    ("某某管理办法", "交通运输部令2016年第1号", None, "部门规章"),
    ("甘肃省某某办法", "甘肃省人民政府令第100号", None, "地方政府规章"),
    ("最高人民法院关于审理某某案件适用法律若干问题的解释", None, None, "司法解释"),
    ("中国共产党纪律处分条例", None, None, "党内法规"),
    ("中共某某委员会关于某某的通知", "省委办发〔2019〕3号", None, "党内法规"),
    ("GB 2762-2017 食品安全国家标准 食品中污染物限量", None, None, "标准"),
    ("国务院关于试行社会保险基金预算的意见", "国发〔2010〕2号", None, "规范性文件"),
    ("酒泉市职工生育保险实施办法", "酒政发〔2016〕59号", None, "规范性文件"),
    ("某某", None, None, "未知"),
]


@pytest.mark.parametrize(("title", "number", "issuer", "kind"), KINDS, ids=[k[0] for k in KINDS])
def test_classify(title: str, number: str | None, issuer: str | None, kind: str) -> None:
    assert classify(title, number, issuer) == kind


BY_NUMBER = [
    ("某某办法", "法释〔2020〕17号", "司法解释"),
    ("某某规定", "中华人民共和国主席令第十号", "法律"),
    ("某某决定", "甘肃省人大常委会公告第5号", "法律"),
    ("甘肃省某某决定", "甘肃省人大常委会公告第5号", "地方性法规"),
]


@pytest.mark.parametrize(("title", "number", "kind"), BY_NUMBER, ids=[k[1] + k[0] for k in BY_NUMBER])
def test_kind_by_number(title: str, number: str, kind: str) -> None:
    """Each kind of row of data/kind_by_number.csv decides (kind_if_local for a local instrument)."""
    assert classify(title, number) == kind


@pytest.mark.parametrize(
    "row",
    [{"test": "ends", "text": "令"}, {"test": "matches", "text": "(?:"}, {"test": "starts", "text": ""}],
)
def test_kind_by_number_bad_row(monkeypatch: pytest.MonkeyPatch, row: dict[str, str]) -> None:
    """A bad row is refused with its row number, not applied wrongly."""
    monkeypatch.setattr(tables, "_rows", lambda name: [{**row, "kind": "法律", "kind_if_local": ""}])
    with pytest.raises(ValueError, match=r"kind_by_number\.csv row 1"):
        tables.kind_by_number.__wrapped__()

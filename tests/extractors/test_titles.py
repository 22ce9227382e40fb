"""Canonical titles, forms that are not instruments, embedded titles, issuers in titles."""

from __future__ import annotations

import pytest

from extractors import canonical_title, is_form_title
from extractors.titles import embedded_title, issuer_from_title, split_version_note

CANONICAL = [
    ("《社会保险法》", "中华人民共和国社会保险法"),
    ("中华人民共和国社会保险法", "中华人民共和国社会保险法"),
    ("中国人民共和国劳动法", "中华人民共和国劳动法"),
    ("社會保險法", "中华人民共和国社会保险法"),
    ("中华人民共和国\n社会保险法", "中华人民共和国社会保险法"),
    ("社会 保险法", "中华人民共和国社会保险法"),
    ("劳动合同法实施条例", "中华人民共和国劳动合同法实施条例"),
    ("关于印发<社会保险基金财务制度>的通知", "关于印发〈社会保险基金财务制度〉的通知"),
    ("关于印发＜X办法＞的通知", "关于印发〈X办法〉的通知"),
    ("关于印发&lt;X办法&gt;的通知", "关于印发〈X办法〉的通知"),
    ("关于印发《X办法》的通知", "关于印发〈X办法〉的通知"),
    ("X办法(试行)", "X办法（试行）"),
    ("社会保险法（2018年修正）", "中华人民共和国社会保险法"),
    ("甘肃省实施办法", "甘肃省实施办法"),
    ("医疗机构管理条例", "医疗机构管理条例"),
]


@pytest.mark.parametrize(("raw", "expected"), CANONICAL, ids=[r for r, _ in CANONICAL])
def test_canonical_title(raw: str, expected: str) -> None:
    assert canonical_title(raw) == expected


FORMS = [
    ("行政处罚告知书", True),
    ("行政处罚听证告知书", True),
    ("行政处罚决定书", True),
    ("庆阳市城镇职工基本医疗保险特殊疾病鉴定表", True),
    ("保险费征缴收据", True),
    ("排污许可证", True),
    ("建设项目环境影响报告表批复", True),
    ("检疫处理通知单", True),
    ("中华人民共和国护照", True),
    ("安全生产许可证条例", False),
    ("市场准入负面清单（2022年版）", False),
    ("中华人民共和国社会保险法", False),
    ("国务院关于加强居住证管理的意见", False),
]


@pytest.mark.parametrize(("title", "is_form"), FORMS, ids=[t for t, _ in FORMS])
def test_is_form_title(title: str, is_form: bool) -> None:
    assert is_form_title(title) is is_form


@pytest.mark.parametrize(
    ("title", "inner"),
    [
        ("财政部、劳动和社会保障部关于印发《社会保险基金财务制度》的通知", "社会保险基金财务制度"),
        (
            "国务院关于印发社会信用体系建设规划纲要（2014-2020年）的通知",
            "社会信用体系建设规划纲要（2014-2020年）",
        ),
        (
            "中共甘肃省委退役军人事务工作领导小组办公室印发〈关于解决部分退役士兵社会保险问题工作方案〉及配套文件的通知",
            "关于解决部分退役士兵社会保险问题工作方案",
        ),
        ("国务院关于试行社会保险基金预算的意见", None),
    ],
    ids=["in-book", "bare", "angle-and-more", "none"],
)
def test_embedded_title(title: str, inner: str | None) -> None:
    assert embedded_title(title) == inner


def test_issuer_from_title() -> None:
    assert issuer_from_title("国务院办公厅关于巩固完善基本药物制度和基层运行新机制的意见") == "国务院办公厅"


def test_version_note_is_split_off() -> None:
    assert split_version_note("社会保险法（2018年修正）") == ("社会保险法", "2018年修正")
    assert split_version_note("酒泉市职工基本医疗保险制度实施意见（修订）")[1] is None

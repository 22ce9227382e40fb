"""Habits of published lists nobody on the project wrote: one table row per habit.

Each row is (name, cell text written for this test, expected citations as
(role, canonical title, document number, provision paths)). The texts illustrate the
habit; they are not the real-text gold cells.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractors import extract
from tests.extractors.conftest import summary

LAW = "中华人民共和国行政处罚法"

HABITS: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    # --- a document number inside the title's brackets ---------------------------------
    (
        "number-inside-title-brackets",
        "《易制毒化学品管理条例（国务院令第445号）》第十条",
        [("cites", "易制毒化学品管理条例", "国务院令第445号", [{"art": 10}])],
    ),
    (
        "document-number-inside-title-brackets",
        "《关于进一步加强林木种苗工作的意见（国办发〔2012〕58号）》",
        [("cites", "关于进一步加强林木种苗工作的意见", "国办发〔2012〕58号", [])],
    ),
    (
        "version-note-inside-title-stays-a-version",
        "《中华人民共和国森林法（2019年修订）》第三十二条",
        [("cites", "中华人民共和国森林法", None, [{"art": 32}])],
    ),
    (
        "order-number-before-the-title",
        "中华人民共和国建设部令第112号《城市绿线管理办法》第十一条",
        [("cites", "城市绿线管理办法", "建设部令第112号", [{"art": 11}])],
    ),
    (
        "order-written-with-hao-ling",
        "《社会艺术水平考级管理办法》（文化部第31号令）第二十一条",
        [("cites", "社会艺术水平考级管理办法", "文化部令第31号", [{"art": 21}])],
    ),
    (
        "order-with-year-and-hao-ling",
        "《粮食流通管理条例》（2004年国务院第407号令）第四十六条",
        [("cites", "粮食流通管理条例", "国务院令第407号", [{"art": 46}])],
    ),
    (
        "year-run-into-an-order-number",
        "《融资担保公司监督管理条例》（国务院令2017第683号）第四条",
        [("cites", "融资担保公司监督管理条例", "国务院令第683号", [{"art": 4}])],
    ),
    (
        "year-inside-an-order-number-stays",
        "《司法鉴定程序通则》（司法部令2016年第132号）第二条",
        [("cites", "司法鉴定程序通则", "司法部令2016年第132号", [{"art": 2}])],
    ),
    (
        "item-after-a-notice",
        "《关于清理规范投资项目报建审批事项的通知》（皖政〔2017〕19号）（一）保留26项",
        [("cites", "关于清理规范投资项目报建审批事项的通知", "皖政〔2017〕19号", [{"item": 1}])],
    ),
    (
        "part-of-a-catalogue",
        "《扩大县级政府管理权限事项目录》（省政府令第161号）三、下放管理的日常管理业务事项",
        [("cites", "扩大县级政府管理权限事项目录", "省政府令第161号", [{"part": 3}])],
    ),
    (
        "organ-name-before-its-code",
        "《水利工程建设程序管理暂行规定》（水利部水建〔1998〕16号）第六条",
        [("cites", "水利工程建设程序管理暂行规定", "水建〔1998〕16号", [{"art": 6}])],
    ),
    (
        "one-character-code-keeps-its-organ",
        "人社部发〔2016〕120号",
        [("cites", None, "人社部发〔2016〕120号", [])],
    ),
    (
        "order-code-after-a-word",
        "《河道管理条例》第十一条、属国务院412号令",
        [
            ("cites", "中华人民共和国河道管理条例", None, [{"art": 11}]),
            ("cites", None, "国务院令第412号", []),
        ],
    ),
    # --- standards -----------------------------------------------------------------------
    ("national-standard", "执行GB 2762-2017", [("cites", "GB 2762-2017", None, [])]),
    ("recommended-standard-em-dash", "GB/T 19001—2016", [("cites", "GB/T 19001-2016", None, [])]),
    ("sector-standard-dotted", "依据HJ 2.2-2018", [("cites", "HJ 2.2-2018", None, [])]),
    ("sector-standard-no-year", "按照AQ 3013的规定", [("cites", "AQ 3013", None, [])]),
    ("local-standard", "《DB11/T 1234》", [("cites", "DB11/T 1234", None, [])]),
    (
        "standard-code-after-its-title",
        "《食品安全国家标准 食品中污染物限量》（GB 2762-2017）",
        [("cites", "食品安全国家标准食品中污染物限量", None, [])],
    ),
    ("not-a-standard", "PM 2.5浓度超过GDP 3倍", []),
    # --- 三定 规定 and 方案 -------------------------------------------------------------
    (
        "sanding-regulation",
        "《北京市市场监督管理局职能配置、内设机构和人员编制规定》",
        [("cites", "北京市市场监督管理局职能配置、内设机构和人员编制规定", None, [])],
    ),
    (
        "sanding-plan",
        "《国家林业和草原局职能配置、内设机构和人员编制方案》第三条",
        [("cites", "国家林业和草原局职能配置、内设机构和人员编制方案", None, [{"art": 3}])],
    ),
    # --- revision history ----------------------------------------------------------------
    (
        "revision-decision-is-a-mention",
        "《中华人民共和国森林法实施条例》（2000年1月29日国务院令第278号发布，根据2016年2月6日《国务院关于修改部分"
        "行政法规的决定》修订）第十条",
        [
            ("cites", "中华人民共和国森林法实施条例", "国务院令第278号", [{"art": 10}]),
            ("mentions", "国务院关于修改部分行政法规的决定", None, []),
        ],
    ),
    (
        "revised-instrument-is-cited",
        "根据2016年2月6日《国务院关于修改〈中华人民共和国森林法实施条例〉的决定》修订",
        [
            ("mentions", "国务院关于修改〈中华人民共和国森林法实施条例〉的决定", None, []),
            ("cites", "中华人民共和国森林法实施条例", None, []),
        ],
    ),
    (
        "revision-decision-cited-for-itself",
        "《国务院关于修改部分行政法规的决定》第三条",
        [("cites", "国务院关于修改部分行政法规的决定", None, [{"art": 3}])],
    ),
    # --- labels and issuers before titles --------------------------------------------------
    (
        "label-in-lenticular-brackets",
        "【行政法规】《宗教事务条例》第二十七条",
        [("cites", "宗教事务条例", None, [{"art": 27}])],
    ),
    ("label-with-colon", "法律：《中华人民共和国行政处罚法》第十条", [("cites", LAW, None, [{"art": 10}])]),
    (
        "numbered-label",
        "一、法律依据：《中华人民共和国行政处罚法》第十条",
        [("cites", LAW, None, [{"art": 10}])],
    ),
    # --- damaged titles ---------------------------------------------------------------------
    (
        "empty-title-keeps-its-provisions",
        "《中华人民共和国行政处罚法》第一条、《》第十条",
        [("cites", LAW, None, [{"art": 1}]), ("cites", None, None, [{"art": 10}])],
    ),
    (
        "annotation-inside-title",
        "《环境保护法〔已废止〕》第十条",
        [("cites", "中华人民共和国环境保护法", None, [{"art": 10}])],
    ),
    (
        "pinyin-glosses-on-a-mirror-page",
        "《中華人民共和國執(zhí)業(yè)醫(yī)師法》(中華人民共和國國務(wù)院令第386號)",
        [("cites", "中华人民共和国执业医师法", "国务院令第386号", [])],
    ),
    # --- provisions -----------------------------------------------------------------------
    (
        "article-suffix-with-paragraph-and-item",
        "《中华人民共和国刑法》第一百三十三条之一第一款第（二）项",
        [("cites", "中华人民共和国刑法", None, [{"art": 133, "artsfx": 1, "para": 1, "item": 2}])],
    ),
    (
        "paragraphs-after-one-article",
        "《中华人民共和国行政处罚法》第三十条第一款、第二款",
        [("cites", LAW, None, [{"art": 30, "para": 1}, {"art": 30, "para": 2}])],
    ),
    (
        "items-after-one-article",
        "《中华人民共和国行政处罚法》第二十条第（一）（三）项",
        [("cites", LAW, None, [{"art": 20, "item": 1}, {"art": 20, "item": 3}])],
    ),
    ("article-without-di", "《中华人民共和国行政处罚法》三十五条", [("cites", LAW, None, [{"art": 35}])]),
    (
        "shortened-article-list",
        "《中华人民共和国行政处罚法》第六十、六十二条",
        [("cites", LAW, None, [{"art": 60}, {"art": 62}])],
    ),
    (
        "arabic-article-list",
        "《中华人民共和国行政处罚法》第34、36条",
        [("cites", LAW, None, [{"art": 34}, {"art": 36}])],
    ),
    (
        "article-range",
        "《中华人民共和国行政处罚法》第十条至第十二条",
        [("cites", LAW, None, [{"art": 10}, {"art": 11}, {"art": 12}])],
    ),
    (
        "same-provision-cited-twice",
        "《中华人民共和国行政处罚法》第十条、第十一条、第十条",
        [("cites", LAW, None, [{"art": 10}, {"art": 11}])],
    ),
    # --- quoted law text and look-alikes -------------------------------------------------
    (
        "original-text-is-quoted",
        "《中华人民共和国行政处罚法》第十条。原文：“依照本法第八条规定处理。”",
        [("cites", LAW, None, [{"art": 10}]), ("mentions", LAW, None, [{"art": 8}])],
    ),
    ("meeting-is-no-article", "第十二届全国人民代表大会第一次会议通过", []),
    ("date-is-no-citation", "2020年5月28日第十三届全国人民代表大会第三次会议通过，2021年1月1日起施行", []),
    ("newspaper-announcement-is-no-order", "《人民日报》第2号公告", []),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in HABITS], ids=[h[0] for h in HABITS])
def test_habit(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert summary(extract(text)) == expected


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("国家发展改革委/商务部《市场准入负面清单》", "国家发展改革委、商务部"),
        (
            "财政部、税务总局和海关总署《关于实施小微企业普惠性税收减免政策的公告》",
            "财政部、税务总局、海关总署",
        ),
        ("中共中央办公厅 国务院办公厅《关于推进安全生产领域改革发展的意见》", "中共中央办公厅、国务院办公厅"),
        ("依据国务院《社会救助暂行办法》", "国务院"),
    ],
)
def test_joint_issuers_before_a_title(text: str, issuer: str) -> None:
    assert extract(text)[0].instrument.issuer == issuer


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("《中华人民共和国行政处罚法》第一条、《》第十条", "damaged_title:empty"),
        ("《最高人民法院关于适用的解释》第三条", "damaged_title:name_dropped"),
        ("依据社会保险法》第八十六条", "damaged_title:missing_open"),
        ("《社会保险法第八十六条", "damaged_title:unclosed"),
        ("《环境保护法〔已废止〕》第十条", "annotation:已废止"),
        ("《中华人民共和国行政处罚法》第十条、第十条", "repeated_provision"),
    ],
)
def test_damaged_titles_are_flagged(text: str, flag: str) -> None:
    assert flag in extract(text)[-1].notes


def test_standard_kind_and_code_note() -> None:
    (cited,) = extract("《食品安全国家标准 食品中污染物限量》（GB 2762-2017）")
    assert cited.instrument.kind == "标准"
    assert "standard:GB 2762-2017" in cited.notes
    assert extract("GB/T 19001—2016")[0].instrument.kind == "标准"

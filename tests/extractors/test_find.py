"""Every rule of the extractor (issue 3), one table row or more each, beyond the samples.

Rows are (id, text, expected) with expected = [(role, canonical title, number, [paths])].
"""

from __future__ import annotations

from typing import Any

import pytest

from extractors import extract
from extractors.tokenizers import Token, tokenize

SHEBAO = "中华人民共和国社会保险法"

RULES: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    # --- titles -----------------------------------------------------------------------
    (
        "title-book",
        "《中华人民共和国行政许可法》第十二条",
        [("cites", "中华人民共和国行政许可法", None, [{"art": 12}])],
    ),
    (
        "title-nested-book",
        "《关于印发《社会保险基金财务制度》的通知》第四章",
        [("cites", "关于印发〈社会保险基金财务制度〉的通知", None, [{"chp": 4}])],
    ),
    (
        "title-nested-angle",
        "《关于印发〈X管理办法〉的通知》（财社〔2017〕144号）",
        [("cites", "关于印发〈X管理办法〉的通知", "财社〔2017〕144号", [])],
    ),
    (
        "title-nested-ascii-angle",
        "《关于印发<X管理办法>的通知》（财社〔2017〕144号）",
        [("cites", "关于印发〈X管理办法〉的通知", "财社〔2017〕144号", [])],
    ),
    (
        "title-nested-fullwidth-angle",
        "《关于印发＜X管理办法＞的通知》（财社〔2017〕144号）",
        [("cites", "关于印发〈X管理办法〉的通知", "财社〔2017〕144号", [])],
    ),
    (
        "title-nested-html-entity",
        "《关于印发&lt;X管理办法&gt;的通知》（财社〔2017〕144号）",
        [("cites", "关于印发〈X管理办法〉的通知", "财社〔2017〕144号", [])],
    ),
    (
        "title-with-brackets-inside",
        "《甘肃省欺诈骗取医疗保障基金行为举报奖励实施办法（暂行）》（甘医保发〔2019〕35号）第二条",
        [
            (
                "cites",
                "甘肃省欺诈骗取医疗保障基金行为举报奖励实施办法（暂行）",
                "甘医保发〔2019〕35号",
                [{"art": 2}],
            )
        ],
    ),
    (
        "title-in-quotes",
        "“财政部、劳动和社会保障部关于印发《社会保险基金财务制度》的通知”（财社字[1999]60号）第四章 基金支付",
        [
            (
                "cites",
                "财政部、劳动和社会保障部关于印发〈社会保险基金财务制度〉的通知",
                "财社字〔1999〕60号",
                [{"chp": 4}],
            )
        ],
    ),
    (
        "title-in-angle-brackets",
        "＜中华人民共和国执业医师法＞第三十九条；&lt;中华人民共和国计量法实施细则&gt;第四十三条",
        [
            ("cites", "中华人民共和国执业医师法", None, [{"art": 39}]),
            ("cites", "中华人民共和国计量法实施细则", None, [{"art": 43}]),
        ],
    ),
    ("bare-name-known", "按照社会保险法第八十六条的规定处理", [("cites", SHEBAO, None, [{"art": 86}])]),
    (
        "bare-name-after-verb",
        "依据甘肃省城乡居民基本医疗保险实施办法第十二条执行",
        [("cites", "甘肃省城乡居民基本医疗保险实施办法", None, [{"art": 12}])],
    ),
    ("bare-name-not-a-word-part", "遵守社会保险法律、法规的情况", []),
    ("unclosed-title", "《社会保险法第八十六条", [("cites", SHEBAO, None, [{"art": 86}])]),
    ("missing-open", "依据社会保险法》第八十六条", [("cites", SHEBAO, None, [{"art": 86}])]),
    (
        "line-break-in-title",
        "《中华人民共和国\n社会保险法》第八十六条",
        [("cites", SHEBAO, None, [{"art": 86}])],
    ),
    ("space-in-title", "《社会 保险法》第八十六条", [("cites", SHEBAO, None, [{"art": 86}])]),
    (
        "issuer-before-title",
        "国务院《医疗保障基金使用监督管理条例》第三十八条",
        [("cites", "医疗保障基金使用监督管理条例", None, [{"art": 38}])],
    ),
    ("traditional", "《中華人民共和國社會保險法》第八十六條", [("cites", SHEBAO, None, [{"art": 86}])]),
    # --- not instruments --------------------------------------------------------------
    ("book-not-instrument", "阅读《人民日报》相关报道", []),
    (
        "list-title-with-number",
        "《国家危险废物名录（2021年版）》（生态环境部令第15号）",
        [("cites", "国家危险废物名录（2021年版）", "生态环境部令第15号", [])],
    ),
    ("form-notice", "应制作《行政处罚告知书》送达当事人", []),
    ("form-decision", "制作并送达《行政处罚决定书》", []),
    ("form-sheet", "填写《庆阳市城镇职工基本医疗保险特殊疾病鉴定表》", []),
    ("form-receipt", "打印《保险费征缴收据》", []),
    ("form-licence", "核发《食品经营许可证》", []),
    ("form-approval", "出具《建设用地批准书》", []),
    (
        "form-next-to-law",
        "依据《安全生产许可证条例》第十九条核发《安全生产许可证》",
        [("cites", "安全生产许可证条例", None, [{"art": 19}])],
    ),
    # --- short and full titles, typos, in-cell short names ------------------------------
    ("short-title", "《社会保险法》第八条", [("cites", SHEBAO, None, [{"art": 8}])]),
    ("full-title", "《中华人民共和国社会保险法》第八条", [("cites", SHEBAO, None, [{"art": 8}])]),
    ("prc-typo", "《中国人民共和国社会保险法》第八条", [("cites", SHEBAO, None, [{"art": 8}])]),
    (
        "regulation-alias",
        "《劳动合同法实施条例》第三条",
        [("cites", "中华人民共和国劳动合同法实施条例", None, [{"art": 3}])],
    ),
    (
        "in-cell-short-name",
        "依据《甘肃省药品集中采购诚信管理办法（试行）》（甘卫药发〔2014〕521号）（以下简称《诚信管理办法》）认定；依据《诚信管理办法》第五条处罚",
        [
            ("cites", "甘肃省药品集中采购诚信管理办法（试行）", "甘卫药发〔2014〕521号", []),
            ("cites", "甘肃省药品集中采购诚信管理办法（试行）", "甘卫药发〔2014〕521号", [{"art": 5}]),
        ],
    ),
    # --- document numbers ------------------------------------------------------------
    ("number-square", "《X通知》（人社部[2016]120号）", [("cites", "X通知", "人社部〔2016〕120号", [])]),
    ("number-lenticular", "《X通知》（国办发【2019】3号）", [("cites", "X通知", "国办发〔2019〕3号", [])]),
    (
        "number-round",
        "《X办法》（民发(2021)57号）第十一条",
        [("cites", "X办法", "民发〔2021〕57号", [{"art": 11}])],
    ),
    (
        "number-no-brackets",
        "《X意见（修订）》（酒政发2015 119号）第十五条",
        [("cites", "X意见（修订）", "酒政发〔2015〕119号", [{"art": 15}])],
    ),
    ("number-only", "根据国办发〔2004〕62号文件", [("cites", None, "国办发〔2004〕62号", [])]),
    (
        "order-with-di",
        "《社会救助暂行办法》（国务院令第649号）第二十七条",
        [("cites", "社会救助暂行办法", "国务院令第649号", [{"art": 27}])],
    ),
    (
        "order-without-di",
        "《社会救助暂行办法》（国务院令649号）",
        [("cites", "社会救助暂行办法", "国务院令第649号", [])],
    ),
    ("order-guoling", "《X条例》（国令第309号）", [("cites", "X条例", "国务院令第309号", [])]),
    ("order-president", "《X法》（主席令第7号）", [("cites", "X法", "主席令第7号", [])]),
    (
        "order-president-chinese",
        "《中华人民共和国价格法》（中华人民共和国主席令第九十二）第三条",
        [("cites", "中华人民共和国价格法", "主席令第92号", [{"art": 3}])],
    ),
    (
        "order-year-after",
        "《X办法》（司法部令2017年第138号）",
        [("cites", "X办法", "司法部令2017年第138号", [])],
    ),
    (
        "order-year-before",
        "《X规定》（2012年交通部令第8号）",
        [("cites", "X规定", "交通部令第8号", [])],
    ),
    (
        "announcement",
        "《X法》（人大常委会公告第30号）",
        [("cites", "X法", "人大常委会公告第30号", [])],
    ),
    (
        "order-mixed-digits",
        "《社会救助暂行办法》（国务院令第六49号）",
        [("cites", "社会救助暂行办法", "国务院令第649号", [])],
    ),
    (
        "number-impossible-year",
        "《优抚对象医疗保障办法》（民发〔20017〕101号）",
        [("cites", "优抚对象医疗保障办法", "民发〔2007〕101号", [])],
    ),
    (
        "joint-order",
        "《网络预约出租汽车经营服务管理暂行办法》（交通运输部 工业和信息化部 国家网信办令2016年第60号）第三十四条",
        [
            (
                "cites",
                "网络预约出租汽车经营服务管理暂行办法",
                "交通运输部 工业和信息化部 国家网信办令2016年第60号",
                [{"art": 34}],
            )
        ],
    ),
    # --- provisions ------------------------------------------------------------------
    ("article-chinese", "《X法》第一百二十三条", [("cites", "X法", None, [{"art": 123}])]),
    ("article-arabic", "《X法》第48条", [("cites", "X法", None, [{"art": 48}])]),
    (
        "article-suffix",
        "《刑法》第一百三十三条之一",
        [("cites", "中华人民共和国刑法", None, [{"art": 133, "artsfx": 1}])],
    ),
    ("list", "《X法》第十条、第十一条", [("cites", "X法", None, [{"art": 10}, {"art": 11}])]),
    (
        "list-units-at-end",
        "《X法》第二十八,二十九,三十条",
        [("cites", "X法", None, [{"art": 28}, {"art": 29}, {"art": 30}])],
    ),
    (
        "list-without-di",
        "《X法》第二十八条；二百零七条",
        [("cites", "X法", None, [{"art": 28}, {"art": 207}])],
    ),
    (
        "paragraph-list",
        "《X法》第十七条第一、二款",
        [("cites", "X法", None, [{"art": 17, "para": 1}, {"art": 17, "para": 2}])],
    ),
    (
        "range",
        "《X法》第十条至第十二条",
        [("cites", "X法", None, [{"art": 10}, {"art": 11}, {"art": 12}])],
    ),
    (
        "item-bracketed",
        "《X法》第十条第（二）项",
        [("cites", "X法", None, [{"art": 10, "item": 2}])],
    ),
    ("item-plain", "《X法》第十条第七项", [("cites", "X法", None, [{"art": 10, "item": 7}])]),
    (
        "part-colon",
        "《国务院关于试行社会保险基金预算的意见》（国发〔2010〕2号）四：“预算编制”",
        [("cites", "国务院关于试行社会保险基金预算的意见", "国发〔2010〕2号", [{"part": 4}])],
    ),
    (
        "part-dun",
        "《X意见》（酒政办发〔2014〕5号），二、明确监管范围",
        [("cites", "X意见", "酒政办发〔2014〕5号", [{"part": 2}])],
    ),
    (
        "part-and-item",
        "《X意见》（国办发〔2018〕80号）二、（三）；三、（六）",
        [("cites", "X意见", "国办发〔2018〕80号", [{"part": 2, "item": 3}, {"part": 3, "item": 6}])],
    ),
    (
        "part-of-law-is-no-part",
        "《X法》第八条：“内容。”二、其他",
        [("cites", "X法", None, [{"art": 8}])],
    ),
    (
        "part-numbered",
        "《X方案》（国办发〔2019〕1号）第三部分第9",
        [("cites", "X方案", "国办发〔2019〕1号", [{"part": 3, "item": 9}])],
    ),
    (
        "annex-item",
        "《X通知》（国办发〔2019〕1号）附件1第1项",
        [("cites", "X通知", "国办发〔2019〕1号", [{"annex": 1, "item": 1}])],
    ),
    (
        "annex-unnumbered",
        "《X通知》（国办发〔2019〕1号）附件第236项",
        [("cites", "X通知", "国办发〔2019〕1号", [{"annex": 0, "item": 236}])],
    ),
    (
        "item-alone",
        "《X通知》（国办发〔2019〕1号）第378项",
        [("cites", "X通知", "国办发〔2019〕1号", [{"item": 378}])],
    ),
    (
        "item-in-quote",
        "《X通知》（国办发[2004]62号）“第80项 资格审查”",
        [("cites", "X通知", "国办发〔2004〕62号", [{"item": 80}])],
    ),
    ("chapter-with-heading", "《社会保险法》第四章 基金支付", [("cites", SHEBAO, None, [{"chp": 4}])]),
    ("chapter-and-article", "《X办法》第五章第二十七条", [("cites", "X办法", None, [{"art": 27}])]),
    (
        "items-side-by-side",
        "《X法》第三十条第（一）（二）项",
        [("cites", "X法", None, [{"art": 30, "item": 1}, {"art": 30, "item": 2}])],
    ),
    (
        "bare-name-at-segment-start",
        "1、甘肃省城乡居民基本医疗保险实施办法第十二条",
        [("cites", "甘肃省城乡居民基本医疗保险实施办法", None, [{"art": 12}])],
    ),
    ("no-bare-name-from-prose", "申请人应当依法提交第三条规定的材料", []),
    # --- anaphora --------------------------------------------------------------------
    (
        "anaphor-kind-must-fit",
        "《Y条例》第二条；《X法》第八条的规定，本条例第九条",
        [
            ("cites", "Y条例", None, [{"art": 2}]),
            ("cites", "X法", None, [{"art": 8}]),
            ("cites", "Y条例", None, [{"art": 9}]),
        ],
    ),
    (
        "bare-article-follows-last",
        "《X法》第八条；《Y条例》第九条；第十条",
        [
            ("cites", "X法", None, [{"art": 8}]),
            ("cites", "Y条例", None, [{"art": 9}, {"art": 10}]),
        ],
    ),
    (
        "bare-article-after-text",
        "《X办法》（酒政发〔2016〕59号），文件第十二条。",
        [("cites", "X办法", "酒政发〔2016〕59号", [{"art": 12}])],
    ),
    ("benfa", "《X法》第八条；本法第十条", [("cites", "X法", None, [{"art": 8}, {"art": 10}])]),
    (
        "paragraph-stays-in-article",
        "《X法》第十一条第一款、第三款",
        [("cites", "X法", None, [{"art": 11, "para": 1}, {"art": 11, "para": 3}])],
    ),
    (
        "qiankuan",
        "《X法》第九十一条第二款及前款",
        [("cites", "X法", None, [{"art": 91, "para": 2}, {"art": 91, "para": 1}])],
    ),
    (
        "gaifa",
        "《X法》第十条：“依照本法第五条规定”该法第十二条",
        [
            ("cites", "X法", None, [{"art": 10}, {"art": 12}]),
            ("mentions", "X法", None, [{"art": 5}]),
        ],
    ),
    # --- quotes and mentions ---------------------------------------------------------
    (
        "mention-in-quote",
        "《社会保险费申报缴纳管理规定》第七条：“发现用人单位未如实申报的，按照社会保险法第八十六条的规定处理。”",
        [
            ("cites", "社会保险费申报缴纳管理规定", None, [{"art": 7}]),
            ("mentions", SHEBAO, None, [{"art": 86}]),
        ],
    ),
    (
        "anaphor-in-quote",
        "《社会保险费申报缴纳管理规定》第七条：“如实申报本规定第四条、第五条所列申报事项。”",
        [
            ("cites", "社会保险费申报缴纳管理规定", None, [{"art": 7}]),
            ("mentions", "社会保险费申报缴纳管理规定", None, [{"art": 4}, {"art": 5}]),
        ],
    ),
    (
        "missing-close-quote",
        "《社会保险法》第八条：“负责社会保险登记等工作。第五十七条用人单位应当申请办理社会保险登记。”；第五十八条：“用人单位应当登记。”",
        [("cites", SHEBAO, None, [{"art": 8}, {"art": 57}, {"art": 58}])],
    ),
    (
        "unquoted-article-text",
        "《医疗机构管理条例》第二条 本条例适用于医疗机构。第五条 国务院卫生行政部门负责监督管理工作。",
        [("cites", "医疗机构管理条例", None, [{"art": 2}, {"art": 5}])],
    ),
    (
        "old-law-note",
        "《中华人民共和国噪声污染防治法》第七十七条（原《中华人民共和国环境噪声污染防治法》第四十九条）",
        [
            ("cites", "中华人民共和国噪声污染防治法", None, [{"art": 77}]),
            ("mentions", "中华人民共和国环境噪声污染防治法", None, [{"art": 49}]),
        ],
    ),
    (
        "law-named-in-quote",
        "《X条例》第二十七条：“触犯刑律的，依照刑法关于非法经营罪的规定，依法追究刑事责任”",
        [("cites", "X条例", None, [{"art": 27}]), ("mentions", "中华人民共和国刑法", None, [])],
    ),
    # --- court judgments -------------------------------------------------------------
    (
        "judgment",
        "依照《中华人民共和国刑法》第二百六十四条、第五十二条、第五十三条之规定，判决如下：",
        [("cites", "中华人民共和国刑法", None, [{"art": 264}, {"art": 52}, {"art": 53}])],
    ),
    # --- amendment notes --------------------------------------------------------------
    (
        "amendment-in-brackets",
        "《医疗机构管理条例》（1994年2月26日国务院令第149号发布，根据2016年2月6日《国务院关于修改部分行政法规的决定》修订）第四十四条",
        [
            ("cites", "医疗机构管理条例", "国务院令第149号", [{"art": 44}]),
            ("mentions", "国务院关于修改部分行政法规的决定", None, []),
        ],
    ),
]


def _paths(citations: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (c.role, c.instrument.title, c.instrument.doc_number, [dict(p.path()) for p in c.provisions])
        for c in citations
    ]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in RULES], ids=[r[0] for r in RULES])
def test_rule(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _paths(extract(text)) == expected


def test_duties_column_makes_mentions() -> None:
    text = "依据《甘肃省药品集中采购诚信管理办法（试行）》（甘卫药发〔2014〕521号）认定"
    assert [c.role for c in extract(text, column="责任事项")] == ["mentions"]
    assert [c.role for c in extract(text, column="实施依据")] == ["cites"]


def test_quote_is_captured_per_provision() -> None:
    text = "《社会保险法》第七十七条：“由社会保险行政部门责令退回”；第八十八条：“处骗取金额二倍以上五倍以下的罚款。”"
    quotes = [p.quote for p in extract(text)[0].provisions]
    assert quotes == ["由社会保险行政部门责令退回", "处骗取金额二倍以上五倍以下的罚款。"]


def test_quote_without_closing_mark_ends_at_next_article() -> None:
    text = "《社会保险法》第八条：“负责社会保险登记等工作。第五十七条用人单位应当申请登记。"
    provisions = extract(text)[0].provisions
    assert provisions[0].quote == "负责社会保险登记等工作。"
    assert provisions[1].quote == "用人单位应当申请登记。"


def test_dates_and_versions_are_recorded() -> None:
    first = extract("《社会救助暂行办法》（国务院令第649号，自2014年5月1日起施行）")[0]
    assert "effective:2014-05-01" in first.notes
    second = extract("《医疗机构管理条例》（1994年2月26日，国务院令149号）")[0]
    assert second.instrument.date == "1994-02-26"
    third = extract("《社会保险法》（2018年12月修改）第七十七条")[0]
    assert third.instrument.version == "2018-12"


def test_malformed_number_keeps_raw_and_flags() -> None:
    instrument = extract("《优抚对象医疗保障办法》（民发〔20017〕101号）")[0].instrument
    assert instrument.raw_doc_number == "民发〔20017〕101号"
    assert instrument.doc_number_flags == ("impossible_year",)


def test_issuer_and_kind_are_filled() -> None:
    found = {
        c.instrument.title: c.instrument
        for c in extract(
            "《国务院办公厅关于X的意见》（国办发〔2013〕14号）；《社会保险法》第八条；"
            "《X办法》（甘政办发〔2012〕64号）；国务院《Y条例》第三条"
        )
    }
    assert (found["国务院办公厅关于X的意见"].issuer, found["国务院办公厅关于X的意见"].kind) == (
        "国务院办公厅",
        "规范性文件",
    )
    assert (found[SHEBAO].issuer, found[SHEBAO].kind) == ("全国人民代表大会常务委员会", "法律")
    assert (found["X办法"].issuer, found["X办法"].issuer_level) == ("甘肃省人民政府办公厅", "省级")
    assert (found["Y条例"].issuer, found["Y条例"].kind) == ("国务院", "行政法规")


def test_embedded_title_of_a_notice() -> None:
    instrument = extract("“财政部关于印发《社会保险基金财务制度》的通知”（财社字[1999]60号）")[0].instrument
    assert instrument.embedded_title == "社会保险基金财务制度"


def test_traditional_raw_title_is_kept() -> None:
    instrument = extract("《中華人民共和國社會保險法》")[0].instrument
    assert instrument.raw_title == "中華人民共和國社會保險法"


def test_text_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="str"):
        extract(b"bytes")  # type: ignore[arg-type]


def test_extract_takes_a_tokenizer_of_ones_own() -> None:
    """As eyecite's get_citations(tokenizer=…): a caller drops a kind of token without touching the assembler."""
    text = "按照某某新设条例第三条；《中华人民共和国行政处罚法》第八条"

    def no_bare_names(cell: str) -> list[Token]:
        return [token for token in tokenize(cell) if token.rule != "bare_name"]

    assert [c.instrument.title for c in extract(text)] == ["某某新设条例", "中华人民共和国行政处罚法"]
    assert [c.instrument.title for c in extract(text, tokenizer=no_bare_names)] == [
        "中华人民共和国行政处罚法"
    ]
    assert extract(text, document="某法", tokenizer=lambda cell: []) == []

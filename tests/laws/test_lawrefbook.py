"""The LawRefBook folder reader and the library built from it, on folders the tests write."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.laws.lawrefbook import LawRefBookFolder, kind_of_folder
from kg.laws.library import Library, library_from_instruments
from kg.laws.model import LawArticle, LawInstrument, LawVersion
from kg.laws.source import LawSource, LawSourceError
from kg.laws.text import history_dates, parse_version_text, promulgation_numbers
from tests.laws.factories import make_lawrefbook_folder, write_law


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(LawRefBookFolder(make_lawrefbook_folder(tmp_path)).instruments())


def test_folder_is_a_law_source(tmp_path: Path) -> None:
    assert isinstance(LawRefBookFolder(tmp_path), LawSource)


def test_files_of_one_title_are_versions_oldest_first(library: Library) -> None:
    law = library.get("社会保险法")
    assert law is not None
    assert law.title == "中华人民共和国社会保险法"
    assert law.short_titles == ("社会保险法",)
    assert [v.date for v in law.versions] == ["2010-10-28", "2018-12-29"]
    assert law.current.date == "2018-12-29"
    assert law.versions[0].source == "LawRefBook:社会法/社会保险法(2010-10-28).md"
    assert law.version_on("2015-01-01") is law.versions[0]
    assert law.version_on("2010-01-01") is None


def test_articles_carry_chapter_section_suffix_and_paragraphs(library: Library) -> None:
    law = library.get("中华人民共和国社会保险法")
    assert law is not None
    article = law.current.article(3, 1)
    assert article is not None
    assert (article.chapter, article.section) == (2, 1)
    assert article.paragraphs[0].startswith("用人单位应当自用工之日起三十日内")
    assert len(article.paragraphs) == 2
    items = law.current.article(4)
    assert items is not None and items.paragraphs == (
        "有下列情形之一的，依法享受基本医疗保险待遇：\n（一）参保；\n（二）缴费。",
    )
    assert law.current.article(1).chapter == 1  # type: ignore[union-attr]
    assert law.current.article(900) is None
    assert law.versions[0].article(3, 1).paragraphs[0].count("二十日")  # type: ignore[union-attr]


def test_kind_dates_issuer_and_status_from_db_and_history(library: Library) -> None:
    law = library.get("社会保险法")
    assert law is not None
    assert law.kind == "法律"
    assert law.issuer == "全国人民代表大会常务委员会"
    assert law.dates["passed"] == "2010-10-28"
    assert law.dates["amended"] == "2018-12-29"
    assert law.dates["in_force"] == "2018-12-29"
    assert law.status == "in_force"
    assert "LawRefBook" in law.status_source and "2018-12-29" in law.status_source


def test_promulgation_number_resolves_both_ways(library: Library) -> None:
    relief = library.by_number("国务院令第649号")
    assert relief is not None and relief.title == "社会救助暂行办法"
    assert relief.promulgation_number == "国务院令第649号"
    assert relief.kind == "行政法规" and relief.issuer == "国务院"
    assert library.by_number("国务院令第650号") is None


def test_number_of_an_amending_decision_is_not_the_instruments() -> None:
    history = (
        "2014年2月21日 中华人民共和国国务院令第649号公布",
        "2019年3月2日 中华人民共和国国务院令第709号《国务院关于修改部分行政法规的决定》修订",
        "1993年3月31日 中华人民共和国主席令第三十五号公布",
        "2019年4月3日 中华人民共和国国务院令第711号修订",
        "2020年12月21日 国务院第119次常务会议修订通过",
    )
    assert promulgation_numbers(history) == ("国务院令第649号", "主席令第35号", "国务院令第711号")


def test_every_order_number_of_an_instrument_finds_it() -> None:
    version = LawVersion(date="2019-04-03", source="LawRefBook:x.md", source_status="in_force")
    law = LawInstrument(
        title="中华人民共和国政府信息公开条例",
        promulgation_number="国务院令第492号",
        order_numbers=("国务院令第492号", "国务院令第711号"),
        versions=(version,),
    )
    library = library_from_instruments([law])
    assert (
        library.by_number("国务院令第711号")
        is library.by_number("国务院令第492号")
        is library.get("政府信息公开条例")
    )


def test_history_dates_read_each_event() -> None:
    dates = history_dates(
        (
            "1996年3月17日 第八届全国人民代表大会第四次会议通过",
            "2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议第一次修正",
            "2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订",
            "2021年1月22日 中华人民共和国主席令第七十号公布 自2021年7月15日起施行",
        )
    )
    assert dates == {
        "passed": "1996-03-17",
        "amended": "2021-01-22",
        "published": "2021-01-22",
        "in_force": "2021-07-15",
    }


def test_in_force_date_from_the_closing_article_when_no_db_says(tmp_path: Path) -> None:
    text = "# 示例条例\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第二条 本条例自2011年7月1日起施行。\n"
    write_law(tmp_path, "行政法规/示例条例(2010-10-28).md", text)
    (law,) = LawRefBookFolder(tmp_path).instruments()
    assert law.current.in_force_date == "2011-07-01"
    assert law.dates["in_force"] == "2011-07-01"


def test_without_db_the_folder_gives_the_kind_and_no_status_claim(tmp_path: Path) -> None:
    write_law(
        tmp_path, "行政法规/示例条例(2020-01-01).md", "# 示例条例\n\n<!-- INFO END -->\n\n第一条 甲。\n"
    )
    (law,) = LawRefBookFolder(tmp_path).instruments()
    assert law.kind == "行政法规"
    assert law.status == "unknown"
    assert kind_of_folder(Path("DLC/北京地方法规/地方性法规/北京/x.md")) == "地方性法规"
    assert kind_of_folder(Path("社会法/x.md")) == "法律"


def test_a_lone_expired_flag_does_not_make_a_law_repealed(tmp_path: Path) -> None:
    root = make_lawrefbook_folder(tmp_path, rows=[("行政法规", "社会救助暂行办法", "2019-03-02", None, 1)])
    relief = Library(LawRefBookFolder(root).instruments()).get("社会救助暂行办法")
    assert relief is not None and relief.status == "unknown"
    assert "only LawRefBook flags" in relief.status_source


def test_an_unreadable_file_is_reported_and_skipped(tmp_path: Path) -> None:
    root = make_lawrefbook_folder(tmp_path)
    (root / "社会法" / "坏文件(2020-01-01).md").write_bytes(b"\xff\xfe\x00bad")
    write_law(root, "社会法/无标题(2020-01-01).md", "第一条 甲。\n")
    folder = LawRefBookFolder(root)
    titles = {law.title for law in folder.instruments()}
    assert "中华人民共和国社会保险法" in titles
    assert sorted(path.name for path, _ in folder.skipped) == [
        "坏文件(2020-01-01).md",
        "无标题(2020-01-01).md",
    ]
    assert "UTF-8" in dict((p.name, r) for p, r in folder.skipped)["坏文件(2020-01-01).md"]


def test_a_missing_folder_names_itself(tmp_path: Path) -> None:
    with pytest.raises(LawSourceError, match="no-such"):
        list(LawRefBookFolder(tmp_path / "no-such").instruments())


def test_a_text_without_marker_and_with_book_headings() -> None:
    parsed = parse_version_text(
        "# 示例法典\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n"
        "# 第一编 总则\n## 第一章 基本规定\n第一条 甲。\n## 第二章 自然人\n### 第一节 民事权利能力\n第二条 乙。\n"
        "# 第二编 物权\n## 第一章 通则\n第三条 丙。\n第四条\n丁。\n"
    )
    assert parsed.history == ("2020年5月28日 第十三届全国人民代表大会第三次会议通过",)
    assert [(a.book, a.chapter, a.section, a.number) for a in parsed.articles] == [
        (1, 1, None, 1),
        (1, 2, 1, 2),
        (2, 1, None, 3),
        (2, 1, None, 4),
    ]
    assert parsed.articles[-1].paragraphs == ("丁。",)


def test_a_paragraph_quoting_an_article_number_is_not_a_new_article() -> None:
    parsed = parse_version_text("# 甲法\n\n第一条 甲。\n第二十条规定的期限内，乙。\n")
    assert [a.number for a in parsed.articles] == [1]
    assert parsed.articles[0].paragraphs == ("甲。", "第二十条规定的期限内，乙。")


def test_repealing_act_in_the_library_decides_repealed() -> None:
    old = LawInstrument(
        title="中华人民共和国示例暂行条例",
        kind="行政法规",
        versions=(LawVersion(date="2011-01-08", source="LawRefBook:x", source_status="in_force"),),
    )
    closing = LawArticle(
        number=20, paragraphs=("本法自2022年7月1日起施行。《中华人民共和国示例暂行条例》同时废止。",)
    )
    new = LawInstrument(
        title="中华人民共和国示例法",
        kind="法律",
        versions=(
            LawVersion(
                date="2021-06-10", articles=(closing,), source="LawRefBook:y", source_status="in_force"
            ),
        ),
        dates={"in_force": "2022-07-01"},
    )
    library = library_from_instruments([old, new])
    repealed = library.get("示例暂行条例")
    assert repealed is not None and repealed.status == "repealed"
    assert repealed.repealed_by == "中华人民共和国示例法"
    assert "2022-07-01" in repealed.status_source
    assert library.get("示例法").status == "in_force"  # type: ignore[union-attr]


def test_a_number_two_instruments_claim_resolves_to_neither() -> None:
    one = LawInstrument(title="甲条例", promulgation_number="国务院令第1号")
    two = LawInstrument(title="乙条例", promulgation_number="国务院令第1号")
    assert library_from_instruments([one, two]).by_number("国务院令第1号") is None

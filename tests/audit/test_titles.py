"""Merged titles (title_variant, alias) and in-cell short names (alias_definition)."""

from __future__ import annotations

from kg.audit.titles import alias_definitions, aliases, title_form, title_variants
from tests.audit.factories import cite, corpus, extracted_row, item

SIL = "中华人民共和国社会保险法"


def test_title_variant_one_number_two_titles() -> None:
    rows = [
        (
            item("a.txt", "6"),
            {
                "basis": [
                    cite("甘肃省欺诈骗取医疗保险基金行为举报奖励实施办法（暂行）", doc="甘医保发〔2019〕35号")
                ]
            },
        ),
        (
            item("b.txt", "6"),
            {
                "basis": [
                    cite("甘肃省欺诈骗取医疗保障基金行为举报奖励实施办法（暂行）", doc="甘医保发〔2019〕35号")
                ]
            },
        ),
    ]
    [finding] = title_variants(corpus(rows))
    assert finding.kind == "title_variant"
    assert "医疗保险基金→医疗保障基金" in finding.message
    assert finding.evidence.files == ("a.txt", "b.txt")


def test_title_variant_ignores_brackets_and_state_name() -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite("某办法(试行)", doc="甲发〔2019〕1号")]}),
        (item("b.txt", "2"), {"basis": [cite("《某办法（试行）》", doc="甲发〔2019〕1号")]}),
    ]
    assert title_variants(corpus(rows)) == []


def test_alias_short_and_full_title() -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite(SIL, arts=[77])]}),
        (item("b.txt", "1"), {"basis": [cite(SIL, raw_title="社会保险法", arts=[87])]}),
    ]
    [finding] = aliases(corpus(rows))
    assert set(finding.evidence.raw) == {"社会保险法", SIL}
    assert finding.evidence.seqs == ("1",) and finding.evidence.files == ("b.txt",)
    assert "中华人民共和国" in finding.message


def test_alias_from_alias_table_and_between_lists() -> None:
    rows = [(item("a.txt", "1"), {"basis": [cite(SIL, raw_title="社保法")]})]
    [finding] = aliases(corpus(rows))
    assert "别名表" in finding.message


def test_no_alias_when_written_in_full() -> None:
    rows = [(item("a.txt", "1"), {"basis": [cite(SIL, raw_title="《中华人民共和国社会保险法》")]})]
    assert aliases(corpus(rows)) == []


def test_alias_definition_found_in_cell() -> None:
    text = "依据《甘肃省药品集中采购诚信管理办法（试行）》（甘卫药政发〔2014〕521号）（以下简称《诚信管理办法》）文件，并依据《诚信管理办法》处罚。"
    [finding] = alias_definitions(corpus([extracted_row(item("b.txt", "13", duties=text))]))
    assert finding.evidence.raw == ("（以下简称《诚信管理办法》）",)
    assert finding.evidence.locations[0].column == "责任事项"
    assert "1处" in finding.message


def test_alias_definition_of_a_term_is_not_reported() -> None:
    text = "《甘肃省某办法》第二条：公民、法人或其他社会组织（以下简称举报人），新型农村合作医疗（以下简称“新农合”）"
    rows = [(item("a.txt", "1", basis=text), {"basis": [cite("甘肃省某办法", span=(0, 7), arts=[2])]})]
    assert alias_definitions(corpus(rows)) == []


def test_title_form() -> None:
    assert title_form("《 社会保险法 》") == "社会保险法"


def test_issuing_notice_and_the_regulation_it_issues_are_not_variants() -> None:
    rows = [
        extracted_row(
            item("a.txt", "1", basis="依据《黑龙江省城乡规划实施办法（暂行）》（黑自然资源发〔2021〕149号）")
        ),
        extracted_row(
            item(
                "a.txt",
                "2",
                basis="依据《黑龙江省自然资源局关于印发黑龙江省城乡规划实施办法（暂行）的通知》（黑自然资源发〔2021〕149号）",
            )
        ),
    ]
    assert title_variants(corpus(rows)) == []


NEW_LAW = "某某新设法"
"""A law no table knows: the graph keys it as written, with no 中华人民共和国 added."""


def test_no_alias_claimed_for_two_nodes() -> None:
    """Without a number, 中华人民共和国某某新设法 and 某某新设法 are two nodes: no "merged" finding."""
    rows = [
        (item("a.txt", "1"), {"basis": [cite("中华人民共和国" + NEW_LAW)]}),
        (item("b.txt", "1"), {"basis": [cite(NEW_LAW)]}),
    ]
    assert aliases(corpus(rows)) == []


def test_alias_for_state_name_under_one_number() -> None:
    """With one number the graph merges them, and the alias finding says why."""
    rows = [
        (item("a.txt", "1"), {"basis": [cite("中华人民共和国" + NEW_LAW, doc="甲发〔2019〕1号")]}),
        (item("b.txt", "1"), {"basis": [cite(NEW_LAW, doc="甲发〔2019〕1号")]}),
    ]
    [finding] = aliases(corpus(rows))
    assert "省略“中华人民共和国”" in finding.message
    assert title_variants(corpus(rows)) == []


def test_one_number_two_wordings_is_a_variant_not_an_alias() -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite("某省医疗保险基金办法", doc="甲发〔2019〕1号")]}),
        (item("b.txt", "1"), {"basis": [cite("某省医疗保障基金办法", doc="甲发〔2019〕1号")]}),
    ]
    assert aliases(corpus(rows)) == []
    assert [f.kind for f in title_variants(corpus(rows))] == ["title_variant"]

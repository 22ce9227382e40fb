"""Document numbers: what is malformed, how it is corrected, what conflicts."""

from __future__ import annotations

import pytest

from kg.audit.docnumbers import doc_number_conflicts, malformed_doc_numbers
from tests.audit.factories import cite, corpus, extracted_row, item


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("民发〔20017〕101号", "年份不可能"),
        ("国务院令第六49号", "汉字数字与阿拉伯数字混写"),
        ("酒政发2015 119号", "年份缺少六角括号"),
        ("中华人民共和国主席令第九十二", "缺少“号”字"),
    ],
    ids=["year-5-digits", "mixed", "no-brackets", "no-hao"],
)
def test_the_extractors_flags_are_reported(raw: str, label: str) -> None:
    text = f"《某某管理办法》（{raw}）第三条"
    [finding] = malformed_doc_numbers(corpus([extracted_row(item("a.txt", "1", basis=text))]))
    assert label in finding.message
    assert finding.evidence.raw == (raw,)


@pytest.mark.parametrize(
    "raw", ["人社部[2016]120号", "国务院令649号", "主席令第九十二号", "甘卫药政发〔2014〕521号"]
)
def test_usual_variants_are_not_malformed(raw: str) -> None:
    text = f"《某某管理办法》（{raw}）第三条"
    assert malformed_doc_numbers(corpus([extracted_row(item("a.txt", "1", basis=text))])) == []


def test_malformed_corrected_from_other_list() -> None:
    rows = [
        (
            item("a.txt", "1"),
            {
                "basis": [
                    cite(
                        "优抚对象医疗保障办法",
                        doc="民发〔20017〕101号",
                        raw_doc="民发〔20017〕101号",
                        flags=("impossible_year",),
                    )
                ]
            },
        ),
        (item("b.txt", "15"), {"basis": [cite("优抚对象医疗保障办法", doc="民发〔2007〕101号")]}),
    ]
    [finding] = malformed_doc_numbers(corpus(rows))
    assert finding.kind == "malformed_doc_number"
    assert finding.evidence.raw == ("民发〔20017〕101号",)
    assert finding.evidence.expected == "民发〔2007〕101号"
    assert finding.evidence.seqs == ("1",)
    assert "b.txt清单 序号15" in (finding.suggestion or "")


def test_malformed_falls_back_to_extractor_correction() -> None:
    rows = [
        (
            item("a.txt", "9"),
            {
                "basis": [
                    cite(
                        "中华人民共和国价格法",
                        doc="主席令第92号",
                        raw_doc="中华人民共和国主席令第九十二",
                        flags=("missing_hao",),
                    )
                ]
            },
        )
    ]
    [finding] = malformed_doc_numbers(corpus(rows))
    assert finding.evidence.expected == "主席令第92号"
    assert "号" in finding.message


def test_malformed_uses_extractor_flags() -> None:
    rows = [
        (
            item("a.txt", "1"),
            {
                "basis": [
                    cite(
                        "某办法", doc="甲发〔2015〕1号", raw_doc="甲发〔2015〕1号", flags=("impossible_year",)
                    )
                ]
            },
        )
    ]
    assert [f.kind for f in malformed_doc_numbers(corpus(rows))] == ["malformed_doc_number"]


def test_well_formed_numbers_give_no_finding() -> None:
    rows = [
        (
            item("a.txt", "1"),
            {"basis": [cite("通知甲乙丙丁", doc="人社部〔2016〕120号", raw_doc="人社部[2016]120号")]},
        ),
        (
            item("b.txt", "2"),
            {"basis": [cite("社会救助暂行办法", doc="国务院令第649号", raw_doc="国务院令649号")]},
        ),
    ]
    assert malformed_doc_numbers(corpus(rows)) == []
    assert doc_number_conflicts(corpus(rows)) == []


def test_one_title_two_numbers() -> None:
    title = "甘肃省药品集中采购诚信管理办法（试行）"
    rows = [
        (item("a.txt", "1"), {"duties": [cite(title, doc="甘卫药发〔2014〕521号", role="mentions")]}),
        (item("b.txt", "13"), {"duties": [cite(title, doc="甘卫药政发〔2014〕521号", role="mentions")]}),
    ]
    [finding] = doc_number_conflicts(corpus(rows))
    assert set(finding.evidence.raw) == {"甘卫药发〔2014〕521号", "甘卫药政发〔2014〕521号"}
    assert finding.evidence.files == ("a.txt", "b.txt")


def test_near_titles_same_year_serial_different_issuer() -> None:
    rows = [
        (
            item("a.txt", "1"),
            {
                "basis": [
                    cite(
                        "甘肃省人民政府关于进一步加强社会保险基金监督管理工作的意见", doc="甘政发〔2012〕64号"
                    )
                ]
            },
        ),
        (
            item("b.txt", "7"),
            {
                "basis": [
                    cite("甘肃省人民政府关于进一步加强社会保险基金监督管理的意见", doc="甘政办发〔2012〕64号")
                ]
            },
        ),
        (
            item("b.txt", "14"),
            {
                "basis": [
                    cite(
                        "甘肃省人民政府关于进一步加强社会保险基金监督管理工作的意见", doc="甘政发〔2012〕64号"
                    )
                ]
            },
        ),
    ]
    [finding] = doc_number_conflicts(corpus(rows))
    assert finding.evidence.seqs == ("1", "14", "7")
    assert "甘政发〔2012〕64号" in (finding.suggestion or "")  # cited twice, the other once


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            ("甘肃省人民政府关于加强社会保险工作的意见", "甘政发〔2012〕64号"),
            ("酒泉市职工生育保险实施办法", "酒政发〔2012〕64号"),
        ),
        (
            ("甘肃省人民政府关于加强社会保险工作的意见", "甘政发〔2012〕64号"),
            ("甘肃省人民政府关于加强社会保险工作的意见", "甘政发〔2012〕64号"),
        ),
        (("通知", "甲发〔2012〕1号"), ("通知", "乙发〔2013〕2号")),
    ],
    ids=["different-titles", "same-number", "generic-title"],
)
def test_no_conflict(a: tuple[str, str], b: tuple[str, str]) -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite(a[0], doc=a[1])]}),
        (item("b.txt", "2"), {"basis": [cite(b[0], doc=b[1])]}),
    ]
    assert doc_number_conflicts(corpus(rows)) == []


def test_evidence_shows_the_number_as_the_cell_writes_it() -> None:
    text = "《中华人民共和国价格法》（中华人民共和国主席令第九十二）第三条"
    citation = cite(
        "中华人民共和国价格法",
        doc="主席令第92号",
        raw_doc="主席令第九十二",
        flags=("missing_hao",),
        span=(0, len(text)),
    )
    [finding] = malformed_doc_numbers(corpus([(item("b.txt", "9", basis=text), {"basis": [citation]})]))
    assert finding.evidence.raw == ("中华人民共和国主席令第九十二",)
    assert finding.evidence.locations[0].raw == text

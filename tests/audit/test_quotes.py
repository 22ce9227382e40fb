"""Quotes that do not fit the article they are cited under."""

from __future__ import annotations

import pytest

from kg.audit.quotes import quoted_text_conflicts
from tests.audit.factories import cite, corpus, item

SIL = "中华人民共和国社会保险法"
FRAUD = (
    "社会保险经办机构以及医疗机构、药品经营单位等社会保险服务机构以欺诈、伪造证明材料或者其他手段"
    "骗取社会保险基金支出的，由社会保险行政部门责令退回骗取的社会保险金，处骗取金额二倍以上五倍以下的罚款"
)
FRAUD_EDITED = FRAUD.replace("以及", "及").replace("以欺诈", "经欺诈") + "。"
SUPERVISION = "县级以上人民政府社会保险行政部门应当加强对用人单位和个人遵守社会保险法律、法规情况的监督检查。"
ART79_P1 = (
    "社会保险行政部门对社会保险基金的收支、管理和投资运营情况进行监督检查，发现存在问题的，应当提出整改建议"
)
ART79_P2 = "社会保险行政部门对社会保险基金实施监督检查，有权采取下列措施：（一）查阅、记录、复制与社会保险基金收支相关的资料"


def test_misnumbered_quote_names_probable_article() -> None:
    rows = [
        (item("a.txt", "4160"), {"basis": [cite(SIL, arts=[(77, None, FRAUD_EDITED)])]}),
        (item("b.txt", "1"), {"basis": [cite(SIL, raw_title="社会保险法", arts=[(87, None, FRAUD)])]}),
        (item("b.txt", "8"), {"basis": [cite(SIL, arts=[(77, 1, SUPERVISION)])]}),
    ]
    [finding] = quoted_text_conflicts(corpus(rows))
    assert finding.evidence.seqs == ("4160", "8")
    assert "第八十七条" in (finding.suggestion or "")
    assert "a.txt清单 序号4160" in (finding.suggestion or "")
    assert finding.evidence.related[0].seq == "1"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((77, None, FRAUD), (77, None, FRAUD_EDITED)),
        ((77, None, FRAUD), (77, None, FRAUD[:40])),
        ((79, None, ART79_P1), (79, None, ART79_P2)),
        ((79, 1, ART79_P1), (79, 2, ART79_P2)),
    ],
    ids=["small-edits", "cut-short", "two-paragraphs-unproven", "different-paragraphs"],
)
def test_no_conflict(first: tuple, second: tuple) -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite(SIL, arts=[first])]}),
        (item("b.txt", "2"), {"basis": [cite(SIL, arts=[second])]}),
    ]
    assert quoted_text_conflicts(corpus(rows)) == []


def test_same_paragraph_different_texts_is_a_conflict() -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite(SIL, arts=[(79, 1, ART79_P1)])]}),
        (item("b.txt", "2"), {"basis": [cite(SIL, arts=[(79, 1, SUPERVISION)])]}),
    ]
    [finding] = quoted_text_conflicts(corpus(rows))
    assert finding.suggestion == "对照法条原文核对引文"


def test_no_article_is_named_when_the_twin_article_is_contested_too() -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite(SIL, arts=[(77, None, FRAUD)])]}),
        (item("b.txt", "2"), {"basis": [cite(SIL, arts=[(77, 1, SUPERVISION)])]}),
        (item("c.txt", "3"), {"basis": [cite(SIL, arts=[(87, None, FRAUD)])]}),
        (item("d.txt", "4"), {"basis": [cite(SIL, arts=[(87, None, ART79_P2)])]}),
    ]
    findings = quoted_text_conflicts(corpus(rows))
    assert findings and all("很可能应为" not in f.message for f in findings)
    assert all(f.suggestion == "对照法条原文核对引文" for f in findings)


def test_number_only_citation_is_compared_with_its_titled_instrument() -> None:
    """国务院令第649号 alone is 社会救助暂行办法 to the graph, so its quotes are compared with the titled ones."""
    rows = [
        (item("a.txt", "1"), {"basis": [cite("社会救助暂行办法", arts=[(12, 1, FRAUD)])]}),
        (item("b.txt", "2"), {"basis": [cite(None, doc="国务院令第649号", arts=[(12, 1, SUPERVISION)])]}),
    ]
    [finding] = quoted_text_conflicts(corpus(rows))
    assert finding.evidence.seqs == ("1", "2")

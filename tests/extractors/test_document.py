"""Document mode: a law's own text, read with its headings, chapters and self-references."""

from __future__ import annotations

from typing import Any

from extractors import extract
from extractors.document import Place, document_units

TITLE = "中华人民共和国示范管理法"

DOCUMENT = """# 中华人民共和国示范管理法

目  录
第一章  总  则
第二章  管  理

## 第一章  总  则

第一条 为了规范示范管理，根据宪法，制定本法。

第二条 违反本法第一条规定的，依照《中华人民共和国行政处罚法》第十条处理。

有前款规定情形的，适用本条第一款和前条的规定。

## 第二章  管  理

### 第一节  一般规定

第三条 本节规定的事项，依照本章和本法第二条第二款办理：

（一）前款规定的事项；

（二）本法第一条规定的事项。

违反前两款规定的，依照第二条处理。
"""


def _cited(text: str, **kwargs: Any) -> list[tuple[Any, ...]]:
    return [
        (c.role, c.instrument.title, [dict(p.path()) for p in c.provisions]) for c in extract(text, **kwargs)
    ]


def test_headings_are_structure_and_self_references_resolve_to_the_document() -> None:
    assert _cited(DOCUMENT, document=TITLE) == [
        ("cites", "中华人民共和国宪法", []),
        ("cites", TITLE, [{"art": 1}]),
        ("cites", "中华人民共和国行政处罚法", [{"art": 10}]),
        ("cites", TITLE, [{"art": 2, "para": 1}]),  # 前款, in the second paragraph
        ("cites", TITLE, [{"art": 2, "para": 1}, {"art": 1}]),  # 本条第一款和前条
        ("cites", TITLE, [{"chp": 2, "sec": 1}]),  # 本节
        ("cites", TITLE, [{"chp": 2}]),  # 本章
        ("cites", TITLE, [{"art": 2, "para": 2}]),
        ("cites", TITLE, [{"art": 1}]),  # in an item line; its 前款 has no paragraph before it
        ("cites", TITLE, [{"art": 3, "para": 1}]),  # 前两款, in the second paragraph
        ("cites", TITLE, [{"art": 2}]),  # a bare 第二条 in a law is the law's own
    ]


def test_the_same_text_as_a_cell_reads_headings_as_citations() -> None:
    """Without document mode the headings are taken as provisions of the last law named."""
    as_cell = _cited(DOCUMENT)
    assert any(title == "中华人民共和国宪法" and provisions for _, title, provisions in as_cell)


def test_places_follow_headings_paragraphs_and_items() -> None:
    places = [u.place for u in document_units(DOCUMENT)]
    assert Place(chapter=1, article=2, paragraph=2) in places
    item_places = [u.place for u in document_units(DOCUMENT) if DOCUMENT[u.start : u.end].startswith("（")]
    assert item_places == [Place(chapter=2, section=1, article=3, paragraph=1)] * 2
    assert Place(chapter=2, section=1, article=3, paragraph=2) in places


def test_spans_point_into_the_whole_document() -> None:
    for citation in extract(DOCUMENT, document=TITLE):
        for provision in citation.provisions:
            assert provision.span is not None
            start, end = provision.span
            assert DOCUMENT[start:end] == provision.raw


def test_a_decree_anaphor_that_does_not_fit_the_document_is_left_to_the_cell_rules() -> None:
    """本条例 in a law (a 法) is not the law itself; 本法 is."""
    text = "第五条 依照《示范条例》第三条和本条例第四条办理。"
    assert _cited(text, document=TITLE) == [("cites", "示范条例", [{"art": 3}, {"art": 4}])]


def test_civil_code_titles_ending_in_tongze_and_zongze_are_instruments() -> None:
    text = "第一千二百六十条 《中华人民共和国民法通则》、《中华人民共和国民法总则》同时废止。"
    titles = [title for _, title, _ in _cited(text, document="中华人民共和国民法典")]
    assert titles == ["中华人民共和国民法通则", "中华人民共和国民法总则"]

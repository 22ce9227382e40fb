"""Property tests: any string is handled, and every span points at the text it claims."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import annotate, extract

PIECES = [
    "《",
    "》",
    "〈",
    "〉",
    "<",
    ">",
    "＜",
    "＞",
    "&lt;",
    "&gt;",
    "“",
    "”",
    "「",
    "」",
    "（",
    "）",
    "(",
    ")",
    "〔",
    "〕",
    "[",
    "]",
    "【",
    "】",
    "第",
    "条",
    "款",
    "项",
    "章",
    "之",
    "、",
    "，",
    "；",
    "：",
    "。",
    "\n",
    " ",
    "一",
    "二",
    "十",
    "百",
    "零",
    "六",
    "4",
    "9",
    "2019",
    "号",
    "令",
    "国务院",
    "主席",
    "发",
    "国办发",
    "社会保险法",
    "中华人民共和国",
    "条例",
    "办法",
    "规定",
    "通知",
    "意见",
    "关于",
    "印发",
    "本法",
    "该法",
    "前款",
    "本条",
    "以下简称",
    "告知书",
    "至",
    "和",
    "及",
    "附件",
    "部分",
    "四：",
    "六、",
    "1、",
    "2.",
    "按照",
    "依据",
    "修订",
    "年",
    "月",
    "日",
    "施行",
    "原",
]

cells = st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=200)


def _check_spans(text: str) -> None:
    citations = extract(text)
    for citation in citations:
        start, end = citation.span
        assert 0 <= start < end <= len(text)
        covered = text[start:end]
        raw_title = citation.instrument.raw_title
        if raw_title is not None:
            assert raw_title in covered
        raw_number = citation.instrument.raw_doc_number
        if raw_number is not None:
            assert raw_number in text
        for provision in citation.provisions:
            assert provision.span is not None
            p_start, p_end = provision.span
            assert 0 <= p_start < p_end <= len(text)
            assert text[p_start:p_end] == provision.raw
    assert [c.span[0] for c in citations] == sorted(c.span[0] for c in citations)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells)
def test_any_string_is_handled_and_spans_point_at_their_text(text: str) -> None:
    _check_spans(text)


@settings(max_examples=150, deadline=None)
@given(cells)
def test_annotate_keeps_the_text(text: str) -> None:
    import regex

    marked = annotate(text, extract(text))
    assert regex.sub(r"\x1b\[[0-9;]*m", "", marked) == text

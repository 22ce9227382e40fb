"""Marking citation spans in cell text."""

from __future__ import annotations

import pytest

from kg.site.annotate import mark_spans
from kg.site.data import CitationRecord


def cit(start: int | None, end: int | None, text: str = "", role: str = "cites") -> CitationRecord:
    return CitationRecord(
        iri=f"c{start}", item="i", targets=("p",), role=role, start=start, end=end, text=text
    )


TEXT = "依据《社会保险法》第五十八条和<b>第八十六条</b>"


@pytest.mark.parametrize(
    ("cits", "marks"),
    [
        ([cit(2, 14, "《社会保险法》第五十八条")], 1),
        ([cit(2, 14, "不对的原文")], 0),
        ([cit(2, 14), cit(5, 9)], 1),
        ([cit(None, None)], 0),
        ([cit(2, 99)], 0),
        ([cit(18, 23), cit(2, 14)], 2),
    ],
    ids=["one", "text-mismatch", "overlap", "no-span", "out-of-range", "unsorted"],
)
def test_marks(cits: list[CitationRecord], marks: int) -> None:
    out = str(mark_spans(TEXT, cits, lambda c: "p.html"))
    assert out.count("<mark") == marks
    assert "<b>" not in out and "&lt;b&gt;" in out


def test_text_is_kept_whole() -> None:
    import html

    out = str(mark_spans(TEXT, [cit(2, 14), cit(18, 23)], lambda c: None))
    plain = html.unescape(out.replace('<mark class="cite cites" title="', "\0"))
    assert "第五十八条" in plain and "第八十六条" in plain
    assert "<a " not in out


def test_tooltip_is_escaped() -> None:
    out = str(mark_spans(TEXT, [cit(2, 14)], lambda c: "x.html", lambda c: '"><script>'))
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out

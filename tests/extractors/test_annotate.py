"""Marking citations in text: ANSI for terminals, escaped HTML with <a> marks."""

from __future__ import annotations

import regex

from extractors import annotate, extract


def test_html_escapes_everything_and_keeps_text() -> None:
    text = "<script>x</script>依据《劳动法》第七十条 & “本法”"
    marked = annotate(text, extract(text), html=True)
    assert "<script>" not in marked
    assert "&lt;script&gt;" in marked
    plain = regex.sub(r"<[^>]+>", "", marked)
    assert plain == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("“", "“")


def test_html_marks_title_and_provision() -> None:
    text = "依据《劳动法》第七十条"
    marked = annotate(text, extract(text), html=True)
    assert '<a class="cite cites" title="中华人民共和国劳动法"' in marked
    assert 'title="中华人民共和国劳动法 art_70"' in marked
    assert marked.count("<a ") == 2


def test_ansi_marks_and_resets() -> None:
    text = "《劳动法》第七十条"
    marked = annotate(text, extract(text))
    assert "\x1b[" in marked
    assert regex.sub(r"\x1b\[[0-9;]*m", "", marked) == text


def test_mentions_are_marked_differently() -> None:
    text = "《X规定》第七条：“按照社会保险法第八十六条处理”"
    marked = annotate(text, extract(text), html=True)
    assert 'class="cite mentions"' in marked


def test_no_citations_gives_escaped_text() -> None:
    assert annotate("a<b", [], html=True) == "a&lt;b"
    assert annotate("a<b", []) == "a<b"

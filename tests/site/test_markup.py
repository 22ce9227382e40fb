"""Escaping: no text from a list reaches a page as markup."""

from __future__ import annotations

import json

import pytest

from kg.site.markup import Markup, esc, h, join, json_script, json_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "</script><script>alert(1)</script>",
    "<!--",
    "&lt;already&gt;",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_text_child_is_escaped(text: str) -> None:
    out = str(h("td", None, text))
    assert "<" not in out[4:-5] and ">" not in out[4:-5]
    assert '"' not in out and "'" not in out


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_attribute_value_cannot_close_quote(text: str) -> None:
    out = str(h("a", {"href": "x.html", "title": text}, "t"))
    attr = out[len('<a href="x.html" title="') : out.index('">t</a>')]
    assert '"' not in attr and "<" not in attr


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_json_script_cannot_be_closed_early(text: str) -> None:
    block = str(json_script("d", {"label": text, "tip": [text]}))
    inner = block[block.index(">") + 1 : block.rindex("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"label": text, "tip": [text]}


def test_markup_passes_through_and_none_is_empty() -> None:
    assert esc(Markup("<b>x</b>")) == "<b>x</b>"
    assert esc(None) == ""
    assert str(join(["<", Markup("<i>"), ["&", None]])) == "&lt;<i>&amp;"


def test_boolean_and_missing_attributes() -> None:
    assert str(h("input", {"disabled": True, "value": None, "checked": False})) == "<input disabled>"


def test_json_text_escapes_line_separators() -> None:
    assert "\u2028" not in json_text("a\u2028b") and "\\u2028" in json_text("a\u2028b")

"""Cell text: HTML fragments become plain text with paragraph and list breaks kept.

Exports of web pages leave ``<p>``, ``<ol style=…>``, ``<br />`` and entities such as
``&lt;`` in the cells. A real HTML parser (lxml) handles them; a regex would not
handle nesting, entities or broken markup. Plain cells are returned unchanged.
"""

from __future__ import annotations

import functools
import html
from functools import cache

import regex
from lxml import html as lxml_html

__all__ = ["BIDI_CONTROLS", "cell_text", "element_text", "has_markup", "looks_like_html", "tidy_text"]

HTML_HINT = regex.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9A-Fa-f]{1,6});"
)
"""A tag like ``<p>``/``<ol style="…">``/``<br />`` or an entity like ``&lt;`` / ``&#12298;``."""

BLOCK_TAGS: frozenset[str] = frozenset(
    {"p", "div", "li", "ol", "ul", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "blockquote"}
)
"""Tags that start a new line in the text, as a browser would show them."""

CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters no list means to show; some SPARQL servers (Virtuoso) drop NUL from literals."""

BIDI_CONTROLS = regex.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embedding, override and isolate controls: invisible, and U+202E makes a
page show ``exe.txt`` for ``txt.exe``; no list means them, so ingest removes them here, once."""

TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
"""A tag (not an entity): what removing markup loses."""

SPACES = regex.compile(r"[ \t\u00a0\u3000]+")
MANY_BREAKS = regex.compile(r"\n\s*\n+")


def looks_like_html(text: str) -> bool:
    """True when the cell holds a tag or an entity, so it needs parsing."""
    return HTML_HINT.search(text) is not None


def has_markup(text: str) -> bool:
    """True when :func:`cell_text` will drop tags from the cell (ingest records a repair for it)."""
    return TAG.search(text) is not None


@cache
def _parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(remove_comments=True, remove_pis=True)


def _walk(element: lxml_html.HtmlElement, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in {"script", "style"}:
        if element.tail:
            out.append(element.tail)
        return
    if tag in BLOCK_TAGS or tag == "br":
        out.append("\n")
    if element.text and tag not in {"script", "style"}:
        out.append(element.text)
    for child in element:
        _walk(child, out)
    if tag in BLOCK_TAGS:
        out.append("\n")
    if element.tail:
        out.append(element.tail)


@functools.lru_cache(maxsize=1 << 14)
def cell_text(raw: str) -> str:
    """Plain text of a cell: tags removed, entities decoded, block breaks kept as newlines.

    Cached: lists repeat cells (one agency, one boilerplate 责任事项 on every row), and a
    hostile page repeats one cell across every column a colspan claims.

    Examples:
        >>> cell_text("<p>第一条</p> <ol style='x'><li>一</li><li>二</li></ol>")
        '第一条\\n一\\n二'
        >>> cell_text("《关于&lt;规定&gt;的通知》")
        '《关于<规定>的通知》'
        >>> cell_text("  no markup" + chr(0) + "  ")
        'no markup'
    """
    if not looks_like_html(raw):
        return _tidy(raw)
    try:
        root = lxml_html.fragment_fromstring(raw, create_parent="div", parser=_parser())
    except (ValueError, TypeError):
        return _tidy(html.unescape(raw))
    out: list[str] = []
    _walk(root, out)
    return _tidy("".join(out))


def element_text(element: lxml_html.HtmlElement) -> str:
    """Plain text of a parsed element's content (a ``<td>``), breaks kept as in :func:`cell_text`."""
    out: list[str] = []
    if element.text:
        out.append(element.text)
    for child in element:
        _walk(child, out)
    return _tidy("".join(out))


def tidy_text(text: str) -> str:
    """Plain text made tidy: control and bidi characters removed, spaces and breaks collapsed.

    Examples:
        >>> tidy_text("  甲\u202e乙  ")
        '甲乙'
    """
    return _tidy(text)


def _tidy(text: str) -> str:
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = BIDI_CONTROLS.sub("", text)
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    joined = "\n".join(lines)
    return MANY_BREAKS.sub("\n", joined).strip()

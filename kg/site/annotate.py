"""Cell text with its citations marked, from the spans recorded in the graph.

Each citation the graph holds for a cell has a character span; the span is
wrapped in a ``<mark>`` that links to the cited provision's page. Every piece of
text, inside and outside the marks, is escaped.

Examples:
    >>> from kg.site.data import CitationRecord
    >>> cit = CitationRecord("c", "i", ("p",), start=1, end=3, text="<b")
    >>> str(mark_spans("a<b>", [cit], lambda c: "x.html"))
    'a<mark class="cite cites" title="&lt;b"><a href="x.html">&lt;b</a></mark>&gt;'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.site.data import CitationRecord
from kg.site.markup import Markup, esc, h, join

__all__ = ["mark_spans"]


def mark_spans(
    text: str,
    citations: Sequence[CitationRecord],
    href: Callable[[CitationRecord], str | None],
    title: Callable[[CitationRecord], str] | None = None,
) -> Markup:
    """Escape ``text`` and mark each citation span in it.

    Spans that overlap an earlier one, fall outside the text, or do not hold the
    citation's recorded raw text are left unmarked rather than marked wrongly.

    Args:
        text: the cell text the spans index into.
        citations: citations of this cell (any order).
        href: the link of a citation (None: mark without a link).
        title: the tooltip of a mark (default: the citation's raw text).
    """
    parts: list[Markup] = []
    pos = 0
    for cit in sorted(citations, key=lambda c: (c.start or 0, -(c.end or 0))):
        if not _fits(text, cit, pos):
            continue
        assert cit.start is not None and cit.end is not None
        parts.append(esc(text[pos : cit.start]))
        span = text[cit.start : cit.end]
        url = href(cit)
        inner = h("a", {"href": url}, span) if url else esc(span)
        tip = title(cit) if title else (cit.text or span)
        parts.append(h("mark", {"class": f"cite {cit.role}", "title": tip}, inner))
        pos = cit.end
    parts.append(esc(text[pos:]))
    return join(parts)


def _fits(text: str, cit: CitationRecord, pos: int) -> bool:
    if cit.start is None or cit.end is None:
        return False
    if not pos <= cit.start < cit.end <= len(text):
        return False
    return not cit.text or text[cit.start : cit.end] == cit.text

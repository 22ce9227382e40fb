"""Mark citations in the text they were found in, as eyecite's ``annotate`` does.

Three outputs: ANSI colours for a terminal (titles and numbers in one colour, provisions in
another, mentions dimmed), plain ⟦brackets⟧ for files, pipes and ``NO_COLOR``, and HTML,
where the whole text is escaped and each marked piece becomes an ``<a>`` with a title
(and a link when the caller gives one). The caller may name the pieces (``label``) and
link them (``href``); by default the label is the canonical title and provision path.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Callable

from extractors.models import Citation

__all__ = ["PLAIN_MARKS", "Labeller", "annotate", "marks"]

Labeller = Callable[[Citation, "int | None"], "str | None"]
"""(citation, provision index or None for the head) → a title or link for that piece."""

PLAIN_MARKS = ("⟦", "⟧")
"""Around each marked piece when there is no colour (not brackets a list would write)."""

_ANSI = {"head": "\x1b[1;36m", "prov": "\x1b[1;33m", "mention": "\x1b[2;35m", "reset": "\x1b[0m"}

Mark = tuple[int, int, str, Citation, int | None]
"""(start, end, kind, citation, provision index): one marked piece of text."""


def marks(citations: list[Citation]) -> list[Mark]:
    """The non-overlapping pieces to mark: each citation's head and each provision.

    The head runs from the citation start to its first provision (title, number and
    brackets); overlapping pieces (a mention inside a quoted article) keep the first.
    """
    pieces: list[Mark] = []
    for citation in citations:
        starts = [p.span[0] for p in citation.provisions if p.span]
        head_end = min([citation.span[1], *[s for s in starts if s > citation.span[0]]])
        kind = "head" if citation.role == "cites" else "mention"
        pieces.append((citation.span[0], head_end, kind, citation, None))
        for index, prov in enumerate(citation.provisions):
            if prov.span and prov.span[0] >= head_end:
                pieces.append(
                    (prov.span[0], prov.span[1], "prov" if kind == "head" else kind, citation, index)
                )
    pieces.sort(key=lambda m: (m[0], -m[1]))
    kept: list[Mark] = []
    for piece in pieces:
        if piece[0] < piece[1] and (not kept or piece[0] >= kept[-1][1]):
            kept.append(piece)
    return kept


def _label(citation: Citation, index: int | None) -> str:
    label = citation.instrument.title or citation.instrument.doc_number or ""
    if citation.instrument.doc_number and citation.instrument.title:
        label += f"（{citation.instrument.doc_number}）"
    if index is not None:
        path = "/".join(f"{name}_{value}" for name, value in citation.provisions[index].path())
        label += f" {path}"
    return label


def annotate(
    text: str,
    citations: list[Citation],
    *,
    html: bool = False,
    colour: bool = True,
    label: Labeller | None = None,
    href: Labeller | None = None,
) -> str:
    """Return ``text`` with every citation marked.

    Args:
        text: the text the citations were extracted from.
        citations: output of :func:`extractors.extract` for ``text``.
        html: ``True`` for escaped HTML with ``<a>`` marks.
        colour: without ``html``: ANSI colours (``True``) or :data:`PLAIN_MARKS` (``False``).
        label: the title of each piece (default: canonical title and provision path).
        href: the link of each piece in HTML (default: none).

    Returns:
        The marked text; with ``html=True`` every character of ``text`` is escaped.

    Examples:
        >>> from extractors import extract
        >>> annotate("见<《劳动法》>", extract("见<《劳动法》>"), html=True)
        '见&lt;<a class="cite cites" title="中华人民共和国劳动法" data-role="cites">《劳动法》</a>&gt;'
        >>> annotate("见《劳动法》", extract("见《劳动法》"), colour=False)
        '见⟦《劳动法》⟧'
    """
    out: list[str] = []
    pos = 0
    escape = html_lib.escape if html else (lambda s: s)
    for start, end, kind, citation, index in marks(citations):
        out.append(escape(text[pos:start]))
        piece = text[start:end]
        if html:
            title = html_lib.escape((label or _label)(citation, index) or "", quote=True)
            link = href(citation, index) if href else None
            attr = f' href="{html_lib.escape(link, quote=True)}"' if link else ""
            out.append(
                f'<a class="cite {citation.role}"{attr} title="{title}" data-role="{citation.role}">'
                f"{html_lib.escape(piece)}</a>"
            )
        elif colour:
            out.append(f"{_ANSI[kind]}{piece}{_ANSI['reset']}")
        else:
            out.append(f"{PLAIN_MARKS[0]}{piece}{PLAIN_MARKS[1]}")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)

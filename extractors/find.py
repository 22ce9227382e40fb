"""The public entry point: :func:`extract` = tokenize → assemble (→ column role rule)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from extractors.assemble import assemble
from extractors.document import document_units, shift
from extractors.models import Citation
from extractors.tokenizers import tokenize

if TYPE_CHECKING:
    from extractors.protocols import Tokenizer

__all__ = ["PASSING_COLUMNS", "extract"]

PASSING_COLUMNS: frozenset[str] = frozenset({"责任事项", "duties"})
"""Columns that describe how a duty is carried out: an instrument named there is named in
passing (``mentions``); what the power rests on is in 实施依据 and 追责情形."""


def extract(
    text: str,
    *,
    column: str | None = None,
    document: str | None = None,
    tokenizer: Tokenizer = tokenize,
) -> list[Citation]:
    """Find every citation in ``text``, in text order.

    Args:
        text: one cell (plain text; HTML already converted by ingest), or with ``document``
            the whole text of one instrument or judgment.
        column: the column the cell comes from (实施依据, 责任事项, 追责情形 or the
            record field name); in 责任事项 every citation is a ``mentions``.
        document: the title of the document ``text`` is (中华人民共和国民法典): its article
            headings, chapter names and table of contents are then structure, not
            citations, and 本法, 本编, 本章, 本节, 本条, 前款 and bare 第N条 resolve to it
            and its parts (see :mod:`extractors.document`).
        tokenizer: what finds the tokens the citations are assembled from (default
            :func:`extractors.tokenizers.tokenize`); one of your own may wrap it to add or
            drop tokens (see :class:`extractors.protocols.Tokenizer`).

    Returns:
        Citations with spans into ``text``; role ``cites`` or ``mentions``.

    Examples:
        >>> [c.instrument.title for c in extract("按照《社会保险法》第八十六条")]
        ['中华人民共和国社会保险法']
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str text, got {type(text).__name__}")
    if document is None:
        citations = assemble(text, tokenizer(text))
    else:
        citations = _extract_document(text, document, tokenizer)
    if column in PASSING_COLUMNS:
        citations = [replace(c, role="mentions") for c in citations]
    return citations


def _extract_document(text: str, title: str, tokenizer: Tokenizer) -> list[Citation]:
    """Every paragraph of a document resolved with its place, spans moved into ``text``."""
    citations: list[Citation] = []
    for unit in document_units(text):
        body = text[unit.start : unit.end]
        found = assemble(body, tokenizer(body), (title, unit.place))
        citations.extend(shift(c, unit.start) for c in found)
    return citations

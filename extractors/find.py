"""The public entry point: :func:`extract` = tokenize → resolve (→ column role rule)."""

from __future__ import annotations

from dataclasses import replace

from extractors.models import Citation
from extractors.resolve import resolve
from extractors.tokenizers import tokenize

__all__ = ["PASSING_COLUMNS", "extract"]

PASSING_COLUMNS: frozenset[str] = frozenset({"责任事项", "duties"})
"""Columns that describe how a duty is carried out: an instrument named there is named in
passing (``mentions``); what the power rests on is in 实施依据 and 追责情形."""


def extract(text: str, *, column: str | None = None) -> list[Citation]:
    """Find every citation in ``text``, in text order.

    Args:
        text: one cell (plain text; HTML already converted by ingest).
        column: the column the cell comes from (实施依据, 责任事项, 追责情形 or the
            record field name); in 责任事项 every citation is a ``mentions``.

    Returns:
        Citations with spans into ``text``; role ``cites`` or ``mentions``.

    Examples:
        >>> [c.instrument.title for c in extract("按照《社会保险法》第八十六条")]
        ['中华人民共和国社会保险法']
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str text, got {type(text).__name__}")
    citations = resolve(text, tokenize(text))
    if column in PASSING_COLUMNS:
        citations = [replace(c, role="mentions") for c in citations]
    return citations

"""Shared helpers for the extractor tests: a compact view of citations to compare against."""

from __future__ import annotations

from typing import Any

import pytest

from extractors import extract
from extractors.models import Citation


def summary(citations: list[Citation]) -> list[tuple[Any, ...]]:
    """(role, canonical title, document number, provision paths) per citation."""
    return [
        (
            c.role,
            c.instrument.title,
            c.instrument.doc_number,
            [dict(p.path()) for p in c.provisions],
        )
        for c in citations
    ]


@pytest.fixture
def cite():
    """Extract and summarise in one call."""

    def run(text: str, **kwargs: Any) -> list[tuple[Any, ...]]:
        return summary(extract(text, **kwargs))

    return run

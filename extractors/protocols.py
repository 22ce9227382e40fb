"""What the rest of the project may call an extractor: the shape of :func:`extractors.extract`.

A protocol rather than the function itself, so the graph build, ``kg trace``, the
audit and the site search can be run with a stand-in in tests (as refex declares
its ``protocols.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from extractors.models import Citation

__all__ = ["Extractor", "default_extractor"]


class Extractor(Protocol):
    """Text in, citations out: :func:`extractors.extract`, or a stand-in in tests.

    ``column`` is the record field the text comes from (``basis``, ``duties``,
    ``accountability``): in 责任事项 every reference is a mention, not a basis.
    """

    def __call__(self, text: str, *, column: str | None = None) -> Sequence[Citation]: ...


def default_extractor() -> Extractor:
    """The project's extractor, :func:`extractors.extract`."""
    from extractors.find import extract

    return extract

"""What the rest of the project may call an extractor: the shape of :func:`extractors.extract`.

A protocol rather than the function itself, so the graph build, ``kg trace``, the
audit and the site search can be run with a stand-in in tests (as refex declares
its ``protocols.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from extractors.models import Citation

if TYPE_CHECKING:
    from extractors.tokenizers import Token

__all__ = ["Extractor", "Tokenizer", "default_extractor"]


class Extractor(Protocol):
    """Text in, citations out: :func:`extractors.extract`, or a stand-in in tests.

    ``column`` is the record field the text comes from (``basis``, ``duties``,
    ``accountability``): in 责任事项 every reference is a mention, not a basis.
    """

    def __call__(self, text: str, *, column: str | None = None) -> Sequence[Citation]: ...


class Tokenizer(Protocol):
    """Text in, tokens out, in text order and without overlaps: :func:`extractors.tokenizers.tokenize`.

    :func:`extractors.extract` takes one (``tokenizer=``), as eyecite's ``get_citations``
    does, so a caller can add or drop a kind of token (a scanner of its own, no bare
    names) without touching the assembler.
    """

    def __call__(self, text: str) -> list[Token]: ...


def default_extractor() -> Extractor:
    """The project's extractor, :func:`extractors.extract`."""
    from extractors.find import extract

    return extract

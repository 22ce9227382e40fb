"""The one error every store raises, apart so that catching it loads no backend (nor rdflib)."""

from __future__ import annotations

__all__ = ["StoreError"]


class StoreError(RuntimeError):
    """A store could not be opened, written or queried; the message says which and why."""

"""Store backends behind one interface (:class:`Store`), opened by name.

Examples:
    >>> from kg.store import open_store
    >>> store = open_store("memory", db=None)  # doctest: +SKIP
"""

from kg.store.base import Quad, Row, Store, StoreError
from kg.store.registry import DEFAULT_DB, DEFAULT_STORE, get, names, open_store, register

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_STORE",
    "Quad",
    "Row",
    "Store",
    "StoreError",
    "get",
    "names",
    "open_store",
    "register",
]

"""Store backends by name, imported only when first used (as rdflib's ``plugin.register``).

``kg build --store sparql`` must not import HTTP code for a user of the embedded
store, and a new backend is one :func:`register` call (or one line below).

Examples:
    >>> names()
    ['memory', 'oxigraph', 'sparql']
    >>> get("memory").__name__
    'MemoryStore'
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from kg.store.errors import StoreError

if TYPE_CHECKING:
    from kg.store.base import Store

__all__ = ["DEFAULT_DB", "DEFAULT_STORE", "get", "names", "open_store", "register", "store_exists"]

DEFAULT_STORE = "oxigraph"
"""The backend every command uses unless told otherwise."""

DEFAULT_DB = Path("kg-data")
"""Where the embedded store lives unless told otherwise (relative to the working directory)."""

_REGISTRY: dict[str, str] = {
    "oxigraph": "kg.store.oxigraph:OxigraphStore",
    "memory": "kg.store.memory:MemoryStore",
    "sparql": "kg.store.sparql:SparqlStore",
}


def register(name: str, target: str) -> None:
    """Register (or replace) a backend: ``target`` is ``"package.module:Class"``."""
    if ":" not in target:
        raise ValueError(f"store target must look like 'package.module:Class', got {target!r}")
    _REGISTRY[name] = target


def names() -> list[str]:
    """The registered backend names, sorted."""
    return sorted(_REGISTRY)


def get(name: str) -> type[Store]:
    """The backend class registered as ``name`` (imported now if not yet).

    Raises:
        StoreError: for an unknown name (listing the known ones) or a backend
            that cannot be imported.
    """
    if name not in _REGISTRY:
        raise StoreError(f"unknown store {name!r}; choose one of {', '.join(names())}")
    module_name, _, class_name = _REGISTRY[name].partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as error:
        raise StoreError(f"store {name!r} ({_REGISTRY[name]}) cannot be loaded: {error}") from error
    return cls


def store_exists(name: str, db: Path | None = None) -> bool:
    """Whether opening ``name`` at ``db`` finds a store already there (not one made on opening).

    Only an embedded store on disk can be missing; a server's store, or one without a
    default place, counts as there. ``kg build`` opens an existing store before it plans
    (to read the store's manifest) and creates a missing one only once there is work.

    Raises:
        StoreError: for an unknown name.
    """
    cls = get(name)
    if not cls.persistent or cls.default_db is None:
        return True
    return (db or cls.default_db).exists()


def open_store(
    name: str = DEFAULT_STORE,
    *,
    db: Path | None = None,
    endpoint: str | None = None,
    read_only: bool = False,
) -> Store:
    """Open a backend from the command-line options every graph command shares.

    Args:
        name: the backend (``oxigraph``, ``memory``, ``sparql`` …).
        db: directory or file of an embedded backend (default: the backend's
            ``default_db``, ``./kg-data`` for oxigraph).
        endpoint: URL of a SPARQL endpoint (the ``sparql`` backend).
        read_only: open for reading only (queries, exports).

    Raises:
        StoreError: when the backend is unknown or cannot be opened.
    """
    cls = get(name)
    if db is None:
        db = cls.default_db
    return cls.from_options(db=db, endpoint=endpoint, read_only=read_only)

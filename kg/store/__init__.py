"""Store backends behind one interface (:class:`Store`), opened by name.

Attributes are imported on first use (:mod:`kg.lazy`): the command line reads
:data:`DEFAULT_STORE` and :func:`names` for its help without loading rdflib.

Examples:
    >>> from kg.store import open_store
    >>> store = open_store("memory", db=None)  # doctest: +SKIP
"""

from kg.lazy import lazy_attributes

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

__getattr__ = lazy_attributes(
    __name__,
    {
        **dict.fromkeys(("Quad", "Row", "Store"), "base"),
        "StoreError": "errors",
        **dict.fromkeys(
            ("DEFAULT_DB", "DEFAULT_STORE", "get", "names", "open_store", "register"), "registry"
        ),
    },
)

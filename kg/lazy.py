"""Package attributes imported on first use, so a light import stays light.

``kg --help`` needs a store's name and a default or two, not rdflib; ``kg trace``
needs the store, not the spreadsheet readers. A package whose ``__init__`` imports
its sub-modules eagerly makes every importer pay for all of them. With
:func:`lazy_attributes` the package names what it offers and where it lives (PEP 562
module ``__getattr__``), and each sub-module is imported when an attribute of it is
first asked for — ``from kg.store import StoreError`` works as before.

Examples:
    >>> getattr_ = lazy_attributes("kg", {"atomic_write": "atomic"})
    >>> getattr_("atomic_write").__name__
    'atomic_write'
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'kg' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_attributes"]


def lazy_attributes(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``exports[name]`` on first use.

    Args:
        package: the package's ``__name__``.
        exports: attribute name → sub-module (relative to ``package``) that defines it.

    Returns:
        The function to assign to the package's ``__getattr__``; it caches each value
        in the package, so later look-ups are plain attribute reads.
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 — the name PEP 562 looks for
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

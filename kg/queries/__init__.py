"""The canned SPARQL queries (``*.rq`` beside this file), run with bound values.

User input never becomes query text: values go in as rdflib terms through
:meth:`kg.store.Store.query`'s ``bindings``. A query declares the variables it
takes in a ``# bind: ?name`` comment line; they are in its projection, so every
backend substitutes them the same way.

Examples:
    >>> "powers_on_provision" in names()
    True
    >>> "?target" in load_query("powers_on_provision")
    True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import regex
from rdflib.term import Identifier

from kg.store.base import Row, Store

__all__ = ["load_query", "names", "parameters", "run_query"]

_BIND = regex.compile(r"^#\s*bind:\s*(?P<vars>(?:\?\w+\s*)+)", regex.MULTILINE)


def names() -> list[str]:
    """The canned queries, by file name without ``.rq``, sorted."""
    folder = resources.files("kg.queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))


@cache
def load_query(name: str) -> str:
    """The text of canned query ``name``.

    Raises:
        KeyError: for an unknown name, listing the known ones.
    """
    if name not in names():
        raise KeyError(f"no canned query {name!r}; known: {', '.join(names())}")
    return resources.files("kg.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")


def parameters(name: str) -> tuple[str, ...]:
    """The variables canned query ``name`` takes (its ``# bind:`` lines), without ``?``.

    Examples:
        >>> parameters("powers_on_provision")
        ('target',)
    """
    found = [v.lstrip("?") for m in _BIND.finditer(load_query(name)) for v in m["vars"].split()]
    return tuple(found)


def run_query(store: Store, name: str, **bindings: Identifier) -> list[Row]:
    """Run canned query ``name`` on ``store`` with ``bindings`` as values.

    Args:
        store: any backend.
        name: a canned query (see :func:`names`).
        **bindings: variable name (without ``?``) → rdflib term.

    Raises:
        TypeError: when a binding is not an rdflib term (a str would be ambiguous:
            IRI or literal?).
        KeyError: when the query takes no such variable.
    """
    unknown = sorted(set(bindings) - set(parameters(name)))
    if unknown:
        raise KeyError(f"query {name!r} takes {list(parameters(name))}, not {unknown}")
    for key, value in bindings.items():
        if not isinstance(value, Identifier):
            raise TypeError(f"binding {key}={value!r} must be an rdflib term (URIRef, Literal)")
    return store.query(load_query(name), bindings)

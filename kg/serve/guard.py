"""Check a client's query before any parser sees it: size, nesting, length, ``SERVICE``.

Oxigraph's parser and evaluator recurse once per bracket and once per operator
of a chain, on the calling thread's stack: ``SELECT * WHERE {{{…}}}`` 2,200 deep,
``FILTER(((…)))`` 4,800 deep or a property path of 1,100 steps overflow an
8 MB stack and take the whole process down (a segfault, not an exception). No
hand-written query comes near these, so :func:`check_query` refuses a query
nested deeper than :data:`MAX_DEPTH` brackets, longer than :data:`MAX_TOKENS`
tokens or :data:`MAX_CHARS` characters, counting with the tokenizer of
:mod:`kg.store.sparql_syntax` (a bracket inside a string, an IRI or a comment is
not syntax). Within those bounds the longest chain needs far less than the
stack :func:`run_on_deep_stack` gives the query, so the bounds are a margin, not
a guess.

``SERVICE`` makes the endpoint send HTTP requests wherever the query says,
loopback included; it is refused unless its IRI is one the operator listed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from typing import TypeVar

from kg.store.sparql_syntax import tokens

__all__ = [
    "MAX_CHARS",
    "MAX_DEPTH",
    "MAX_TOKENS",
    "QUERY_STACK_BYTES",
    "QueryGuardError",
    "check_query",
    "run_on_deep_stack",
    "start_on_deep_stack",
]

MAX_CHARS = 128 * 1024
"""Longest query text taken (characters): pages of SPARQL, far below what could harm."""
MAX_DEPTH = 64
"""Deepest nesting of ``{`` ``(`` ``[`` taken; real queries stay under ten."""
MAX_TOKENS = 10_000
"""Most tokens (words, variables, IRIs, literals, operators) taken in one query."""
QUERY_STACK_BYTES = 256 * 1024 * 1024
"""Stack of the thread that parses and runs a query; reserved address space, touched only as used.

A chain of :data:`MAX_TOKENS` tokens (the worst kind, a property path of 5,000
steps) needs about 40 MB; 256 MB leaves a wide margin on every platform.
"""

T = TypeVar("T")


class QueryGuardError(ValueError):
    """A query refused before parsing; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def check_query(text: str, *, allow_service: Collection[str] | None = ()) -> None:
    """Refuse ``text`` if it is too long, too deeply nested, or calls a ``SERVICE`` not allowed.

    Args:
        text: the query as it will be parsed (prefixes included).
        allow_service: endpoint IRIs a ``SERVICE`` may name; empty refuses every
            ``SERVICE``, None allows any (for a user's own command line).

    Raises:
        QueryGuardError: saying which bound the query passed.

    Examples:
        >>> check_query("SELECT * WHERE { ?s ?p '{{{{' }")
        >>> check_query("SELECT * WHERE " + "{" * 100 + "}" * 100)
        Traceback (most recent call last):
        ...
        kg.serve.guard.QueryGuardError: the query nests brackets 100 deep; at most 64 are taken
    """
    if len(text) > MAX_CHARS:
        raise QueryGuardError(f"the query has {len(text)} characters; at most {MAX_CHARS} are taken", 413)
    count = 0
    deepest = 0
    expect_service_iri = False
    for token in tokens(text):
        count += 1
        if count > MAX_TOKENS:
            raise QueryGuardError(f"the query has more than {MAX_TOKENS} tokens; split it up", 413)
        if token.kind == "open" and token.depth + 1 > deepest:
            deepest = token.depth + 1
            if deepest > MAX_DEPTH:
                depth = _deepest(text)
                raise QueryGuardError(f"the query nests brackets {depth} deep; at most {MAX_DEPTH} are taken")
        if expect_service_iri:
            if token.kind == "word" and token.text.upper() == "SILENT":
                continue
            expect_service_iri = False
            _check_service(token.text if token.kind == "iri" else None, token.text, allow_service)
        elif token.kind == "word" and token.text.upper() == "SERVICE" and allow_service is not None:
            expect_service_iri = True
    if expect_service_iri:
        _check_service(None, "nothing", allow_service)


def _deepest(text: str) -> int:
    return max((t.depth + 1 for t in tokens(text) if t.kind == "open"), default=0)


def _check_service(iri: str | None, found: str, allowed: Collection[str] | None) -> None:
    if allowed is None:
        return
    endpoint = iri[1:-1] if iri is not None else None
    if endpoint is not None and endpoint in allowed:
        return
    if not allowed:
        raise QueryGuardError(
            "SERVICE is refused: this endpoint does not query other endpoints "
            "(the operator can allow some with --allow-service URL)"
        )
    raise QueryGuardError(
        f"SERVICE {found[:80]} is refused: allowed endpoints are {', '.join(sorted(allowed))}"
    )


def start_on_deep_stack(target: Callable[[], None]) -> threading.Thread:
    """Start ``target`` on a daemon thread with a :data:`QUERY_STACK_BYTES` stack.

    Parsing and evaluation recurse on the calling thread's stack; the main
    thread's 8 MB would hold a tenth of what :func:`check_query` lets through.
    """
    with _STACK_LOCK:  # stack_size is process-wide: set, start, restore
        previous = threading.stack_size(QUERY_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="kg-query", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    return thread


def run_on_deep_stack(work: Callable[[], T]) -> T:
    """Run ``work`` on a deep-stack thread (:func:`start_on_deep_stack`) and return its result.

    Exceptions raised by ``work`` are raised here. Everything that touches the
    store's results belongs inside ``work``: Oxigraph binds them to their thread.
    """
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the caller as it is
            outcome["error"] = error

    start_on_deep_stack(target).join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


_STACK_LOCK = threading.Lock()

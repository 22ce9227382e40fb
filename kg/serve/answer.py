"""A query's answer and the ways a query can fail, apart from how queries are run.

:mod:`kg.serve.engine` decides where a query runs (threads or worker processes,
:mod:`kg.serve.pool`); the workers (:mod:`kg.serve.worker`) answer with
:func:`answer_query`. Both need these names, so they live here, below both: the
engine → pool → worker chain never has to import back up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import regex

from kg.store.base import Row, Store, StoreError, Triple
from kg.store.sparql_syntax import projection

__all__ = [
    "Answer",
    "QueryBusyError",
    "QueryCrashError",
    "QueryError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "answer_query",
    "client_message",
]


class QueryError(Exception):
    """A query the server will not answer; ``status`` is the HTTP status to send."""

    status = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class QueryRefusedError(QueryError):
    """An update: this endpoint is read-only."""

    status = 403


class QueryTimeoutError(QueryError):
    """The query ran longer than the server's limit (and was stopped)."""

    status = 503


class QueryBusyError(QueryError):
    """No worker became free within the queue wait, or the store is being rebuilt."""

    status = 503


class QueryCrashError(QueryError):
    """The query engine died on the query (its worker is replaced)."""

    status = 500


@dataclass(frozen=True)
class Answer:
    """A query's answer: variables and rows for SELECT, ``ask`` for ASK, ``triples`` for CONSTRUCT/DESCRIBE."""

    variables: list[str]
    rows: list[Row]
    ask: bool | None = None
    truncated: bool = False
    triples: list[Triple] | None = field(default=None)


def answer_query(store: Store, sparql: str, limit: int) -> Answer:
    """Evaluate ``sparql`` on ``store``, reading at most ``limit`` + 1 rows or triples.

    Raises:
        QueryError: for syntax errors and failures of the store (a failed
            ``SERVICE`` call included).
    """
    try:
        evaluation = store.evaluate(sparql)
        if evaluation.ask is not None:
            return Answer([], [], ask=evaluation.ask)
        if evaluation.triples is not None:
            triples = list(islice(evaluation.triples, limit + 1))
            return Answer([], [], triples=triples[:limit], truncated=len(triples) > limit)
        rows = list(islice(evaluation.rows or iter(()), limit + 1))
    except StoreError as error:
        raise QueryError(str(error)) from error
    except (OSError, RuntimeError, ValueError, SyntaxError) as error:  # raised while reading results
        raise QueryError(f"the query failed: {error}") from error
    variables = evaluation.variables or projection(sparql) or []
    return Answer(variables, rows[:limit], truncated=len(rows) > limit)


# "error at 1:506: expected one of …" (Oxigraph; the column counts UTF-8 bytes)
_POSITION = regex.compile(r"\berror at (\d+):(\d+)(?::\s*(.*))?", regex.DOTALL)
_MAX_EXPECTED = 6


def client_message(message: str, prefixes: str, text: str) -> str:
    """A syntax error positioned in the client's own text, with a short list of what was expected.

    The server prepends ``prefixes`` (one line, no line break) to ``text``, so
    only columns on the first line move. The parser's full grammar alternatives
    are cut to a few.

    Examples:
        >>> client_message("SPARQL syntax error: error at 1:14: expected one of BIND, [_]", "PREFIX x: <y> ", "SELECT * { ?s }")
        "syntax error at 1:1 (near 'SELECT * { ?s }'): expected one of BIND, [_]"
    """
    found = _POSITION.search(message)
    if found is None:
        return message
    line, column = int(found[1]), int(found[2])
    lines = text.split("\n")
    offset = len(prefixes.encode("utf-8")) if line == 1 else 0
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    byte_column = max(column - 1 - offset, 0)
    char_column = len(line_text.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore")) + 1
    near = line_text[char_column - 1 : char_column + 19]
    expected = (found[3] or "").strip()
    if expected.startswith("expected one of "):
        choices = expected.removeprefix("expected one of ").split(", ")
        more = len(choices) - _MAX_EXPECTED
        expected = (
            "expected one of " + ", ".join(choices[:_MAX_EXPECTED]) + (f" (+{more} more)" if more > 0 else "")
        )
    where = f"syntax error at {line}:{char_column}"
    near_text = f" (near {near!r})" if near.strip() else " (at the end of the line)"
    return where + near_text + (f": {expected}" if expected else "")

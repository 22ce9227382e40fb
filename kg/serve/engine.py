"""Run one client query read-only, within a time limit and a row limit.

The endpoint and the query page share this, so both refuse the same things for
the same reasons: updates (this server never writes, whatever the client sends
and however it sends it), queries the guard refuses before parsing (too long,
too deeply nested, ``SERVICE`` to an endpoint not allowed), queries that run
too long, and more rows than a browser or a client should take at once.

Where the runner is given a way to open the store (``opener``), each query runs
in a worker process (:mod:`kg.serve.pool`): a query past the timeout is stopped
by killing its worker, which gives its memory back and is replaced; a query that
crashes the engine takes down a worker, not the server. Given a store object
instead, queries run on threads of this process and a timed-out query finishes
in the background (the way to serve an in-memory store from a notebook).

A client that finds every worker busy waits up to ``queue_wait`` seconds for one
before it is told the server is busy.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import islice

import regex

from kg.prefixes import prologue
from kg.serve.guard import QueryGuardError, check_query
from kg.serve.limits import DEFAULT_LIMIT, DEFAULT_QUEUE_WAIT, DEFAULT_TIMEOUT, DEFAULT_WORKERS
from kg.store.base import Row, Store, StoreError, Triple
from kg.store.sparql_syntax import SparqlSyntaxError, projection, query_form

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_QUEUE_WAIT",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WORKERS",
    "Answer",
    "QueryBusyError",
    "QueryCrashError",
    "QueryError",
    "QueryRefusedError",
    "QueryRunner",
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


Executor = Callable[[str, int, float, float], Answer]


class QueryRunner:
    """Answers SELECT, ASK, CONSTRUCT and DESCRIBE queries with a timeout and a row limit.

    Args:
        store: a store to query on this process's threads (queries past the
            timeout cannot be stopped); give ``opener`` instead to serve.
        opener: opens the store read-only in a worker process (picklable, e.g. a
            ``functools.partial`` of :func:`kg.store.registry.open_store`).
        timeout: seconds a query may run before the client gets HTTP 503.
        limit: rows (triples) sent back at most (the answer says when it was cut).
        workers: queries that may run at once.
        queue_wait: seconds a query waits for a free worker.
        allow_service: endpoint IRIs a ``SERVICE`` clause may call (default none).
    """

    def __init__(
        self,
        store: Store | None = None,
        *,
        opener: Callable[[], Store] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        workers: int = DEFAULT_WORKERS,
        queue_wait: float = DEFAULT_QUEUE_WAIT,
        allow_service: Collection[str] = (),
    ) -> None:
        from kg.serve.pool import ProcessPool, ThreadPool

        if (store is None) == (opener is None):
            raise ValueError("give QueryRunner either a store or an opener")
        self.store = store
        self.timeout = timeout
        self.limit = limit
        self.queue_wait = queue_wait
        self.allow_service = frozenset(allow_service)
        self._pool: ThreadPool | ProcessPool = (
            ThreadPool(store, workers) if store is not None else ProcessPool(opener, workers)  # type: ignore[arg-type]
        )

    def run(self, text: str) -> Answer:
        """Answer ``text`` (the project's prefixes are predeclared, as in ``kg query``).

        Raises:
            QueryRefusedError: for updates.
            QueryError: for refused, malformed or failed queries (positions in
                messages count from the start of ``text``).
            QueryTimeoutError: when the query runs past the timeout.
            QueryBusyError: when no worker is free within the queue wait.
            QueryCrashError: when the query engine dies on the query.
        """
        # the prefixes on one line, so a syntax error's line number is the client's own
        prefixes = prologue().replace("\n", " ")
        sparql = prefixes + text
        try:
            check_query(sparql, allow_service=self.allow_service)
            form = query_form(sparql)
        except QueryGuardError as error:
            raise QueryError(str(error), error.status) from error
        except SparqlSyntaxError as error:
            raise QueryError(str(error)) from error
        if form == "UPDATE":
            raise QueryRefusedError("this endpoint is read-only: SPARQL updates are refused")
        try:
            return self._pool.run(sparql, self.limit, self.timeout, self.queue_wait)
        except QueryError as error:
            if type(error) is QueryError:
                raise QueryError(client_message(str(error), prefixes, text), error.status) from None
            raise

    def close(self) -> None:
        """Stop taking queries and stop the workers."""
        self._pool.close()


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

"""Run one client query read-only, within a time limit and a row limit.

The endpoint and the query page share this, so both refuse the same things for
the same reasons: updates (this server never writes, whatever the client sends
and however it sends it), CONSTRUCT/DESCRIBE (the store answers rows), queries
that run too long, and more rows than a browser or a client should take at once.

A query that runs past the timeout is answered with an error at once; its
worker finishes in the background (Python cannot stop a running query), and
while every worker is taken, new queries are turned away instead of queueing
behind it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from kg.prefixes import prologue
from kg.serve.limits import DEFAULT_LIMIT, DEFAULT_TIMEOUT, DEFAULT_WORKERS
from kg.store.base import Row, Store, StoreError
from kg.store.sparql_syntax import SparqlSyntaxError, projection, query_form

__all__ = [
    "Answer",
    "QueryBusyError",
    "QueryError",
    "QueryRefusedError",
    "QueryRunner",
    "QueryTimeoutError",
]


class QueryError(Exception):
    """A query the server will not answer; ``status`` is the HTTP status to send."""

    status = 400


class QueryRefusedError(QueryError):
    """An update, or a query form this read-only endpoint does not answer."""

    status = 403


class QueryTimeoutError(QueryError):
    """The query ran longer than the server's limit."""

    status = 503


class QueryBusyError(QueryError):
    """Every worker is busy (typically with queries that timed out but still run)."""

    status = 503


@dataclass(frozen=True, slots=True)
class Answer:
    """A query's answer: variables and rows for SELECT, ``ask`` for ASK."""

    variables: list[str]
    rows: list[Row]
    ask: bool | None = None
    truncated: bool = False


class QueryRunner:
    """Answers SELECT and ASK queries from ``store`` with a timeout and a row limit.

    Args:
        store: any :class:`Store`; only its ``query`` method is ever called.
        timeout: seconds a query may run before the client gets HTTP 503.
        limit: rows sent back at most (the answer says when it was cut).
        workers: queries that may run at once.
    """

    def __init__(
        self,
        store: Store,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        workers: int = DEFAULT_WORKERS,
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.limit = limit
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kg-query")
        self._slots = threading.BoundedSemaphore(workers)

    def run(self, text: str) -> Answer:
        """Answer ``text`` (the project's prefixes are predeclared, as in ``kg query``).

        Raises:
            QueryRefusedError: for updates and CONSTRUCT/DESCRIBE.
            QueryError: for syntax and store errors.
            QueryTimeoutError: when the query runs past the timeout.
            QueryBusyError: when every worker is taken.
        """
        # the prefixes on one line, so a syntax error's line number is the client's own
        sparql = prologue().replace("\n", " ") + text
        try:
            form = query_form(sparql)
        except SparqlSyntaxError as error:
            raise QueryError(str(error)) from error
        if form == "UPDATE":
            raise QueryRefusedError("this endpoint is read-only: SPARQL updates are refused")
        if form not in ("SELECT", "ASK"):
            raise QueryRefusedError(f"this endpoint answers SELECT and ASK queries, not {form}")
        rows = self._call(lambda: self.store.query(sparql))
        if form == "ASK":
            value = rows[0].get("ask") if rows else None
            return Answer([], [], ask=bool(value.toPython()) if value is not None else False)
        variables = projection(sparql) or (list(rows[0]) if rows else [])
        return Answer(variables, rows[: self.limit], truncated=len(rows) > self.limit)

    def _call(self, work: Callable[[], list[Row]]) -> list[Row]:
        if not self._slots.acquire(blocking=False):
            raise QueryBusyError("the server is busy with other queries; try again shortly")
        future = self._pool.submit(work)
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout as error:
            raise QueryTimeoutError(
                f"the query ran longer than {self.timeout:g} s and was abandoned"
            ) from error
        except StoreError as error:
            raise QueryError(str(error)) from error

    def close(self) -> None:
        """Stop taking queries; running ones finish in the background."""
        self._pool.shutdown(wait=False, cancel_futures=True)

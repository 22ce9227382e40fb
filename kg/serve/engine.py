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

from kg.prefixes import prologue
from kg.serve.answer import Answer, QueryError, QueryRefusedError, client_message
from kg.serve.guard import QueryGuardError, check_query
from kg.serve.limits import DEFAULT_LIMIT, DEFAULT_QUEUE_WAIT, DEFAULT_TIMEOUT, DEFAULT_WORKERS
from kg.serve.pool import ProcessPool, ThreadPool
from kg.store.base import Store
from kg.store.sparql_syntax import SparqlSyntaxError, query_form

__all__ = ["DEFAULT_LIMIT", "DEFAULT_QUEUE_WAIT", "DEFAULT_TIMEOUT", "DEFAULT_WORKERS", "QueryRunner"]


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

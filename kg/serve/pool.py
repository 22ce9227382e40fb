"""Where queries run: worker processes that can be killed, or threads for a store object.

:class:`ProcessPool` keeps ``workers`` processes, each opening the store
read-only itself (:mod:`kg.serve.worker`). A query goes to an idle worker; past
the timeout the worker is killed (the only way to stop a query inside the
store: pyoxigraph 0.5's ``Store.query`` takes no timeout or cancellation token;
and the way to get its memory back) and a fresh one takes its place. A
worker that dies on a query (a crash in the engine) is replaced the same way,
and the client gets an error instead of a dropped connection.

Workers are forked from a small server process started once (``forkserver``),
so a replacement costs milliseconds and never inherits the HTTP server's
threads or sockets.

:class:`ThreadPool` runs queries on threads of this process for a store that
exists only here (in memory); its timeouts answer the client but cannot stop
the query.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from kg.serve.answer import (
    Answer,
    QueryBusyError,
    QueryCrashError,
    QueryError,
    QueryTimeoutError,
    answer_query,
)
from kg.serve.guard import start_on_deep_stack
from kg.store.base import Store

__all__ = ["ProcessPool", "ThreadPool"]

_BUSY = "the server is busy with other queries; try again shortly"


def _timed_out(timeout: float) -> QueryTimeoutError:
    return QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class ProcessPool:
    """``workers`` query processes over a store each opens with ``opener``."""

    def __init__(self, opener: Callable[[], Store], workers: int) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["kg.serve.worker"])
        self._opener = opener
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        from kg.serve.worker import serve_queries

        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=serve_queries, args=(theirs, self._opener), name="kg-query-worker", daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        return self._start()

    def run(self, sparql: str, limit: int, timeout: float, queue_wait: float) -> Answer:
        """Answer ``sparql`` on an idle worker within ``timeout`` seconds.

        Raises:
            QueryBusyError: no worker was free within ``queue_wait`` seconds
                (or the store is being rebuilt).
            QueryTimeoutError: the query ran past ``timeout`` (its worker was killed).
            QueryCrashError: the worker died on the query.
            QueryError: the query failed in the store.
        """
        if self._closed:
            raise QueryBusyError("the server is shutting down")
        try:
            worker = self._idle.get(timeout=queue_wait)
        except queue.Empty:
            raise QueryBusyError(_BUSY) from None
        try:
            try:
                worker.conn.send((sparql, limit))
            except OSError:  # it died while idle (killed from outside): the query goes to a fresh one
                worker = self._replace(worker)
                worker.conn.send((sparql, limit))
            if not worker.conn.poll(timeout):
                worker = self._replace(worker)
                raise _timed_out(timeout)
            outcome = worker.conn.recv()
        except (EOFError, OSError):
            worker = self._replace(worker)
            raise QueryCrashError(
                "the query engine stopped on this query (too complex?); it was restarted"
            ) from None
        finally:
            if self._closed:
                worker.kill()
            else:
                self._idle.put(worker)
        if isinstance(outcome, Answer):
            return outcome
        status, message = outcome
        raise (QueryBusyError(message) if status == QueryBusyError.status else QueryError(message, status))

    def close(self) -> None:
        """Kill every worker, idle or busy; queries still waiting are told the server is stopping."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


class ThreadPool:
    """Queries on threads of this process, at most ``workers`` at once."""

    def __init__(self, store: Store, workers: int) -> None:
        self.store = store
        self._slots = threading.BoundedSemaphore(workers)

    def run(self, sparql: str, limit: int, timeout: float, queue_wait: float) -> Answer:
        """Answer ``sparql`` within ``timeout`` seconds (a timed-out query keeps its slot until it ends)."""
        if not self._slots.acquire(timeout=queue_wait):
            raise QueryBusyError(_BUSY)
        outcome: list[Answer | BaseException] = []

        def work() -> None:
            try:
                outcome.append(answer_query(self.store, sparql, limit))
            except BaseException as error:  # handed to the waiting request
                outcome.append(error)
            finally:
                self._slots.release()

        thread = start_on_deep_stack(work)
        thread.join(timeout)
        if not outcome:
            raise _timed_out(timeout)
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    def close(self) -> None:
        """Nothing to stop: running queries end on their own."""

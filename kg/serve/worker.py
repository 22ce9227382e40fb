"""A query worker process: open the store read-only, answer queries sent down a pipe.

The parent (:class:`kg.serve.pool.ProcessPool`) sends ``(sparql, limit)`` and
reads back an :class:`~kg.serve.answer.Answer` or ``(status, message)``. The
worker never decides when to stop a query: the parent kills it past the
timeout. It ignores Ctrl+C (the parent handles it and kills its workers) and
dies with the process that forked it, so no worker outlives the server.
"""

from __future__ import annotations

import ctypes
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

from kg.serve.answer import Answer, QueryBusyError, QueryError, answer_query
from kg.serve.guard import run_on_deep_stack
from kg.serve.reopen import IDLE_CLOSE, FreshStore, StoreRebuilding
from kg.store.base import Store, StoreError
from kg.store.lock import StoreBusy

__all__ = ["REBUILD_WAIT", "serve_queries"]

REBUILD_WAIT = 2.0
"""Seconds a query waits for a running build to finish before the client is told to retry."""
_PR_SET_PDEATHSIG = 1


def serve_queries(conn: Connection, opener: Callable[[], Store]) -> None:
    """Answer queries from ``conn`` until the pipe closes (the worker's main loop)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    store = FreshStore(opener)
    try:
        while True:
            if not conn.poll(IDLE_CLOSE):
                store.release_if_idle()
                continue
            try:
                sparql, limit = conn.recv()
            except (EOFError, OSError):
                return
            conn.send(_answer(store, sparql, limit))
    finally:
        store.release()


def _answer(store: FreshStore, sparql: str, limit: int) -> Answer | tuple[int, str]:
    try:
        opened = _open(store)
        return run_on_deep_stack(lambda: answer_query(opened, sparql, limit))
    except QueryError as error:
        return error.status, str(error)
    except (StoreRebuilding, StoreBusy) as error:  # a build has, or waits for, the store
        return QueryBusyError.status, str(error)
    except StoreError as error:
        return 500, str(error)


def _open(store: FreshStore) -> Store:
    """The store, waiting up to :data:`REBUILD_WAIT` seconds for a running build to end."""
    deadline = time.monotonic() + REBUILD_WAIT
    while True:
        try:
            return store.get()
        except StoreRebuilding:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere: rely on the pipe closing)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass

"""One writer or many readers of an on-disk store, never both: a lock file with ``flock``.

RocksDB (under Oxigraph) documents a read-only open beside a writing process as
undefined behaviour: a reader then fails with "Corruption" or a missing ``.sst``,
or stalls. So every process that opens the store folder first takes a lock on
``<folder>/kg.lock``: writers an exclusive one, readers a shared one. A reader that
finds a build running waits a bounded time (``KG_LOCK_WAIT`` seconds, default
:data:`DEFAULT_WAIT`) and then gives up with :class:`StoreBusy`, which the commands
turn into "the store is being rebuilt, try again" and exit code 3. The kernel drops
the lock when its process dies, so a killed build never leaves the store locked.

Within one process the lock is counted, not taken twice (``flock`` locks of two
descriptors of one process conflict): a notebook may hold a writer and a reader.

A long-lived reader (a server) must not starve builds: a writer first takes
``kg.intent`` exclusively and holds it while it waits and writes, so such a reader
can ask :func:`writer_pending` between requests, close its store, and reopen it
once the build is done (then it sees the new store).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.store.errors import StoreError

__all__ = [
    "DEFAULT_WAIT",
    "INTENT_NAME",
    "LOCK_NAME",
    "StoreBusy",
    "StoreLock",
    "lock_wait",
    "writer_pending",
]

LOCK_NAME = "kg.lock"
"""The lock file inside the store folder (RocksDB leaves files of other names alone)."""
INTENT_NAME = "kg.intent"
"""Held exclusively by a writer from the moment it wants the store until it lets it go."""

DEFAULT_WAIT = 10.0
"""Seconds a reader or writer waits for the lock before giving up."""

POLL_SECONDS = 0.05


class StoreBusy(StoreError):  # noqa: N818 - reads as the condition it reports
    """Another process is writing the store (or reading it, for a writer); try again later."""


def lock_wait() -> float:
    """Seconds to wait for the lock: ``KG_LOCK_WAIT`` when set to a number, else :data:`DEFAULT_WAIT`."""
    try:
        return max(0.0, float(os.environ.get("KG_LOCK_WAIT", DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


@dataclass
class _Held:
    fd: int
    exclusive: bool
    count: int


_HELD: dict[str, _Held] = {}
_GUARD = threading.Lock()


class StoreLock:
    """A held lock on one store folder; :meth:`release` (or process exit) lets it go.

    Args:
        folder: the store folder (the lock file is created in it; the folder must exist).
        exclusive: True for a writer, False for a reader.
        wait: seconds to wait; default :func:`lock_wait`.

    Raises:
        StoreBusy: the lock was not free within ``wait`` seconds.
        StoreError: the lock file cannot be created (a read-only folder, say).
    """

    def __init__(self, folder: Path, *, exclusive: bool, wait: float | None = None) -> None:
        self.key = str(Path(folder).resolve())
        self.exclusive = exclusive
        self._released = False
        self._intent: int | None = None
        deadline = time.monotonic() + (lock_wait() if wait is None else wait)
        with _GUARD:
            held = _HELD.get(self.key)
            if held is not None and (held.exclusive or not exclusive):
                held.count += 1
                return
        if exclusive:
            self._intent = self._open(folder, INTENT_NAME)
            if not _flock_until(self._intent, fcntl.LOCK_EX, deadline):
                self._drop_intent()
                raise StoreBusy(self._busy_message(folder))
        try:
            self._acquire(folder, held, deadline)
        except BaseException:
            self._drop_intent()
            raise

    def _acquire(self, folder: Path, held: _Held | None, deadline: float) -> None:
        exclusive = self.exclusive
        fd = held.fd if held is not None else self._open(folder, LOCK_NAME)
        if not _flock_until(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, deadline):
            if held is None:
                os.close(fd)
            raise StoreBusy(self._busy_message(folder))
        with _GUARD:
            if held is not None:
                held.exclusive, held.count = exclusive or held.exclusive, held.count + 1
            else:
                _HELD[self.key] = _Held(fd, exclusive, 1)

    def _busy_message(self, folder: Path) -> str:
        if self.exclusive:
            return f"the store at {folder} is in use by another kg command (a reader or a build); try again"
        return f"the store at {folder} is being rebuilt by another kg command; try again when it finishes"

    def _drop_intent(self) -> None:
        if self._intent is not None:
            os.close(self._intent)
            self._intent = None

    @staticmethod
    def _open(folder: Path, name: str) -> int:
        try:
            return os.open(Path(folder) / name, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            if error.errno in (30, 13):  # EROFS, EACCES: a reader of a folder it may not write
                try:
                    return os.open(Path(folder) / name, os.O_RDONLY)
                except OSError:
                    pass
            raise StoreError(f"cannot lock the store at {folder}: {error.strerror or error}") from error

    def release(self) -> None:
        """Let the lock go (once; later calls do nothing)."""
        if self._released:
            return
        self._released = True
        self._drop_intent()
        with _GUARD:
            held = _HELD.get(self.key)
            if held is None:
                return
            held.count -= 1
            if held.count <= 0:
                del _HELD[self.key]
                os.close(held.fd)


def _flock_until(fd: int, mode: int, deadline: float) -> bool:
    """Take ``flock(fd, mode)``, polling until ``deadline``; False when it stayed taken."""
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_SECONDS)


def writer_pending(folder: Path) -> bool:
    """Whether a writer holds or waits for the store at ``folder`` (a long-lived reader should close it)."""
    try:
        fd = os.open(Path(folder) / INTENT_NAME, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False

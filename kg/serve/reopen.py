"""Keep a read-only store open while it is current; reopen it after a rebuild.

A read-only Oxigraph store sees the database as it was when opened, so a server
that opened it once would serve the old data forever after ``kg build``. And a
read-only open beside a writing process is undefined behaviour in RocksDB (a
reader sees "Corruption" or a missing ``.sst``), so the store is reopened only
once the writer has finished.

Two facts about an on-disk store tell both. Every writer that opens the
database rewrites its ``CURRENT`` file (pointing it at a new ``MANIFEST``), and
``kg build`` rewrites ``kg-manifest.json`` when it ends: a change of either
means the store changed. RocksDB holds a POSIX lock on its ``LOCK`` file while a
writer has it open; asking the kernel whether that lock is held (``F_GETLK``)
never takes it, so checking cannot get in a writer's way.

The store is also closed when no query came for a while, so an idle server
holds nothing a build might wait for; and a busy one closes it as soon as a build
asks for the store (``kg.store.lock.writer_pending``), so a server under constant
load never starves a build of the store lock its readers share.
"""

from __future__ import annotations

import fcntl
import os
import struct
import time
from collections.abc import Callable
from pathlib import Path

from kg.store.base import Store
from kg.store.lock import writer_pending

__all__ = ["IDLE_CLOSE", "FreshStore", "StoreRebuilding", "store_stamp", "writer_active"]

IDLE_CLOSE = 1.0
"""Seconds without a query after which the store is closed (reopened by the next query)."""
WATCHED = ("CURRENT", "kg-manifest.json")
"""Files whose change means a writer has been at the store folder."""
_FLOCK = "hhqqi4x"
"""``struct flock`` on 64-bit Linux: type, whence, start, len, pid (padded to 32 bytes)."""

Stamp = tuple[tuple[int, int, int] | None, ...]


class StoreRebuilding(RuntimeError):  # noqa: N818 - reads as the condition it reports
    """A writer has the store open; queries must wait until it has finished."""


def store_stamp(path: Path | None) -> Stamp:
    """(inode, size, mtime) of each watched file of a store folder, or of a store file."""
    if path is None:
        return ()
    files = [path / name for name in WATCHED] if path.is_dir() else [path]
    stamp: list[tuple[int, int, int] | None] = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            stamp.append(None)
        else:
            stamp.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def writer_active(path: Path | None) -> bool:
    """Whether a process holds the RocksDB write lock of the store folder ``path``."""
    if path is None or not (path / "LOCK").is_file():
        return False
    try:
        fd = os.open(path / "LOCK", os.O_RDONLY)
    except OSError:
        return False
    try:
        probe = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
        return struct.unpack(_FLOCK, answer)[0] != fcntl.F_UNLCK
    except OSError:
        return False
    finally:
        os.close(fd)


class FreshStore:
    """The store ``opener`` opens, reopened when its folder changed and no writer holds it.

    Args:
        opener: opens the store read-only.
        path: the store folder or file to watch; by default the opened store's
            ``path`` or ``file`` (None for an endpoint: never reopened).
    """

    def __init__(self, opener: Callable[[], Store], path: Path | None = None) -> None:
        self._opener = opener
        self.path = path
        self._store: Store | None = None
        self._stamp: Stamp = ()
        self._used = 0.0
        self.opens = 0

    def get(self) -> Store:
        """The current store, opened or reopened as needed.

        Raises:
            StoreRebuilding: a writer has the store open (nothing is opened beside it).
            StoreError: the store cannot be opened.
        """
        self._used = time.monotonic()
        pending = self.path is not None and self.path.is_dir() and writer_pending(self.path)
        if self._store is not None and not pending and store_stamp(self.path) == self._stamp:
            return self._store
        if pending or writer_active(self.path):
            self.release()
            raise StoreRebuilding(f"the store at {self.path} is being rebuilt; try again when it finishes")
        self.release()
        stamp = store_stamp(self.path)
        self._store = self._opener()
        if self.path is None and self.opens == 0:
            self.path = self._store.location
            stamp = store_stamp(self.path)
        self._stamp = stamp
        self.opens += 1
        return self._store

    def release_if_idle(self) -> None:
        """Close an on-disk database when no query came for :data:`IDLE_CLOSE` seconds.

        Only a store folder is closed: a store file is read whole into memory, and
        reading it again after every pause would cost more than it frees.
        """
        idle = time.monotonic() - self._used >= IDLE_CLOSE
        if self._store is not None and idle and self.path is not None and self.path.is_dir():
            self.release()

    def release(self) -> None:
        """Close the store now (the next :meth:`get` opens it again)."""
        if self._store is not None:
            store, self._store = self._store, None
            store.close()

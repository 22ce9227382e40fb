"""Write files so a reader never sees half of one: temp file in the same folder, then rename.

The one crash-safety idiom of the project: every file written in place (lists, manifests,
stores, exports, shards, pages) goes through :func:`atomic_write`, so there is one place
to review. The temp file is a hidden sibling (``.NAME.XXXX.part``) on the same file
system, so the final :func:`os.replace` is atomic; on any error, interrupt included,
the temp file is deleted and an older ``path`` stays as it was. The file gets the
permissions a plain :func:`open` would give it (not the owner-only ones of a temp file),
so a server's bulk loader running as another user can read an export.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO

__all__ = ["TEMP_SUFFIX", "atomic_write"]

TEMP_SUFFIX = ".part"
"""Suffix of the temp file beside the target while it is written."""


@cache
def _plain_file_mode() -> int:
    """``0o666`` less the process umask: what :func:`open` creates (read once, then kept)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_write(
    path: Path | str,
    mode: str = "w",
    encoding: str | None = "utf-8",
    *,
    newline: str | None = None,
    compress: bool = False,
) -> Iterator[IO]:
    """Open a temp file beside ``path``; on success rename it over ``path``, on error delete it.

    Args:
        path: the file to write (its folder is created).
        mode: ``"w"`` (text, ``encoding`` and ``newline`` as for :func:`open`) or ``"wb"``.
        encoding: text encoding (ignored in binary mode).
        newline: as for :func:`open` (``""`` for the csv module, ``"\\n"`` for fixed line ends).
        compress: gzip what is written (binary mode only); the header carries no file name
            and no time, so equal bytes in give equal files out.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> with atomic_write(target) as handle:
        ...     _ = handle.write("完整")
        >>> target.read_text(encoding="utf-8")
        '完整'
    """
    binary = "b" in mode
    if compress and not binary:
        raise ValueError("atomic_write(compress=True) writes bytes: use mode 'wb'")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        os.chmod(fd, _plain_file_mode())
        if binary:
            with os.fdopen(fd, mode) as handle:
                if compress:
                    with gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0) as zipped:
                        yield zipped
                else:
                    yield handle
        else:
            with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
                yield handle
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

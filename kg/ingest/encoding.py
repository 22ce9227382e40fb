"""Decode list files without asking the user which encoding they are in.

Agencies publish UTF-8, UTF-8 with a byte-order mark, and GB18030 (a superset of
GBK and GB2312). UTF-8 is tried strictly first because GB18030 accepts almost any
byte string, so trying it first would turn UTF-8 text into mojibake silently.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kg.ingest.errors import NotAPowerList

__all__ = ["decode_bytes", "looks_binary", "read_text"]

BINARY_PROBE_BYTES = 8192
"""How much of a file is looked at to tell text from binary (a NUL there means binary)."""


def looks_binary(data: bytes) -> bool:
    """True when the start of ``data`` holds NUL bytes, which no text export contains."""
    return b"\x00" in data[:BINARY_PROBE_BYTES]


def decode_bytes(data: bytes, source: Path | str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` for UTF-8 (with or without BOM) or GB18030 bytes.

    Raises:
        NotAPowerList: the bytes are binary or in none of the supported encodings.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            offset = exc.start + len(codecs.BOM_UTF8)
            raise NotAPowerList(
                source,
                f"starts with a UTF-8 byte-order mark but byte {offset} is not UTF-8; save the file as UTF-8",
            ) from exc
    if looks_binary(data):
        raise NotAPowerList(source, "looks like a binary file, expected a text, CSV, XLSX or HTML list")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise NotAPowerList(
            source, f"cannot decode as UTF-8 or GB18030 (byte {exc.start}); save the file as UTF-8"
        ) from exc


def read_text(path: Path) -> tuple[str, str]:
    """Read and decode a text file; see :func:`decode_bytes`."""
    return decode_bytes(path.read_bytes(), path)

"""Deterministic, portable file names for pages, derived from IRIs.

Names are ASCII only (intranet users copy sites to Windows shares and zip files,
where Chinese file names are often mangled) and stable: the same IRI gives the
same file name on every build, so bookmarks and links in e-mails keep working.

Examples:
    >>> page_name("https://example.org/id/instrument/x/art_58")
    'art_58-0e6bd9e01a.html'
    >>> page_name("https://example.org/id/agency/天水市医疗保障局")[-5:]
    '.html'
"""

from __future__ import annotations

import hashlib
from urllib.parse import unquote

import regex

__all__ = ["page_name"]

HASH_LENGTH = 10
"""Hex digits of SHA-1 kept: 40 bits, collisions are negligible for a few million pages."""

HINT_LENGTH = 40
"""Longest readable prefix kept, so names stay short enough for every file system."""

_UNSAFE = regex.compile(r"[^A-Za-z0-9_.]+")


def page_name(iri: str) -> str:
    """The file name of the page for ``iri``: an ASCII hint from its last segment + a hash."""
    digest = hashlib.sha1(iri.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    last = unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    hint = _UNSAFE.sub("-", last).strip("-.")[:HINT_LENGTH].strip("-.")
    return f"{hint}-{digest}.html" if hint else f"{digest}.html"

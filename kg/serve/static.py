"""Find the file a URL path names inside the static site, and nothing outside it.

``kg site`` writes a folder of pages; ``kg serve`` hands them out at ``/``. A
path such as ``/../../etc/passwd`` or ``/%2e%2e/secret`` must never leave that
folder, so every path is decoded, resolved and checked to lie inside it.
"""

from __future__ import annotations

import mimetypes
import urllib.parse
from pathlib import Path

__all__ = ["content_type", "resolve"]

INDEX = "index.html"

# Types the platform's table may lack or get wrong; a page script served as
# text/plain would not run.
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under ``root`` for ``url_path`` (a folder gives its ``index.html``), or None.

    Examples:
        >>> import tempfile
        >>> site = Path(tempfile.mkdtemp())
        >>> _ = (site / "index.html").write_text("hi")
        >>> resolve(site, "/") == (site / "index.html").resolve()
        True
        >>> resolve(site, "/../../etc/passwd") is None
        True
    """
    relative = urllib.parse.unquote(url_path.split("?", 1)[0].split("#", 1)[0]).lstrip("/")
    if "\x00" in relative:
        return None
    base = root.resolve()
    candidate = (base / relative).resolve()
    if candidate != base and base not in candidate.parents:
        return None
    if candidate.is_dir():
        candidate = candidate / INDEX
    return candidate if candidate.is_file() else None


def content_type(path: Path) -> str:
    """The ``Content-Type`` to send for ``path`` (UTF-8 for text)."""
    suffix = path.suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"

"""The one error ingest raises for a file it cannot read as a power list."""

from __future__ import annotations

from pathlib import Path

__all__ = ["NotAPowerList"]


class NotAPowerList(ValueError):  # noqa: N818 - reads as the condition it reports
    """A file is not a readable 权责清单; the message names the file and what was expected."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

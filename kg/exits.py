"""The exit codes of every ``kg`` command, defined once.

A plain module (no import of its own), so the errors of the parts that carry a code
(:class:`kg.laws.lookup.LawLookupError`) and the commands (:mod:`kg.cli.console`
re-exports these) use the same numbers without the parts importing the CLI.
"""

from __future__ import annotations

__all__ = ["EXIT_BAD_INPUT", "EXIT_BUSY", "EXIT_FAILED_CHECK", "EXIT_NOT_FOUND", "EXIT_OK"]

EXIT_OK = 0
"""Done."""

EXIT_NOT_FOUND = 1
"""The graph or the law library does not hold what was asked for (unknown provision, list, article)."""

EXIT_FAILED_CHECK = 1
"""A check found problems: ``validate`` does not conform, ``--strict`` and a repair or an error finding."""

EXIT_BAD_INPUT = 2
"""Bad input: an unreadable file or row, a bad option value, an unusable store (each named)."""

EXIT_BUSY = 3
"""The store is being rebuilt (or, for a writer, read) by another command: try again."""

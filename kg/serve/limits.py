"""How long a query may run and how many rows it may send: the endpoint's limits.

Apart from :mod:`kg.serve.engine` so that ``kg serve --help`` can show them as
defaults without loading the store and rdflib.
"""

from __future__ import annotations

__all__ = ["DEFAULT_LIMIT", "DEFAULT_QUEUE_WAIT", "DEFAULT_TIMEOUT", "DEFAULT_WORKERS"]

DEFAULT_TIMEOUT = 30.0
"""Seconds one query may run; long enough for the canned queries on a national corpus."""
DEFAULT_LIMIT = 10000
"""Rows (or triples) sent back at most; more is a download, better done with ``kg export``."""
DEFAULT_WORKERS = 4
"""Queries running at once; the machine's cores, not its clients, are the bound."""
DEFAULT_QUEUE_WAIT = 10.0
"""Seconds a query waits for a free worker before the client is told the server is busy."""

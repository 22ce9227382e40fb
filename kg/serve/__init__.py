"""``kg serve``: the graph as a read-only SPARQL 1.1 endpoint, with a query page and the site.

Use :func:`make_server` with a :class:`QueryRunner`. Given a way to open the store,
the runner answers each query in a worker process it can kill at the timeout
(what ``kg serve`` does); given a store object, on threads of this process::

    opener = functools.partial(open_store, "oxigraph", db=Path("kg-data"), read_only=True)
    runner = QueryRunner(opener=opener, timeout=30, limit=10000)
    server = make_server(runner, host="127.0.0.1", port=8000, site=Path("site"))
    server.serve_forever()

Attributes are imported on first use (:mod:`kg.lazy`), so ``kg --help`` reads the
defaults in :mod:`kg.serve.engine` without loading the HTTP server.
"""

from __future__ import annotations

from kg.lazy import lazy_attributes

__all__ = ["Answer", "KgServer", "QueryError", "QueryRunner", "make_server"]

__getattr__ = lazy_attributes(
    __name__,
    {
        **dict.fromkeys(("KgServer", "make_server"), "app"),
        **dict.fromkeys(("Answer", "QueryError", "QueryRunner"), "engine"),
    },
)

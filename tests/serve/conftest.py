"""A running ``kg serve`` over a small in-memory graph with hostile text in it."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.serve import KgServer, QueryRunner, make_server
from kg.store.base import Store
from kg.store.oxigraph import OxigraphStore
from kg.store.registry import open_store

KG = "https://w3id.org/qzqd-kg/ontology#"
ID = "https://w3id.org/qzqd-kg/id/"
GRAPH = URIRef(ID + "graph/天水")
POLL = 0.02
"""Seconds between shutdown checks; the default 0.5 s would add up over the tests."""
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)> \"引号\" & 'quote'"
ITEMS = {
    "4165": "对用人单位未按时足额缴纳社会保险费的处罚",
    "4173": "对骗取社会保险待遇的处罚",
    "9999": HOSTILE,
}


def sample_store(path: Path | None = None, items: dict[str, str] = ITEMS) -> OxigraphStore:
    """Three power items resting on 社会保险法第五十八条, one of them named with markup."""
    store = OxigraphStore(path)
    provision = URIRef(ID + "instrument/中华人民共和国社会保险法/art_58")
    quads = []
    for seq, name in items.items():
        item = URIRef(f"{ID}list/天水/item/{seq}")
        quads += [
            (item, URIRef(KG + "restsOn"), provision, GRAPH),
            (item, URIRef(KG + "name"), Literal(name, lang="zh"), GRAPH),
            (item, URIRef(KG + "seq"), Literal(seq), GRAPH),
        ]
    store.replace_graph(GRAPH, quads)
    return store


def sample_db(path: Path, items: dict[str, str] = ITEMS) -> Path:
    """:func:`sample_store` on disk at ``path``, closed (as ``kg build`` leaves it)."""
    sample_store(path, items).close()
    return path


def db_opener(db: Path) -> Callable[[], Store]:
    """What ``kg serve`` gives its workers: a read-only open of the store folder ``db``."""
    return functools.partial(open_store, "oxigraph", db=db, read_only=True)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., KgServer]]:
    """Start servers on free loopback ports; each is shut down after the test."""
    servers: list[tuple[KgServer, threading.Thread]] = []

    def start(
        store: Store | None = None,
        *,
        db: Path | None = None,
        site: Path | None = None,
        socket_timeout: float | None = None,
        **runner: object,
    ) -> KgServer:
        """A server over ``store`` (threads), or over the folder ``db`` (worker processes)."""
        if db is not None:
            query_runner = QueryRunner(opener=db_opener(db), **runner)  # type: ignore[arg-type]
        else:
            query_runner = QueryRunner(store if store is not None else sample_store(), **runner)  # type: ignore[arg-type]
        extra = {"socket_timeout": socket_timeout} if socket_timeout is not None else {}
        server = make_server(query_runner, port=0, site=site, **extra)  # type: ignore[arg-type]
        thread = threading.Thread(target=server.serve_forever, args=(POLL,), daemon=True)
        thread.start()
        servers.append((server, thread))
        return server

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

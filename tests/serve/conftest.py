"""A running ``kg serve`` over a small in-memory graph with hostile text in it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.serve import KgServer, QueryRunner, make_server
from kg.store.base import Store
from kg.store.oxigraph import OxigraphStore

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


def sample_store() -> OxigraphStore:
    """Three power items resting on 社会保险法第五十八条, one of them named with markup."""
    store = OxigraphStore(None)
    provision = URIRef(ID + "instrument/中华人民共和国社会保险法/art_58")
    quads = []
    for seq, name in ITEMS.items():
        item = URIRef(f"{ID}list/天水/item/{seq}")
        quads += [
            (item, URIRef(KG + "restsOn"), provision, GRAPH),
            (item, URIRef(KG + "name"), Literal(name, lang="zh"), GRAPH),
            (item, URIRef(KG + "seq"), Literal(seq), GRAPH),
        ]
    store.replace_graph(GRAPH, quads)
    return store


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., KgServer]]:
    """Start servers on free loopback ports; each is shut down after the test."""
    servers: list[tuple[KgServer, threading.Thread]] = []

    def start(store: Store | None = None, *, site: Path | None = None, **runner: float) -> KgServer:
        query_runner = QueryRunner(store if store is not None else sample_store(), **runner)  # type: ignore[arg-type]
        server = make_server(query_runner, port=0, site=site)
        thread = threading.Thread(target=server.serve_forever, args=(POLL,), daemon=True)
        thread.start()
        servers.append((server, thread))
        return server

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

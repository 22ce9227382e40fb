"""Exported N-Quads shards load into Virtuoso with its bulk loader (ld_dir + rdf_loader_run).

The procedure ``docs/scale.md`` gives for a server, at the size of the two sample
lists: every named graph arrives with exactly the quads the embedded store holds.
Its own throw-away server (not the session one), so other tests' graphs cannot mix in.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.scale import build_in_process, export_shards
from kg.store.oxigraph import OxigraphStore
from tests.virtuoso import Virtuoso, VirtuosoUnavailableError, running

pytestmark = pytest.mark.virtuoso

COUNTS = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/qzqd-kg/")) }
GROUP BY ?g
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    try:
        with running(tmp_path_factory.mktemp("virtuoso-bulk")) as started:
            yield started
    except VirtuosoUnavailableError as error:
        pytest.skip(f"Virtuoso unavailable: {error}")


def _select(server: Virtuoso, query: str) -> list[dict]:
    url = f"{server.endpoint}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["results"]["bindings"]


def test_shards_bulk_load_into_virtuoso(server: Virtuoso, sample_paths: list[Path], tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    build_in_process(sample_paths, store)
    expected: dict[str, int] = {}
    for _s, _p, _o, graph in store.iter_quads():
        expected[str(graph)] = expected.get(str(graph), 0) + 1
    shards = server.folder / "shards"
    files = export_shards(store, shards, 2000, compress=True)
    assert len(files) > 1
    server.isql(f"ld_dir('{shards}', '*.nq.gz', 'urn:kg:default'); rdf_loader_run(); checkpoint;")
    states = server.isql("SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list;")
    assert states.count("kg-") == len(files) and "NULL" in states
    loaded = {row["g"]["value"]: int(row["n"]["value"]) for row in _select(server, COUNTS)}
    assert loaded == expected

"""The shared provision graph: a store changed list by list holds exactly what a build from scratch holds.

Two lists share some provisions: A and B cite 社会保险法第八十六条第一款; A cites
行政处罚法第八条第二款 and B its article 第八条 (A's paragraph goes with A, the article
stays); A alone cites 价格法第三条第一款第二项 (its whole chain goes with A); both link an
article to 社会保险法第五章 (the chapter stays), A alone to 行政处罚法第二章 (it goes, or
stays while the changed A still names it). Removing A (``kg build --prune``, ``kg remove``)
or changing it must leave the same quads, every graph included, as building what is left
from scratch; so must a change killed between writing the list and pruning.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import URIRef
from typer.testing import CliRunner

from kg import iri
from kg.cli import app
from kg.graph.provisions import PROVISION_GRAPH
from kg.ingest import iter_input_files
from kg.scale import remove_list, stream_build
from kg.scale.provisions import SharedProvisions
from kg.store import open_store
from kg.store.base import Quad, Store
from kg.store.sparql import SparqlStore

HEADER = "序号\t事项名称\t权力类型\t行使主体\t实施依据"
A = [
    "《中华人民共和国社会保险法》第八十六条第一款",
    "《中华人民共和国社会保险法》第五章第二十七条",
    "《中华人民共和国行政处罚法》第八条第二款",
    "《中华人民共和国价格法》第三条第一款第二项",
    "《中华人民共和国行政处罚法》第二章第九条",
]
B = [
    "《中华人民共和国社会保险法》第八十六条第一款",
    "《中华人民共和国行政处罚法》第八条",
    "《中华人民共和国社会保险法》第二十七条",
    "《中华人民共和国社会保险法》第五章第二十八条",
]
A_CHANGED = [
    "《中华人民共和国社会保险法》第八十六条第一款",
    "《中华人民共和国行政许可法》第十二条",
    "《中华人民共和国行政处罚法》第二章第十条",
]


def _write(folder: Path, name: str, bases: list[str]) -> Path:
    title = f"{name}市医保局权责清单"
    rows = [f"{n}\t事项{n}\t行政处罚\t{name}市医保局\t{basis}" for n, basis in enumerate(bases, 1)]
    path = folder / f"{name}.txt"
    path.write_text("\n".join([title, "", HEADER, *rows, ""]), encoding="utf-8")
    return path


def _node(title: str, *path: tuple[str, int]) -> URIRef:
    return iri.provision_iri(iri.instrument_iri(title), path)


SOCIAL, PENALTY, PRICE = "中华人民共和国社会保险法", "中华人民共和国行政处罚法", "中华人民共和国价格法"


@pytest.fixture(params=["oxigraph", "memory"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _opener(backend: str, db: Path) -> Callable[[], Store]:
    return lambda: open_store(backend, db=db)


def _build(folder: Path, opener: Callable[[], Store], **options: bool) -> Store:
    summary, store = stream_build(iter_input_files([folder]), opener(), jobs=1, counts=False, **options)
    assert store is not None and not summary.errors
    return store


def _quads(store: Store) -> list[Quad]:
    return sorted(store.iter_quads())


def _scratch(tmp_path: Path, backend: str, lists: dict[str, list[str]]) -> list[Quad]:
    """The quads of the lists built from scratch into a fresh store."""
    root = Path(tempfile.mkdtemp(prefix="scratch-", dir=tmp_path))
    folder = root / "lists"
    folder.mkdir()
    for name, bases in lists.items():
        _write(folder, name, bases)
    store = _build(folder, _opener(backend, root / ("db" if backend == "oxigraph" else "db.nq")))
    quads = _quads(store)
    store.close()
    return quads


def _shared_nodes(quads: list[Quad]) -> set[URIRef]:
    return {q[0] for q in quads if q[3] == PROVISION_GRAPH}  # type: ignore[misc]


def _both(tmp_path: Path) -> Path:
    folder = tmp_path / "lists"
    folder.mkdir()
    _write(folder, "甲", A)
    _write(folder, "乙", B)
    return folder


def test_the_scenario_covers_every_case(tmp_path: Path) -> None:
    """What the lists cite makes each case happen (else the equalities below would prove little)."""
    both = _shared_nodes(_scratch(tmp_path, "oxigraph", {"甲": A, "乙": B}))
    only_b = _shared_nodes(_scratch(tmp_path, "oxigraph", {"乙": B}))
    gone = both - only_b
    assert _node(SOCIAL, ("art", 86), ("para", 1)) in only_b  # cited by both
    assert _node(PENALTY, ("art", 8)) in only_b and _node(PENALTY, ("art", 8), ("para", 2)) in gone
    assert {_node(PRICE, ("art", 3)), _node(PRICE, ("art", 3), ("para", 1), ("item", 2))} <= gone
    assert _node(SOCIAL, ("chp", 5)) in only_b  # a division both lists name
    assert {_node(PENALTY, ("chp", 2)), _node(PENALTY, ("art", 9))} <= gone  # a division A alone names


def _built_both(tmp_path: Path, backend: str) -> tuple[Path, Path]:
    """Lists A and B built into a ``backend`` store: their folder and the store's path."""
    folder = _both(tmp_path)
    db = tmp_path / ("db" if backend == "oxigraph" else "db.nq")
    _build(folder, _opener(backend, db)).close()
    return folder, db


def test_pruning_a_removed_list_leaves_what_a_fresh_build_of_the_rest_holds(
    tmp_path: Path, backend: str
) -> None:
    folder, db = _built_both(tmp_path, backend)
    (folder / "甲.txt").unlink()
    store = _build(folder, _opener(backend, db), prune=True)
    assert _quads(store) == _scratch(tmp_path, backend, {"乙": B})
    store.close()


def test_kg_remove_leaves_what_a_fresh_build_of_the_rest_holds(tmp_path: Path, backend: str) -> None:
    _, db = _built_both(tmp_path, backend)
    removed = CliRunner().invoke(app, ["remove", "甲市医保局权责清单", "--store", backend, "--db", str(db)])
    assert removed.exit_code == 0, removed.output
    store = open_store(backend, db=db)
    assert _quads(store) == _scratch(tmp_path, backend, {"乙": B})
    store.close()


@pytest.mark.parametrize("graph", [iri.provision_graph_iri(), iri.summary_graph_iri()])
def test_kg_remove_refuses_the_build_s_own_graphs(tmp_path: Path, graph: URIRef) -> None:
    _, db = _built_both(tmp_path, "oxigraph")
    store = open_store("oxigraph", db=db)
    before = _quads(store)
    assert graph in store.graphs()
    store.close()
    removed = CliRunner().invoke(app, ["remove", str(graph), "--db", str(db)])
    assert removed.exit_code != 0 and "no list" in removed.output
    store = open_store("oxigraph", db=db)
    assert _quads(store) == before
    store.close()


def test_a_changed_list_leaves_what_a_fresh_build_of_the_new_lists_holds(
    tmp_path: Path, backend: str
) -> None:
    folder, db = _built_both(tmp_path, backend)
    _write(folder, "甲", A_CHANGED)
    store = _build(folder, _opener(backend, db))
    after = _quads(store)
    store.close()
    assert after == _scratch(tmp_path, backend, {"甲": A_CHANGED, "乙": B})
    assert _node(PENALTY, ("chp", 2)) in _shared_nodes(after)  # still named by the changed list


def test_a_change_killed_before_its_prune_is_made_good_by_the_next_build(
    tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, db = _built_both(tmp_path, backend)
    _write(folder, "甲", A_CHANGED)

    def killed(self: SharedProvisions, nodes: object = ()) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(SharedProvisions, "after_change", killed)
        with pytest.raises(KeyboardInterrupt):
            _build(folder, _opener(backend, db))
    store = open_store(backend, db=db)
    assert SharedProvisions(store).stale  # the list's graph is written, its freed nodes are not pruned
    store.close()
    store = _build(folder, _opener(backend, db))
    assert _quads(store) == _scratch(tmp_path, backend, {"甲": A_CHANGED, "乙": B})
    store.close()


@pytest.mark.virtuoso
def test_removing_a_list_on_a_server_leaves_what_a_fresh_build_of_the_rest_holds(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server = request.getfixturevalue("virtuoso")

    def fresh() -> Store:
        store = SparqlStore(server.endpoint, **server.store_options())
        for graph in store.graphs():
            store.remove(graph)
        return store

    folder = tmp_path / "only-b"
    folder.mkdir()
    _write(folder, "乙", B)
    store = _build(folder, fresh)
    expected = _quads(store)
    store = _build(_both(tmp_path), fresh)
    graph = next(g for g in store.graphs() if "甲" in str(g))
    remove_list(store, graph)
    assert _quads(store) == expected
    for left in store.graphs():
        store.remove(left)

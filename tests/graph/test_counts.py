"""The same counts everywhere: build summary, ``kg trace --json``, the site and SPARQL.

Each figure is computed on its own path (the summary from the build, the site from its
records in Python, the trace from its rows, SPARQL by hand-written COUNTs here), so a
change that makes one of them count rows instead of things fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.counts import graph_counts
from kg.site.data import load_site_data
from kg.store.oxigraph import OxigraphStore

runner = CliRunner()

REFERENCES = ("国务院令第649号", "社会保险法", "社会保险法第五十八条", "社会保险法第七十七条", "社保法第八条")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("counts") / "db"
    result = runner.invoke(app, ["build", "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return db, result.stdout


def _summary(output: str, label: str) -> tuple[int, int]:
    line = next(line for line in output.splitlines() if label in line)
    cells = [c.strip() for c in line.split("│")]
    return int(cells[-3] or 0), int(cells[-2])


def _sparql(db: Path, query: str) -> int:
    result = runner.invoke(app, ["query", query, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["results"]["bindings"]
    return int(row["n"]["value"])


def test_build_summary_site_and_sparql_agree(built: tuple[Path, str], tmp_path: Path) -> None:
    db, output = built
    by_hand = {
        "powers": _sparql(db, "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a kg:PowerItem }"),
        "citations": _sparql(db, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c kg:reference ?r }"),
        "lists": _sparql(db, "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?i kg:inList ?l }"),
    }
    assert by_hand["citations"] > by_hand["powers"] > 0
    assert _summary(output, "事项 powers") == (by_hand["powers"],) * 2
    assert _summary(output, "引用 citations") == (by_hand["citations"],) * 2
    assert _summary(output, "清单 lists") == (by_hand["lists"],) * 2
    store = OxigraphStore(db, read_only=True)
    try:
        counts = graph_counts(store)
        data = load_site_data(store)
    finally:
        store.close()
    assert _summary(output, "被引条款 cited provisions")[1] == counts.provisions
    assert _summary(output, "法律文件 instruments")[1] == counts.instruments
    site = tmp_path / "site"
    assert runner.invoke(app, ["site", str(site), "--db", str(db)]).exit_code == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    shown = {label: int(n) for n, label in re.findall(r"<li><b>(\d+)</b>([^<]+)</li>", index)}
    assert shown == {
        "法律法规文件 instruments": counts.instruments,
        "被引条款 cited provisions": counts.provisions,
        "权责事项 powers": counts.powers,
        "实施主体 agencies": counts.agencies,
        "清单 lists": counts.lists,
        "引用 citations": counts.citations,
    }
    assert len(data.items) == counts.powers and len(data.citations) == counts.citations


@pytest.mark.parametrize("reference", REFERENCES)
def test_trace_counts_what_the_site_and_sparql_count(built: tuple[Path, str], reference: str) -> None:
    db, _output = built
    result = runner.invoke(app, ["trace", reference, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    node = payload["provision"]["iri"]
    counts = payload["counts"]
    assert counts["powers"] == len(payload["powers"]) == len({p["item"] for p in payload["powers"]})
    assert counts["citations"] == sum(len(p["citations"]) for p in payload["powers"])
    on_node = (
        f"?cited eli:is_part_of* <{node}> . ?c kg:citedResource ?cited ; kg:reference ?r ."
        " ?r kg:role 'cites' ; kg:citingItem ?i ."
    )
    assert counts["powers"] == _sparql(db, f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ {on_node} }}")
    assert counts["citations"] == _sparql(db, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {on_node} }}")
    assert counts["provisions"] == _sparql(db, f"SELECT (COUNT(DISTINCT ?cited) AS ?n) WHERE {{ {on_node} }}")
    store = OxigraphStore(db, read_only=True)
    try:
        data = load_site_data(store)
    finally:
        store.close()
    assert counts["powers"] == len(data.items_on(node))
    agencies = {data.items[i].agency for i in data.items_on(node) if data.items[i].agency}
    assert counts["agencies"] == len(agencies)


def test_a_power_citing_two_articles_of_one_order_counts_once(built: tuple[Path, str]) -> None:
    db, _output = built
    result = runner.invoke(app, ["trace", "国务院令第649号", "--db", str(db), "--json"])
    counts = json.loads(result.stdout)["counts"]
    assert (counts["powers"], counts["citations"], counts["provisions"]) == (2, 4, 2)

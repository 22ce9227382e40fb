"""The facts the samples must give, through the ``kg`` command line (real extractor)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples built once into an embedded store."""
    path = tmp_path_factory.mktemp("kg") / "kg-data"
    result = runner.invoke(app, ["build", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _trace(db: Path, reference: str) -> dict:
    result = runner.invoke(app, ["trace", reference, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _hits(payload: dict) -> set[tuple[str, str]]:
    return {("天水" if p["list"].startswith("天水") else "瓜州", p["seq"]) for p in payload["powers"]}


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("社会保险法第五十八条", {("天水", "4165"), ("天水", "4173"), ("瓜州", "12")}),
        ("社会保险法第八条", {("天水", s) for s in ("4163", "4164", "4165", "4172")} | {("瓜州", "4")}),
        ("国务院令第649号", {("天水", "4162"), ("瓜州", "3")}),
        ("《中华人民共和国社会保险法》第58条", {("天水", "4165"), ("天水", "4173"), ("瓜州", "12")}),
    ],
    ids=["art58", "art8", "order649", "full-title-arabic"],
)
def test_trace_finds_exactly_the_powers(db: Path, reference: str, expected: set) -> None:
    assert _hits(_trace(db, reference)) == expected


def test_trace_of_an_article_includes_citations_of_its_paragraphs(db: Path) -> None:
    payload = _trace(db, "社会保险法第七十七条")
    assert {("瓜州", "8"), ("天水", "4160")} <= _hits(payload)
    (guazhou8,) = [p for p in payload["powers"] if p["list"].startswith("瓜州") and p["seq"] == "8"]
    assert [c["cited_as"] for c in guazhou8["citations"]] == ["第七十七条第一款"]
    assert payload["provision"]["iri"].endswith("/art_77")


def test_trace_json_shape(db: Path) -> None:
    payload = _trace(db, "社会保险法第五十八条")
    assert payload["provision"]["label"] == "中华人民共和国社会保险法第五十八条"
    for power in payload["powers"]:
        assert {"seq", "name", "agency", "list", "source", "citations"} <= set(power)
        assert set(power["source"]) == {"list", "seq", "file", "line"}
        assert power["source"]["file"] == power["list"] + ".txt"
        for citation in power["citations"]:
            assert {"cited_as", "quote", "article_text", "quote_matches", "findings"} <= set(citation)
        assert power["source"]["line"] > 0
    assert any(p["agency"] == "瓜州县医疗保障局" for p in payload["powers"])


def test_short_and_full_title_are_one_instrument_node(db: Path) -> None:
    query = (
        "SELECT DISTINCT ?i WHERE { ?i a eli:LegalResource ; rdfs:label ?l "
        'FILTER (STR(?l) IN ("社会保险法", "中华人民共和国社会保险法")) }'
    )
    result = runner.invoke(app, ["query", query, "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["i"]
    assert rows[1:] == [["https://w3id.org/qzqd-kg/id/instrument/中华人民共和国社会保险法"]]


@pytest.mark.parametrize(
    ("reference", "code", "message"),
    [
        ("社会保险法第九百九十九条", 1, "the version in force (2018-12-29) has 98 articles"),
        ("社会保险法第五十九条", 1, "no power in the graph cites"),
        ("某某不存在的办法第三条", 1, "no instrument"),
        ("今天天气很好", 2, "no law, article or document number"),
        ("社会保险法第八条、第九条", 2, "several provisions"),
    ],
    ids=["article-not-in-law", "uncited-article", "unknown-instrument", "no-reference", "two-articles"],
)
def test_trace_errors(db: Path, reference: str, code: int, message: str) -> None:
    result = runner.invoke(app, ["trace", reference, "--db", str(db)])
    assert result.exit_code == code, result.output
    assert message in result.output


def test_unknown_article_lists_the_closest_known_ones(db: Path) -> None:
    result = runner.invoke(app, ["trace", "社会保险法第五十九条", "--db", str(db), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    labels = [c["label"] for c in payload["candidates"]]
    assert labels and labels[0].endswith("第五十八条")


def test_trace_without_a_store_says_to_build(tmp_path: Path) -> None:
    result = runner.invoke(app, ["trace", "社会保险法第八条", "--db", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "kg build" in result.output


@pytest.mark.slow
def test_building_twice_gives_identical_triples(tmp_path: Path) -> None:
    dumps = []
    for run in ("a", "b"):
        db = tmp_path / run
        assert runner.invoke(app, ["build", "--db", str(db)]).exit_code == 0
        assert runner.invoke(app, ["build", "--db", str(db)]).exit_code == 0  # rebuild in place
        out = tmp_path / f"{run}.nq"
        result = runner.invoke(app, ["export", "--format", "nq", str(out), "--db", str(db)])
        assert result.exit_code == 0, result.output
        dumps.append(sorted(out.read_text(encoding="utf-8").splitlines()))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]) > 1000


def test_build_summary_and_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--db", str(tmp_path / "db")])
    assert result.exit_code == 0
    for word in ("lists", "powers", "citations", "instruments", "provisions", "triples", "time"):
        assert word in result.stdout
    bad = tmp_path / "notes.txt"
    bad.write_text("这不是权责清单\n只是一段文字\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(bad), "--db", str(tmp_path / "db2")])
    assert result.exit_code == 2
    assert "notes.txt" in result.output
    assert not (tmp_path / "db2").exists()


def test_remove_one_list(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert runner.invoke(app, ["build", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["remove", "瓜州县医疗保障局权责清单", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _hits(_trace(db, "社会保险法第五十八条")) == {("天水", "4165"), ("天水", "4173")}
    result = runner.invoke(app, ["remove", "瓜州县医疗保障局权责清单", "--db", str(db)])
    assert result.exit_code == 1
    assert "天水市医保局权责清单" in result.output


@pytest.mark.parametrize("backend", ["memory"])
def test_other_backend_gives_the_same_trace(tmp_path: Path, db: Path, backend: str) -> None:
    other = tmp_path / "graph.nq"
    assert runner.invoke(app, ["build", "--store", backend, "--db", str(other)]).exit_code == 0
    result = runner.invoke(
        app, ["trace", "社会保险法第八条", "--store", backend, "--db", str(other), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _trace(db, "社会保险法第八条")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_formats(db: Path, fmt: str) -> None:
    query = "SELECT ?seq WHERE { ?i kg:seq ?seq ; kg:inList ?l . ?l dcterms:title ?t FILTER(STRSTARTS(STR(?t), '瓜州')) } ORDER BY xsd:integer(?seq)"
    result = runner.invoke(app, ["query", query, "--format", fmt, "--db", str(db)])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        bindings = json.loads(result.stdout)["results"]["bindings"]
        assert [b["seq"]["value"] for b in bindings] == [str(n) for n in range(1, 16)]
    elif fmt == "csv":
        assert result.stdout.splitlines()[:3] == ["seq", "1", "2"]
    else:
        assert "15 rows" in result.stdout


def test_query_from_file_and_errors(db: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s a kg:PowerItem }", encoding="utf-8")
    result = runner.invoke(app, ["query", "--file", str(rq), "--format", "json", "--db", str(db)])
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}
    empty = runner.invoke(
        app, ["query", "SELECT ?x ?y WHERE { ?x kg:nothing ?y }", "--format", "csv", "--db", str(db)]
    )
    assert empty.stdout_bytes == b"x,y\r\n"
    for args in (
        ["SELEKT"],
        [],
        ["SELECT * {}", "--format", "xml"],
        ["--file", str(tmp_path / "missing.rq")],
    ):
        result = runner.invoke(app, ["query", *args, "--db", str(db)])
        assert result.exit_code == 2, (args, result.output)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld", "graphml", "gexf"])
def test_export_formats(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_export_refuses_unknown_format(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "pdf", str(tmp_path / "x.pdf"), "--db", str(db)])
    assert result.exit_code == 2
    assert not (tmp_path / "x.pdf").exists()


def test_validate_conforms(db: Path) -> None:
    result = runner.invoke(app, ["validate", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_analyze(db: Path) -> None:
    result = runner.invoke(app, ["analyze", "--top", "3", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["central_provisions"][0]["label"] == "中华人民共和国社会保险法第八条"
    assert payload["central_provisions"][0]["items"] == 5
    (pair,) = payload["agencies_sharing_bases"]
    assert set(pair["agencies"]) == {"天水市医疗保障局", "瓜州县医疗保障局"}
    assert "中华人民共和国社会保险法" in pair["shared"]
    table = runner.invoke(app, ["analyze", "--db", str(db)])
    assert table.exit_code == 0
    assert "most central provisions" in table.stdout


def _csv(db: Path, query: str) -> list[list[str]]:
    result = runner.invoke(app, ["query", query, "--format", "csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))[1:]


def test_title_variants_with_one_number_are_one_node(db: Path) -> None:
    rows = _csv(
        db,
        "SELECT DISTINCT ?i ?t WHERE { ?i eli:title ?t FILTER(CONTAINS(STR(?t), '欺诈骗取医疗保')"
        " && STRSTARTS(STR(?t), '甘肃省')) } ORDER BY ?t",
    )
    assert {i for i, _t in rows} == {"https://w3id.org/qzqd-kg/id/instrument/甘医保发〔2019〕35号"}
    assert len({t for _i, t in rows}) == 2


def test_a_title_cited_without_its_number_joins_the_numbered_node(db: Path) -> None:
    rows = _csv(
        db,
        "SELECT DISTINCT ?i WHERE { ?i a eli:LegalResource ; rdfs:label ?l FILTER(CONTAINS(STR(?l), '酒泉市欺诈')) }",
    )
    assert rows == [["https://w3id.org/qzqd-kg/id/instrument/酒医保〔2019〕59号"]]


def test_trace_text_groups_powers_by_agency_and_escapes_markup() -> None:
    from rich.console import Console

    from kg.cli.trace_view import trace_view
    from kg.trace import TracedCitation, TracedPower, TraceResult

    def power(seq: str, agency: str) -> TracedPower:
        cites = tuple(
            TracedCitation(
                iri=f"urn:c{seq}{n}",
                cited=f"urn:art{n}",
                cited_as=f"第{n}条",
                quote="引文" * 50,
                column="basis",
                raw_text=None,
                line=3,
            )
            for n in "八九"
        )
        return TracedPower(
            seq=seq, name="[red]对甲的处罚[/red]", agency=agency, list="某市清单", file="a.txt", line=3,
            item=f"urn:i{seq}", citations=cites,
        )  # fmt: skip

    result = TraceResult(iri="urn:x", label="某法第八条", powers=[power("2", "乙局"), power("1", "甲局")])
    console = Console(width=80, record=True)
    console.print(trace_view(result))
    text = console.export_text()
    assert text.count("甲局 — 某市清单") == 1 and text.count("乙局 — 某市清单") == 1
    assert text.index("乙局") < text.index("  2  ") < text.index("甲局") < text.index("  1  ")
    assert text.count("[red]对甲的处罚[/red]") == 2
    assert "2 项权力 · 2 个实施主体 · 2 个条款 · 4 处引用" in text
    assert "…" not in text and text.count("某市清单 序号2 第3行") == 2

"""Findings as quads in their own named graph, queryable with SPARQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from kg.audit.model import Evidence, Finding, InstrumentRef, ItemRef, Location
from kg.audit.rdf import FINDINGS_GRAPH, finding_iri, finding_quads, item_node
from kg.iri import instrument_iri
from kg.store import open_store


def _finding(raw: str = "民发〔20017〕101号") -> Finding:
    return Finding(
        kind="malformed_doc_number",
        severity="error",
        message=f"文号“{raw}”书写有误",
        evidence=Evidence(
            locations=(Location("/x/a.txt", 12, "4169", "实施依据", raw),),
            raw=(raw,),
            expected="民发〔2007〕101号",
            related=(Location("b.txt", 28, "15", "实施依据", "民发〔2007〕101号"),),
        ),
        suggestion="改为“民发〔2007〕101号”",
        items=(ItemRef("/x/a.txt", "4169", "优抚对象医疗保障待遇", None, "天水市医保局权责清单"),),
        instruments=(InstrumentRef("优抚对象医疗保障办法", "民发〔20017〕101号", "民发〔20017〕101号"),),
    )


def test_quads_are_deterministic_and_in_the_findings_graph() -> None:
    first, second = list(finding_quads([_finding()])), list(finding_quads([_finding()]))
    assert first == second
    assert {q[3] for q in first} == {FINDINGS_GRAPH}
    assert finding_iri(_finding()) != finding_iri(_finding("国务院令第六49号"))


QUERY = """PREFIX kg: <https://w3id.org/qzqd-kg/ontology#>
SELECT ?f ?kind ?expected ?seq ?target WHERE { GRAPH ?g {
  ?f kg:findingKind ?kind ; kg:expected ?expected ; kg:concerns ?target ;
     kg:evidence ?loc . ?loc kg:atSeq ?seq } }"""


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_sparql_finds_findings_by_kind_and_what_they_concern(tmp_path: Path, backend: str) -> None:
    with open_store(backend, db=tmp_path / "db") as store:
        store.replace_graph(FINDINGS_GRAPH, finding_quads([_finding()]))
        rows = store.query(QUERY, {"kind": Literal("malformed_doc_number")})
    assert {row["target"] for row in rows} == {
        item_node(_finding().items[0]),
        instrument_iri("民发〔20017〕101号"),
    }
    assert {str(row["seq"]) for row in rows} == {"4169"}
    assert {str(row["expected"]) for row in rows} == {"民发〔2007〕101号"}


def test_item_node_matches_the_graph_minting() -> None:
    ref = ItemRef("a.txt", "4160", code="11620500MB161709673620236001000", list_title="清单")
    assert str(item_node(ref)).endswith("/power/11620500MB161709673620236001000")
    assert str(item_node(ItemRef("dir/b.txt", "3", list_title=""))).endswith("/list/b.txt/item/3")


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_findings_come_back_from_the_store(tmp_path: Path, backend: str) -> None:
    from kg.audit.store import load_findings, save_findings

    with open_store(backend, db=tmp_path / "db") as store:
        assert load_findings(store) is None
        save_findings(store, [_finding()])
        [back] = load_findings(store) or []
    original = _finding()
    assert (back.kind, back.severity, back.message, back.suggestion) == (
        original.kind,
        original.severity,
        original.message,
        original.suggestion,
    )
    assert back.evidence.locations == tuple(
        loc.__class__(loc.file_name, loc.line, loc.seq, loc.column, loc.raw)
        for loc in original.evidence.locations
    )
    assert back.evidence.related[0].seq == "15" and back.evidence.expected == "民发〔2007〕101号"
    assert {iri for iri, _ in back.links} == {
        str(item_node(original.items[0])),
        str(instrument_iri("民发〔20017〕101号")),
    }

"""IRI minting: readable, encoded where needed, and in step with the concept schemes."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, Graph, URIRef

from kg import iri
from kg.validate import ontology_path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国务院令第649号", "国务院令第649号"),
        ("人社部〔2016〕120号", "人社部〔2016〕120号"),
        ("  甲市医保局 ", "甲市医保局"),
        ("a b", "a%20b"),
        ("x/y#z?", "x%2Fy%23z%3F"),
        ("办法（暂行）", "办法（暂行）"),
        ("办法(试行)", "办法(试行)"),
        ("100%", "100%25"),
    ],
    ids=[
        "order-number",
        "year-brackets",
        "trimmed",
        "space",
        "reserved",
        "fullwidth",
        "ascii-parens",
        "percent",
    ],
)
def test_segment(text: str, expected: str) -> None:
    assert iri.segment(text) == expected


@pytest.mark.parametrize("text", ["", "   "], ids=["empty", "blank"])
def test_segment_refuses_empty_text(text: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        iri.segment(text)


@pytest.mark.parametrize(
    ("path", "tail"),
    [
        ((("art", 87),), "/art_87"),
        ((("art", 77), ("para", 1)), "/art_77__para_1"),
        ((("chp", 4),), "/chp_4"),
        ((("part", 4),), "/part_4"),
        ((("art", 2), ("item", 4)), "/art_2__item_4"),
    ],
    ids=["article", "paragraph", "chapter", "part", "item"],
)
def test_provision_path(path: tuple[tuple[str, int], ...], tail: str) -> None:
    instrument = iri.instrument_iri("中华人民共和国社会保险法")
    assert iri.provision_iri(instrument, path) == URIRef(str(instrument) + tail)


def test_provision_needs_a_level() -> None:
    with pytest.raises(ValueError, match="at least one level"):
        iri.provision_iri(iri.instrument_iri("x"), ())


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"code": "11620500MB161709673620236001000", "list_key": "甲", "seq": "1"},
            "power/11620500MB161709673620236001000",
        ),
        ({"code": None, "list_key": "甲市清单", "seq": "12"}, "list/甲市清单/item/12"),
    ],
    ids=["by-code", "by-list-and-seq"],
)
def test_power_item_iri(kwargs: dict, expected: str) -> None:
    assert iri.power_item_iri(**kwargs) == URIRef(iri.BASE + expected)


@pytest.mark.parametrize(
    ("credit", "name", "expected"),
    [("11620500MB16170967", "甲局", "agency/11620500MB16170967"), (None, "甲局", "agency/甲局")],
    ids=["credit-code", "name"],
)
def test_agency_iri(credit: str | None, name: str, expected: str) -> None:
    assert iri.agency_iri(credit_code=credit, name=name) == URIRef(iri.BASE + expected)


def test_reference_iri_is_distinct_per_list_column_and_span_and_citation_iri_per_index() -> None:
    base = {"list_key": "甲", "seq": "1", "column": "basis", "span": (0, 9)}
    variants = [
        base,
        {**base, "list_key": "乙"},
        {**base, "seq": "2"},
        {**base, "column": "duties"},
        {**base, "span": (1, 9)},
    ]
    references = {iri.reference_iri(**v) for v in variants}
    assert len(references) == len(variants)
    citations = {iri.citation_iri(r, n) for r in references for n in (0, 1, 10)}
    assert len(citations | references) == 4 * len(variants)
    # the citation IRIs are those the graph minted before references were split out
    assert str(iri.citation_iri(iri.reference_iri(**base), 0)).endswith("/1/basis_0-9_0")


@pytest.mark.parametrize(
    ("scheme", "mint"),
    [("power-type", iri.power_type_iri), ("instrument-kind", iri.instrument_kind_iri)],
    ids=["power-types", "instrument-kinds"],
)
def test_scheme_concepts_have_the_minted_iris(scheme: str, mint) -> None:  # type: ignore[no-untyped-def]
    graph = Graph().parse(ontology_path("schemes.ttl"), format="turtle")
    concepts = set(graph.subjects(SKOS.inScheme, iri.scheme_iri(scheme)))
    assert concepts, f"no concepts in scheme {scheme}"
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in graph
        label = next(str(lbl) for lbl in graph.objects(concept, SKOS.prefLabel) if lbl.language == "zh")
        assert mint(label) == concept

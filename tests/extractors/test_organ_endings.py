"""extractors.patterns.ORGAN_ENDINGS is the one list of organ words: every reader of an organ's name takes it."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.patterns import ORGAN_ENDINGS
from extractors.titles import issuer_from_title


@pytest.mark.parametrize("ending", ORGAN_ENDINGS)
def test_organ_before_a_title_is_its_issuer(ending: str) -> None:
    (citation,) = extract(f"某某{ending}《管理办法》第三条")
    assert citation.instrument.issuer == f"某某{ending}"


@pytest.mark.parametrize("ending", ORGAN_ENDINGS)
def test_organ_before_guanyu_is_the_titles_issuer(ending: str) -> None:
    assert issuer_from_title(f"某某{ending}关于印发管理办法的通知") == f"某某{ending}"


def test_state_name_before_a_title_is_no_organ() -> None:
    """中华人民共和国 starts titles (中华人民共和国《土地管理法》): the law's issuer stays its own."""
    (citation,) = extract("依据中华人民共和国《土地管理法》第七十四条")
    assert citation.instrument.issuer == "全国人民代表大会常务委员会"

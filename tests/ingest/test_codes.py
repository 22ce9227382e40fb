"""地方权力编码 decoding: length, GB 32100 check digit, type digits."""

from __future__ import annotations

import pytest

from kg.ingest.codes import decode_power_code, is_valid_credit_code


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        pytest.param("11620500MB16170967", True, id="tianshui-bureau"),
        pytest.param("91350100M000100Y43", True, id="gb-example"),
        pytest.param("11620500MB16170968", False, id="wrong-check-digit"),
        pytest.param("11620500MB1617096", False, id="too-short"),
        pytest.param("11620500IB16170967", False, id="letter-not-allowed"),
    ],
)
def test_credit_code_check_digit(code: str, valid: bool) -> None:
    assert is_valid_credit_code(code) is valid


def test_valid_code_decoded() -> None:
    info = decode_power_code("11620500MB161709673620236001000", "行政处罚")
    assert info is not None and info.valid
    assert (info.credit_code, info.item_code, info.type_digits) == (
        "11620500MB16170967",
        "3620236001000",
        "02",
    )


def test_type_digits_must_agree() -> None:
    info = decode_power_code("11620500MB161709673620236001000", "行政许可")
    assert info is not None and not info.valid
    assert "行政处罚" in info.problems[0]


def test_short_code_kept_and_flagged() -> None:
    info = decode_power_code("11620500MB1673620836001000", "行政奖励")
    assert info is not None and not info.valid and info.raw == "11620500MB1673620836001000"
    assert "length 26" in info.problems[0]
    assert any("check digit" in p for p in info.problems)


def test_empty_code_is_none() -> None:
    assert decode_power_code("  ") is None

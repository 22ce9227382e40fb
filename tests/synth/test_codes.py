"""Check digits and power codes of synthetic lists agree with ingest's decoder."""

from __future__ import annotations

from random import Random

import pytest

from kg.ingest.codes import decode_power_code
from kg.synth.codes import (
    credit_check_digit,
    credit_code,
    is_valid_credit_code,
    org_check_char,
    power_code,
)


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("11620500MB1617096", "7"),  # 天水市医疗保障局, from the sample list
        ("91350100M000100Y4", "3"),  # the GB 32100 example code
    ],
    ids=["tianshui-sample", "gb32100-example"],
)
def test_credit_check_digit(body: str, check: str) -> None:
    assert credit_check_digit(body) == check


@pytest.mark.parametrize(
    ("body", "check"),
    [("MB161709", "6"), ("D2143569", "X"), ("12345678", "8")],
    ids=["sample-organ", "gb11714-example", "digits"],
)
def test_org_check_char(body: str, check: str) -> None:
    assert org_check_char(body) == check


@pytest.mark.parametrize(
    "body", ["1162050", "11620500MB161709I", "11620500MB1617096Z"], ids=["short", "letter-I", "long"]
)
def test_credit_check_digit_rejects_bad_bodies(body: str) -> None:
    with pytest.raises(ValueError, match=r"credit code|GB 32100"):
        credit_check_digit(body)


def test_generated_credit_codes_are_valid() -> None:
    rng = Random(7)
    codes = [credit_code(f"{620100 + i:06d}", rng) for i in range(200)]
    assert all(is_valid_credit_code(c) for c in codes)
    assert all(org_check_char(c[8:16]) == c[16] for c in codes)
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize(
    ("power_type", "digits"),
    [("行政许可", "01"), ("行政处罚", "02"), ("行政给付", "05"), ("其他行政权力", "10")],
    ids=["licence", "penalty", "benefit", "other"],
)
def test_power_code_decodes_valid_with_its_type(power_type: str, digits: str) -> None:
    code = power_code(credit_code("620502", Random(1)), "62", digits, "36", 12, 3)
    assert len(code) == 31
    info = decode_power_code(code, power_type)
    assert info is not None and info.valid, info
    assert info.type_digits == digits


def test_power_code_type_mismatch_is_detected_by_ingest() -> None:
    code = power_code(credit_code("620502", Random(1)), "62", "02", "36", 1)
    info = decode_power_code(code, "行政许可")
    assert info is not None and not info.valid

"""Decode 地方权力编码: an 18-character unified social credit code + an item code.

The credit code's last character is a check digit (GB 32100-2015); the item code
carries the power type in two digits that must agree with 权力类型.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

__all__ = ["credit_code_check_char", "decode_power_code", "is_valid_credit_code", "power_type_codes"]

from kg.model import PowerCode

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100 (no I, O, S, V, Z), in value order."""

CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
"""Weights of the first 17 characters (3^i mod 31), GB 32100-2015 §4.2."""

CREDIT_CODE_LENGTH = 18
ITEM_CODE_LENGTH = 13
"""Item code of the provincial catalogue: 3 + 2 type digits + 8 more (e.g. 3620236001000)."""

TYPE_DIGITS = slice(3, 5)
"""Where the power type sits in the item code: 362[02]36001000 → 02 = 行政处罚."""


def credit_code_check_char(first17: str) -> str | None:
    """The check character for the first 17 characters, or None if one is not allowed.

    Examples:
        >>> credit_code_check_char("91350100M000100Y4")
        '3'
    """
    total = 0
    for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True):
        value = CREDIT_CODE_CHARS.find(char)
        if value < 0:
            return None
        total += value * weight
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    """True for an 18-character code whose check digit is right."""
    if len(code) != CREDIT_CODE_LENGTH:
        return False
    return credit_code_check_char(code[:17]) == code[17]


@cache
def power_type_codes() -> dict[str, str]:
    """Two-digit type code → 权力类型 (``data/power_types.csv``)."""
    text = resources.files("kg.ingest").joinpath("data/power_types.csv").read_text("utf-8")
    return {row["code"]: row["type"] for row in csv.DictReader(text.splitlines())}


def decode_power_code(raw: str, power_type: str = "") -> PowerCode | None:
    """Decode a 地方权力编码; keep it as written and say what is wrong when it fails.

    Returns None for an empty cell.
    """
    code = raw.strip().upper()
    if not code:
        return None
    expected = CREDIT_CODE_LENGTH + ITEM_CODE_LENGTH
    if len(code) != expected:
        problems = [
            f"length {len(code)}, expected {expected} (18-character credit code + 13-digit item code)"
        ]
        head = code[:CREDIT_CODE_LENGTH]
        if len(head) == CREDIT_CODE_LENGTH and not is_valid_credit_code(head):
            problems.append(f"embedded credit code {head} fails its check digit")
        return PowerCode(raw=raw, valid=False, problems=tuple(problems))
    credit, item = code[:CREDIT_CODE_LENGTH], code[CREDIT_CODE_LENGTH:]
    problems = []
    if not is_valid_credit_code(credit):
        problems.append(f"credit code {credit} fails its check digit (GB 32100)")
    if not item.isdigit():
        problems.append(f"item code {item} is not all digits")
    type_digits = item[TYPE_DIGITS]
    declared = power_type_codes().get(type_digits)
    if power_type and declared and declared != power_type:
        problems.append(f"type digits {type_digits} mean {declared}, but 权力类型 is {power_type}")
    return PowerCode(
        raw=raw,
        credit_code=credit,
        item_code=item,
        type_digits=type_digits,
        valid=not problems,
        problems=tuple(problems),
    )

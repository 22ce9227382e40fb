"""Unified social credit codes (GB 32100) and 31-character 地方权力编码 for synthetic lists.

A 地方权力编码 as published in the 天水 sample is the agency's 18-character unified
social credit code followed by a 13-digit item code. The credit code ends in a GB 32100
check digit and embeds a 9-character organisation code with its own GB 11714 check
character, so a synthetic code must get both right or every row would look malformed.

Item code layout used here (read off the sample ``3620236001000``)::

    3 62 02 36 001 000
    | |  |  |  |   └ sub-item number (000 = the item itself)
    | |  |  |  └ item number within the agency and type
    | |  |  └ field of administration (36 = 医疗保障)
    | |  └ power-type digits (02 = 行政处罚, see data/power_types.csv)
    | └ province code (62 = 甘肃)
    └ constant 3 (local power)

Examples:
    >>> credit_check_digit("11620500MB1617096")
    '7'
    >>> org_check_char("MB161709")
    '6'
    >>> is_valid_credit_code("11620500MB16170967")
    True
    >>> power_code("11620500MB16170967", "62", "02", "36", 1)
    '11620500MB161709673620236001000'
"""

from __future__ import annotations

from random import Random

from kg.ingest.codes import credit_code_check_char, is_valid_credit_code

__all__ = [
    "ORGAN_PREFIX",
    "credit_check_digit",
    "credit_code",
    "is_valid_credit_code",
    "item_code",
    "org_check_char",
    "power_code",
]

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11714 weights for the 8 body characters of an organisation code."""

ORGAN_PREFIX = "11"
"""Registering authority 1 (机构编制) + organisation type 1 (机关): what agencies carry."""


def credit_check_digit(body: str) -> str:
    """The 18th character of a unified social credit code for its first 17.

    The computation is ingest's (:func:`kg.ingest.codes.credit_code_check_char`), so
    what synth writes as valid is exactly what ingest accepts as valid.

    Raises:
        ValueError: when ``body`` is not 17 characters of the GB 32100 alphabet.
    """
    if len(body) != 17:
        raise ValueError(f"credit code body must have 17 characters, got {body!r}")
    check = credit_code_check_char(body)
    if check is None:
        raise ValueError(f"{body!r} has a character outside the GB 32100 alphabet")
    return check


def org_check_char(body: str) -> str:
    """The 9th character of a GB 11714 organisation code for its first 8.

    Letters count 10–35 as in the standard; a check value of 10 is written ``X``.
    """
    if len(body) != len(_ORG_WEIGHTS):
        raise ValueError(f"organisation code body must have 8 characters, got {body!r}")
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code(admin_code: str, rng: Random) -> str:
    """A valid credit code of a government organ in the area ``admin_code`` (6 digits)."""
    org_body = "MB" + "".join(rng.choice("0123456789") for _ in range(6))
    body = ORGAN_PREFIX + admin_code + org_body + org_check_char(org_body)
    return body + credit_check_digit(body)


def item_code(province: str, type_digits: str, field_code: str, number: int, sub: int = 0) -> str:
    """The 13-digit item part of a 地方权力编码 (layout in the module docstring)."""
    return f"3{province}{type_digits}{field_code}{number % 1000:03d}{sub % 1000:03d}"


def power_code(
    credit: str, province: str, type_digits: str, field_code: str, number: int, sub: int = 0
) -> str:
    """A 31-character 地方权力编码: credit code + item code."""
    return credit + item_code(province, type_digits, field_code, number, sub)

"""Power codes (地方权力编码): wrong length, bad check digit, type digits against 权力类型.

Ingest decodes every code into :class:`~kg.model.PowerCode` and says what is
wrong; this check reports it with the list's context: how long the other codes
of the list are, which credit code they carry, and the code the row most likely
meant when the list's own credit code plus the row's item code makes a valid one.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.audit.corpus import CitedItem, Corpus
from kg.audit.model import Evidence, Finding
from kg.ingest.codes import (
    CREDIT_CODE_LENGTH,
    ITEM_CODE_LENGTH,
    TYPE_DIGITS,
    decode_power_code,
    is_valid_credit_code,
    power_type_codes,
)

__all__ = ["malformed_power_codes", "problems_zh"]

CODE_LENGTH = CREDIT_CODE_LENGTH + ITEM_CODE_LENGTH


def _list_context(items: list[CitedItem]) -> tuple[Counter[int], str | None]:
    """Lengths of the list's codes and the credit code its valid codes share."""
    lengths: Counter[int] = Counter()
    credits: Counter[str] = Counter()
    for cited in items:
        info = cited.item.code_info
        if info is None:
            continue
        lengths[len(info.raw.strip())] += 1
        if info.valid and info.credit_code:
            credits[info.credit_code] += 1
    common = credits.most_common(1)
    return lengths, common[0][0] if common else None


def _likely_code(cited: CitedItem, credit: str | None) -> str | None:
    """The list's credit code + the row's last 13 characters, when that decodes as valid."""
    raw = cited.item.code_info.raw.strip().upper() if cited.item.code_info else ""
    if not credit or len(raw) < ITEM_CODE_LENGTH:
        return None
    candidate = credit + raw[-ITEM_CODE_LENGTH:]
    if candidate == raw:
        return None
    decoded = decode_power_code(candidate, cited.item.type)
    return candidate if decoded is not None and decoded.valid else None


def problems_zh(raw: str, power_type: str) -> list[str]:
    """What is wrong with a code, in Chinese, read the way ingest reads it.

    Examples:
        >>> problems_zh("11620500MB1673620836001000", "行政奖励")[0]
        '长度26位，应为31位（18位统一社会信用代码 + 13位事项编码）'
    """
    code = raw.strip().upper()
    out = []
    if len(code) != CODE_LENGTH:
        out.append(f"长度{len(code)}位，应为{CODE_LENGTH}位（18位统一社会信用代码 + 13位事项编码）")
    head = code[:CREDIT_CODE_LENGTH]
    if len(head) == CREDIT_CODE_LENGTH and not is_valid_credit_code(head):
        out.append(f"内嵌的统一社会信用代码{head}未通过校验位（GB 32100）")
    if len(code) == CODE_LENGTH:
        digits = code[CREDIT_CODE_LENGTH:][TYPE_DIGITS]
        declared = power_type_codes().get(digits)
        if power_type and declared and declared != power_type:
            out.append(f"类型位{digits}表示{declared}，与权力类型“{power_type}”不符")
    return out


def malformed_power_codes(corpus: Corpus) -> list[Finding]:
    """One finding per item whose power code ingest could not validate."""
    by_file: dict[str, list[CitedItem]] = defaultdict(list)
    for cited in corpus.items:
        by_file[cited.item.file].append(cited)
    findings = []
    for items in by_file.values():
        lengths, credit = _list_context(items)
        for cited in items:
            info = cited.item.code_info
            if info is None or info.valid:
                continue
            raw = info.raw.strip()
            context = ""
            same = lengths.get(CODE_LENGTH, 0)
            if len(raw) != CODE_LENGTH and same:
                context = f"；本清单其他{same}个编码均为{CODE_LENGTH}位"
            likely = _likely_code(cited, credit)
            findings.append(
                Finding(
                    kind="malformed_power_code",
                    severity="error",
                    message=f"地方权力编码“{raw}”有误："
                    + "；".join(problems_zh(raw, cited.item.type) or ["未通过校验"])
                    + context
                    + " / "
                    + "; ".join(info.problems),
                    evidence=Evidence(locations=(cited.location("code", raw),), raw=(raw,), expected=likely),
                    suggestion=(
                        f"可能应为“{likely}”（本清单通用的统一社会信用代码{credit} + 本行事项编码"
                        f"{likely[CREDIT_CODE_LENGTH:]}），请核对 / probably"
                        if likely
                        else "核对编码 / check the code"
                    ),
                    items=(cited.ref,),
                )
            )
    return findings

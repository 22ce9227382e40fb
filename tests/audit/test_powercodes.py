"""Power codes: wrong length, check digit, type digits."""

from __future__ import annotations

from kg.audit.powercodes import malformed_power_codes
from tests.audit.factories import CREDIT, corpus, item


def test_short_code_with_likely_correction() -> None:
    rows = [
        (item("a.txt", "4160", type="行政处罚", code=CREDIT + "3620236001000"), {}),
        (item("a.txt", "4165", type="行政确认", code=CREDIT + "3620736001000"), {}),
        (item("a.txt", "4166", type="行政奖励", code="11620500MB1673620836001000"), {}),
    ]
    [finding] = malformed_power_codes(corpus(rows))
    assert finding.evidence.seqs == ("4166",)
    assert "长度26位" in finding.message and "其他2个编码均为31位" in finding.message
    assert finding.evidence.expected == CREDIT + "3620836001000"


def test_type_digits_disagree() -> None:
    rows = [(item("a.txt", "1", type="行政处罚", code=CREDIT + "3620536001000"), {})]
    [finding] = malformed_power_codes(corpus(rows))
    assert "类型位05表示行政给付，与权力类型“行政处罚”不符" in finding.message


def test_valid_codes_and_missing_codes_give_nothing() -> None:
    rows = [
        (item("a.txt", "1", type="行政处罚", code=CREDIT + "3620236001000"), {}),
        (item("b.txt", "1", type="行政处罚"), {}),
    ]
    assert malformed_power_codes(corpus(rows)) == []

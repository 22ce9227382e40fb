"""Items whose 实施依据 cites nothing."""

from __future__ import annotations

import pytest

from kg.audit.basis import no_basis
from tests.audit.factories import cite, corpus, item


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        ("", "为空"),
        ("依据有关规定执行", "未写明法律文件"),
        ("同上", "未写明法律文件"),
        ("地质灾害防治条例第二十二条：县级以上……", "写有“地质灾害防治条例第二十二条”，但未按规范格式引用"),
    ],
    ids=["empty", "no-citation", "same-as-above", "unbracketed-title"],
)
def test_no_basis(basis: str, expected: str) -> None:
    [finding] = no_basis(corpus([(item("a.txt", "3", basis=basis), {})]))
    assert expected in finding.message
    assert finding.evidence.seqs == ("3",)


def test_cited_basis_is_fine_even_if_only_duties_cite() -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite("中华人民共和国社会保险法", arts=[8])]}),
        (item("a.txt", "2"), {"duties": [cite("中华人民共和国社会保险法", arts=[8])]}),
    ]
    assert [f.evidence.seqs for f in no_basis(corpus(rows))] == [("2",)]

"""Row repair rules, each on a small list the test writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.patterns import RELIANCE_VERBS
from kg.ingest import read_list

HEADER = "序号\t事项名称\t子项名称\t权力类型\t行使主体\t实施依据\t责任事项\t追责情形\t备注"


def _read(tmp_path: Path, *rows: str, title: str = "某县交通运输局权责清单"):
    path = tmp_path / "list.txt"
    path.write_text("\n".join(["", title, "", HEADER, *rows]) + "\n", encoding="utf-8")
    return read_list(path)


def test_clean_list_needs_no_repair(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        "1\t甲\t\t行政处罚\t某县交通运输局\t《中华人民共和国公路法》第七十六条\t责任\t追责\t",
        HEADER,
        "2\t乙\t\t行政许可\t某县交通运输局\t《公路安全保护条例》第二十七条\t责任\t追责\t",
    )
    assert result.repairs == []
    assert [i.seq for i in result.items] == ["1", "2"]
    assert result.header_rows == 2


def test_joined_agency_and_basis_split(tmp_path: Path) -> None:
    result = _read(
        tmp_path, "1\t甲\t\t行政处罚\t某县交通运输局 1. 《中华人民共和国公路法》第七十六条\t责任\t追责"
    )
    item = result.items[0]
    assert item.agency == "某县交通运输局"
    assert item.basis == "1. 《中华人民共和国公路法》第七十六条"
    assert item.duties == "责任" and item.accountability == "追责"
    assert [r.kind for r in item.repairs] == ["split_agency_basis", "pad_missing_fields"]
    assert item.repairs[0].line == 5


@pytest.mark.parametrize("verb", RELIANCE_VERBS)
def test_joined_agency_and_basis_split_before_each_reliance_verb(tmp_path: Path, verb: str) -> None:
    """Every verb of reliance the extractor knows starts a 实施依据 cell (参照, 适用 … as much as 根据)."""
    result = _read(
        tmp_path, f"1\t甲\t\t行政处罚\t某县交通运输局 {verb}《中华人民共和国公路法》\t责任\t追责\t"
    )
    item = result.items[0]
    assert (item.agency, item.basis) == ("某县交通运输局", f"{verb}《中华人民共和国公路法》")


def test_agency_name_with_space_in_ordinary_text_not_split(tmp_path: Path) -> None:
    result = _read(tmp_path, "1\t甲\t\t行政处罚\t某县交通运输局\t责任 内容\t追责\t")
    assert result.items[0].basis == "责任 内容"
    assert not any(r.kind == "split_agency_basis" for r in result.repairs)


def test_missing_trailing_field_padded(tmp_path: Path) -> None:
    result = _read(
        tmp_path, "1\t甲\t\t行政处罚\t某县交通运输局\t《中华人民共和国公路法》第七十六条\t责任\t追责"
    )
    assert [r.kind for r in result.repairs] == ["pad_missing_fields"]
    assert "备注" in result.repairs[0].detail and result.repairs[0].seq == "1"


def test_markdown_rule_skipped_and_reported(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        "1\t甲\t\t行政处罚\t某县交通运输局\t依据\t\t\t",
        "----\t---\t--\t---",
        "2\t乙\t\t行政处罚\t某县交通运输局\t依据\t\t\t",
    )
    assert [i.seq for i in result.items] == ["1", "2"]
    assert [r.kind for r in result.repairs] == ["skip_rule_row"]
    assert result.repairs[0].line == 6
    assert result.skipped_rows() == 1  # kg ingest's 跳过 column


def test_line_break_inside_cell_rejoined(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        "1\t甲\t\t行政处罚\t某县交通运输局\t《中华人民共和国公路法》",
        "第七十六条\t责任\t追责\t",
        "2\t乙\t\t行政许可\t某县交通运输局\t依据\t\t\t",
    )
    assert result.items[0].basis == "《中华人民共和国公路法》\n第七十六条"
    assert result.items[0].duties == "责任"
    assert [r.kind for r in result.repairs] == ["merge_continuation"]


def test_unreadable_row_skipped_others_kept(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        "1\t甲\t\t行政处罚\t某县交通运输局\t依据\t\t\t",
        "\t\t\t行政处罚\t\t\t\t\t",
        "2\t乙\t\t行政许可\t某县交通运输局\t依据\t\t\t",
    )
    assert [i.seq for i in result.items] == ["1", "2"]
    assert [(r.kind, r.line) for r in result.repairs] == [("skip_unreadable_row", 6)]


def test_extra_fields_kept(tmp_path: Path) -> None:
    result = _read(tmp_path, "1\t甲\t\t行政处罚\t某县交通运输局\t依据\t\t\t\t多出的内容")
    assert result.items[0].extra == {"列10": "多出的内容"}
    assert [r.kind for r in result.repairs] == ["extra_fields_kept"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("县交通局", "某县交通运输局", id="abbreviation"),
        pytest.param("某县交通运输局", "某县交通运输局", id="full"),
        pytest.param("交通运输局", "某县交通运输局", id="bare"),
        pytest.param("", "某县交通运输局", id="empty-is-list-owner"),
    ],
)
def test_agency_resolved_against_title(tmp_path: Path, raw: str, expected: str) -> None:
    result = _read(tmp_path, f"1\t甲\t\t行政处罚\t{raw}\t依据\t\t\t")
    assert result.items[0].agency == expected

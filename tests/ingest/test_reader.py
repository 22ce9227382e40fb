"""Readers and encodings: every format of a sample list gives the same records."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from openpyxl import Workbook

from kg.ingest import NotAPowerList, read_list
from kg.ingest.readers import text_rows

COMPARED_FIELDS = (
    "seq",
    "name",
    "sub_name",
    "type",
    "code",
    "agency",
    "agency_raw",
    "org_units",
    "basis",
    "duties",
    "accountability",
    "remark",
    "list_title",
)


def _records(path: Path) -> list[tuple]:
    return [tuple(getattr(item, f) for f in COMPARED_FIELDS) for item in read_list(path).items]


def _raw_rows(sample: Path) -> list[list[str]]:
    return [row.cells for row in text_rows(sample.read_text(encoding="utf-8"))]


def _to_xlsx(sample: Path, target: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for cells in _raw_rows(sample):
        sheet.append(cells)
    workbook.save(target)
    return target


def _to_html(sample: Path, target: Path) -> Path:
    rows = _raw_rows(sample)
    body = []
    for cells in rows:
        body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    title = next(c[0] for c in rows if c and c[0].strip())
    page = f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body><table>{''.join(body)}</table></body></html>"
    target.write_text(page, encoding="utf-8")
    return target


def test_samples_item_counts(sample_paths: list[Path]) -> None:
    tianshui, guazhou = (read_list(p) for p in sample_paths)
    assert [i.seq for i in tianshui.items] == [str(n) for n in range(4160, 4176)]
    assert [i.seq for i in guazhou.items] == [str(n) for n in range(1, 16)]
    assert {i.agency for i in tianshui.items} == {"天水市医疗保障局"}
    assert {i.agency for i in guazhou.items} == {"瓜州县医疗保障局"}
    assert tianshui.power_list.title == "天水市医保局权责清单"
    assert all(item.basis for item in tianshui.items + guazhou.items)


def test_sample_basis_is_plain_text(sample_paths: list[Path]) -> None:
    items = read_list(sample_paths[0]).items
    first = items[0].basis
    assert first.startswith("《中华人民共和国社会保险法》第七十七条")
    assert "<p>" not in first and "</p>" not in first
    assert "\n" in items[3].basis, "paragraph breaks of <p> are kept"


@pytest.mark.parametrize("fmt", ["xlsx", "html", "gb18030", "utf-8-sig", "csv"])
def test_other_formats_give_same_records(sample_paths: list[Path], tmp_path: Path, fmt: str) -> None:
    for sample in sample_paths:
        if fmt == "xlsx":
            other = _to_xlsx(sample, tmp_path / f"{sample.stem}.xlsx")
        elif fmt == "html":
            other = _to_html(sample, tmp_path / f"{sample.stem}.html")
        elif fmt == "csv":
            import csv

            other = tmp_path / f"{sample.stem}.csv"
            with other.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(_raw_rows(sample))
        else:
            other = tmp_path / f"{sample.stem}.txt"
            other.write_bytes(sample.read_text(encoding="utf-8").encode(fmt))
        assert _records(other) == _records(sample), f"{fmt} copy of {sample.name}"


def test_encoding_detected(sample_paths: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "gb.txt"
    target.write_bytes(sample_paths[1].read_text(encoding="utf-8").encode("gb18030"))
    assert read_list(target).encoding == "gb18030"
    assert read_list(sample_paths[1]).encoding == "utf-8"


def test_xlsx_merged_cells_and_sheets(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    first.title = "处罚"
    first.append(["某市市场监督管理局权责清单"])
    first.append(["序号", "事项名称", "事项类型", "执法主体", "法律依据"])
    first.append(["1", "对甲的处罚", "行政处罚", "市市监局", "《中华人民共和国食品安全法》第一百二十二条"])
    first.append(["2", "对乙的处罚", "行政处罚", None, "《中华人民共和国食品安全法》第一百二十三条"])
    first.merge_cells("D3:D4")
    second = workbook.create_sheet("许可")
    second.append(["序号", "事项名称", "事项类型", "执法主体", "法律依据"])
    second.append(["3", "食品经营许可", "行政许可", "市市监局", "《中华人民共和国食品安全法》第三十五条"])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    result = read_list(path)
    assert [i.seq for i in result.items] == ["1", "2", "3"]
    assert {i.agency for i in result.items} == {"某市市场监督管理局"}
    assert [i.extra.get("工作表") for i in result.items] == ["处罚", "处罚", "许可"]


def test_html_rowspan_colspan(tmp_path: Path) -> None:
    page = """<html><body><h1>某县生态环境局权责清单</h1><table>
    <tr><th>序号</th><th>事项名称</th><th>权力类型</th><th>实施主体</th><th>实施依据</th></tr>
    <tr><td>1</td><td>对甲的处罚</td><td rowspan="2">行政处罚</td><td rowspan="2">县生态环境局</td>
        <td>《中华人民共和国环境保护法》第五十九条<br/>第六十三条</td></tr>
    <tr><td>2</td><td>对乙的处罚</td><td>《中华人民共和国大气污染防治法》第九十九条</td></tr>
    <tr><td>3</td><td colspan="2">合并的名称</td><td>县生态环境局</td><td>依据&lt;略&gt;</td></tr>
    </table></body></html>"""
    path = tmp_path / "list.html"
    path.write_text(page, encoding="utf-8")
    result = read_list(path)
    assert result.power_list.title == "某县生态环境局权责清单"
    second = result.items[1]
    assert (second.type, second.agency) == ("行政处罚", "某县生态环境局")
    assert result.items[0].basis == "《中华人民共和国环境保护法》第五十九条\n第六十三条"
    assert result.items[2].type == "合并的名称" and result.items[2].basis == "依据<略>"


def test_unknown_columns_kept(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "序号,事项名称,权力类型,实施依据,监督电话,自定义列\n1,甲,行政许可,《某法》第一条,12345,x\n",
        encoding="utf-8",
    )
    item = read_list(path).items[0]
    assert item.extra == {"监督电话": "12345", "自定义列": "x"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"\x00\x01\x02binary\x00", "binary", id="binary"),
        pytest.param("随便一段文字\n没有表头".encode(), "no header", id="no-header"),
        pytest.param("序号\t事项名称\t实施依据\n".encode(), "no power item", id="header-only"),
        pytest.param(b"\xff\xfe\xfa\xfb" * 4, "decode", id="undecodable"),
    ],
)
def test_bad_input_names_file(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(NotAPowerList) as info:
        read_list(path)
    assert str(path) in str(info.value) and expected in str(info.value)


def test_bad_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(NotAPowerList, match=r"broken\.xlsx"):
        read_list(path)


LISTS = Path(__file__).parents[1] / "data" / "lists"


@pytest.mark.parametrize(
    ("name", "count", "agency"),
    [
        pytest.param("某市市场监督管理局权责清单.txt", 12, "某市市场监督管理局", id="market-txt"),
        pytest.param(
            "某县生态环境局权责清单.csv", 10, "某县生态环境局", id="ecology-csv-title-from-file-name"
        ),
    ],
)
def test_lists_from_other_fields(name: str, count: int, agency: str) -> None:
    result = read_list(LISTS / name)
    assert len(result.items) == count
    assert {item.agency for item in result.items} == {agency}
    assert {r.kind for r in result.repairs} <= {"strip_markup"}  # cells written as HTML, text kept

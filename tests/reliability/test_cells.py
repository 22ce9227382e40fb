"""Cell text at ingest: bidi controls removed once, markup removal recorded."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read_list
from kg.ingest.htmltext import BIDI_CONTROLS, cell_text

from .hostile import HEADER, list_text

BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a"


def test_bidi_controls_never_leave_ingest(tmp_path: Path) -> None:
    rows = [
        [
            "1",
            f"对{BIDI}骗取医保基金的处罚",
            "行政处罚",
            "甲市医疗保障局",
            f"《社会保险法》{BIDI}第八十七条",
            "",
        ]
    ]
    path = tmp_path / "甲.txt"
    path.write_text(list_text(rows, title=f"甲市医疗保障局{BIDI}权责清单"), encoding="utf-8")
    result = read_list(path)
    texts = [
        result.power_list.title,
        *(value for item in result.items for value in item.to_dict().values() if isinstance(value, str)),
    ]
    assert not any(BIDI_CONTROLS.search(text) for text in texts)
    assert result.items[0].name == "对骗取医保基金的处罚"
    assert result.power_list.title == "甲市医疗保障局权责清单"


def test_bidi_controls_are_removed_from_html_cells_too() -> None:
    assert cell_text(f"<p>gpj.{BIDI}exe</p>") == "gpj.exe"


def test_markup_dropped_from_a_cell_leaves_a_repair(tmp_path: Path) -> None:
    rows = [
        [
            "1",
            "甲事项",
            "行政处罚",
            "甲市医疗保障局",
            "<p>《社会保险法》第八十七条</p><script>x()</script>",
            "",
        ],
        ["2", "乙事项", "行政处罚", "甲市医疗保障局", "《社会保险法》第八十八条 a &lt; b", ""],
    ]
    path = tmp_path / "甲.txt"
    path.write_text(list_text(rows), encoding="utf-8")
    result = read_list(path)
    marked = [r for r in result.repairs if r.kind == "strip_markup"]
    assert [(r.seq, r.line) for r in marked] == [("1", 3)]
    assert HEADER[4] in marked[0].detail
    assert result.items[0].basis == "《社会保险法》第八十七条"
    assert list(result.items[0].repairs) == marked

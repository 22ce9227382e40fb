"""Status tables and citations of amended or repealed instruments."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.audit.status import StatusTableError, bundled_status, load_status, not_in_force, parse_status
from tests.audit.factories import cite, corpus, item

TABLE = """key,status,date,replaced_by,note
# comment line
中华人民共和国社会保险法,已修改,2018-12-29,,
甲发〔2001〕1号,已废止,2015-06-01,甲发〔2015〕9号,
中华人民共和国价格法,现行有效,,,
"""


def test_bundled_table_holds_only_instruments_the_library_lacks() -> None:
    from kg.laws.library import default_library

    table = bundled_status()
    library = default_library()
    assert not [key for key in table.by_title if library.get(key) is not None]
    assert not [key for key in table.by_number if library.by_number(key) is not None]


def test_amended_and_repealed_are_reported() -> None:
    table = parse_status(TABLE, "t.csv")
    rows = [
        (item("a.txt", "1"), {"basis": [cite("社会保险法", arts=[8])]}),
        (item("a.txt", "2"), {"basis": [cite("某办法", doc="甲发〔2001〕1号")]}),
        (item("a.txt", "3"), {"basis": [cite("中华人民共和国价格法", doc="主席令第92号")]}),
    ]
    findings = {f.severity: f for f in not_in_force(corpus(rows), table)}
    assert set(findings) == {"info", "error"}
    assert "2018-12-29" in findings["info"].message
    assert "甲发〔2015〕9号" in (findings["error"].suggestion or "")


@pytest.mark.parametrize(
    ("version", "reported"),
    [("2018年12月修改", False), ("2010年10月28日", True), (None, True)],
    ids=["names-current", "names-old", "no-version"],
)
def test_cited_version_decides(version: str | None, reported: bool) -> None:
    rows = [(item("a.txt", "8"), {"basis": [cite("中华人民共和国社会保险法", version=version)]})]
    assert bool(not_in_force(corpus(rows), parse_status(TABLE, "t.csv"))) is reported


def test_mentions_are_not_reported() -> None:
    rows = [(item("a.txt", "8"), {"basis": [cite("中华人民共和国社会保险法", role="mentions")]})]
    assert not_in_force(corpus(rows), parse_status(TABLE, "t.csv")) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("key,status,date\n某法,失效,2020-01-01\n", "t.csv:2: status '失效'"),
        ("key,status,date\n某法,已废止,2020/01/01\n", "expected YYYY-MM-DD"),
        ("key,status,date\n某法,已废止,\n", "needs the date"),
        ("title,state\n某法,已废止\n", "missing column"),
    ],
    ids=["status", "date-format", "date-missing", "columns"],
)
def test_bad_tables_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(StatusTableError, match=message):
        parse_status(text, "t.csv")


def test_load_status_from_file(tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    path.write_text("\ufeff" + TABLE, "utf-8")
    assert load_status(path).lookup(None, "甲发〔2001〕1号") is not None


def test_message_says_which_version_was_cited() -> None:
    rows = [
        (item("a.txt", "1"), {"basis": [cite("中华人民共和国社会保险法")]}),
        (item("a.txt", "2"), {"basis": [cite("中华人民共和国社会保险法", version="2010-10")]}),
    ]
    [finding] = not_in_force(corpus(rows), parse_status(TABLE, "t.csv"))
    assert "序号1 引用未注明所依版本" in finding.message
    assert "序号2 引用的是2010-10的版本" in finding.message

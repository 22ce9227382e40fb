"""kg impact: article-by-article diff (renumbered is not deleted + added) and the powers it touches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.laws.diff import diff_versions, similarity
from kg.laws.model import LawArticle, LawVersion
from tests.laws.factories import write_law

runner = CliRunner()

# An invented local regulation in two versions: 2024 inserts a new 第二条, so the old 第二条 and
# 第三条 move down one; the old 第三条 is also edited; the old 第四条 is dropped.
OLD = """# 甲市测试救助条例

2020年1月1日 甲市第一届人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

第一条 为了保障困难群众基本生活，制定本条例。

第二条 市民政部门负责本市社会救助的统筹管理工作，区民政部门负责本辖区的社会救助管理工作。

第三条 最低生活保障家庭可以按照规定申请医疗救助、教育救助和住房救助。

第四条 本条例自2020年3月1日起施行。
"""
NEW = """# 甲市测试救助条例

2020年1月1日 甲市第一届人民代表大会常务委员会第一次会议通过

2024年6月1日 甲市第一届人民代表大会常务委员会第九次会议修正

<!-- INFO END -->

第一条 为了保障困难群众基本生活，制定本条例。

第二条 社会救助坚持托底线、救急难、可持续的原则。

第三条 市民政部门负责本市社会救助的统筹管理工作，区民政部门负责本辖区的社会救助管理工作。

第四条 最低生活保障家庭和最低生活保障边缘家庭可以按照规定申请医疗救助、教育救助、就业救助和住房救助。
"""
LIST = """甲市民政局权责清单
序号\t事项名称\t权力类型\t实施主体\t实施依据
1\t最低生活保障审核\t行政给付\t甲市民政局\t《甲市测试救助条例》第一条
2\t社会救助统筹管理\t其他行政权力\t甲市民政局\t《甲市测试救助条例》第二条
3\t医疗救助审批\t行政给付\t甲市民政局\t《甲市测试救助条例》第三条第一款
4\t施行\t其他行政权力\t甲市民政局\t《甲市测试救助条例》第四条
"""


def _article(number: int, text: str) -> LawArticle:
    return LawArticle(number=number, paragraphs=(text,))


def test_inserted_article_renumbers_the_rest_instead_of_deleting_them():
    old = LawVersion(date="1", articles=(_article(1, "甲乙丙丁戊己庚辛"), _article(2, "子丑寅卯辰巳午未")))
    new = LawVersion(
        date="2",
        articles=(
            _article(1, "甲乙丙丁戊己庚辛"),
            _article(2, "天地玄黄宇宙洪荒"),
            _article(3, "子丑寅卯辰巳午未"),
        ),
    )
    changes = [(c.change, c.to_dict()["old"], c.to_dict()["new"]) for c in diff_versions(old, new)]
    assert changes == [("unchanged", 1, 1), ("added", None, 2), ("renumbered", 2, 3)]


def test_similarity_ignores_punctuation_and_width():
    assert similarity("本条例自2020年3月1日起施行。", "本条例自２０２０年３月１日起施行") == 1.0


@pytest.fixture()
def graph(tmp_path: Path) -> dict[str, Path]:
    laws = tmp_path / "laws"
    write_law(laws, "DLC/甲市地方法规/甲市测试救助条例(2020-01-01).md", OLD)
    write_law(laws, "DLC/甲市地方法规/甲市测试救助条例(2024-06-01).md", NEW)
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "甲市民政局权责清单.txt").write_text(LIST, "utf-8")
    db = tmp_path / "kg-data"
    built = runner.invoke(app, ["build", str(lists), "--db", str(db)])
    assert built.exit_code == 0, built.output
    draft = tmp_path / "甲市测试救助条例(2025-01-01).txt"
    draft.write_text(OLD.replace("本条例自2020年3月1日起施行。", "本条例自2025年1月1日起施行。"), "utf-8")
    return {"laws": laws, "db": db, "draft": draft, "site": tmp_path / "site"}


def test_two_versions_in_the_library_list_the_powers_on_changed_articles(graph: dict[str, Path]) -> None:
    result = runner.invoke(
        app,
        ["impact", "甲市测试救助条例", "--from", "2020-01-01", "--to", "2024-06-01", "--library", str(graph["laws"]),
         "--db", str(graph["db"]), "--json", "--html", str(graph["site"])],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert (payload["from"], payload["to"]) == ("2020-01-01", "2024-06-01")
    articles = {(a["old"], a["new"]): a["change"] for a in payload["articles"]}
    assert articles == {(1, 1): "unchanged", (None, 2): "added", (2, 3): "renumbered", (3, 4): "renumbered",
                        (4, None): "deleted"}  # fmt: skip
    powers = {p["seq"]: p for p in payload["powers"]}
    assert set(powers) == {"2", "3", "4"}  # 第一条 is unchanged
    assert powers["3"]["cited_as"] == "第三条第一款" and powers["3"]["new"] == 4
    assert "边缘家庭" in powers["3"]["new_text"] and "边缘家庭" not in powers["3"]["old_text"]
    assert powers["4"]["change"] == "deleted" and powers["4"]["new_text"] is None
    assert {p["agency"] for p in payload["powers"]} == {"甲市民政局"}
    [page] = list(graph["site"].glob("impact-*.html"))
    assert "第三条第一款" in page.read_text("utf-8")


def test_a_user_text_file_is_compared_with_the_librarys_current_text(graph: dict[str, Path]) -> None:
    result = runner.invoke(
        app,
        ["impact", str(graph["draft"]), "--library", str(graph["laws"]), "--db", str(graph["db"]), "--json"],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert (payload["from"], payload["to"]) == ("2024-06-01", "2025-01-01")
    assert {p["seq"] for p in payload["powers"]} >= {"2", "3"}


def test_terminal_output_fits_80_columns(graph: dict[str, Path]) -> None:
    result = runner.invoke(
        app, ["impact", "甲市测试救助条例", "--library", str(graph["laws"]), "--db", str(graph["db"])],
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "renumbered" in result.stdout and "旧 old" in result.stdout and "新 new" in result.stdout
    texts = [
        line.strip() for line in result.stdout.splitlines() if line.strip().startswith(("旧 old", "新 new"))
    ]
    assert texts and all(
        len(line) > len("旧 old: ") for line in texts
    )  # the text is on its own line, not wrapped off
    changes = [line.split()[0] for line in result.stdout.splitlines()[2:6]]
    assert changes == ["added", "renumbered", "renumbered", "deleted"]  # in the new text's order


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["甲市测试救助条例", "--from", "2019-01-01", "--to", "2024-06-01"], "no version of that date"),
        (["没有这部法"], "no such instrument"),
        (["甲市测试救助条例", "--from", "2020-01-01"], "give both --from and --to"),
    ],
)
def test_bad_input_exits_2_naming_it(graph: dict[str, Path], args: list[str], message: str) -> None:
    result = runner.invoke(app, ["impact", *args, "--library", str(graph["laws"]), "--db", str(graph["db"])])
    assert result.exit_code == 2 and message in result.output

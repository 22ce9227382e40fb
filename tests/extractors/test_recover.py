"""Damaged titles recovered through the official titles, when exactly one fits."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.recover import recover_title


@pytest.mark.parametrize(
    ("text", "title", "how"),
    [
        # a character wrong where the title no longer reads as an instrument
        ("《中华人民共和国森林法实施条列》第十条", "中华人民共和国森林法实施条例", "typo"),
        ("《中华人民共和国土地管理法实施条理》第二条", "中华人民共和国土地管理法实施条例", "typo"),
        # a character doubled or dropped
        ("《中华人民共和国安全生产生法》第十条", "中华人民共和国安全生产法", "typo"),
        ("《中华人民共和国行政处法》第十条", "中华人民共和国行政处罚法", "typo"),
        # only a punctuation mark differs
        (
            "《最高人民法院关于审理偷税、抗税刑事案件具体应用法律若干问题的解释》第二条",
            "最高人民法院关于审理偷税抗税刑事案件具体应用法律若干问题的解释",
            "typo",
        ),
        ("《中华人民共和国道路交通安全实施条例》第十条", "中华人民共和国道路交通安全法实施条例", "typo"),
        # a 》 without 《: words before the title that are not part of it
        ("依据国务院社会保险法》第八十六条", "中华人民共和国社会保险法", "missing_open"),
        ("按照规定执行社会保险法》第八十六条", "中华人民共和国社会保险法", "missing_open"),
        # a 《 never closed, followed by 规定
        ("《社会保险法规定，第八十六条", "中华人民共和国社会保险法", "unclosed"),
        # a law's name dropped, the law cited beside it
        (
            "《最高人民法院关于适用的解释》第三条、《行政诉讼法》第二条",
            "最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释",
            "name_dropped",
        ),
        (
            "《最高人民法院关于适用〈〉的解释》第三条、《民事诉讼法》第二条",
            "最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释",
            "name_dropped",
        ),
        # 《实施条例》 after a law: that law's implementing regulation, if the library has one
        (
            "《中华人民共和国森林法》第三十二条、《实施条例》第二十条",
            "中华人民共和国森林法实施条例",
            "name_dropped",
        ),
    ],
)
def test_recovered_when_one_official_title_fits(text: str, title: str, how: str) -> None:
    (recovered,) = [c for c in extract(text) if any(n.startswith("recovered_title:") for n in c.notes)]
    assert recovered.instrument.title == title
    assert f"recovered_title:{how}:{recovered.instrument.raw_title}" in recovered.notes


@pytest.mark.parametrize(
    ("text", "note"),
    [
        # several judicial interpretations apply a law; none of them is cited beside it
        ("《最高人民法院关于适用的解释》第三条", "recovery_ambiguous:"),
        ("《》第十条", "damaged_title:empty"),
        ("《中华人民共和国》第十条", "damaged_title:name_dropped"),
        # the law cited before has no 实施细则 in the library
        ("《中华人民共和国行政处罚法》第三十二条；《实施细则》第二十条", "damaged_title:name_dropped"),
        # a local regulation named after a national one: the place is part of the title
        ("上海市城市绿化条例》第三条", "damaged_title:missing_open"),
        # the words before the known title are a broken part of it (义务教育法 split by a line break)
        ("务教育法》第三条", "damaged_title:missing_open"),
        # 《 unclosed and a title continues past the known one: another instrument
        ("《社会保险法实施细则第三条", "damaged_title:unclosed"),
    ],
)
def test_left_as_written_when_no_single_title_fits(text: str, note: str) -> None:
    cited = extract(text)[-1]
    assert cited.instrument.title == (cited.instrument.raw_title or None) or cited.instrument.title is None
    assert not any(n.startswith("recovered_title:") for n in cited.notes)
    assert any(n.startswith(note) for n in cited.notes)


@pytest.mark.parametrize(
    "title",
    [
        # the library holds （一） only: （二） is its sibling, not a typo
        "最高人民法院、最高人民检察院关于办理渎职刑事案件适用法律若干问题的解释（二）",
        # a repealed law one character from 城乡规划法: both read as instruments
        "中华人民共和国城市规划法",
        "消防条例",  # too short to correct
        # Hong Kong's ordinance, one character from the national 植物新品种保护条例
        "植物品种保护条例",
        "行政处法",  # short and without 中华人民共和国: maybe a title the library lacks
        "某某市第二批扩大县级政府管理权限事项目录",
        "中华人民共和国森林法",  # known already
    ],
)
def test_real_titles_are_not_corrected(title: str) -> None:
    assert recover_title(title, None) is None


def test_a_known_title_is_never_touched() -> None:
    (cited,) = extract("《森林法实施条例》第三条")
    assert cited.instrument.title == "中华人民共和国森林法实施条例"
    assert not any(n.startswith("recover") for n in cited.notes)


def test_an_alias_defined_as_implementing_regulation_is_no_damage() -> None:
    text = "《中华人民共和国食品安全法实施条例》（以下简称《实施条例》）第二条、《实施条例》第三条"
    used = extract(text)[-1]
    assert used.instrument.title == "中华人民共和国食品安全法实施条例"
    assert not any(n.startswith(("damaged_title", "recovered_title")) for n in used.notes)

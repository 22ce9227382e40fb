"""Gold scoring (kg/evaluate.py): matching rules, both gold shapes, the seeds target."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractors import extract
from extractors.models import Citation, Instrument, Provision
from kg.evaluate import GoldCell, GoldError, evaluate, load_gold, split_of

SEEDS_GOLD = Path(__file__).parents[1] / "gold" / "seeds.citations.jsonl"
SEEDS_TARGET = 0.98


def _cell(cites: list[dict[str, Any]], mentions: list[dict[str, Any]] | None = None) -> GoldCell:
    return GoldCell("c1", "irrelevant", "实施依据", tuple(cites), tuple(mentions or ()))


def _fixed(*citations: Citation):
    def run(text: str, column: str | None = None) -> list[Citation]:
        return list(citations)

    return run


def _citation(
    title: str | None, number: str | None = None, role: str = "cites", **provision: int
) -> Citation:
    provisions = (Provision(**provision),) if provision else ()
    return Citation(
        role=role, span=(0, 1), instrument=Instrument(title=title, doc_number=number), provisions=provisions
    )  # type: ignore[arg-type]


def test_exact_match_scores_one() -> None:
    gold = _cell([{"title": "中华人民共和国社会保险法", "doc_number": None, "provisions": [{"article": 8}]}])
    report = evaluate([gold], _fixed(_citation("《社会保险法》", article=8)))
    assert report.score("strict", "instrument").f1 == 1.0
    assert report.score("strict", "provision").f1 == 1.0


def test_number_decides_when_both_have_one() -> None:
    gold = _cell([{"title": "甲", "doc_number": "国办发〔2013〕14号", "provisions": []}])
    report = evaluate([gold], _fixed(_citation("乙", "国办发〔2013〕14号")))
    assert report.score("strict", "instrument").tp == 1
    wrong = evaluate([gold], _fixed(_citation("甲", "国办发〔2013〕15号")))
    assert (wrong.score("strict", "instrument").fp, wrong.score("strict", "instrument").fn) == (1, 1)


def test_chapter_counts_only_without_article() -> None:
    gold = _cell(
        [
            {
                "title": "X办法",
                "doc_number": None,
                "provisions": [{"chapter": 5, "article": 27}, {"chapter": 4}],
            }
        ]
    )
    report = evaluate([gold], _fixed(_citation("X办法", article=27), _citation("X办法", chapter=4)))
    assert report.score("strict", "provision").f1 == 1.0


def test_wrong_role_is_strict_miss_but_lenient_hit() -> None:
    gold = _cell([], [{"title": "中华人民共和国刑法", "doc_number": None, "provisions": []}])
    report = evaluate([gold], _fixed(_citation("中华人民共和国刑法")))
    assert report.score("strict", "instrument").f1 == 0.0
    assert report.score("lenient", "instrument").f1 == 1.0
    assert {m.kind for m in report.misses if m.mode == "strict"} == {"missed", "spurious"}


def test_spurious_form_is_listed() -> None:
    report = evaluate([_cell([])], _fixed(_citation("行政处罚告知书")))
    assert [(m.kind, m.what) for m in report.misses if m.mode == "strict"] == [("spurious", "行政处罚告知书")]


def test_text_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "t1",
        "column": "实施依据",
        "text": "《社会保险法》第八条",
        "cites": [{"title": "中华人民共和国社会保险法", "doc_number": None, "provisions": [{"article": 8}]}],
        "mentions": [],
    }
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate(load_gold(gold))
    assert report.cells == 1
    assert report.score("strict", "provision").f1 == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json\n", "not JSON"), ("[1]\n", "JSON object"), ('{"id": "x"}\n', "needs either")],
    ids=["bad-json", "not-object", "no-text"],
)
def test_bad_gold_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=f"bad.jsonl:1: .*{message}"):
        load_gold(gold)


def test_split_is_stable_and_covers_both() -> None:
    ids = [f"fields-{i:04d}" for i in range(200)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    assert 20 < splits.count("test") < 80


@pytest.mark.skipif(not SEEDS_GOLD.is_file(), reason="tests/gold/seeds.citations.jsonl missing")
def test_seeds_gold_reaches_target() -> None:
    report = evaluate(load_gold(SEEDS_GOLD), extract)
    assert report.cells == 42
    assert report.score("strict", "instrument").f1 >= SEEDS_TARGET
    assert report.score("strict", "provision").f1 >= SEEDS_TARGET


def test_alt_titles_are_accepted() -> None:
    gold = _cell(
        [{"title": "福建省森林条例", "alt_titles": ["福建森林条例"], "doc_number": None, "provisions": []}]
    )
    report = evaluate([gold], _fixed(_citation("福建森林条例")))
    assert report.score("strict", "instrument").f1 == 1.0
    other = evaluate([gold], _fixed(_citation("福建省林木条例")))
    assert other.score("strict", "instrument").f1 == 0.0


def test_a_citation_naming_no_instrument_is_not_scored() -> None:
    report = evaluate([_cell([])], _fixed(_citation(None, article=10)))
    assert report.score("strict", "instrument").fp == 0


def _write(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return gold


def test_split_field_of_the_gold_decides(tmp_path: Path) -> None:
    record = {"column": "设定依据", "text": "《社会保险法》第八条", "cites": [], "mentions": []}
    records = [{**record, "id": f"d{i}", "split": "test" if i < 3 else "dev"} for i in range(10)]
    cells = load_gold(_write(tmp_path, records))
    assert [c.id for c in cells if c.part == "test"] == ["d0", "d1", "d2"]
    hashed = load_gold(_write(tmp_path, [{**record, "id": "d1"}]))
    assert hashed[0].part == split_of("d1")


def test_bad_split_names_file_and_line(tmp_path: Path) -> None:
    record = {"id": "d0", "split": "train", "text": "x", "cites": [], "mentions": []}
    with pytest.raises(GoldError, match=r"gold\.jsonl:1: 'split' must be dev or test"):
        load_gold(_write(tmp_path, [record]))

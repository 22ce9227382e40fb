"""The gold files are valid in their own terms, and every validator check can fail.

Scores are only as good as the gold they are computed against, so the fields gold
(tests/gold/fields.citations.jsonl) and the seeds gold (tests/gold/seeds.citations.jsonl, a copy of ../shared/gold) are checked
record by record; the small lists under tests/data/lists must hold exactly the
cells the ``list-`` records annotate.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).parent
FIELDS_GOLD = HERE / "fields.citations.jsonl"
REAL_GOLD = HERE / "real.citations.jsonl"
SEEDS_GOLD = Path(os.environ.get("KG_SEEDS_GOLD", str(HERE / "seeds.citations.jsonl")))
LISTS = HERE.parent / "data" / "lists"
MARKET_LIST = LISTS / "某市市场监督管理局权责清单.txt"
ECOLOGY_LIST = LISTS / "某县生态环境局权责清单.csv"

# The issue asks for at least 150 cells from other fields; the brief for this gold, 180.
MIN_FIELD_CELLS = 180
# Every field must be represented by enough cells to say something about it.
MIN_CELLS_PER_FIELD = 8
# Negative cells (nothing cited) keep precision honest; about a fifth of the gold.
NEGATIVE_SHARE = (0.08, 0.35)


def _load_validator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_validate", HERE / "validate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


V = _load_validator()
FIELD_RECORDS = list(V.load_jsonl(FIELDS_GOLD))


def _seed_records() -> list[dict[str, Any]]:
    if not SEEDS_GOLD.exists():
        return []
    return list(V.load_jsonl(SEEDS_GOLD))


# --------------------------------------------------------------------------- the gold files


@pytest.mark.parametrize("record", FIELD_RECORDS, ids=[r.get("id", "?") for r in FIELD_RECORDS])
def test_fields_record_is_valid(record: dict[str, Any]) -> None:
    assert V.validate_record(record, "fields") == []


def test_fields_file_has_unique_ids_and_no_problems() -> None:
    assert V.validate_file(FIELDS_GOLD, "fields") == []


@pytest.mark.skipif(not SEEDS_GOLD.exists(), reason=f"seeds gold not found at {SEEDS_GOLD}")
def test_seeds_file_is_valid() -> None:
    records = _seed_records()
    assert records, "the seeds gold is empty"
    assert V.validate_records(records, "seeds") == []


def test_real_file_is_valid_and_split_by_source() -> None:
    records = list(V.load_jsonl(REAL_GOLD))
    assert len(records) >= 100
    assert V.validate_records(records, "real") == []
    sides: dict[str, set[str]] = {}
    for record in records:
        sides.setdefault(record["source"], set()).add(record["split"])
    assert all(len(split) == 1 for split in sides.values()), "a source on both sides of the split"
    assert {r["split"] for r in records} == {"dev", "test"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [({"id": "fields-0001"}, "is not dN"), ({"split": "train"}, "dev or test"), ({"source": ""}, "source")],
    ids=["id", "split", "source"],
)
def test_real_record_checks_reject(change: dict[str, Any], expected: str) -> None:
    record = {
        "id": "d0",
        "split": "dev",
        "column": "设定依据",
        "source": "a published list",
        "text": "《社会保险法》第七十七条",
        "cites": [_cite()],
        "mentions": [],
    }
    assert V.validate_record(record, "real") == []
    problems = V.validate_record({**record, **change}, "real")
    assert any(expected in p for p in problems), problems


def test_fields_gold_is_large_and_covers_every_field() -> None:
    own = [r for r in FIELD_RECORDS if r["id"].startswith("fields-")]
    per_field = Counter(r["field"] for r in own)
    assert len(own) >= MIN_FIELD_CELLS
    assert set(per_field) == V.FIELDS
    assert min(per_field.values()) >= MIN_CELLS_PER_FIELD, per_field


def test_fields_gold_keeps_a_share_of_negative_cells() -> None:
    negatives = [r for r in FIELD_RECORDS if not r["cites"] and not r["mentions"]]
    share = len(negatives) / len(FIELD_RECORDS)
    assert NEGATIVE_SHARE[0] <= share <= NEGATIVE_SHARE[1], share


# --------------------------------------------------------------------------- the small lists


def _market_cells() -> dict[str, str]:
    """序号 → 实施依据 of the tab-separated list, skipping the title and repeated headers."""
    cells, header = {}, None
    for line in MARKET_LIST.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0] == "序号":
            header = fields
        elif header and len(fields) > 1:
            cells[fields[0]] = fields[header.index("实施依据")]
    return cells


def _ecology_cells() -> dict[str, str]:
    with ECOLOGY_LIST.open(encoding="utf-8-sig", newline="") as handle:
        return {row["序号"]: row["法律依据"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("path", "read", "minimum"),
    [(MARKET_LIST, _market_cells, 12), (ECOLOGY_LIST, _ecology_cells, 10)],
    ids=["market-txt", "ecology-csv"],
)
def test_list_cells_are_annotated_verbatim(path: Path, read: Any, minimum: int) -> None:
    cells = read()
    annotated = {r["seq"]: r for r in FIELD_RECORDS if r.get("file") == path.name}
    assert len(cells) >= minimum
    assert set(annotated) == set(cells)
    for seq, record in annotated.items():
        assert record["text"] == cells[seq], f"{path.name} row {seq}"


def test_market_list_repeats_its_header() -> None:
    lines = MARKET_LIST.read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("序号\t") for line in lines) >= 2


# --------------------------------------------------------------------------- each check can fail


def _cite(**overrides: Any) -> dict[str, Any]:
    citation = {"title": "中华人民共和国社会保险法", "doc_number": None, "provisions": [{"article": 77}]}
    citation.update(overrides)
    return citation


BAD_CITATIONS = [
    ("title-marks", _cite(title="《社会保险法》"), "title marks"),
    ("title-unbalanced", _cite(title="《社会保险法"), "unbalanced"),
    ("title-typo", _cite(title="中国人民共和国社会保险法"), "typo"),
    ("title-traditional", _cite(title="中華人民共和國社會保險法"), "simplified"),
    ("title-entity", _cite(title="关于修改&lt;X&gt;的决定"), "HTML entity"),
    ("title-newline", _cite(title="中华人民共和国\n社会保险法"), "line break"),
    ("doc-square-brackets", _cite(doc_number="人社部[2016]120号"), "raw year bracket"),
    ("doc-chinese-numerals", _cite(doc_number="主席令第九十二号"), "Chinese numerals"),
    ("doc-no-hao", _cite(doc_number="国务院令第591"), "号"),
    ("doc-impossible-year", _cite(doc_number="民发〔20017〕101号"), "impossible"),
    ("doc-order-without-di", _cite(doc_number="国务院令649号"), "without 第"),
    ("doc-prefix", _cite(doc_number="中华人民共和国主席令第7号"), "prefix"),
    ("raw-equals-doc", _cite(doc_number="国发〔2010〕2号", raw_doc_number="国发〔2010〕2号"), "equals"),
    ("raw-without-doc", _cite(raw_doc_number="国发2010 2号"), "without a corrected"),
    ("date-format", _cite(date="1994年2月26日"), "YYYY-MM-DD"),
    ("version-format", _cite(version="2018年12月"), "version"),
    ("provision-string", _cite(provisions=[{"article": "七十七"}]), "positive integer"),
    ("provision-bool", _cite(provisions=[{"article": True}]), "positive integer"),
    ("provision-zero", _cite(provisions=[{"article": 0}]), "positive integer"),
    ("provision-key", _cite(provisions=[{"clause": 1}]), "unknown provision key"),
    ("provision-repeated", _cite(provisions=[{"article": 8}, {"article": 8}]), "repeated"),
    ("suffix-alone", _cite(provisions=[{"article_suffix": 1}]), "article_suffix without article"),
    ("unknown-key", _cite(kind="法律"), "unknown key"),
    ("missing-key", {"title": "中华人民共和国社会保险法", "provisions": []}, "missing key"),
]


@pytest.mark.parametrize(
    ("citation", "expected"), [c[1:] for c in BAD_CITATIONS], ids=[c[0] for c in BAD_CITATIONS]
)
def test_citation_checks_reject(citation: dict[str, Any], expected: str) -> None:
    problems = [p for check in V.CITATION_CHECKS for p in check(citation)]
    assert any(expected in p for p in problems), problems


GOOD_CITATIONS = [
    ("plain", _cite()),
    (
        "joint-issuers",
        _cite(
            title="人力资源社会保障部 财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知"
        ),
    ),
    ("inner-title", _cite(title="《教师资格条例》实施办法", doc_number="教育部令第10号")),
    ("order-with-year", _cite(doc_number="交通运输部令2016年第62号")),
    ("announcement", _cite(doc_number="国家税务总局公告2014年第40号")),
    ("standard", _cite(doc_number="GB 8978-1996")),
    ("suffix", _cite(provisions=[{"article": 133, "article_suffix": 1, "paragraph": 1, "item": 2}])),
    ("dates", _cite(date="1994-02-26", version="2018-12")),
]


@pytest.mark.parametrize("citation", [c[1] for c in GOOD_CITATIONS], ids=[c[0] for c in GOOD_CITATIONS])
def test_citation_checks_accept(citation: dict[str, Any]) -> None:
    assert [p for check in V.CITATION_CHECKS for p in check(citation)] == []


TEXT_CASES = [
    ("short-title", "《社会保险法》第七十七条", _cite(), True),
    ("typo-in-text", "《中国人民共和国社会保险法》第七十七条", _cite(), True),
    ("traditional-in-text", "《中華人民共和國社會保險法》第七十七條", _cite(), True),
    ("wrong-title", "《劳动法》第七十七条", _cite(), False),
    ("wrong-article", "《社会保险法》第七十八条", _cite(), False),
    ("range", "《社会保险法》第七十五条至第七十九条", _cite(), True),
    ("arabic-article", "《社会保险法》第77条", _cite(), True),
    (
        "bracket-folded",
        "《X》（人社部[2016]120号）",
        _cite(title="X", doc_number="人社部〔2016〕120号", provisions=[]),
        True,
    ),
    (
        "order-chinese",
        "（中华人民共和国主席令第七号）《X》",
        _cite(title="X", doc_number="主席令第7号", provisions=[]),
        True,
    ),
    (
        "order-short-issuer",
        "《X》（国令第591号）",
        _cite(title="X", doc_number="国务院令第591号", provisions=[]),
        True,
    ),
    (
        "wrong-number",
        "《X》（国务院令第592号）",
        _cite(title="X", doc_number="国务院令第591号", provisions=[]),
        False,
    ),
    (
        "raw-number",
        "《X》（国发2016 31号）",
        _cite(title="X", doc_number="国发〔2016〕31号", raw_doc_number="国发2016 31号", provisions=[]),
        True,
    ),
    (
        "previous-paragraph",
        "《社会保险法》第七十七条第二款及前款",
        _cite(provisions=[{"article": 77, "paragraph": 1}]),
        True,
    ),
    ("unnumbered-annex", "《X》附件第5项", _cite(title="X", provisions=[{"annex": 1, "item": 5}]), True),
]


@pytest.mark.parametrize(
    ("text", "citation", "ok"), [c[1:] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES]
)
def test_text_checks(text: str, citation: dict[str, Any], ok: bool) -> None:
    problems = [p for check in V.TEXT_CHECKS for p in check(citation, text)]
    assert (problems == []) is ok, problems


BAD_RECORDS = [
    ("bad-id", {"id": "x-1"}, "id"),
    ("bad-field", {"field": "医保"}, "field"),
    ("bad-column", {"column": "备注"}, "column"),
    ("empty-text", {"text": " "}, "text"),
    ("unknown-key", {"extra": 1}, "unknown key"),
    ("cites-not-list", {"cites": {}}, "list of objects"),
    ("list-without-seq", {"id": "list-0001"}, "file and seq"),
    ("unmerged", {"cites": [_cite(), _cite(provisions=[{"article": 8}])]}, "merge"),
]


@pytest.mark.parametrize(
    ("change", "expected"), [c[1:] for c in BAD_RECORDS], ids=[c[0] for c in BAD_RECORDS]
)
def test_record_checks_reject(change: dict[str, Any], expected: str) -> None:
    record = {
        "id": "fields-0001",
        "field": "税务",
        "column": "实施依据",
        "text": "《社会保险法》第七十七条、第八条",
        "cites": [_cite()],
        "mentions": [],
    }
    record.update(change)
    problems = V.validate_record(record, "fields")
    assert any(expected in p for p in problems), problems


def test_duplicate_ids_are_reported() -> None:
    record = FIELD_RECORDS[0]
    assert any("duplicate" in p for p in V.validate_records([record, record], "fields"))


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        V.validate_record({}, "medical")


# --------------------------------------------------------------------------- command line


def test_main_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(FIELD_RECORDS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({**FIELD_RECORDS[0], "id": "oops"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": \n', encoding="utf-8")
    assert V.main([str(good)]) == 0
    assert V.main([str(bad)]) == 1
    assert V.main([str(broken)]) == 2
    assert "broken.jsonl:1" in capsys.readouterr().err
    assert V.main([str(tmp_path / "missing.jsonl")]) == 2
    assert V.main([str(good), "--kind", "nope"]) == 2

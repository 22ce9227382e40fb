"""Official titles have one owner, the law library: the extractor's table is generated from it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from extractors import extract
from extractors.models import Instrument
from extractors.tables import known_instruments
from extractors.titles import canonical_title
from kg.laws.library import shipped_library
from kg.resolve import Resolver

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_extractor_titles", ROOT / "tools" / "gen_extractor_titles.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_title_table_is_in_step_with_the_shipped_library() -> None:
    generator = _generator()
    committed = (ROOT / "extractors" / "data" / "library_titles.csv").read_text(encoding="utf-8")
    assert generator.render(shipped_library()) == committed


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("社会保险法", "中华人民共和国社会保险法"),
        (
            "全国人民代表大会和地方各级人民代表大会代表法",
            "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法",
        ),
        ("市场主体登记管理条例", "中华人民共和国市场主体登记管理条例"),
        ("中华人民共和国教师资格条例", "教师资格条例"),
        ("护士条例", "护士条例"),
    ],
)
def test_a_title_the_library_knows_takes_its_official_form(written: str, official: str) -> None:
    assert canonical_title(written) == official
    assert shipped_library().get(official) is not None
    resolved = Resolver().resolve(Instrument(title=canonical_title(written), raw_title=written))
    assert resolved is not None and resolved.title == official


def test_a_title_nobody_knows_stays_as_written() -> None:
    assert shipped_library().get("某某新设法") is None
    (citation,) = extract("依照《某某新设法》第三条")
    assert citation.instrument.title == "某某新设法"
    resolved = Resolver().resolve(citation.instrument)
    assert resolved is not None and resolved.key == "某某新设法"


def test_order_numbers_resolve_to_titles_and_back() -> None:
    (by_number,) = extract("国务院令第649号")
    assert by_number.instrument.title == "社会救助暂行办法"
    resolved = Resolver().resolve(Instrument(title="社会救助暂行办法"))
    assert resolved is not None and resolved.doc_number == "国务院令第649号"
    library = shipped_library()
    assert library.by_number("国务院令第711号") is library.get("政府信息公开条例")
    assert library.by_number("国务院令第492号") is library.get("政府信息公开条例")


def test_library_kinds_reach_the_extractor() -> None:
    kinds = {inst.title: inst.kind for inst in known_instruments()}
    assert kinds["中华人民共和国社会保险法"] == "法律"
    assert kinds["社会救助暂行办法"] == "行政法规"
    assert sum(1 for kind in kinds.values() if kind == "司法解释") >= 400


def test_every_shipped_title_as_the_extractor_writes_it_finds_its_instrument() -> None:
    library = shipped_library()
    astray = [law.title for law in library if library.get(canonical_title(law.title)) is not law]
    assert astray == []
    nested = "最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释"
    (citation,) = extract(f"《{nested}》第一条")
    assert citation.instrument.title == nested
    found = library.get(nested)
    assert found is not None and found.title == "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释"

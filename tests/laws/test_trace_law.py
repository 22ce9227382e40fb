"""kg trace beside the law: the article's text, a mark on each quote, and articles the law lacks."""

from __future__ import annotations

import pytest

from kg.cli.trace_view import trace_view
from kg.store.memory import MemoryStore
from kg.trace import TraceError, trace
from tests.laws.laws_factory import (
    SOCIAL_INSURANCE,
    library_of,
    quoting_store,
    social_insurance_law,
)

LIBRARY = library_of(social_insurance_law())


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return quoting_store("第七十七条第一款")


def test_each_power_carries_the_article_text_and_the_quotes_verdict(store: MemoryStore) -> None:
    result = trace("社会保险法第七十七条", store, library=LIBRARY)
    assert result.article_text == "\n".join(SOCIAL_INSURANCE[77])
    by_seq = {p.seq: p.to_dict()["citations"] for p in result.powers}
    [wrong], [right] = by_seq["1"], by_seq["2"]  # each power cites the article once
    assert wrong["quote_verdict"] == "mismatch"
    assert [m["article"] for m in wrong["quote_matches"]] == [87]
    assert [f["kind"] for f in wrong["findings"]] == ["quote_mismatch"]
    assert right["quote_verdict"] == "verified" and right["findings"] == []
    assert right["article_text"] == SOCIAL_INSURANCE[77][0]


def test_the_terminal_view_marks_the_mismatch(store: MemoryStore) -> None:
    from rich.console import Console

    console = Console(width=80, record=True, color_system=None)
    console.print(trace_view(trace("社会保险法第七十七条", store, library=LIBRARY)))
    text = console.export_text()
    assert "现行文本" in text and "✗" in text and "第八十七条" in text and "✓" in text


def test_an_article_the_law_does_not_have_says_how_many_it_has(store: MemoryStore) -> None:
    with pytest.raises(TraceError) as raised:
        trace("社会保险法第九百条", store, library=LIBRARY)
    assert raised.value.exit_code == 1
    assert "没有第九百条" in str(raised.value) and "has 98 articles" in str(raised.value)


def test_without_the_law_in_the_library_the_trace_is_as_before(store: MemoryStore) -> None:
    result = trace("社会保险法第七十七条", store, library=library_of())
    assert result.law is None
    assert all(c["article_text"] is None for p in result.powers for c in p.to_dict()["citations"])


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from typer.testing import CliRunner

    from kg.cli import app

    db = str(tmp_path_factory.mktemp("samples") / "kg-data")
    built = CliRunner().invoke(app, ["build", "--db", db])
    assert built.exit_code == 0, built.output
    return db


def test_main_job_trace_marks_4160s_quote_from_the_shipped_library(samples_db: str) -> None:
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["trace", "社会保险法第七十七条", "--db", samples_db, "--json"])
    assert result.exit_code == 0, result.output
    powers = {p["seq"]: p["citations"][0] for p in json.loads(result.stdout)["powers"]}
    assert powers["4160"]["quote_verdict"] == "mismatch"
    assert [m["article"] for m in powers["4160"]["quote_matches"]][:1] == [87]
    assert powers["8"]["quote_verdict"] == "verified"
    shown = CliRunner().invoke(
        app, ["trace", "社会保险法第七十七条", "--db", samples_db], env={"COLUMNS": "80"}
    )
    assert "✗" in shown.stdout and "第八十七条" in shown.stdout

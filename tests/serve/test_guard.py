"""The query guard: what it counts, what it ignores, and what it refuses."""

from __future__ import annotations

import re

import pytest

from kg.serve.guard import MAX_CHARS, MAX_DEPTH, MAX_TOKENS, QueryGuardError, check_query, run_on_deep_stack

DEEP_BRACES = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
"""The request that segfaulted ``kg serve``: 6 KB, 3,000 groups deep."""
DEEP_PARENS = "SELECT * WHERE { ?s ?p ?o FILTER" + "(" * 5000 + "true" + ")" * 5000 + " }"
"""The other one: a filter 5,000 parentheses deep."""


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(DEEP_BRACES, id="braces-3000"),
        pytest.param(DEEP_PARENS, id="parens-5000"),
        pytest.param("SELECT * WHERE { ?s ?p " + "[ kg:p " * 70 + "1" + " ]" * 70 + " }", id="brackets"),
        pytest.param(
            "SELECT * WHERE { "
            + "{ ?s ?p ?o } UNION " * 10
            + "{" * (MAX_DEPTH + 1)
            + "}" * (MAX_DEPTH + 1)
            + "}",
            id="just-past-the-bound",
        ),
    ],
)
def test_deep_nesting_is_refused(query: str) -> None:
    with pytest.raises(QueryGuardError, match="deep"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        pytest.param('SELECT * WHERE { ?s ?p "' + "{" * 5000 + '" }', id="in-a-string"),
        pytest.param("SELECT * WHERE { ?s ?p ?o } # " + "(" * 5000, id="in-a-comment"),
        pytest.param("SELECT * WHERE { ?s ?p '''" + "[(\n" * 2000 + "''' }", id="in-a-long-string"),
        pytest.param("SELECT * WHERE " + "{" * MAX_DEPTH + "?s ?p ?o" + "}" * MAX_DEPTH, id="at-the-bound"),
    ],
)
def test_brackets_that_are_not_syntax_do_not_count(query: str) -> None:
    check_query(query)


def test_long_queries_are_refused_with_413() -> None:
    with pytest.raises(QueryGuardError) as caught:
        check_query("SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_CHARS)
    assert caught.value.status == 413
    chain = "SELECT * WHERE { ?s " + "/".join(["kg:p"] * MAX_TOKENS) + " ?o }"
    with pytest.raises(QueryGuardError, match="tokens"):
        check_query(chain)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://127.0.0.1/x> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE kg:endpoint { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_by_default(query: str) -> None:
    with pytest.raises(QueryGuardError, match="SERVICE"):
        check_query(query)


def test_service_to_an_allowed_endpoint_passes() -> None:
    allowed = {"http://127.0.0.1:8890/sparql"}
    check_query(
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }", allow_service=allowed
    )
    with pytest.raises(
        QueryGuardError, match=re.escape("allowed endpoints are http://127.0.0.1:8890/sparql")
    ):
        check_query(
            "SELECT * WHERE { SERVICE <http://127.0.0.1:8891/sparql> { ?s ?p ?o } }", allow_service=allowed
        )
    check_query("SELECT * WHERE { SERVICE <http://anywhere/> { ?s ?p ?o } }", allow_service=None)


def test_the_word_service_in_a_string_or_a_name_is_not_a_call() -> None:
    check_query('SELECT * WHERE { ?s kg:SERVICE "SERVICE <http://127.0.0.1/>" }')


def test_deep_stack_returns_and_raises() -> None:
    assert run_on_deep_stack(lambda: 41 + 1) == 42
    with pytest.raises(ZeroDivisionError):
        run_on_deep_stack(lambda: 1 / 0)

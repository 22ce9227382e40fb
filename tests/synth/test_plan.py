"""Planning lists: sizes, formats, titles, errors."""

from __future__ import annotations

import pytest

from kg.synth.plan import parse_formats, plan_lists


@pytest.mark.parametrize(("items", "lists"), [(1, 1), (10, 10), (1000, 7), (50_000, 400)], ids=str)
def test_sizes_add_up_and_every_list_has_items(items: int, lists: int) -> None:
    specs = plan_lists(items, lists, seed=3, formats=("txt",))
    assert len(specs) == lists
    assert sum(s.items for s in specs) == items
    assert min(s.items for s in specs) >= 1


def test_sizes_vary_like_real_lists() -> None:
    sizes = [s.items for s in plan_lists(100_000, 1000, seed=1, formats=("txt",))]
    assert max(sizes) > 3 * min(sizes)


def test_formats_taken_in_turn() -> None:
    specs = plan_lists(60, 6, seed=0, formats=("txt", "csv", "xlsx"))
    assert [s.format for s in specs] == ["txt", "csv", "xlsx"] * 2
    assert all(s.file_name.endswith("." + s.format) for s in specs)


def test_titles_and_file_names_are_distinct_beyond_the_places() -> None:
    specs = plan_lists(40_000, 40_000, seed=2, formats=("txt",))  # more lists than place × field
    assert len({s.title for s in specs}) == len(specs)
    assert len({s.file_name for s in specs}) == len(specs)


def test_plan_is_deterministic_and_depends_on_seed() -> None:
    a = plan_lists(5000, 50, seed=9, formats=("txt", "csv"))
    assert a == plan_lists(5000, 50, seed=9, formats=("txt", "csv"))
    assert a != plan_lists(5000, 50, seed=10, formats=("txt", "csv"))


@pytest.mark.parametrize(
    ("items", "lists", "formats", "message"),
    [
        (3, 4, ("txt",), "at least one item"),
        (5, 0, ("txt",), "at least one item"),
        (5, 1, ("doc",), "unknown format"),
    ],
    ids=["fewer-items-than-lists", "no-lists", "bad-format"],
)
def test_bad_arguments(items: int, lists: int, formats: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan_lists(items, lists, seed=0, formats=formats)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("txt", ("txt",)),
        ("txt,csv,xlsx", ("txt", "csv", "xlsx")),
        (" CSV , txt ", ("csv", "txt")),
        ("txt:3,xlsx:1", ("txt", "txt", "txt", "xlsx")),
        ("csv:2", ("csv", "csv")),
    ],
    ids=["one", "all", "spaces-and-case", "weighted", "weight-alone"],
)
def test_parse_formats(text: str, expected: tuple[str, ...]) -> None:
    assert parse_formats(text) == expected


@pytest.mark.parametrize(
    "text",
    ["doc", "txt:0", "txt:x", "", ",", "txt:-1"],
    ids=["unknown", "zero-weight", "bad-weight", "empty", "comma", "negative"],
)
def test_parse_formats_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_formats(text)

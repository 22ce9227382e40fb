"""Graph specs: labels, styles, legend, aggregation of big graphs."""

from __future__ import annotations

import pytest

from kg.site.graphs import NODE_STYLES, GraphSpec, aggregate_items, fit_label


@pytest.mark.parametrize(
    ("text", "width", "lines", "expected"),
    [
        ("第五十八条", 12, 2, "第五十八条"),
        ("中华人民共和国社会保险法", 6, 2, "中华人民共和\n国社会保险法"),
        ("中华人民共和国社会保险法实施细则", 6, 2, "中华人民共和\n国社会保险…"),
        ("  多个   空格  ", 12, 2, "多个 空格"),
    ],
    ids=["short", "two-lines", "cut", "spaces"],
)
def test_fit_label(text: str, width: int, lines: int, expected: str) -> None:
    out = fit_label(text, width, lines)
    assert out == expected
    assert all(len(line) <= width for line in out.split("\n"))
    assert out.count("\n") < lines


def test_styles_and_legend_follow_kinds() -> None:
    spec = GraphSpec(focus="p")
    spec.add_node("p", "provision", "第五十八条", tip=["t"])
    spec.add_node("i", "item", "4165 事项", url="item/x.html")
    spec.add_edge("i", "p")
    spec.add_edge("i", "missing")
    data = spec.to_json()
    assert [entry["kind"] for entry in data["legend"]] == ["provision", "item"]
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["p"]["shape"] == NODE_STYLES["provision"]["shape"]
    assert by_id["i"]["shape"] == NODE_STYLES["item"]["shape"]
    assert by_id["p"]["borderWidth"] == 4 and "borderWidth" not in by_id["i"]
    assert data["edges"] == [{"from": "i", "to": "p"}]


def big_spec(n_items: int) -> tuple[GraphSpec, dict[str, str | None]]:
    spec = GraphSpec(focus="p")
    spec.add_node("p", "provision", "第五十八条")
    agency_of: dict[str, str | None] = {}
    for a in range(3):
        spec.add_node(f"a{a}", "agency", f"机关{a}", tip=[f"机关{a}"])
    for i in range(n_items):
        agency = f"a{i % 3}"
        spec.add_node(f"i{i}", "item", f"事项{i}")
        spec.add_edge(f"i{i}", "p")
        spec.add_edge(f"i{i}", agency)
        agency_of[f"i{i}"] = agency
    return spec, agency_of


def test_small_graph_is_untouched() -> None:
    spec, agency_of = big_spec(20)
    assert aggregate_items(spec, agency_of, lambda a: f"agency/{a}.html") is spec


def test_big_graph_is_aggregated_per_agency() -> None:
    spec, agency_of = big_spec(600)
    out = aggregate_items(spec, agency_of, lambda a: f"agency/{a}.html", keep=5)
    kinds = [n["kind"] for n in out.nodes.values()]
    assert len(out.nodes) <= 300
    assert kinds.count("item") == 15 and kinds.count("more") == 3
    more = out.nodes["more:a0"]
    assert more["label"].startswith("+195") and more["url"] == "agency/a0.html"
    assert ("more:a0", "p") in out.edges and ("more:a0", "a0") in out.edges
    assert "p" in out.nodes


def test_to_pyvis_keeps_nodes_and_edges() -> None:
    spec, _ = big_spec(4)
    net = spec.to_pyvis()
    assert len(net.nodes) == len(spec.nodes) and len(net.edges) == len(spec.edges)

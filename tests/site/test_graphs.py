"""Graph specs: labels, styles, legend, aggregation of big graphs."""

from __future__ import annotations

import pytest

from kg.site.graphs import NODE_STYLES, PART_OF, GraphSpec, aggregate, aggregate_items, fit_label


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
    assert len(out.nodes) <= 40
    assert kinds.count("item") == 15 and kinds.count("more") == 3
    more = out.nodes["more:a0"]
    assert more["label"].startswith("+195") and more["url"] == "agency/a0.html"
    assert ("more:a0", "p") in out.edges and ("more:a0", "a0") in out.edges
    assert "p" in out.nodes


def test_to_pyvis_keeps_nodes_and_edges() -> None:
    spec, _ = big_spec(4)
    net = spec.to_pyvis()
    assert len(net.nodes) == len(spec.nodes) and len(net.edges) == len(spec.edges)


def law_spec(
    n_laws: int, arts: int, n_items: int, per_item: int = 2
) -> tuple[GraphSpec, dict[str, str | None]]:
    """An agency page: one agency, items each resting on articles of several laws."""
    spec = GraphSpec(focus="a")
    spec.add_node("a", "agency", "机关", tip=["机关"])
    instrument_of: dict[str, str | None] = {}
    for law in range(n_laws):
        spec.add_node(f"l{law}", "instrument", f"法{law}", tip=[f"法{law}"])
        for art in range(arts):
            node = f"l{law}/art{art}"
            spec.add_node(node, "provision", f"第{art}条", tip=[node])
            spec.add_edge(node, f"l{law}", PART_OF)
            instrument_of[node] = f"l{law}"
    for i in range(n_items):
        spec.add_node(f"i{i}", "item", f"事项{i}")
        spec.add_edge(f"i{i}", "a")
        for law in ((i * per_item + k) % n_laws for k in range(per_item)):
            spec.add_edge(f"i{i}", f"l{law}/art{i % arts}")
    return spec, instrument_of


def test_provisions_fold_into_their_instrument_first() -> None:
    spec, instrument_of = law_spec(n_laws=5, arts=8, n_items=16)
    assert len(spec.nodes) > 40
    out = aggregate(spec, agency_of={}, instrument_of=instrument_of, more_url=lambda a: None)
    kinds = [n["kind"] for n in out.nodes.values()]
    assert len(out.nodes) <= 40
    assert kinds.count("item") == 16 and kinds.count("instrument") == 5 and "provision" not in kinds
    assert ("i0", "l0") in out.edges and ("i0", "l1") in out.edges
    assert any(t.startswith("被引条款") for t in out.nodes["l0"]["tip"])


def test_many_instruments_fold_into_one_more_node() -> None:
    spec, instrument_of = law_spec(n_laws=40, arts=1, n_items=8, per_item=5)
    out = aggregate(spec, agency_of={}, instrument_of=instrument_of, more_url=lambda a: None)
    kinds = [n["kind"] for n in out.nodes.values()]
    assert len(out.nodes) <= 40 and kinds.count("more") == 1
    assert kinds.count("instrument") == 12 and kinds.count("item") == 8
    assert out.nodes["more:instruments"]["label"].startswith("+28")


def test_the_focus_provision_and_its_parts_stay() -> None:
    spec, instrument_of = law_spec(n_laws=5, arts=8, n_items=16)
    spec.focus = "l0/art0"
    out = aggregate(
        spec, agency_of={}, instrument_of=instrument_of, more_url=lambda a: None, protected={"l0/art0"}
    )
    assert "l0/art0" in out.nodes and "l0/art1" not in out.nodes

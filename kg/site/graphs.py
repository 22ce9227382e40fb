"""The networks drawn on the pages: nodes styled by type, tooltips, aggregation.

A :class:`GraphSpec` is plain data (nodes and edges as dicts of strings and
numbers) that :mod:`kg.site.vis` hands to vis-network. Tooltips are kept as
plain text fields (``tip``); the page script turns them into DOM text nodes, so
nothing a list says is ever parsed as HTML.

Graphs over :data:`MAX_NODES` nodes are aggregated (:func:`aggregate`), in steps
that each stop once the drawing is small enough: provisions fold into their
instrument (one edge per power and instrument, the articles in the tooltip); beyond
:data:`ITEMS_PER_GROUP` items per agency, the rest of that agency's items become one
"+N more items" node linked to the agency page; beyond :data:`INSTRUMENTS_KEPT`
instruments, the least cited fold into one "+N more instruments" node. The page's
tables list everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "INSTRUMENTS_KEPT",
    "ITEMS_PER_GROUP",
    "LABEL_CHARS",
    "MAX_NODES",
    "NODE_STYLES",
    "PART_OF",
    "GraphSpec",
    "NodeKind",
    "aggregate",
    "aggregate_items",
    "collapse_instruments",
    "collapse_provisions",
    "fit_label",
]

NodeKind = str
"""One of the keys of :data:`NODE_STYLES`."""

PART_OF = "属于 part of"
"""Title of the edge from a provision to its parent (the aggregation follows these)."""

MAX_NODES = 40
"""Above this many nodes a drawing turns into a hairball nobody can read at default zoom
(71 nodes put 5–6 px labels on top of each other): aggregate."""

INSTRUMENTS_KEPT = 12
"""Instruments kept as their own nodes when even folded provisions leave too many."""

ITEMS_PER_GROUP = 8
"""Items kept as their own nodes per agency when a graph is aggregated."""

LABEL_CHARS = 12
"""Chinese characters per label line; longer labels are cut with … (full text in the tooltip)."""

NODE_STYLES: dict[NodeKind, dict[str, Any]] = {
    "instrument": {
        "legend": "法律法规文件 instrument",
        "shape": "box",
        "color": {"background": "#1f4e79", "border": "#123052"},
        "font": {"color": "#ffffff"},
    },
    "provision": {
        "legend": "条款 provision",
        "shape": "ellipse",
        "color": {"background": "#cfe2f3", "border": "#3d85c6"},
        "font": {"color": "#0b2545"},
    },
    "item": {
        "legend": "权责事项 power item",
        "shape": "dot",
        "size": 12,
        "color": {"background": "#f6b26b", "border": "#b45f06"},
        "font": {"color": "#3b2100"},
    },
    "agency": {
        "legend": "实施主体 agency",
        "shape": "diamond",
        "size": 16,
        "color": {"background": "#93c47d", "border": "#38761d"},
        "font": {"color": "#17310b"},
    },
    "more": {
        "legend": "合并的节点 aggregated (+N more)",
        "shape": "square",
        "size": 14,
        "color": {"background": "#d9d9d9", "border": "#666666"},
        "font": {"color": "#333333"},
    },
}
"""Shape and colour per node type; ``legend`` is the text of the legend entry."""


def fit_label(text: str, width: int = LABEL_CHARS, lines: int = 2) -> str:
    """Wrap ``text`` to ``lines`` lines of ``width`` characters, cutting with ….

    Examples:
        >>> fit_label("中华人民共和国社会保险法", 6)
        '中华人民共和\\n国社会保险法'
        >>> fit_label("一二三四五六七八九十", 3, 2)
        '一二三\\n四五…'
    """
    text = " ".join(text.split())
    if len(text) > width * lines:
        text = text[: width * lines - 1] + "…"
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


@dataclass(slots=True)
class GraphSpec:
    """Nodes and edges of one drawing, in insertion order (deterministic output)."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    focus: str | None = None

    def add_node(
        self,
        node_id: str,
        kind: NodeKind,
        label: str,
        *,
        url: str | None = None,
        tip: Iterable[str] = (),
        **extra: Any,
    ) -> None:
        """Add a node once; later calls for the same id keep the first one."""
        if node_id in self.nodes:
            return
        self.nodes[node_id] = {
            "id": node_id,
            "kind": kind,
            "label": fit_label(label),
            "url": url,
            "tip": [t for t in tip if t],
            **extra,
        }

    def add_edge(self, source: str, target: str, label: str = "", **extra: Any) -> None:
        """Add an edge once (both ends must already be nodes)."""
        if source in self.nodes and target in self.nodes:
            self.edges.setdefault((source, target), {"from": source, "to": target, **extra})
            if label:
                self.edges[(source, target)]["title"] = label

    def kinds(self) -> list[NodeKind]:
        """The node kinds present, in legend order."""
        present = {n["kind"] for n in self.nodes.values()}
        return [k for k in NODE_STYLES if k in present]

    def to_json(self) -> dict[str, Any]:
        """Plain data for the page: nodes with their styles, edges, legend."""
        nodes = []
        for node in self.nodes.values():
            style = {k: v for k, v in NODE_STYLES[node["kind"]].items() if k != "legend"}
            styled = {**style, **node, "group": node["kind"]}
            if node["id"] == self.focus:
                styled["borderWidth"] = 4
                styled["font"] = {**style.get("font", {}), "size": 18}
            nodes.append(styled)
        return {
            "nodes": nodes,
            "edges": list(self.edges.values()),
            "legend": [{"kind": k, **NODE_STYLES[k]} for k in self.kinds()],
        }

    def to_pyvis(self, **network_args: Any) -> Any:
        """The same drawing as a :class:`pyvis.network.Network` (for notebooks)."""
        from pyvis.network import Network

        net = Network(cdn_resources="remote", **network_args)
        for node in self.to_json()["nodes"]:
            attrs = {k: v for k, v in node.items() if k not in {"id", "tip", "url", "kind"}}
            attrs["title"] = "\n".join(node["tip"])
            net.add_node(node["id"], **attrs)
        for edge in self.edges.values():
            net.add_edge(edge["from"], edge["to"], title=edge.get("title", ""))
        return net


def aggregate_items(
    spec: GraphSpec,
    agency_of: Mapping[str, str | None],
    more_url: Callable[[str], str | None],
    *,
    max_nodes: int = MAX_NODES,
    keep: int = ITEMS_PER_GROUP,
) -> GraphSpec:
    """Replace surplus item nodes by one "+N more items" node per agency.

    Nothing changes while the graph has at most ``max_nodes`` nodes. Otherwise,
    per agency, the first ``keep`` items stay; the others collapse into a node
    that takes over their edges and links to the agency page (``more_url``).
    Provisions and instruments only the aggregated items lead to are dropped too.

    Args:
        spec: the full graph.
        agency_of: item node id → agency node id (None for items without one).
        more_url: agency node id → the page listing all its items.
        max_nodes: the size above which to aggregate.
        keep: items kept per agency.

    Returns:
        A new, smaller spec (``spec`` itself is returned when small enough).
    """
    if len(spec.nodes) <= max_nodes:
        return spec
    by_agency: dict[str | None, list[str]] = defaultdict(list)
    for node_id, node in spec.nodes.items():
        if node["kind"] == "item" and node_id != spec.focus:
            by_agency[agency_of.get(node_id)].append(node_id)
    merged: dict[str, str] = {}
    out = GraphSpec(focus=spec.focus)
    for agency, items in by_agency.items():
        for item in items[keep:]:
            merged[item] = f"more:{agency or 'none'}"
    for node_id, node in spec.nodes.items():
        if node_id not in merged:
            out.nodes[node_id] = dict(node)
    counts: dict[str, int] = defaultdict(int)
    for group in merged.values():
        counts[group] += 1
    for group, count in counts.items():
        agency = group.removeprefix("more:")
        url = more_url(agency) if agency != "none" else None
        name = spec.nodes.get(agency, {}).get("tip", ["?"])[0] if agency != "none" else ""
        out.add_node(group, "more", f"+{count} 项 more items", url=url, tip=[name, f"另有 {count} 项"])
    for (src, dst), edge in spec.edges.items():
        src2, dst2 = merged.get(src, src), merged.get(dst, dst)
        if src2 != dst2 and (src2, dst2) not in out.edges:
            out.edges[(src2, dst2)] = {**edge, "from": src2, "to": dst2}
    _drop_unanchored(out)
    _drop_isolated(out)
    return out


def _remap_edges(spec: GraphSpec, out: GraphSpec, merged: Mapping[str, str]) -> None:
    """Carry ``spec``'s edges into ``out`` through ``merged``; parallel edges add up in ``value``."""
    for (src, dst), edge in spec.edges.items():
        src2, dst2 = merged.get(src, src), merged.get(dst, dst)
        if src2 == dst2 or src2 not in out.nodes or dst2 not in out.nodes:
            continue
        if (src2, dst2) in out.edges:
            known = out.edges[(src2, dst2)]
            known["value"] = known.get("value", 1) + edge.get("value", 1)
        else:
            out.edges[(src2, dst2)] = {**edge, "from": src2, "to": dst2}


def collapse_provisions(
    spec: GraphSpec, instrument_of: Mapping[str, str | None], protected: Iterable[str] = ()
) -> GraphSpec:
    """Fold provision nodes into their instrument's node (not the ``protected`` ones).

    An item resting on three articles of one law gets one edge to the law (``value`` 3);
    the law's tooltip names the folded articles.
    """
    keep = {spec.focus, *protected}
    merged = {
        node_id: inst
        for node_id, node in spec.nodes.items()
        if node["kind"] == "provision"
        and node_id not in keep
        and (inst := instrument_of.get(node_id)) in spec.nodes
    }
    if not merged:
        return spec
    out = GraphSpec(focus=spec.focus)
    folded: dict[str, list[str]] = defaultdict(list)
    for node_id, node in spec.nodes.items():
        if node_id in merged:
            folded[merged[node_id]].append(node["label"].replace("\n", ""))
        else:
            out.nodes[node_id] = dict(node)
    for inst, labels in folded.items():
        shown = "、".join(labels[:12]) + ("…" if len(labels) > 12 else "")
        out.nodes[inst]["tip"] = [*out.nodes[inst]["tip"], f"被引条款 {len(labels)} 条：{shown}"]
    _remap_edges(spec, out, merged)
    return out


def collapse_instruments(spec: GraphSpec, *, keep: int = INSTRUMENTS_KEPT) -> GraphSpec:
    """Fold all but the ``keep`` most linked instruments (and their provisions) into one node."""
    degree: dict[str, int] = defaultdict(int)
    for (_src, dst), edge in spec.edges.items():
        degree[dst] += edge.get("value", 1)
    instruments = [n for n, node in spec.nodes.items() if node["kind"] == "instrument" and n != spec.focus]
    ranked = sorted(instruments, key=lambda n: (-degree[n], n))
    dropped = set(ranked[keep:])
    if not dropped:
        return spec
    parent = {src: dst for (src, dst), edge in spec.edges.items() if edge.get("title") == PART_OF}

    def top(node_id: str) -> str:
        seen = set()
        while node_id in parent and node_id not in seen:
            seen.add(node_id)
            node_id = parent[node_id]
        return node_id

    group = "more:instruments"
    merged = {
        n: group
        for n, node in spec.nodes.items()
        if n in dropped or (node["kind"] == "provision" and n != spec.focus and top(n) in dropped)
    }
    out = GraphSpec(focus=spec.focus)
    for node_id, node in spec.nodes.items():
        if node_id not in merged:
            out.nodes[node_id] = dict(node)
    names = [spec.nodes[n]["tip"][0] if spec.nodes[n]["tip"] else n for n in ranked[keep:]]
    out.add_node(group, "more", f"+{len(dropped)} 个文件 more instruments", tip=names[:15])
    _remap_edges(spec, out, merged)
    return out


def aggregate(
    spec: GraphSpec,
    *,
    agency_of: Mapping[str, str | None],
    instrument_of: Mapping[str, str | None],
    more_url: Callable[[str], str | None],
    protected: Iterable[str] = (),
    max_nodes: int = MAX_NODES,
) -> GraphSpec:
    """Make ``spec`` small enough to read, one step at a time (see the module docstring)."""
    steps: list[Callable[[GraphSpec], GraphSpec]] = [
        lambda g: collapse_provisions(g, instrument_of, protected),
        lambda g: aggregate_items(g, agency_of, more_url, max_nodes=max_nodes),
        lambda g: collapse_instruments(g),
    ]
    for step in steps:
        if len(spec.nodes) <= max_nodes:
            break
        spec = step(spec)
    return spec


LEGAL_KINDS = frozenset({"provision", "instrument"})


def _drop_unanchored(spec: GraphSpec) -> None:
    """Drop provisions and instruments only aggregated items lead to.

    Kept: the focus, whatever a drawn item rests on, and the parents of those.
    The rest is one click away, on the agency page the "+N" node opens.
    """
    kinds = {node_id: node["kind"] for node_id, node in spec.nodes.items()}
    anchored = {spec.focus} | {d for s, d in spec.edges if kinds.get(s) == "item"}
    grew = True
    while grew:
        more = {d for s, d in spec.edges if s in anchored and kinds.get(d) in LEGAL_KINDS}
        grew = not more <= anchored
        anchored |= more
    dropped = {n for n, kind in kinds.items() if kind in LEGAL_KINDS and n not in anchored}
    for node_id in dropped:
        del spec.nodes[node_id]
    for key in [k for k in spec.edges if k[0] in dropped or k[1] in dropped]:
        del spec.edges[key]


def _drop_isolated(spec: GraphSpec) -> None:
    """Remove nodes no edge touches (except the focus)."""
    touched = {end for key in spec.edges for end in key}
    for node_id in [n for n in spec.nodes if n not in touched and n != spec.focus]:
        del spec.nodes[node_id]

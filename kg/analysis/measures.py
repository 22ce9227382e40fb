"""Graph measures legal staff ask for: most central provisions, agencies sharing legal bases.

Examples:
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("a1", kind="agency", label="甲局"); g.add_node("a2", kind="agency", label="乙局")
    >>> g.add_node("law", kind="instrument", label="某法")
    >>> for item, agency in (("i1", "a1"), ("i2", "a2")):
    ...     g.add_node(item, kind="item", label=item)
    ...     g.add_edge(item, agency, relation="exercisedBy")
    ...     g.add_edge(item, "law", relation="restsOn")
    >>> [(s.first, s.second, s.shared) for s in agencies_sharing_bases(g)]
    [('甲局', '乙局', ('某法',))]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

__all__ = ["CentralProvision", "SharedBasis", "agencies_sharing_bases", "central_provisions"]


@dataclass(frozen=True, slots=True)
class CentralProvision:
    """A provision, the items resting on it or its parts, and their share of all items."""

    iri: str
    label: str
    instrument: str
    score: float
    items: int

    def to_dict(self) -> dict[str, object]:
        """As ``kg analyze --json`` writes it (``share`` is :attr:`score`)."""
        return {"iri": self.iri, "label": self.label, "items": self.items, "share": self.score}


@dataclass(frozen=True, slots=True)
class SharedBasis:
    """Two agencies and the instruments both rest powers on."""

    first: str
    second: str
    shared: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """As ``kg analyze --json`` writes it: the two agencies, then what they share."""
        return {"agencies": [self.first, self.second], "shared": list(self.shared)}


def _instrument_of(graph: nx.DiGraph, node: str) -> str:
    """Follow partOf edges up to the instrument."""
    seen = {node}
    while graph.nodes[node].get("kind") == "provision":
        parents = sorted(t for _, t, r in graph.out_edges(node, data="relation") if r == "partOf")
        if not parents or parents[0] in seen:
            break
        node = parents[0]
        seen.add(node)
    return node


def central_provisions(graph: nx.DiGraph, top: int = 10) -> list[CentralProvision]:
    """Provisions ranked by reach: the share of power items resting on them or on a part of them.

    Reach rather than a plain in-degree: an article whose paragraphs are cited
    by many items ranks above one cited once, and a chapter gathers its
    articles' weight. (Pure networkx: ancestors over restsOn/partOf edges.)
    """
    legal = graph.edge_subgraph(
        (s, t) for s, t, r in graph.edges(data="relation") if r in ("restsOn", "partOf")
    )
    all_items = sum(1 for _, kind in graph.nodes(data="kind") if kind == "item") or 1
    scored = []
    for node, kind in graph.nodes(data="kind"):
        if kind != "provision" or node not in legal:
            continue
        reach = sum(1 for a in nx.ancestors(legal, node) if graph.nodes[a].get("kind") == "item")
        scored.append((reach, node))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    out = []
    for reach, node in scored[:top]:
        instrument = _instrument_of(graph, node)
        out.append(
            CentralProvision(
                iri=node,
                label=graph.nodes[instrument].get("label", "") + graph.nodes[node].get("label", ""),
                instrument=instrument,
                score=round(reach / all_items, 6),
                items=reach,
            )
        )
    return out


def agencies_sharing_bases(graph: nx.DiGraph) -> list[SharedBasis]:
    """Pairs of agencies whose powers rest on the same instruments, most shared first."""
    bases: dict[str, set[str]] = defaultdict(set)
    for item, kind in graph.nodes(data="kind"):
        if kind != "item":
            continue
        agencies = [t for _, t, r in graph.out_edges(item, data="relation") if r == "exercisedBy"]
        targets = [t for _, t, r in graph.out_edges(item, data="relation") if r == "restsOn"]
        instruments = {_instrument_of(graph, t) for t in targets}
        for agency in agencies:
            bases[agency] |= instruments
    label = {n: graph.nodes[n].get("label", n) for n in graph.nodes}
    pairs = []
    for first, second in combinations(sorted(bases), 2):
        shared = bases[first] & bases[second]
        if shared:
            pairs.append(SharedBasis(label[first], label[second], tuple(sorted(label[s] for s in shared))))
    return sorted(pairs, key=lambda p: (-len(p.shared), p.first, p.second))

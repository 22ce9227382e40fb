"""The RDF graph as a networkx graph: items, agencies, instruments, provisions.

Two canned queries (``analysis_nodes``, ``analysis_edges``) fetch nodes and
edges from any store; everything after that is networkx.
"""

from __future__ import annotations

import networkx as nx

from kg.queries import run_query
from kg.store.base import Store

__all__ = ["KINDS", "citation_network"]

KINDS: tuple[str, ...] = ("item", "agency", "instrument", "provision")
"""Node kinds, stored in the ``kind`` attribute."""


def citation_network(store: Store) -> nx.DiGraph:
    """A directed graph: item →restsOn→ provision →partOf→ … → instrument, item →exercisedBy→ agency.

    Node attributes: ``label`` and ``kind``; edge attribute: ``relation``.
    Node names are the IRIs (strings), so results map back to the RDF graph.
    """
    graph = nx.DiGraph()
    for row in run_query(store, "analysis_nodes"):
        graph.add_node(str(row["node"]), label=str(row["label"]), kind=str(row["kind"]))
    for row in run_query(store, "analysis_edges"):
        source, target = str(row["source"]), str(row["target"])
        for node in (source, target):
            if node not in graph:
                graph.add_node(node, label=node.rsplit("/", 1)[-1], kind="other")
        graph.add_edge(source, target, relation=str(row["relation"]))
    return graph

"""GraphML and GEXF export of the citation network (for Gephi, yEd, Cytoscape)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.analysis.projection import citation_network
from kg.atomic import atomic_write
from kg.store.base import Store

__all__ = ["GRAPH_FORMATS", "export_network"]

GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf")
"""Network formats ``kg export`` writes through networkx."""


def export_network(store: Store, fmt: str, path: Path) -> int:
    """Write the citation network of ``store`` to ``path`` (temp file, then rename).

    Returns:
        The number of nodes written.

    Raises:
        ValueError: for a format other than graphml or gexf.
    """
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"network format must be one of {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
    graph = citation_network(store)
    with atomic_write(path, "wb") as handle:
        if fmt == "graphml":
            nx.write_graphml(graph, handle)
        else:
            nx.write_gexf(graph, handle)
    return graph.number_of_nodes()

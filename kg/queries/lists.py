"""Which named graph holds the list a user names (by title, file name or graph IRI).

Examples:
    >>> from kg.store.memory import MemoryStore
    >>> graphs_for(MemoryStore(), "甲市医保局权责清单")
    []
"""

from __future__ import annotations

from pathlib import PurePath

from rdflib import URIRef

from kg.iri import graph_iri, is_list_graph, list_key_of
from kg.queries import run_query
from kg.store.base import Store

__all__ = ["graph_for", "graphs_for"]


def graphs_for(store: Store, name: str) -> list[URIRef]:
    """The named graphs of the lists called ``name`` (title, file name or graph IRI), sorted.

    Two lists may share a title (they are told apart by their files), so a title
    can name several; the caller decides whether that is an error.
    """
    graphs = set(store.graphs())
    if URIRef(name) in graphs:
        # the build's own graphs (library, shared provisions, summary) are no list
        return [URIRef(name)] if is_list_graph(name) else []
    wanted, file_name = name.strip(), PurePath(name.strip()).name
    found: set[URIRef] = set()
    for row in run_query(store, "power_lists"):
        key = list_key_of(str(row["list"]))
        if key is None or not wanted:
            continue
        if str(row.get("title") or "") == wanted or str(row.get("file") or "") == file_name:
            graph = graph_iri(key)
            if graph in graphs:
                found.add(graph)
    return sorted(found)


def graph_for(store: Store, name: str) -> URIRef | None:
    """The one named graph of the list called ``name``; None when none or several match."""
    found = graphs_for(store, name)
    return found[0] if len(found) == 1 else None

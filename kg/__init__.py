"""权责清单 legal-citation knowledge graph: ingest, graph, stores, queries, audit, pages."""

__all__ = ["__version__"]

__version__ = "0.1.0"

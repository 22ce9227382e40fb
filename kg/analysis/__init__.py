"""networkx projections of the graph: central provisions, agencies sharing legal bases, exports."""

from kg.analysis.export import GRAPH_FORMATS, export_network
from kg.analysis.measures import (
    CentralProvision,
    SharedBasis,
    agencies_sharing_bases,
    central_provisions,
)
from kg.analysis.projection import KINDS, citation_network

__all__ = [
    "GRAPH_FORMATS",
    "KINDS",
    "CentralProvision",
    "SharedBasis",
    "agencies_sharing_bases",
    "central_provisions",
    "citation_network",
    "export_network",
]

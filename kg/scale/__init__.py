"""The one graph build (what ``kg build`` runs): streaming, parallel, incremental, and sharded export.

* :mod:`kg.scale.worker` — one list → its graph as N-Triples bytes (runs in a worker process);
* :mod:`kg.scale.manifest` — which file was built into which graph from which content;
* :mod:`kg.scale.stream` — the build loop: plan, extract on all cores in order, load, record;
  :func:`build_in_process` is the same loop in one process, for tests and notebooks;
* :mod:`kg.scale.provisions` — the shared provision graph: nodes written once, pruned with the change
  that frees them;
* :mod:`kg.scale.shards` — the store as N-Quads shards for a server's bulk loader.
"""

from kg.scale.manifest import Manifest, ManifestEntry, manifest_path, pipeline_version
from kg.scale.shards import export_shards
from kg.scale.stream import FileError, StreamSummary, build_in_process, remove_list, stream_build
from kg.scale.worker import ListOutcome, build_list_graph, process_list

__all__ = [
    "FileError",
    "ListOutcome",
    "Manifest",
    "ManifestEntry",
    "StreamSummary",
    "build_in_process",
    "build_list_graph",
    "export_shards",
    "manifest_path",
    "pipeline_version",
    "process_list",
    "remove_list",
    "stream_build",
]

"""National scale: streaming, parallel, incremental builds and sharded export (issue 7).

* :mod:`kg.scale.worker` — one list file → its graph as N-Triples bytes (runs in a worker process);
* :mod:`kg.scale.manifest` — which file was built into which graph from which content;
* :mod:`kg.scale.stream` — the build loop: plan, extract on all cores in order, load, record;
* :mod:`kg.scale.shards` — the store as N-Quads shards for a server's bulk loader.
"""

from kg.scale.manifest import Manifest, ManifestEntry, manifest_path, pipeline_version
from kg.scale.shards import export_shards
from kg.scale.stream import StreamSummary, stream_build
from kg.scale.worker import ListOutcome, process_list

__all__ = [
    "ListOutcome",
    "Manifest",
    "ManifestEntry",
    "StreamSummary",
    "export_shards",
    "manifest_path",
    "pipeline_version",
    "process_list",
    "stream_build",
]

"""The build manifest: which file went into which named graph, from which content.

Kept beside the store (``kg-data/kg-manifest.json`` for Oxigraph,
``kg-data.nq.manifest.json`` for the memory store) so a later ``kg build`` re-extracts
only lists whose bytes changed. A file whose size and modification time are as
recorded is taken as unchanged without reading it; otherwise its SHA-256 (the
same as ``PowerList.content_hash``) decides. The manifest also records the
pipeline version — a digest of the extractor, ingest, resolver and graph code and
tables — so a new version of any of them rebuilds everything rather than mixing
graphs made by two versions.

The manifest is written after the graphs it describes (temp file, then rename):
killed in between, the next build redoes a list it need not have, never skips
one it should not.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.atomic import atomic_write
from kg.store.base import Store

__all__ = ["MANIFEST_NAME", "Manifest", "ManifestEntry", "file_hash", "manifest_path", "pipeline_version"]

MANIFEST_NAME = "kg-manifest.json"
_CODE = (
    "extractors",
    "kg/ingest",
    "kg/resolve",
    "kg/graph",
    "kg/model.py",
    "kg/iri.py",
    "kg/namespace.py",
    "kg/scale/worker.py",
)
"""What the triples of a list depend on besides its bytes (relative to the source root)."""


@functools.cache
def pipeline_version() -> str:
    """A digest of the code and tables that turn a list into triples."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    for name in _CODE:
        base = root / name
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        files = [p for p in files if p.exists()]
        for path in files:
            if (
                path.suffix in (".py", ".csv", ".toml", ".json", ".txt", ".tsv")
                and "__pycache__" not in path.parts
            ):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class ManifestEntry:
    """One built list file."""

    hash: str
    graph: str
    size: int
    mtime_ns: int
    items: int = 0
    triples: int = 0


@dataclass
class Manifest:
    """File path (absolute) → what was built from it, plus the pipeline version."""

    version: str = ""
    entries: dict[str, ManifestEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> Manifest:
        """The manifest at ``path``; empty (so everything is rebuilt) when missing or unreadable."""
        if path is None or not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            entries = {name: ManifestEntry(**entry) for name, entry in raw["lists"].items()}
            return cls(version=str(raw["version"]), entries=entries)
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, path: Path | None) -> None:
        """Write atomically (temp file, then rename)."""
        if path is None:
            return
        payload = {
            "version": self.version,
            "lists": {name: asdict(entry) for name, entry in sorted(self.entries.items())},
        }
        with atomic_write(path, "w") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)

    def unchanged(self, path: Path) -> bool:
        """Whether ``path`` holds what was built from it (stat first, hash when stat differs)."""
        entry = self.entries.get(str(path))
        if entry is None:
            return False
        stat = path.stat()
        if stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns:
            return True
        if stat.st_size != entry.size or file_hash(path) != entry.hash:
            return False
        entry.mtime_ns = stat.st_mtime_ns
        return True

    def graph_users(self, graph: str) -> int:
        """How many recorded files are built into ``graph`` (two files may share a title)."""
        return sum(entry.graph == graph for entry in self.entries.values())


def manifest_path(store: Store) -> Path | None:
    """Where the store's manifest lives; None for stores with no local folder (sparql, in-memory)."""
    folder = getattr(store, "path", None)
    if folder is not None:
        return Path(folder) / MANIFEST_NAME
    file = getattr(store, "file", None)
    if file is not None:
        return Path(file).with_name(Path(file).name + ".manifest.json")
    return None

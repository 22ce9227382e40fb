"""The build manifest: which file went into which named graph, from which content.

Kept beside the store (``kg-data/kg-manifest.json`` for Oxigraph,
``kg-data.nq.manifest.json`` for the memory store) so a later ``kg build`` re-extracts
only lists whose bytes changed. A file whose size and modification time are as
recorded is taken as unchanged without reading it; otherwise its SHA-256 (the
same as ``PowerList.content_hash``) decides. The manifest also records the
pipeline version — a digest of the extractor, ingest, resolver and graph code and
tables — so a new version of any of them rebuilds everything rather than mixing
graphs made by two versions.

Each finished list is recorded as it lands: one JSON line appended to a journal
beside the manifest (``kg-manifest.json.journal``), flushed to disk, after its graph
is loaded; the end of the build folds the journal into the manifest (temp file,
then rename). An interrupted build therefore does not redo the lists it finished,
and killed between a load and its journal line, the next build redoes that one
list, never skips one it should not.

Size and modification time can lie: an edit of the same size within the file
system's timestamp granularity, or a tool that restores the mtime. A file whose
mtime is not clearly older than the moment it was recorded is hashed (as git
treats "racily clean" files), and ``verify`` hashes every file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.atomic import atomic_write
from kg.store.base import Store

__all__ = [
    "JOURNAL_SUFFIX",
    "MANIFEST_NAME",
    "Manifest",
    "ManifestEntry",
    "file_hash",
    "manifest_path",
    "pipeline_version",
]

MANIFEST_NAME = "kg-manifest.json"
JOURNAL_SUFFIX = ".journal"
"""Appended to the manifest's name for the journal of lists recorded since the last save."""
RACY_NS = 2_000_000_000
"""A file modified less than this before it was recorded is hashed on the next check (FAT has 2 s mtimes)."""
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
    recorded_ns: int = 0
    """When the entry was recorded (wall clock); 0 for entries of older manifests (always racy)."""


@dataclass
class Manifest:
    """File path (absolute) → what was built from it, plus the pipeline version."""

    version: str = ""
    entries: dict[str, ManifestEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> Manifest:
        """The manifest at ``path`` with its journal replayed; empty when missing or unreadable.

        Journal lines of another pipeline version than the manifest's start afresh
        (the build that wrote them rebuilt everything with that version).
        """
        manifest = cls()
        if path is None:
            return manifest
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                entries = {name: ManifestEntry(**entry) for name, entry in raw["lists"].items()}
                manifest = cls(version=str(raw["version"]), entries=entries)
            except (OSError, ValueError, KeyError, TypeError):
                manifest = cls()
        manifest._replay(_journal(path))
        return manifest

    def _replay(self, journal: Path) -> None:
        try:
            lines = journal.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeError):
            return
        for line in lines:
            try:
                record = json.loads(line)
                version, name = str(record["version"]), str(record["path"])
                entry = ManifestEntry(**record["entry"]) if record.get("entry") else None
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a kill: that list is redone
            if version != self.version:
                self.version, self.entries = version, {}
            if entry is None:
                self.entries.pop(name, None)
            else:
                self.entries[name] = entry

    def record(self, path: Path | None, name: str, entry: ManifestEntry | None) -> None:
        """Set (or with None drop) one file's entry now, and append it to the journal on disk."""
        if entry is None:
            self.entries.pop(name, None)
        else:
            self.entries[name] = entry
        if path is None:
            return
        line = {"version": self.version, "path": name, "entry": asdict(entry) if entry else None}
        with _journal(path).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def save(self, path: Path | None) -> None:
        """Write atomically (temp file, then rename), then drop the journal it now contains."""
        if path is None:
            return
        payload = {
            "version": self.version,
            "lists": {name: asdict(entry) for name, entry in sorted(self.entries.items())},
        }
        with atomic_write(path, "w") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
        _journal(path).unlink(missing_ok=True)

    def unchanged(self, path: Path, *, verify: bool = False) -> bool:
        """Whether ``path`` holds what was built from it.

        Size and mtime as recorded, and the mtime clearly older than the record,
        is enough; otherwise (or with ``verify``) the content hash decides.
        """
        entry = self.entries.get(str(path))
        if entry is None:
            return False
        stat = path.stat()
        if stat.st_size != entry.size:
            return False
        racy = entry.mtime_ns >= entry.recorded_ns - RACY_NS
        if stat.st_mtime_ns == entry.mtime_ns and not racy and not verify:
            return True
        if file_hash(path) != entry.hash:
            return False
        entry.mtime_ns = stat.st_mtime_ns
        return True

    def graph_users(self, graph: str) -> int:
        """How many recorded files are built into ``graph`` (two files may share a title)."""
        return sum(entry.graph == graph for entry in self.entries.values())


def _journal(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def manifest_path(store: Store) -> Path | None:
    """Where the store's manifest lives: inside a store folder, beside a store file; None with no location.

    A store on a server or in memory has no :attr:`Store.location`, so its build keeps
    no manifest and rebuilds every list.
    """
    location = store.location
    if location is None:
        return None
    if location.is_dir():
        return location / MANIFEST_NAME
    return location.with_name(location.name + ".manifest.json")

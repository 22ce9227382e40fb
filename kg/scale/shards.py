"""The store as N-Quads shards, for a server's bulk loader.

Virtuoso's ``ld_dir`` + ``rdf_loader_run`` load a folder of ``*.nq`` / ``*.nq.gz``
files in parallel (one file per loader thread), Jena's ``tdb2.xloader`` and
QLever's index builder take the same files; shards keep each file to a size a
loader thread and a retry handle well. Quads are streamed graph by graph from the
store straight into the current shard, so memory does not grow with the store.
Each shard is written through :func:`kg.atomic.atomic_write`: a shard that exists is whole.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.store.base import Store, StoreError
from kg.store.convert import to_ox

__all__ = ["SHARD_FORMATS", "SHARD_PATTERN", "export_shards"]

SHARD_FORMATS = ("nq", "nquads")
"""The ``--format`` names of the shards: always N-Quads, the format every bulk loader reads."""

SHARD_PATTERN = "kg-{index:05d}.nq{suffix}"
"""Shard file names: ``kg-00000.nq`` (or ``.nq.gz``), in store order."""


def export_shards(store: Store, out_dir: Path, shard_size: int, *, compress: bool = False) -> list[Path]:
    """Write every quad of ``store`` to ``out_dir`` in shards of ``shard_size`` quads; return the files.

    Raises:
        StoreError: ``shard_size`` is not positive, or ``out_dir`` already holds shards
            (a mix of two exports would load twice).
    """
    if shard_size < 1:
        raise StoreError(f"--shard-size must be at least 1, not {shard_size}")
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.glob("kg-*.nq*")):
        raise StoreError(f"{out_dir} already holds kg-*.nq shards; export into an empty folder")
    suffix = ".gz" if compress else ""
    quads = (
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))  # type: ignore[arg-type]
        for s, p, o, g in store.iter_quads()
    )
    written: list[Path] = []
    for index in itertools.count():
        first = next(quads, None)
        if first is None:
            break
        path = out_dir / SHARD_PATTERN.format(index=index, suffix=suffix)
        with atomic_write(path, "wb", compress=compress) as handle:
            ox.serialize(
                itertools.chain((first,), itertools.islice(quads, shard_size - 1)),
                handle,
                ox.RdfFormat.N_QUADS,
            )
        written.append(path)
    return written

"""Generate a synthetic corpus: plan the lists, stream each list's rows to its file.

Lists are written one after the other, or by ``jobs`` worker processes (each list has
its own random stream, so the bytes do not depend on how many); each list holds at most
one row in memory at a time for text and CSV; for XLSX, openpyxl's write-only sheet
spools rows to disk but keeps the list's distinct strings (its shared-strings table)
until the file is saved, a few MB per thousand rows. A manifest (``synth-manifest.json``) names
every file with its list title, format, encoding, layout and item count, so benchmarks
know what they read without parsing it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import regex

from kg.atomic import atomic_write
from kg.synth.plan import FORMATS, ITEMS_PER_LIST, ListSpec, plan_lists
from kg.synth.rows import iter_rows
from kg.synth.writers import write_list

__all__ = ["GENERATOR_VERSION", "MANIFEST", "SynthResult", "manifest_entry", "synthesize"]

MANIFEST = "synth-manifest.json"
"""File name of the manifest in the output directory."""

GENERATOR_VERSION = 1
"""Bumped whenever the same seed would give different bytes."""

Progress = Callable[[ListSpec], None]


@dataclass(frozen=True, slots=True)
class SynthResult:
    """What a run wrote: the directory, the manifest path and the totals."""

    out_dir: Path
    manifest: Path
    lists: int
    items: int
    bytes: int


def manifest_entry(spec: ListSpec, size: int) -> dict[str, Any]:
    """The manifest record of one written list."""
    j = spec.jurisdiction
    return {
        "file": spec.file_name,
        "format": spec.format,
        "encoding": spec.encoding,
        "layout": spec.layout,
        "title": spec.title,
        "title_row": spec.title_row,
        "jurisdiction": j.name,
        "level": j.level,
        "province": j.province.name,
        "fields": list(spec.fields),
        "items": spec.items,
        "seq_first": spec.seq_start,
        "seq_last": spec.seq_start + spec.items - 1,
        "bytes": size,
    }


def _write_one(out_dir: Path, seed: int, spec: ListSpec) -> dict[str, Any]:
    """Generate and write one list; top-level so worker processes can run it."""
    path = write_list(out_dir, spec, iter_rows(spec, seed), seed)
    return manifest_entry(spec, path.stat().st_size)


def _entries(
    out_dir: Path, seed: int, specs: list[ListSpec], jobs: int
) -> Iterator[tuple[ListSpec, dict[str, Any]]]:
    """Write every list, in index order, in this process or in ``jobs`` workers."""
    if jobs <= 1 or len(specs) < 2:
        for spec in specs:
            yield spec, _write_one(out_dir, seed, spec)
        return
    work = partial(_write_one, out_dir, seed)
    chunk = max(1, min(64, len(specs) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from zip(specs, pool.map(work, specs, chunksize=chunk), strict=True)


OWN_FILE = regex.compile(r"^\.?\d{6}_[0-9a-f]{16}\.(?:txt|csv|xlsx)(?:\.\w+){0,2}$")
"""Names this command writes (``000042_1dce82da9abf6daa.txt``) and their temporary
siblings, so an interrupted run's leftovers can be replaced too."""


def _clear_previous(out_dir: Path) -> None:
    """Remove what a previous run wrote; refuse a folder holding anything else."""
    previous = out_dir / MANIFEST
    listed: set[str] = set()
    if previous.exists():
        listed = {Path(e["file"]).name for e in json.loads(previous.read_text("utf-8"))["files"]}
    foreign = [
        p.name
        for p in out_dir.iterdir()
        if p.name != MANIFEST and p.name not in listed and not OWN_FILE.match(p.name)
    ]
    if foreign:
        raise FileExistsError(
            f"{out_dir} holds files kg synth did not write (e.g. {sorted(foreign)[0]}); "
            "give an empty or new folder"
        )
    for p in out_dir.iterdir():
        if p.is_file():
            p.unlink()


def _write_manifest(out_dir: Path, meta: dict[str, Any], entries: list[dict[str, Any]]) -> Path:
    path = out_dir / MANIFEST
    with atomic_write(path) as fh:
        json.dump({**meta, "files": entries}, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    return path


def synthesize(
    out_dir: Path,
    items: int,
    *,
    lists: int | None = None,
    seed: int = 0,
    formats: tuple[str, ...] = FORMATS,
    jobs: int = 1,
    on_list: Progress | None = None,
) -> SynthResult:
    """Write ``items`` power items spread over ``lists`` lists into ``out_dir``.

    Args:
        out_dir: created if missing; may hold a previous run's output (replaced), nothing else.
        items: total rows (power items) over all lists.
        lists: number of lists; default one per :data:`~kg.synth.plan.ITEMS_PER_LIST` items.
        seed: same seed, same arguments → byte-identical files.
        formats: lists take these formats in turn (list i gets ``formats[i % len]``).
        jobs: worker processes; lists are independent, so output does not depend on it.
        on_list: called after each list is written (progress bars).

    Raises:
        ValueError: bad counts or formats.
        FileExistsError: ``out_dir`` holds files this command did not write.
    """
    if items < 1:
        raise ValueError(f"--items must be at least 1, got {items}")
    count = lists if lists is not None else max(1, -(-items // ITEMS_PER_LIST))
    specs = plan_lists(items, count, seed, formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir)
    entries = []
    for spec, entry in _entries(out_dir, seed, specs, jobs):
        entries.append(entry)
        if on_list is not None:
            on_list(spec)
    meta = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "items": items,
        "lists": count,
        "formats": list(formats),
    }
    manifest = _write_manifest(out_dir, meta, entries)
    return SynthResult(out_dir, manifest, count, items, sum(e["bytes"] for e in entries))

"""The streaming build: plan which lists to (re)build, extract them on all cores, load in order.

Memory stays bounded by a few lists: at most ``2 × jobs`` lists are in flight
(read, extracted and serialised in worker processes), and the parent holds one
list's N-Triples bytes while it loads them. Results are consumed in input order,
so the store, the manifest and the summary are the same for any ``jobs``.

Incremental: a file whose content matches the manifest is not read at all; a
changed or new file has its named graph replaced (staged swap, see
:mod:`kg.store.oxigraph`); with ``prune`` the graphs of recorded files no longer
among the inputs are dropped. ``full`` rebuilds everything, ``verify`` hashes every
file rather than trusting size and mtime. Each list is recorded in the manifest's
journal as it lands, so an interrupted build does not redo it.

Workers die with the build: each asks the kernel for SIGKILL when its parent
dies (``PR_SET_PDEATHSIG`` on Linux) and also watches its parent's pid, so a
killed ``kg build`` leaves no worker behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.counts import GraphCounts, graph_counts
from kg.pipeline import FileError
from kg.scale.manifest import Manifest, ManifestEntry, manifest_path, pipeline_version
from kg.scale.worker import ListOutcome, process_list
from kg.store.base import Store
from kg.store.convert import from_ox

__all__ = ["COUNT_LIMIT", "Plan", "StreamProgress", "StreamSummary", "plan_build", "stream_build"]

COUNT_LIMIT = 2_000_000
"""Above this many triples the summary skips counting instruments/provisions (a full scan)."""

StreamProgress = Callable[[ListOutcome, int], None]
"""Called as ``hook(outcome, file_bytes)`` after each list is loaded (or failed)."""


@dataclass
class Plan:
    """What a build will do before it does it."""

    todo: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    bytes_todo: int = 0


@dataclass
class StreamSummary:
    """What a streaming build did (the fields of :class:`kg.pipeline.BuildSummary`, and more)."""

    lists: int = 0
    unchanged: int = 0
    pruned: int = 0
    stale: int = 0
    items: int = 0
    citations: int = 0
    triples: int = 0
    instruments: int | None = None
    provisions: int | None = None
    store: GraphCounts | None = None
    """What the whole store holds after the build (None when too big to count)."""
    seconds: float = 0.0
    stages: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(("read", "extract", "triples", "load"), 0.0)
    )
    cache_hits: int = 0
    cache_misses: int = 0
    graphs: list[str] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    @property
    def cache_hit_rate(self) -> float:
        """Share of non-empty cells whose citations came from the extraction cache."""
        total = self.cache_hits + self.cache_misses
        return self.cache_hits / total if total else 0.0


def plan_build(files: Sequence[Path], manifest: Manifest, *, full: bool, verify: bool = False) -> Plan:
    """Split ``files`` into those to build and those unchanged; list recorded files now absent."""
    plan = Plan()
    current = {str(path.resolve()) for path in files}
    for path in files:
        if not full and manifest.unchanged(path.resolve(), verify=verify):
            plan.unchanged.append(path)
        else:
            plan.todo.append(path)
            plan.bytes_todo += path.stat().st_size
    plan.removed = sorted(name for name in manifest.entries if name not in current)
    return plan


PARENT_POLL_SECONDS = 1.0
"""How often a worker checks that the build that started it is still alive."""


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this process when the build process ``parent`` ends."""
    library = ctypes.util.find_library("c")
    if library is not None and hasattr(signal, "SIGKILL"):
        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(library, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _outcomes(paths: Sequence[Path], jobs: int) -> Iterator[ListOutcome]:
    """``process_list`` over ``paths`` in order, ``jobs`` processes, at most 2×jobs in flight."""
    if jobs <= 1:
        for path in paths:
            yield process_list(str(path))
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque[Future[ListOutcome]] = deque()
        queue = iter(paths)
        for path in queue:
            pending.append(pool.submit(process_list, str(path)))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            outcome = pending.popleft().result()
            next_path = next(queue, None)
            if next_path is not None:
                pending.append(pool.submit(process_list, str(next_path)))
            yield outcome


def _load(store: Store, graph: str, data: bytes) -> None:
    loader = getattr(store, "replace_graph_ntriples", None)
    if loader is not None:
        loader(URIRef(graph), data)
        return
    target = URIRef(graph)
    store.replace_graph(
        target,
        (
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), target)  # type: ignore[misc]
            for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)
        ),
    )


def stream_build(
    files: Sequence[Path],
    store_or_opener: Store | Callable[[], Store],
    *,
    jobs: int | None = None,
    full: bool = False,
    prune: bool = False,
    progress: StreamProgress | None = None,
    on_plan: Callable[[Plan], None] | None = None,
    counts: bool = True,
    verify: bool = False,
) -> tuple[StreamSummary, Store | None]:
    """Build ``files`` into the store ``open_store()`` returns, streaming and incrementally.

    A store not yet created is opened lazily, after the first list was read, so a
    run whose inputs are all unreadable writes nothing. Unreadable files are skipped,
    named in ``summary.errors`` and left out of the manifest (retried next time).

    Args:
        files: list files, in the order to build them.
        store_or_opener: the target store, or a function opening it (called at most once,
            when the first list is ready) for a store that does not exist yet — so its
            manifest is empty and everything is built.
        jobs: worker processes (default: every core).
        full: rebuild every list even when the manifest says it is unchanged.
        prune: drop the graphs of recorded files that are not among ``files``.
        progress: called after each list.
        on_plan: called once with the plan, before any work (to size progress bars).
        counts: count instruments and provisions in the finished store (a scan; skipped above
            :data:`COUNT_LIMIT` triples).
        verify: hash every file to tell whether it changed (size and mtime can lie).

    Returns:
        The summary and the store (None when nothing needed opening); the caller closes it.
    """
    started = time.perf_counter()
    jobs = jobs or os.cpu_count() or 1
    summary = StreamSummary()
    store: Store | None = None
    manifest = Manifest(version=pipeline_version())
    mpath: Path | None = None

    def opened() -> tuple[Store, Manifest]:
        nonlocal store, manifest, mpath
        if store is None:
            store = store_or_opener() if callable(store_or_opener) else store_or_opener
            mpath = manifest_path(store)
            recorded = Manifest.load(mpath)
            if recorded.version == pipeline_version():
                manifest = recorded
        return store, manifest

    if isinstance(store_or_opener, Store):
        opened()
    plan = plan_build(files, manifest, full=full, verify=verify)
    if on_plan is not None:
        on_plan(plan)
    summary.unchanged = len(plan.unchanged)
    current = {str(path.resolve()) for path in files}
    owners = {entry.graph: name for name, entry in manifest.entries.items() if name in current}
    for outcome in _outcomes(plan.todo, jobs):
        size = Path(outcome.path).stat().st_size if Path(outcome.path).exists() else 0
        key = str(Path(outcome.path).resolve())
        if outcome.error is None and owners.get(outcome.graph, key) != key:
            outcome.error = (
                f"{outcome.path}: has the title and file name of {owners[outcome.graph]}, so it would "
                "replace that list; rename one of the files"
            )
        if outcome.error is not None:
            summary.errors.append(FileError(outcome.path, outcome.error))
            if progress is not None:
                progress(outcome, size)
            continue
        owners[outcome.graph] = key
        target, man = opened()
        load_started = time.perf_counter()
        previous = man.entries.get(key)
        _load(target, outcome.graph, outcome.data)
        stat = Path(outcome.path).stat()
        man.record(
            mpath,
            key,
            ManifestEntry(
                hash=outcome.content_hash,
                graph=outcome.graph,
                size=stat.st_size,
                mtime_ns=stat.st_mtime_ns,
                items=outcome.items,
                triples=outcome.triples,
                recorded_ns=time.time_ns(),
            ),
        )
        if previous is not None and previous.graph != outcome.graph and not man.graph_users(previous.graph):
            target.remove(URIRef(previous.graph))
        summary.stages["load"] += time.perf_counter() - load_started
        for stage, seconds in outcome.seconds.items():
            summary.stages[stage] += seconds
        summary.lists += 1
        summary.items += outcome.items
        summary.citations += outcome.citations
        summary.cache_hits += outcome.cache_hits
        summary.cache_misses += outcome.cache_misses
        summary.graphs.append(outcome.graph)
        outcome.data = b""
        if progress is not None:
            progress(outcome, size)
    if store is not None:
        for name in plan.removed:
            if not prune:
                summary.stale += 1
                continue
            entry = manifest.entries.pop(name)
            if not manifest.graph_users(entry.graph):
                store.remove(URIRef(entry.graph))
            summary.pruned += 1
        manifest.save(mpath)
        summary.triples = sum(entry.triples for entry in manifest.entries.values())
        if counts and summary.triples <= COUNT_LIMIT:
            summary.store = graph_counts(store)
            summary.instruments, summary.provisions = summary.store.instruments, summary.store.provisions
    summary.seconds = time.perf_counter() - started
    return summary, store

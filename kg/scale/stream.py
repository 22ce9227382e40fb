"""The streaming build: plan which lists to (re)build, extract them on all cores, load in order.

Memory stays bounded by a few lists: at most ``2 × jobs`` lists are in flight
(read, extracted and serialised in worker processes), and the parent holds one
list's N-Triples bytes while it loads them. Results are consumed in input order,
so the store, the manifest and the summary are the same for any ``jobs``.

A first build into an empty store hands every list to one bulk load
(:meth:`kg.store.base.Store.load_graphs`), which takes them while the workers are
still extracting; the lists are recorded in the manifest once the load is whole,
and a build killed before then leaves an empty store and no record, so the next
build does it all again.

Incremental: a file whose content matches the manifest is not read at all; a
changed or new file has its named graph replaced (by the difference between the
old and new graph where it can, else a staged swap, see :mod:`kg.store.oxigraph`);
with ``prune`` the graphs of recorded files no longer among the inputs are dropped.
``full`` rebuilds everything, ``verify`` hashes every file rather than trusting size
and mtime. Each list is recorded in the manifest's journal as it lands, so an
interrupted build does not redo it.

Tests and notebooks call the same function in one process: :func:`build_in_process`
takes files or lists already read (``(PowerList, items)`` pairs, built with no
manifest) and may swap in a stand-in extractor or resolver.

The facts a provision's IRI decides go into one shared graph (:mod:`kg.scale.provisions`):
a first build appends it to the bulk load; a changed list adds the nodes the store lacks
before its graph is written and prunes the nodes no list needs after it; a removed list
prunes after its graph is dropped.

Workers die with the build: each asks the kernel for SIGKILL when its parent
dies (``PR_SET_PDEATHSIG`` on Linux) and also watches its parent's pid, so a
killed ``kg build`` leaves no worker behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from extractors.protocols import Extractor
from kg.counts import GraphCounts, graph_counts
from kg.graph.provisions import SharedNodes
from kg.model import PowerItem, PowerList
from kg.resolve import Resolver
from kg.scale.manifest import Manifest, ManifestEntry, manifest_path, pipeline_version
from kg.scale.provisions import SharedProvisions, provision_graph_size
from kg.scale.summary import SummaryRefresh
from kg.scale.worker import ListOutcome, build_outcome, process_list
from kg.store.base import Store

__all__ = [
    "COUNT_LIMIT",
    "FileError",
    "ListRead",
    "Plan",
    "StreamProgress",
    "StreamSummary",
    "build_in_process",
    "plan_build",
    "remove_list",
    "stream_build",
]

ListRead = tuple[PowerList, Sequence[PowerItem]]
"""A list already read, with its items (what :func:`kg.ingest.read_list` returns, unpacked)."""

COUNT_LIMIT = 2_000_000
"""Above this many triples the summary skips counting instruments/provisions (a full scan)."""

StreamProgress = Callable[[ListOutcome, int], None]
"""Called as ``hook(outcome, file_bytes)`` after each list is loaded (or failed)."""


@dataclass(frozen=True, slots=True)
class FileError:
    """An input that could not be read or built as a power list, and why."""

    path: str
    message: str


@dataclass
class Plan:
    """What a build will do before it does it."""

    todo: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    bytes_todo: int = 0


@dataclass
class StreamSummary:
    """What a build did: lists built and skipped, their items and citations, what each stage cost."""

    lists: int = 0
    unchanged: int = 0
    pruned: int = 0
    stale: int = 0
    items: int = 0
    citations: int = 0
    triples: int = 0
    """Triples the lists hold: their graphs' (as recorded) and the shared provision graph's."""
    shared_triples: int = 0
    """Of :attr:`triples`, those of the shared provision graph (each provision's facts once)."""
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


class _Target:
    """The store (opened on first need) and its manifest; ``tracked`` is False for a build without one."""

    def __init__(self, store_or_opener: Store | Callable[[], Store], *, tracked: bool) -> None:
        self._opener = store_or_opener
        self.tracked = tracked
        self.store: Store | None = None
        self.refresh: SummaryRefresh | None = None
        self.shared: SharedProvisions | None = None
        self.manifest = Manifest(version=pipeline_version())
        self.path: Path | None = None
        self.rebuilds_all = not tracked
        """Every list in the store is rebuilt (untracked, or recorded by another pipeline version)."""
        if isinstance(store_or_opener, Store):
            self.open()

    def open(self) -> Store:
        """The store, opened now if not yet, with the manifest recorded beside it read in."""
        if self.store is None:
            opener = self._opener
            self.store = opener() if callable(opener) else opener
            self.refresh = SummaryRefresh(self.store)
            if self.tracked:
                self.path = manifest_path(self.store)
                recorded = Manifest.load(self.path)
                if recorded.version == pipeline_version():
                    self.manifest = recorded
                else:
                    self.rebuilds_all = True
        return self.store

    def provisions(self, *, whole: bool | None = None) -> SharedProvisions:
        """The shared provision graph's bookkeeping, opened on first need.

        ``whole`` (default: when every list is rebuilt) asks it to write the graph whole at the end.
        """
        assert self.store is not None
        if self.shared is None:
            self.shared = SharedProvisions(self.store, whole=self.rebuilds_all if whole is None else whole)
        return self.shared

    def record(self, outcome: ListOutcome, key: str) -> None:
        """Journal the list just loaded; drop the graph it used to fill if no file fills it now."""
        if not self.tracked:
            return
        previous = self.manifest.entries.get(key)
        self.manifest.record(self.path, key, _entry(outcome))
        self._drop_replaced(previous, outcome)

    def record_all(self, landed: Sequence[tuple[ListOutcome, str]]) -> None:
        """Record the lists one bulk load just made whole, with one save (no journal line each)."""
        if not self.tracked or not landed:
            return
        for outcome, key in landed:
            previous = self.manifest.entries.get(key)
            self.manifest.entries[key] = _entry(outcome)
            self._drop_replaced(previous, outcome)
        self.manifest.save(self.path)

    def _drop_replaced(self, previous: ManifestEntry | None, outcome: ListOutcome) -> None:
        gone = previous is not None and previous.graph != outcome.graph
        if gone and not self.manifest.graph_users(previous.graph) and self.store is not None:
            self._remove(URIRef(previous.graph))

    def prune(self, removed: Sequence[str], summary: StreamSummary, *, prune: bool) -> None:
        """Drop (with ``prune``) or count as stale the recorded files no longer among the inputs."""
        for name in removed:
            if not prune:
                summary.stale += 1
                continue
            entry = self.manifest.entries.pop(name)
            if not self.manifest.graph_users(entry.graph) and self.store is not None:
                self._remove(URIRef(entry.graph))
            summary.pruned += 1

    def _remove(self, graph: URIRef) -> None:
        """Drop a list's graph, its summary nodes noted first, the shared nodes it alone needed pruned."""
        assert self.store is not None and self.refresh is not None
        shared = self.provisions()
        self.refresh.before_change(graph)
        shared.before_change(graph)
        self.store.remove(graph)
        shared.after_change()


def _entry(outcome: ListOutcome) -> ManifestEntry:
    """The manifest's record of a list just loaded (its file's size and mtime as of now)."""
    stat = Path(outcome.path).stat()
    return ManifestEntry(
        hash=outcome.content_hash,
        graph=outcome.graph,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        items=outcome.items,
        triples=outcome.triples,
        recorded_ns=time.time_ns(),
    )


class _Landing:
    """The build's outcomes as ``(graph, N-Triples)`` pairs for the store, with the bookkeeping.

    Iterating it checks each outcome (a failed list, a file that would take another
    file's graph), counts it into the summary, reports progress and yields the pairs
    to load; the lists handed over wait in :attr:`landed` until the store has them.
    The seconds spent in here (waiting for workers, mostly) are kept apart, so the
    load stage of a bulk load that pulls these pairs is its own time.
    """

    def __init__(
        self,
        outcomes: Iterator[ListOutcome],
        target: _Target,
        summary: StreamSummary,
        owners: dict[str, str],
        *,
        sized: bool,
        progress: StreamProgress | None,
    ) -> None:
        self._outcomes = outcomes
        self._target = target
        self._summary = summary
        self._owners = owners
        self._sized = sized
        self._progress = progress
        self.landed: list[tuple[ListOutcome, str]] = []
        self.triples = 0
        self.inside = 0.0

    def __iter__(self) -> Iterator[tuple[URIRef, bytes]]:
        entered = time.perf_counter()
        for outcome in self._outcomes:
            pair = self._land(outcome)
            if pair is None:
                continue
            self.inside += time.perf_counter() - entered
            yield pair
            entered = time.perf_counter()
            outcome.data, outcome.shared = b"", ()
        self.inside += time.perf_counter() - entered

    def shared_of_last(self) -> SharedNodes:
        """The shared provision nodes of the list whose pair was handed over last."""
        return self.landed[-1][0].shared

    def _land(self, outcome: ListOutcome) -> tuple[URIRef, bytes] | None:
        path = Path(outcome.path)
        size = path.stat().st_size if self._sized and path.exists() else 0
        key = str(path.resolve())
        summary, owners = self._summary, self._owners
        if self._target.tracked and outcome.error is None and owners.get(outcome.graph, key) != key:
            outcome.error = (
                f"{outcome.path}: has the title and file name of {owners[outcome.graph]}, so it would "
                "replace that list; rename one of the files"
            )
        if outcome.error is not None:
            summary.errors.append(FileError(outcome.path, outcome.error))
            if self._progress is not None:
                self._progress(outcome, size)
            return None
        owners[outcome.graph] = key
        self._target.open()
        for stage, seconds in outcome.seconds.items():
            summary.stages[stage] += seconds
        summary.lists += 1
        summary.items += outcome.items
        summary.citations += outcome.citations
        summary.cache_hits += outcome.cache_hits
        summary.cache_misses += outcome.cache_misses
        summary.graphs.append(outcome.graph)
        self.triples += outcome.triples
        self.landed.append((outcome, key))
        if self._progress is not None:
            self._progress(outcome, size)
        return URIRef(outcome.graph), outcome.data


def _first(pairs: Iterator[tuple[URIRef, bytes]]) -> Iterator[tuple[URIRef, bytes]] | None:
    """``pairs`` again with its first pair peeked (so the store opens before it is chosen); None if none."""
    first = next(pairs, None)
    return None if first is None else itertools.chain((first,), pairs)


def stream_build(
    sources: Sequence[Path] | Sequence[ListRead],
    store_or_opener: Store | Callable[[], Store],
    *,
    jobs: int | None = None,
    full: bool = False,
    prune: bool = False,
    progress: StreamProgress | None = None,
    on_plan: Callable[[Plan], None] | None = None,
    counts: bool = True,
    verify: bool = False,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
) -> tuple[StreamSummary, Store | None]:
    """Build ``sources`` into the store ``open_store()`` returns, streaming and incrementally.

    A store not yet created is opened lazily, after the first list was read, so a
    run whose inputs are all unreadable writes nothing. Unreadable files are skipped,
    named in ``summary.errors`` and left out of the manifest (retried next time).

    Args:
        sources: list files, in the order to build them; or lists already read, as
            ``(PowerList, items)`` pairs, built in this process with no manifest.
        store_or_opener: the target store, or a function opening it (called at most once,
            when the first list is ready) for a store that does not exist yet — so its
            manifest is empty and everything is built.
        jobs: worker processes (default: every core; one for read lists or a custom extractor).
        full: rebuild every list even when the manifest says it is unchanged.
        prune: drop the graphs of recorded files that are not among ``sources``.
        progress: called after each list.
        on_plan: called once with the plan, before any work (to size progress bars).
        counts: count instruments and provisions in the finished store (a scan; skipped above
            :data:`COUNT_LIMIT` triples).
        verify: hash every file to tell whether it changed (size and mtime can lie).
        extract: a stand-in for the project's extractor (tests); the build then runs in this
            process and keeps no manifest, whose pipeline version would not describe it.
        resolver: a stand-in for the bundled instrument tables (tests), as ``extract``.

    Returns:
        The summary and the store (None when nothing needed opening); the caller closes it.

    Raises:
        TypeError: ``sources`` mixes paths and lists already read.
    """
    started = time.perf_counter()
    read = [source for source in sources if isinstance(source, tuple)]
    if read and len(read) != len(sources):
        raise TypeError("build either list files or lists already read, not a mix of both")
    files = [Path(source) for source in sources if not isinstance(source, tuple)]
    custom = extract is not None or resolver is not None
    target = _Target(store_or_opener, tracked=not read and not custom)
    summary = StreamSummary()
    # A manifest beside an emptied store describes graphs that are gone: build everything.
    emptied = target.tracked and target.store is not None and target.store.is_empty()
    rebuild_all = full or emptied or not target.tracked
    plan = plan_build(files, target.manifest, full=rebuild_all, verify=verify)
    if on_plan is not None:
        on_plan(plan)
    summary.unchanged = len(plan.unchanged)
    current = {str(path.resolve()) for path in files}
    owners = {entry.graph: name for name, entry in target.manifest.entries.items() if name in current}
    if read:
        outcomes: Iterator[ListOutcome] = (
            build_outcome(power_list.source_file, power_list, items, extract=extract, resolver=resolver)
            for power_list, items in read
        )
    elif custom:
        outcomes = (process_list(str(path), extract=extract, resolver=resolver) for path in plan.todo)
    else:
        outcomes = _outcomes(plan.todo, jobs or os.cpu_count() or 1)
    landing = _Landing(outcomes, target, summary, owners, sized=not read, progress=progress)
    load_started = time.perf_counter()
    pairs = _first(iter(landing))
    if pairs is not None:
        store = target.open()
        refresh = target.refresh
        assert refresh is not None
        if store.is_empty():
            shared = target.provisions(whole=False)
            store.load_graphs(shared.bulk(pairs, landing.shared_of_last))
            target.record_all(landing.landed)
            refresh.whole_count()
        else:
            shared = target.provisions(whole=rebuild_all or target.rebuilds_all)
            for graph, data in pairs:
                nodes = landing.shared_of_last()
                refresh.before_change(graph)
                shared.before_change(graph)
                shared.add(nodes)
                store.load_ntriples(graph, data)
                shared.after_change(nodes)
                refresh.changed(graph)
                target.record(*landing.landed[-1])
    summary.stages["load"] += time.perf_counter() - load_started - landing.inside
    built_triples = landing.triples
    store = target.store
    if store is not None:
        if target.tracked:
            target.prune(plan.removed, summary, prune=prune)
            target.manifest.save(target.path)
            summary.triples = sum(entry.triples for entry in target.manifest.entries.values())
        else:
            summary.triples = built_triples
        if target.refresh is not None:
            finished = time.perf_counter()
            target.provisions().finish()
            refreshed = time.perf_counter()
            summary.stages["provisions"] = refreshed - finished
            target.refresh.finish()
            summary.stages["summary"] = time.perf_counter() - refreshed
        summary.shared_triples = provision_graph_size(store)
        summary.triples += summary.shared_triples
        if counts and summary.triples <= COUNT_LIMIT:
            summary.store = graph_counts(store)
            summary.instruments, summary.provisions = summary.store.instruments, summary.store.provisions
    summary.seconds = time.perf_counter() - started
    return summary, store


def remove_list(store: Store, graph: URIRef) -> None:
    """Drop one list's graph as a build's prune does (``kg remove``): summary refreshed, shared nodes pruned.

    The shared provision nodes only this list needed go right after its graph; both
    markers stand until then, so a command killed half-way is made good by the next build.
    """
    refresh, shared = SummaryRefresh(store), SharedProvisions(store)
    refresh.before_change(graph)
    shared.before_change(graph)
    store.remove(graph)
    shared.after_change()
    shared.finish()
    refresh.finish()


def build_in_process(
    sources: Sequence[Path] | Sequence[ListRead],
    store: Store,
    *,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
    full: bool = False,
    progress: StreamProgress | None = None,
) -> StreamSummary:
    """:func:`stream_build` in this process (``jobs=1``), for tests and notebooks.

    Files are built as ``kg build`` builds them (manifest included, for a store
    that keeps one); lists already read, or any build with a stand-in ``extract``
    or ``resolver``, keep no manifest. The caller keeps ``store`` open.
    """
    summary, _ = stream_build(
        sources, store, jobs=1, full=full, progress=progress, extract=extract, resolver=resolver
    )
    return summary

"""Load and canned-query time: embedded Oxigraph vs rdflib's in-memory store, side by side.

The same synthetic graph (at least 1,000,000 triples by default) is built with the
project's own graph builder (:func:`kg.graph.build.list_quads`) from generated
records and citations — realistic shape, no extractor in the way — then loaded
list by list through the :class:`kg.store.Store` interface into both backends,
and every parameterless or bound canned query is timed on both. rdflib queries
run in a forked child so one that takes too long can be stopped (``--timeout``).

Run::

    python benchmarks/bench_store.py                 # 1,000,000+ triples
    python benchmarks/bench_store.py --triples 200000 --repeat 1
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from extractors.models import Citation, Instrument, Provision
from kg import iri
from kg.graph.build import list_quads
from kg.model import CellCitations, ExtractedItem, PowerCode, PowerItem, PowerList
from kg.queries import run_query
from kg.store.base import Quad, Row, Store
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

__all__ = ["Workload", "main", "synthetic_lists"]

ITEMS_PER_LIST = 250
"""About the size of a county agency's list."""

LAWS, ARTICLES_PER_LAW, DOCUMENTS = 60, 120, 400
"""Instrument pool: national laws keyed by title, documents keyed by number."""

POWER_TYPES = ("行政处罚", "行政强制", "行政许可", "行政给付", "行政检查", "行政确认", "其他行政权力")

QUERIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("powers_on_provision", ("target",)),
    ("powers_on_instrument", ("instrument",)),
    ("agency_provisions", ("agency",)),
    ("most_cited_provisions", ()),
    ("most_cited_instruments", ()),
    ("shared_instruments", ()),
    ("items_without_basis", ()),
)
"""The canned queries timed, with the variables each is given."""


def _law(n: int) -> str:
    return f"中华人民共和国合成第{n}号法"


def _document(n: int) -> str:
    return f"合成发〔{2000 + n % 24}〕{n}号"


def _provision(rng: random.Random) -> Provision:
    article = min(int(rng.paretovariate(1.2)), ARTICLES_PER_LAW)
    roll = rng.random()
    if roll < 0.2:
        return Provision(article=article, paragraph=rng.randint(1, 3), quote="合成条文内容" * 5)
    if roll < 0.3:
        return Provision(chapter=1 + article // 12, article=article)
    return Provision(article=article, quote="合成条文内容" * 3)


def _citation(rng: random.Random, offset: int) -> Citation:
    if rng.random() < 0.6:
        law = min(int(rng.paretovariate(1.1)), LAWS)
        instrument = Instrument(title=_law(law), raw_title=_law(law), kind="法律")
    else:
        doc = rng.randrange(DOCUMENTS)
        instrument = Instrument(title=f"合成文件{doc}", doc_number=_document(doc), kind="规范性文件")
    provisions = tuple(_provision(rng) for _ in range(rng.randint(0, 3)))
    return Citation(
        role="cites",
        span=(offset, offset + 20),
        instrument=instrument,
        provisions=provisions,
        rule="synthetic",
    )


def _item(rng: random.Random, pl: PowerList, seq: int, credit: str) -> ExtractedItem:
    code = f"{credit}36{seq:011d}"
    citations = tuple(_citation(rng, 25 * n) for n in range(rng.randint(1, 4)))
    text = "合" * (25 * len(citations) + 5)
    item = PowerItem(
        list_title=pl.title,
        file=pl.source_file,
        line=3 + 2 * seq,
        seq=str(seq),
        name=f"合成事项{seq}",
        type=rng.choice(POWER_TYPES),
        code=code,
        code_info=PowerCode(raw=code, credit_code=credit, item_code=code[18:], valid=True),
        agency=pl.agency or "",
        org_units=(f"第{seq % 5}科",),
        basis=text,
        columns={"basis": "实施依据"},
    )
    return ExtractedItem(item, (CellCitations("basis", text, citations),))


def synthetic_lists(seed: int) -> Iterator[tuple[PowerList, list[ExtractedItem]]]:
    """An endless, deterministic stream of synthetic lists with their citations."""
    rng = random.Random(seed)
    for n in range(10**9):
        agency = f"合成第{n}市医疗保障局"
        pl = PowerList(
            title=f"合成清单{n:05d}",
            source_file=f"synthetic_{n:05d}.txt",
            agency=agency,
            jurisdiction=f"合成第{n}市",
        )
        credit = f"11{n:06d}MB{n:08d}"
        yield pl, [_item(rng, pl, seq, credit) for seq in range(1, ITEMS_PER_LIST + 1)]


@dataclass
class Workload:
    """The generated graph, kept per list so loading can be timed apart from generating."""

    lists: list[tuple[PowerList, list[Quad]]]
    triples: int
    generate_seconds: float


def generate(target: int, seed: int, progress: Progress) -> Workload:
    """Lists until the distinct triples reach ``target``."""
    started = time.perf_counter()
    task = progress.add_task("generating", total=target)
    lists, seen = [], 0
    for pl, items in synthetic_lists(seed):
        quads = list(dict.fromkeys(list_quads(pl, items)))
        lists.append((pl, quads))
        seen += len(quads)
        progress.update(task, completed=min(seen, target))
        if seen >= target:
            break
    return Workload(lists, seen, time.perf_counter() - started)


def load(store: Store, workload: Workload, progress: Progress) -> float:
    """Seconds to load every list through ``replace_graph``."""
    task = progress.add_task(f"loading {store.name}", total=len(workload.lists))
    seconds = 0.0
    for pl, quads in workload.lists:
        started = time.perf_counter()
        store.replace_graph(iri.graph_iri(pl.title), quads)
        seconds += time.perf_counter() - started
        progress.advance(task)
    return seconds


def load_bulk_only(store: OxigraphStore, workload: Workload, progress: Progress) -> float:
    """Seconds to bulk-load every list with :meth:`OxigraphStore.add` (no staging, no swap)."""
    task = progress.add_task("bulk loading oxigraph", total=len(workload.lists))
    seconds = 0.0
    for pl, quads in workload.lists:
        started = time.perf_counter()
        store.add(quads, iri.graph_iri(pl.title))
        seconds += time.perf_counter() - started
        progress.advance(task)
    return seconds


def _timed(store: Store, name: str, bindings: dict, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result: list[Row] = run_query(store, name, **bindings)
        times.append(time.perf_counter() - started)
        rows = len(result)
    return statistics.median(times), rows


def _child(conn, store: Store, name: str, bindings: dict, repeat: int) -> None:  # type: ignore[no-untyped-def]
    try:
        conn.send(_timed(store, name, bindings, repeat))
    except Exception as error:  # reported in the table, not hidden as a timeout
        conn.send((f"error: {type(error).__name__}", None))


def _timed_with_timeout(
    store: Store, name: str, bindings: dict, repeat: int, timeout: float
) -> tuple[float | None, int | None]:
    """Run in a forked child (it shares the loaded store) and give up after ``timeout`` s."""
    parent, child = mp.Pipe()
    process = mp.get_context("fork").Process(target=_child, args=(child, store, name, bindings, repeat))
    process.start()
    if parent.poll(timeout):
        seconds, rows = parent.recv()
        process.join()
        return seconds, rows
    process.terminate()
    process.join()
    return None, None


def _bindings(workload: Workload) -> dict:
    law = iri.instrument_iri(_law(1))
    first = workload.lists[0][0]
    return {
        "target": iri.provision_iri(law, (("art", 1),)),
        "instrument": law,
        "agency": iri.agency_iri(credit_code="11000000MB00000000", name=first.agency or ""),
    }


def _fmt(seconds: float | str | None) -> str:
    if isinstance(seconds, str):
        return seconds
    return "timeout" if seconds is None else f"{seconds:.3f}"


def main(argv: list[str] | None = None, echo: Callable[..., None] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description="Oxigraph vs rdflib memory: load and canned queries.")
    parser.add_argument("--triples", type=int, default=1_000_000, help="at least this many distinct triples")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (median reported)")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds before an rdflib query is stopped"
    )
    args = parser.parse_args(argv)
    console = Console()
    with Progress(console=console, transient=True) as progress:
        workload = generate(args.triples, args.seed, progress)
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
            oxigraph = OxigraphStore(Path(folder) / "oxigraph")
            memory = MemoryStore()
            load_ox = load(oxigraph, workload, progress)
            load_mem = load(memory, workload, progress)
            bulk = OxigraphStore(Path(folder) / "bulk")
            load_bulk = load_bulk_only(bulk, workload, progress)
            bulk.close()
            sizes = (len(oxigraph), len(memory))
            bindings = _bindings(workload)
            results = []
            for name, params in QUERIES:
                bound = {k: bindings[k] for k in params}
                ox_s, ox_rows = _timed(oxigraph, name, bound, args.repeat)
                mem_s, mem_rows = _timed_with_timeout(memory, name, bound, args.repeat, args.timeout)
                results.append((name, ox_s, mem_s, ox_rows, mem_rows))
            oxigraph.close()
    table = Table(
        title=f"Oxigraph (embedded, on disk) vs rdflib Memory — {workload.triples:,} quads in {len(workload.lists)} named graphs"
    )
    for column in ("step", "oxigraph s", "rdflib s", "rdflib/oxigraph", "rows (ox / rdflib)"):
        table.add_column(column, justify="right" if column != "step" else "left")
    table.add_row(
        "load (replace_graph per list)",
        f"{load_ox:.2f}",
        f"{load_mem:.2f}",
        f"{load_mem / load_ox:.1f}×",
        f"{sizes[0]:,} / {sizes[1]:,}",
    )
    table.add_row(
        "load, oxigraph bulk only (add, not atomic)",
        f"{load_bulk:.2f}",
        f"{load_mem:.2f}",
        f"{load_mem / load_bulk:.1f}×",
        "",
    )
    for name, ox_s, mem_s, ox_rows, mem_rows in results:
        ratio = f"{mem_s / max(ox_s, 1e-6):.1f}×" if isinstance(mem_s, float) else "—"
        table.add_row(
            name,
            _fmt(ox_s),
            _fmt(mem_s),
            ratio,
            f"{ox_rows:,} / {'—' if mem_rows is None else f'{mem_rows:,}'}",
        )
    table.caption = (
        f"generation {workload.generate_seconds:.1f} s (not counted); query times are the median of "
        f"{args.repeat} runs; rdflib queries stopped after {args.timeout:.0f} s"
    )
    (echo or console.print)(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

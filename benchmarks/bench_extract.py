"""Throughput and worst case of :func:`extractors.extract` (a script, not a test).

Prints, in one run and on the same input, MB/s per core (CPU time) of the extractor with
full resolution and of a naive 《…》 + 第N条 regex baseline, and their ratio, on the real
cells of ``../shared/real/cells.jsonl`` repeated to at least ``--real-mb`` MB (the
published cells nobody on the project wrote); the same on a generated corpus (``--cells``
cells built from citation habits: titles, numbers, provision lists, quoted article text,
forms); the time per MB on hostile cells (1 MB of 《《《《, 第第第, unclosed quotes …), which
must stay under 1 s/MB for the extractor to be linear; and a whole law text read as one
cell and in document mode.

Usage: ``python benchmarks/bench_extract.py [--real PATH] [--real-mb 10] [--cells N]
[--hostile-mb M] [--seed S] [--document DIR]`` (``--document`` defaults to the Civil Code
of ``shared/laws``: read once as a cell, once in document mode)
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import regex

from extractors import Citation, extract
from extractors.numerals import parse_numeral

__all__ = ["corpus", "hostile_cells", "main", "naive_extract", "real_cells"]

REAL_CELLS = next(
    (
        found
        for parent in Path(__file__).resolve().parents
        if (found := parent / "shared" / "real" / "cells.jsonl").is_file()
    ),
    Path("../shared/real/cells.jsonl"),
)
"""The real cells: ``shared/real/cells.jsonl`` in the nearest folder above that has one."""

CIVIL_CODE = REAL_CELLS.parent.parent / "laws" / "民法典"
"""The Civil Code in the ``shared/laws`` layout (one Markdown file per 编)."""

TITLES = (
    "《中华人民共和国社会保险法》",
    "《社会保险法》",
    "《中华人民共和国行政处罚法》",
    "《医疗机构管理条例》（国务院令第149号）",
    "《社会救助暂行办法》（国务院令第六49号，自2014年5月1日起施行）",
    "“财政部、劳动和社会保障部关于印发《社会保险基金财务制度》的通知”（财社字[1999]60号）",
    "《国务院办公厅关于巩固完善基本药物制度和基层运行新机制的意见》（国办发〔2013〕14号）",
    "《中华人民共和国食品安全法》",
    "《道路运输条例》（国务院令第406号）",
    "《中华人民共和国价格法》（中华人民共和国主席令第九十二）",
    "《酒泉市职工基本医疗保险制度实施意见（修订）》（酒政发2015 119号）",
)
PROVISIONS = (
    "第八条",
    "第七十七条第一款",
    "第十条至第十五条",
    "第二十八、二十九、三十条",
    "第五章第二十七条",
    "第（二）项",
)
QUOTES = (
    "：“社会保险经办机构提供社会保险服务，负责社会保险登记、个人权益记录、社会保险待遇支付等工作。”",
    "：“用人单位应当按照社会保险法第八十六条的规定处理。”",
    " 违反本法规定，构成犯罪的，依法追究刑事责任。",
    "",
)
PROSE = (
    "1.受理阶段责任：公示应当提交的材料，一次性告知补正材料，依法受理或不予受理。",
    "制作《行政处罚决定书》并送达当事人。",
    "因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任。",
)

HOSTILE_MB = 1
"""Size of each hostile cell in MB (the issue's figure)."""

HOSTILE_LIMIT = 1.0
"""Seconds per MB a hostile cell may take: above it, some pattern is not linear."""


def corpus(cells: int, seed: int) -> list[str]:
    """Generate ``cells`` plausible cells (deterministic for a seed)."""
    rng = random.Random(seed)
    out = []
    for _ in range(cells):
        parts = []
        for _ in range(rng.randint(1, 3)):
            parts.append(rng.choice(TITLES) + rng.choice(PROVISIONS) + rng.choice(QUOTES))
        if rng.random() < 0.4:
            parts.append(rng.choice(PROSE))
        out.append("；".join(parts))
    return out


def hostile_cells(megabytes: int) -> dict[str, str]:
    """Inputs built to make a backtracking regex blow up."""
    size = megabytes * 1024 * 1024 // 3  # CJK characters are 3 bytes in UTF-8
    return {
        "《《《《": "《" * size,
        "第第第": "第" * size,
        "unclosed quotes": "“" * size,
        "unclosed quotes after a citation": "《社会保险法》第八条：" + "“" * size,
        "alternating quotes in a provision": "《社会保险法》第八条：" + "“”" * (size // 2),
        "unclosed 《title": ("《社会保险法" + "的" * 200) * (size // 206),
        "第一二三 numerals": ("第" + "一二三四五六七八九十" * 3) * (size // 31),
        "〔〔 brackets": ("国办发〔2013" * (size // 9)),
        "list 、、": ("第十条、" * (size // 4)),
        "令令 orders": ("国务院令第" * (size // 5)),
        "quote+title mix": ("“《X法》第一条：“" * (size // 11)),
        "long Han run": ("社会保险法规定" * (size // 7)),
        "》 without 《": ("的" * 110 + "办法》") * (size // 113),
        "（（ after a title": "《社会保险法》" + "（" * size,
    }


def real_cells(path: Path, megabytes: float) -> tuple[list[str], int]:
    """The ``text`` of every line of ``path``, repeated until they hold ``megabytes`` MB.

    Returns the cells and how many times the file was repeated. Repeating is fair only
    because the extractor keeps no memo of whole cells: its caches hold titles, runs and
    instruments, which a national corpus repeats just as much.
    """
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    size = sum(len(t.encode("utf-8")) for t in texts)
    repeats = max(1, -(-int(megabytes * 1e6) // size))
    return texts * repeats, repeats


_NAIVE = regex.compile(r"《(?P<title>[^《》]{1,120})》|第(?P<art>[0-9零一二三四五六七八九十百千]{1,8})条")


def naive_extract(text: str) -> list[tuple[str, int | None]]:
    """The baseline: every 《title》 and every 第N条 after it, (title, article) pairs.

    What a first regex would do: no numbers, no lists, ranges, anaphora, quotes or roles.
    """
    found: list[tuple[str, int | None]] = []
    title = ""
    for match in _NAIVE.finditer(text):
        if match["title"] is not None:
            title = match["title"]
            found.append((title, None))
        else:
            found.append((title, parse_numeral(match["art"])))
    return found


def _throughput(name: str, cells: list[str]) -> float:
    """Print and return MB/s (CPU) of :func:`extract` on ``cells``, beside the naive baseline."""
    megabytes = sum(len(c.encode("utf-8")) for c in cells) / 1e6
    counts = {"extract": 0, "naive": 0}

    def run_extract() -> None:
        """Extract every cell (counting citations, so the work cannot be skipped)."""
        counts["extract"] = sum(len(extract(c)) for c in cells)

    def run_naive() -> None:
        counts["naive"] = sum(len(naive_extract(c)) for c in cells)

    cpu, wall = _timed(run_extract)
    naive_cpu, _ = _timed(run_naive)
    rate, naive_rate = megabytes / cpu, megabytes / naive_cpu
    print(f"{name}: {len(cells):,} cells, {megabytes:.1f} MB")
    print(
        f"  extract (full resolution): {rate:.2f} MB/s per core, {len(cells) / cpu:,.0f} cells/s, "
        f"{counts['extract']:,} citations (CPU {cpu:.2f} s, wall {wall:.2f} s)"
    )
    print(
        f"  naive 《…》+第N条 regex:    {naive_rate:.2f} MB/s per core, "
        f"{counts['naive']:,} matches (CPU {naive_cpu:.2f} s)"
    )
    print(f"  ratio extract / naive: {rate / naive_rate:.2f}")
    return rate


def _document(folder: Path) -> None:
    """Read a law (all ``*.md`` files of ``folder``) as cells would be read and in document mode."""
    files = sorted(p for p in folder.glob("*.md") if not p.name.startswith("_"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), folder.name)
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"document {title} ({folder}, {len(files)} files, {megabytes:.2f} MB)")
    for mode, document in (("as one cell", None), ("document mode", title)):
        found: list[Citation] = []

        def run(document: str | None = document, found: list[Citation] = found) -> None:
            found.extend(extract(text, document=document))

        cpu, _ = _timed(run)
        by_title: dict[str, list[int]] = {}
        for citation in found:
            counts = by_title.setdefault(citation.instrument.title or "?", [0, 0])
            counts[0] += 1
            counts[1] += len(citation.provisions)
        top = sorted(by_title.items(), key=lambda kv: -kv[1][1])[:3]
        shown = ", ".join(f"{t} {c} citations / {p} provisions" for t, (c, p) in top)
        print(f"  {mode}: {megabytes / cpu:.2f} MB/s, {len(found)} citations; most provisions: {shown}")
        print(
            f"    民法通则 found: {'中华人民共和国民法通则' in by_title}, 民法总则 found: {'中华人民共和国民法总则' in by_title}"
        )


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds): CPU time is the fair figure on a shared machine."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL_CELLS, help="real cells (JSON Lines with text)")
    parser.add_argument("--real-mb", type=float, default=10.0, help="repeat the real cells to this size")
    parser.add_argument("--cells", type=int, default=20_000, help="generated cells (0: none)")
    parser.add_argument("--hostile-mb", type=int, default=HOSTILE_MB)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--document", type=Path, default=CIVIL_CODE, help="a law's folder of .md files")
    args = parser.parse_args()

    if args.real.is_file():
        cells, repeats = real_cells(args.real, args.real_mb)
        _throughput(f"real cells ({args.real.name} x {repeats})", cells)
    else:
        print(f"real cells: {args.real} not found (give --real PATH)")
    if args.cells:
        _throughput(f"generated corpus (seed {args.seed})", corpus(args.cells, args.seed))
    if args.document.is_dir():
        _document(args.document)
    worst = 0.0
    for name, text in hostile_cells(args.hostile_mb).items() if args.hostile_mb else ():
        mb = len(text.encode("utf-8")) / 1e6
        cpu, wall = _timed(lambda text=text: extract(text))
        worst = max(worst, cpu / mb)
        print(f"hostile {name!r}: {mb:.2f} MB, {cpu / mb:.3f} s/MB CPU ({wall / mb:.3f} wall)")
    if args.hostile_mb:
        verdict = "OK" if worst < HOSTILE_LIMIT else "TOO SLOW"
        print(f"worst hostile: {worst:.3f} s/MB CPU ({verdict}: limit {HOSTILE_LIMIT} s/MB)")


if __name__ == "__main__":
    main()

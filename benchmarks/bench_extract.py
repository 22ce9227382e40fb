"""Throughput and worst case of :func:`extractors.extract` (a script, not a test).

Prints cells/s and MB/s on a generated corpus (default 100,000 cells built from real
citation habits: titles, numbers, provision lists, quoted article text, forms) and the
time per MB on hostile cells (1 MB of 《《《《, 第第第, unclosed quotes …), which must stay
under 1 s/MB for the extractor to be linear.

Usage: ``python benchmarks/bench_extract.py [--cells N] [--hostile-mb M] [--seed S]``
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from extractors import extract

__all__ = ["corpus", "hostile_cells", "main"]

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


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds): CPU time is the fair figure on a shared machine."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=100_000)
    parser.add_argument("--hostile-mb", type=int, default=HOSTILE_MB)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    cells = corpus(args.cells, args.seed)
    megabytes = sum(len(c.encode("utf-8")) for c in cells) / 1e6
    citations = 0

    def run_corpus() -> None:
        """Extract every cell (counting citations, so the work cannot be skipped)."""
        nonlocal citations
        citations = sum(len(extract(c)) for c in cells)

    cpu, wall = _timed(run_corpus)
    print(f"corpus: {len(cells):,} cells, {megabytes:.1f} MB, {citations:,} citations")
    print(
        f"throughput: {len(cells) / cpu:,.0f} cells/s, {megabytes / cpu:.2f} MB/s "
        f"(CPU {cpu:.1f} s; wall {wall:.1f} s = {len(cells) / wall:,.0f} cells/s)"
    )
    worst = 0.0
    for name, text in hostile_cells(args.hostile_mb).items():
        mb = len(text.encode("utf-8")) / 1e6
        cpu, wall = _timed(lambda text=text: extract(text))
        worst = max(worst, cpu / mb)
        print(f"hostile {name!r}: {mb:.2f} MB, {cpu / mb:.3f} s/MB CPU ({wall / mb:.3f} wall)")
    verdict = "OK" if worst < HOSTILE_LIMIT else "TOO SLOW"
    print(f"worst hostile: {worst:.3f} s/MB CPU ({verdict}: limit {HOSTILE_LIMIT} s/MB)")


if __name__ == "__main__":
    main()

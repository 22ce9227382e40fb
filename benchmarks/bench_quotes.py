"""Quotes in the bundled samples measured against the law library: verified, mismatched, unverifiable.

    .venv/bin/python benchmarks/bench_quotes.py [LAW_FOLDER]

With a LawRefBook-layout folder the library is read from it; without, the library
shipped with the package. Prints the share of cited articles the library resolves,
the verdicts of the quotes (kg.laws.compare) and the time the comparison takes.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

from extractors import extract
from kg.audit.corpus import Corpus
from kg.audit.lawtext import cited_provisions
from kg.ingest import bundled_samples, read_list
from kg.laws.cite import find_instrument
from kg.laws.compare import check_cited, check_quote
from kg.laws.provisions import lookup_cited
from kg.model import extract_item


def _library(argv: list[str]):
    if len(argv) > 1:
        from kg.laws.lawrefbook import LawRefBookFolder
        from kg.laws.library import library_from_instruments

        return library_from_instruments(LawRefBookFolder(Path(argv[1])).instruments())
    from kg.laws.library import default_library

    return default_library()


def main() -> None:
    started = time.perf_counter()
    library = _library(sys.argv)
    loaded = time.perf_counter()
    results = [read_list(path) for path in bundled_samples()]
    corpus = Corpus()
    for result in results:
        for item in result.items:
            corpus.add(extract_item(item, extract))
    checked = time.perf_counter()
    articles = [
        (occ, p) for occ in corpus.occurrences() if occ.citation.role == "cites" for p in occ.citation.provisions
        if p.article is not None and p.part is None and p.annex is None
    ]  # fmt: skip
    in_library = [(o, p) for o, p in articles if find_instrument(library, o.instrument) is not None]
    verdicts: Counter[str] = Counter()
    resolved = 0
    grounded = list(cited_provisions(corpus, library))
    for cited in grounded:
        p = cited.provision
        lookup = lookup_cited(cited.law, p, cited.version)  # fmt: skip
        resolved += lookup.found
        if not p.quote:
            continue
        if not lookup.found:
            verdicts["unverifiable"] += 1
            continue
        match = check_cited(cited.law, p, cited.version)  # fmt: skip
        verdicts[match.verdict] += 1
    quoted = sum(1 for _, p in articles if p.quote)
    outside = quoted - sum(1 for c in grounded if c.provision.quote)
    verdicts["unverifiable"] += outside
    done = time.perf_counter()
    print(f"library: {len(library)} instruments, loaded in {loaded - started:.2f} s")
    print(f"cited articles: {len(articles)}; instrument in the library: {len(in_library)}; ", end="")
    print(f"article found in its text: {resolved} ({resolved / max(1, len(articles)):.0%} of all)")
    print(f"quotes: {quoted}")
    for verdict in ("verified", "approximate", "mismatch", "unverifiable"):
        count = verdicts[verdict]
        print(f"  {verdict:13} {count:3}  {count / max(1, quoted):.0%}")
    print(f"unverifiable of which instrument not in the library: {outside}")
    print(f"read+extract {checked - loaded:.2f} s, lookups and comparisons {done - checked:.3f} s")
    _scale(library)


def _scale(library, quotes: int = 2000) -> None:
    """Quotes per second on the largest instrument: each article's first paragraph quoted under its
    own number (verified) and under the next one (a mismatch, so the index is searched)."""
    law = max((law for law in library if law.versions), key=lambda law: len(law.current.articles))
    articles = law.current.articles
    rng = random.Random(7)
    picked = [rng.randrange(len(articles) - 1) for _ in range(quotes // 2)]
    started = time.perf_counter()
    verdicts: Counter[str] = Counter()
    for i in picked:
        own, other = articles[i], articles[i + 1]
        quote = own.paragraphs[0] if own.paragraphs else ""
        verdicts[check_quote(law, quote, article=own.number, suffix=own.suffix).verdict] += 1
        verdicts[check_quote(law, quote, article=other.number, suffix=other.suffix).verdict + "*"] += 1
    spent = time.perf_counter() - started
    print(
        f"scale: {quotes} quotes against {law.title} ({len(articles)} articles) in {spent:.2f} s "
        f"({quotes / spent:,.0f} quotes/s, index built once included)"
    )
    print(
        "  under its own number: "
        + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items()) if "*" not in k)
    )
    print(
        "  under the next number: "
        + ", ".join(f"{k[:-1]} {v}" for k, v in sorted(verdicts.items()) if "*" in k)
    )


if __name__ == "__main__":
    main()

"""Triples per power item, by kind of fact, on a synthetic corpus (issue 13: a lean graph).

Writes ``kg synth`` lists (``--items``, default 2,000, in lists of ~100), builds them
as ``kg build`` does (every list's named graph, then the law library's graph) into a
fresh Oxigraph store in a temporary folder, then reads every quad back and puts it in
one kind, by its graph and its subject's ``rdf:type``:

- **item**: about a power item (name, 序号, columns, type, agency links, ``kg:restsOn``);
- **cell provenance**: where a cited text came from — a cell or column node's facts
  (``kg:hasColumn``), and a citation's or reference's file, line, list, column and header
  where it carries them;
- **citation**: a reference's and its citations' own facts (what it cites, role, span,
  raw text, quote …) and the links between them and the item;
- **instrument** / **provision**: the cited instrument or subdivision (and the
  instrument-kind concepts), as written in the graphs that hold them;
- **list/agency**: the list, agencies, their units, power-type concepts;
- **library**: the law library's graph (status, versions, texts);
- **summary**: the precomputed aggregates' graph (:mod:`kg.scale.summary`);
- **other**: anything not above (should stay 0: a new kind of node belongs in a row).

Counts are quads (what the store holds: a fact in two lists' graphs counts twice);
the distinct triples are printed too. Prints a Markdown table for
``benchmarks/RESULTS.md``; ``--json`` prints one JSON object instead.

    python benchmarks/triples_by_kind.py                  # 2,000 items, seed 7
    python benchmarks/triples_by_kind.py --items 10000 --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, SKOS, URIRef
from rdflib.namespace import PROV

__all__ = ["KINDS", "classify", "main"]

KINDS = (
    "item",
    "cell provenance",
    "citation",
    "instrument",
    "provision",
    "list/agency",
    "library",
    "summary",
    "other",
)
"""The rows of the table, in order."""
_KG = "https://w3id.org/qzqd-kg/ontology#"
"""Terms by IRI where a graph before or after issue 13's changes may lack them."""


def _terms() -> tuple[dict[URIRef, str], set[URIRef], set[URIRef]]:
    """Type → kind; the citation predicates counted as provenance; the item predicates counted as citation."""
    from kg.namespace import ELI, KG

    by_type = {
        KG.PowerItem: "item",
        KG.Citation: "citation",
        ELI.LegalResource: "instrument",
        ELI.LegalResourceSubdivision: "provision",
        KG.PowerList: "list/agency",
        KG.Agency: "list/agency",
        KG.OrgUnit: "list/agency",
    }
    by_type[URIRef(_KG + "Reference")] = "citation"  # a reference and its (untyped) citations
    cell = getattr(KG, "Cell", None)
    if cell is not None:
        by_type[URIRef(str(cell))] = "cell provenance"
    provenance = {KG.sourceFile, KG.sourceLine, PROV.wasDerivedFrom, KG.column, KG.columnHeader}
    item_links = {URIRef(_KG + "hasCitation")}  # written before issue 13's lean graph
    return by_type, provenance, item_links


def classify(quads: Iterable[tuple[object, object, object, object]]) -> tuple[Counter[str], int]:
    """Count ``quads`` by kind (see the module docstring); also return the distinct triples."""
    from kg.iri import library_graph_iri, scheme_iri, summary_graph_iri

    by_type, provenance, item_links = _terms()
    library = library_graph_iri()
    summary = summary_graph_iri()
    has_column = URIRef(_KG + "hasColumn")
    reference = URIRef(_KG + "reference")
    rows = list(quads)
    kind_of: dict[object, str] = {}
    schemes = {scheme_iri("instrument-kind"): "instrument", scheme_iri("power-type"): "list/agency"}
    for s, p, o, g in rows:
        if g in (library, summary):
            continue
        if p == RDF.type and o in by_type:
            kind_of[s] = by_type[o]  # type: ignore[index]
        elif p == SKOS.inScheme and o in schemes:
            kind_of[s] = schemes[o]  # type: ignore[index]
        elif p == has_column:
            kind_of[o] = "cell provenance"
        elif p == reference:
            kind_of[s] = "citation"  # citations are untyped since issue 13's references
    counts: Counter[str] = Counter()
    for s, p, _o, g in rows:
        kind = "library" if g == library else "summary" if g == summary else kind_of.get(s, "other")
        if kind == "citation" and p in provenance:
            kind = "cell provenance"
        elif kind == "item" and p in item_links:
            kind = "citation"
        counts[kind] += 1
    distinct = len({(s, p, o) for s, p, o, _g in rows})
    return counts, distinct


def _build(items: int, seed: int, work: Path) -> tuple[list[tuple], int, float]:
    """Synthesize and build; return the store's quads, the items built and the build's seconds."""
    from kg.ingest import iter_input_files
    from kg.laws.graph import load_library_graph
    from kg.scale import stream_build
    from kg.store.oxigraph import OxigraphStore
    from kg.synth import synthesize

    data = work / "lists"
    synthesize(data, items, seed=seed, formats=("txt", "csv"))
    started = time.perf_counter()
    summary, store = stream_build(iter_input_files([data]), lambda: OxigraphStore(work / "db"), jobs=1)
    assert store is not None
    load_library_graph(store)
    seconds = time.perf_counter() - started
    quads = list(store.iter_quads())
    store.close()
    return quads, summary.items, seconds


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, count, print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000, help="synthetic power items (default 2000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    args = parser.parse_args(argv)
    if args.items < 1:
        parser.error("--items must be at least 1")
    with tempfile.TemporaryDirectory(prefix="triples-by-kind-") as tmp:
        quads, items, seconds = _build(args.items, args.seed, Path(tmp))
    counts, distinct = classify(quads)
    total = sum(counts.values())
    if args.json:
        result = {
            "items": items,
            "quads": total,
            "distinct_triples": distinct,
            "per_item": {kind: counts[kind] / items for kind in KINDS},
            "total_per_item": total / items,
            "build_seconds": seconds,
            "commit": _commit(),
        }
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    print(f"{items:,} items, {total:,} quads ({distinct:,} distinct triples), commit {_commit()}")
    print(f"build {seconds:.1f} s (lists + library, jobs 1)\n")
    print("| kind | quads | per item |")
    print("|---|---:|---:|")
    for kind in KINDS:
        print(f"| {kind} | {counts[kind]:,} | {counts[kind] / items:.1f} |")
    print(f"| **total** | **{total:,}** | **{total / items:.1f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The build makes the same triples as before, byte for byte: a refactoring must not change them.

``tests/data/samples.before.nq.gz`` is the N-Quads export of the two bundled samples
built by ``kg build``'s loop, lines sorted (Oxigraph's export order is not stable
across processes), gzipped without a timestamp. It changes only when the graph is
meant to change (a new extractor rule, a new table row): then rewrite it with
``.venv/bin/python -m tests.scale.test_same_triples --write`` and say why in the commit.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from kg.ingest import bundled_samples
from kg.scale import build_in_process
from kg.store.oxigraph import OxigraphStore

BEFORE = Path(__file__).parents[1] / "data" / "samples.before.nq.gz"


def sorted_export(directory: Path) -> bytes:
    """The samples built in process into a fresh store, exported as N-Quads with the lines sorted."""
    store = OxigraphStore(None)
    summary = build_in_process(bundled_samples(), store)
    assert summary.lists == 2 and not summary.errors
    out = directory / "samples.nq"
    store.export("nq", out)
    return b"".join(sorted(out.read_bytes().splitlines(keepends=True)))


def test_samples_build_the_same_nquads_as_before(tmp_path: Path) -> None:
    now = sorted_export(tmp_path)
    before = gzip.decompress(BEFORE.read_bytes())
    if now != before:
        gone = sorted(set(before.splitlines()) - set(now.splitlines()))[:5]
        new = sorted(set(now.splitlines()) - set(before.splitlines()))[:5]
        lines = [b"- " + line for line in gone] + [b"+ " + line for line in new]
        raise AssertionError("the build's triples changed:\n" + b"\n".join(lines).decode("utf-8"))


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        BEFORE.write_bytes(gzip.compress(sorted_export(Path(folder)), compresslevel=9, mtime=0))
    print(f"wrote {BEFORE}")

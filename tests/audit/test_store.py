"""Auditing a store is auditing its lists' files: the same extraction over the cell texts it keeps."""

from __future__ import annotations

import pytest

from extractors import extract
from kg.audit import audit, audit_store
from kg.audit.store import NoItemsError, corpus_from_store
from kg.ingest import bundled_samples, read_list
from kg.scale.stream import build_in_process
from kg.store.memory import MemoryStore

FILE_ONLY = {"row_repair", "junk_row"}
"""What ingest repaired is not in the graph (see kg/audit/store.py)."""


def _without_headers(finding: dict) -> dict:
    """A finding with column names blanked: a store keeps no file headers (责任事项内容)."""
    for part in ("locations", "related", "law"):
        for loc in finding["evidence"][part]:
            loc["column"] = None
    finding.pop("id")
    return finding


@pytest.fixture(scope="module")
def samples_store() -> MemoryStore:
    store = MemoryStore()
    build_in_process(bundled_samples(), store)
    return store


def test_store_and_files_give_the_same_findings(samples_store: MemoryStore) -> None:
    results = [read_list(path) for path in bundled_samples()]
    from_files = [f.to_dict() for f in audit(results, extract) if f.kind not in FILE_ONLY]
    from_store = [f.to_dict() for f in audit_store(samples_store)]
    assert len(from_store) >= 10
    key = lambda f: (f["kind"], f["message"])  # noqa: E731
    assert sorted(map(_without_headers, from_store), key=key) == sorted(
        map(_without_headers, from_files), key=key
    )


def test_corpus_from_store_reads_every_item_with_its_citations(samples_store: MemoryStore) -> None:
    results = [read_list(path) for path in bundled_samples()]
    corpus = corpus_from_store(samples_store, extract)
    assert len(corpus.items) == sum(len(r.items) for r in results)
    assert sum(1 for _ in corpus.occurrences()) > 50


def test_empty_store_is_an_error() -> None:
    with pytest.raises(NoItemsError, match="kg build"):
        audit_store(MemoryStore())
